"""Ack latency of /nudge under a steady 200 requests/s, against /health under the same load.

Real uvicorn on loopback serves Nudge's one web app (Bolt's Starlette handler at
/slack/events); a client process paces signed slash commands and measures each from its
intended send time (no coordinated omission). The web side only verifies, queues a job and
acks; the work after the ack (users.info, the database write, the response_url post) runs
in a real RQ worker process at the same time, against the fake Slack API.

    .venv/bin/python -m bench.slack_ack            # 3000 requests per phase (15 s each)
    .venv/bin/python -m bench.slack_ack --quick    # 200 per phase, for CI
    .venv/bin/python -m bench.slack_ack --rate 50  # another steady rate
    .venv/bin/python -m bench.slack_ack --burst 0  # no delivery burst in the background

A burst of reminders (10,000; 1,000 with --quick) falls due before the /nudge phase, and is
delivered by the same worker, through the real SlackSender and limiter to the fake Slack
API; the phase starts once the first of them has arrived, so the acks are measured while a
burst is being delivered. (Started before, the phase's commands would fill the chat queue,
which workers take first, and the burst would wait for them: an idle worker measured.) The
report says how much of the burst went out during the phase; none misses a goal.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from queue import Queue

import httpx
import uvicorn
from pydantic import SecretStr
from redis import Redis
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bench import raw_http
from bench.goals import Goals
from bot.main import build, slack_app
from bot.settings import Settings
from bot.slack.runner import slack_routes
from bot.web import build_web_app
from integrations.sql.migrate import upgrade
from jobs.embedded_redis import EmbeddedRedis
from jobs.worker import lower_priority, run_worker
from tests.servers import loopback_socket, serve_in_thread
from tests.servers import slack_signing as signing
from tests.servers.slack_api import BOT_TOKEN, FakeSlackApi

GOAL_P99_MS = 50.0
RATE = 200.0
# The worker runs at `nudge worker`'s niceness (NUDGE_WORKER_NICE, 10); --worker-nice 0
# shows the acks with the worker at the web process's priority.
WORKER_NICE = Settings.model_fields["worker_nice"].default
WORKERS_KEY = "rq:workers"
WARMUP = 20  # requests sent one at a time before each phase, not measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 requests per phase")
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--rate", type=float, default=RATE, help="requests per second")
    parser.add_argument("--worker-nice", type=int, default=WORKER_NICE,
                        help="the worker's niceness (default %(default)s)")
    parser.add_argument("--burst", type=int, default=None,
                        help="reminders due during the /nudge phase (default 10000; quick 1000)")
    args = parser.parse_args()
    count = args.count or (200 if args.quick else 3000)
    burst = args.burst if args.burst is not None else (1000 if args.quick else 10_000)
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(run(Path(tmp), Load(count, args.rate, args.worker_nice, burst)))


async def run(tmp: Path, load: Load) -> int:
    redis_url = os.environ.get("REDIS_URL")
    embedded = None if redis_url else EmbeddedRedis(tmp / "redis")
    # The fake Slack API, the load generator and the worker run in processes of their own:
    # threads here would share the GIL with the server under test and inflate every latency.
    with _process_pool(2) as pool:
        ready = get_context("spawn").Manager().Queue()
        pool.submit(_serve_fake_api, ready)
        api_url = ready.get(timeout=30)
        redis_url = redis_url or embedded.start()  # type: ignore[union-attr]
        try:
            return await _measure(tmp, api_url, redis_url, load, pool)
        finally:
            httpx.post(f"{api_url}/stop")
            if embedded:
                embedded.stop()


def _process_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


def _serve_fake_api(ready: Queue[str]) -> None:
    """The fake Slack API (users.info, response URLs) plus /count and /stop for the bench."""
    api = FakeSlackApi()
    api.add_user("U0ALICE01", "alice", tz="Europe/Berlin")
    stop = threading.Event()

    async def count(request: Request) -> JSONResponse:
        return JSONResponse({"responses": len(api.responses),
                             "posts": len(api.calls_to("chat.postMessage"))})

    async def halt(request: Request) -> JSONResponse:
        stop.set()
        return JSONResponse({})

    app = api.app()
    app.router.routes += [Route("/count", count), Route("/stop", halt, methods=["POST"])]
    with serve_in_thread(app) as url:
        api.base_url = url
        ready.put(url)
        stop.wait()


def _settings(tmp: Path, api_url: str, redis_url: str) -> Settings:
    return Settings(data_dir=tmp, database_url=f"sqlite:///{tmp}/nudge.db",
                    redis_url=redis_url, slack_bot_token=SecretStr(BOT_TOKEN),
                    slack_signing_secret=SecretStr(signing.SIGNING_SECRET),
                    slack_api_url=f"{api_url}/api/")


def _work(tmp: Path, api_url: str, redis_url: str, nice: int) -> None:
    """The RQ worker process: answers each queued command until SIGTERM (a warm stop)."""
    lower_priority(nice)
    logging.basicConfig(level=logging.WARNING)
    # RQ logs three INFO lines per job to stdout; they would bury the report.
    logging.getLogger("rq.worker").addFilter(lambda record: record.levelno >= logging.WARNING)
    settings = _settings(tmp, api_url, redis_url)
    # With RQ's scheduler, as `nudge worker` runs: it moves the burst's wake-up to the queue.
    run_worker(redis_url=redis_url, with_scheduler=True,
               services_factory=lambda: build(settings, redis_url=redis_url))


async def _measure(tmp: Path, api_url: str, redis_url: str, load: Load,
                   pool: ProcessPoolExecutor) -> int:
    settings = _settings(tmp, api_url, redis_url)
    await asyncio.to_thread(upgrade, settings.sqlalchemy_url)
    worker = get_context("spawn").Process(target=_work,
                                          args=(tmp, api_url, redis_url, load.worker_nice))
    worker.start()
    nudge = build(settings, redis_url=redis_url)
    await _worker_ready(nudge.redis)
    sock = loopback_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    web = build_web_app(slack_routes(slack_app(nudge), settings))
    server = uvicorn.Server(uvicorn.Config(web, lifespan="off",
                                           ws="none", log_level="warning", access_log=False))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        loop = asyncio.get_running_loop()
        cpu = time.process_time()
        health, _ = await loop.run_in_executor(pool, _client_process, url, load, "health",
                                               api_url)
        cpu_health = time.process_time() - cpu
        if load.burst:
            await asyncio.to_thread(_insert_burst, tmp / "nudge.db", load.burst)
            await nudge.reconcile()
            await _posted(api_url, until=1, timeout=BURST_DELAY + 10)
        started, cpu = time.perf_counter(), time.process_time()
        slash, posted_before = await loop.run_in_executor(pool, _client_process, url, load,
                                                          "command", api_url)
        cpu_slash = time.process_time() - cpu
        posted_in_phase = await _posted(api_url) - posted_before
        answered = await _answered(api_url, WARMUP + load.count,
                                   timeout=30 + load.count / 20) - WARMUP
        answering = time.perf_counter() - started
        posted = await _posted(api_url, until=load.burst, timeout=60 + load.burst / 100)
    finally:
        server.should_exit = True
        await serving
        await nudge.aclose()
        worker.terminate()
        await asyncio.to_thread(worker.join, 30)
    cpu_ms = (1000 * cpu_health / (load.count + WARMUP), 1000 * cpu_slash / (load.count + WARMUP))
    return _report(load, health, slash, answered, answering, (posted_in_phase, posted), cpu_ms)


BURST_DELAY = 1.0  # seconds from setting the burst up to its due instant


def _insert_burst(db: Path, count: int) -> None:
    """`count` one-shot reminders due BURST_DELAY from now, one per DM (`D...`): Slack's 1/s
    per channel then never holds the burst back."""
    import sqlite3

    from bench.common import bulk_insert

    bulk_insert(db, [time.time() + BURST_DELAY] * count, chats=count, platform="slack",
                workspace="T0BENCH")
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE chats SET chat_id = 'D' || chat_id WHERE workspace = 'T0BENCH'")


async def _posted(api_url: str, *, until: int = 0, timeout: float = 0.0) -> int:
    """The burst's messages the fake Slack API has taken (waiting for `until` of them)."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=api_url) as client:
        while True:
            posts = int((await client.get("/count")).json()["posts"])
            if posts >= until or time.monotonic() > deadline:
                return posts
            await asyncio.sleep(0.2)


async def _worker_ready(redis: Redis, timeout: float = 30.0) -> None:
    """Wait until the worker has registered, so that its start-up is not in the baseline."""
    deadline = time.monotonic() + timeout
    while not redis.scard(WORKERS_KEY):
        if time.monotonic() > deadline:
            raise SystemExit("the RQ worker did not start")
        await asyncio.sleep(0.05)


@dataclass(frozen=True)
class Load:
    count: int
    rate: float
    worker_nice: int = WORKER_NICE
    burst: int = 0  # reminders due during the /nudge phase


def _client_process(url: str, load: Load, kind: str, api_url: str) -> tuple[list[float], int]:
    """Send load.count requests at load.rate a second; ms latencies from each intended start,
    and how many burst messages the fake API had taken when the first was sent."""
    # A full collection with hundreds of requests in flight stalls this process for ~100 ms,
    # which would show as the server's latency; a few seconds without GC cost little memory.
    gc.disable()
    try:
        return asyncio.run(_paced(url, load, kind, api_url))
    finally:
        gc.enable()


def _request(url: str, kind: str, i: int, api_url: str) -> bytes:
    if kind == "health":
        return raw_http.prepare(url, "GET", "/health")
    body = signing.slash_command(f"remind me to stretch {i} in 1 hour", user="U0ALICE01",
                                 channel="D0ALICE01", response_url=f"{api_url}/response/r{i}")
    return raw_http.prepare(url, "POST", "/slack/events", body=body.encode(),
                            headers=signing.signed_headers(body))


async def _paced(url: str, load: Load, kind: str, api_url: str) -> tuple[list[float], int]:
    # A lean client (bench/raw_http.py): httpx would take as much CPU as the server it
    # measures, from the same cores, where Slack's side takes none of ours.
    client = raw_http.RawClient(url)
    try:
        for i in range(-WARMUP, 0):  # one-offs out of the figures: Bolt's auth.test, connects
            await client.send(_request(url, kind, i, api_url))
        # Built (and signed) beforehand, so that the client's own work is not in the figures.
        requests = [_request(url, kind, i, api_url) for i in range(load.count)]
        posted = await _posted(api_url)
        start = time.perf_counter() + 0.5  # every task created and waiting before the first

        async def one(i: int) -> float:
            due = start + i / load.rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            status = await client.send(requests[i])
            if status != 200:
                raise SystemExit(f"request {i} answered {status}")
            return (time.perf_counter() - due) * 1000

        return list(await asyncio.gather(*(one(i) for i in range(load.count)))), posted
    finally:
        await client.aclose()


async def _answered(api_url: str, count: int, timeout: float = 60.0) -> int:
    """How many commands got their answer through response_url (the work after the ack)."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=api_url) as client:
        while True:
            answered = int((await client.get("/count")).json()["responses"])
            if answered >= count or time.monotonic() > deadline:
                return answered
            await asyncio.sleep(0.05)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[98]


def _report(load: Load, health: list[float], slash: list[float], answered: int,
            answering: float, posted: tuple[int, int], cpu_ms: tuple[float, float]) -> int:
    h50, h99 = _percentiles(health)
    s50, s99 = _percentiles(slash)
    count = load.count
    goals = Goals()
    marks = [goals.check(f"ack p99 < {GOAL_P99_MS:.0f} ms", s99 < GOAL_P99_MS),
             goals.check("every command answered", answered == count),
             goals.check("the burst delivered", posted[1] >= load.burst),
             goals.check("the burst overlapped the phase", not load.burst or posted[0] > 0)]
    ok = all(mark == "PASS" for mark in marks)
    lines = [
        f"slack ack latency: {count} requests per phase at {load.rate:.0f}/s, loopback, uvicorn",
        f"  baseline GET /health          p50 {h50:6.2f} ms   p99 {h99:6.2f} ms"
        f"   web process CPU {cpu_ms[0]:.2f} ms a request",
        f"  POST /slack/events (/nudge)   p50 {s50:6.2f} ms   p99 {s99:6.2f} ms"
        f"   web process CPU {cpu_ms[1]:.2f} ms a request (p99 x{s99 / h99:.1f} of baseline)",
        f"  answered after the ack: {answered}/{count} via response_url, by one RQ worker "
        f"at nice {load.worker_nice} "
        f"(all within {answering:.1f} s of the first request: {answered / answering:.0f}/s)",
        f"  burst in the background: {load.burst} reminders, the phase started at the first "
        f"arrival, {posted[0]} delivered during it, {posted[1]} in all "
        "(real SlackSender + limiter, same worker)",
        f"  goal: p99 < {GOAL_P99_MS:.0f} ms -> {'PASS' if ok else 'FAIL'}",
    ]
    print("\n".join(lines))
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
