"""What a Python team would otherwise pick, sending the same burst to the same fake platform.

- APScheduler 3 (what python-telegram-bot's JobQueue runs on): AsyncIOScheduler with its
  SQLAlchemyJobStore on the same PostgreSQL (SQLite when none answers), one `date` job per
  send, an async job function posting with aiohttp; one scheduler process, as its docs
  require for a persistent store. misfire_grace_time is raised to an hour so that a late job
  still runs (its default of 1 s would drop most of the burst instead of sending it late).
- Celery 5 with a Redis broker: one task per send with `eta` (how a Celery user schedules a
  one-off send; beat is for periodic tasks), 2 worker processes, prefork pool of 8 each.

Bench-only: `pip install 'apscheduler<4' celery psycopg2-binary` (not in any extra); a
baseline that is not installed is reported as not run. Each is timed like ours: lateness
from the due instant to the platform's arrival, deliveries/s from the due instant to the
last arrival.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bench.common import (
    TOKEN,
    arrived_count,
    fetch_arrivals,
    percentile,
    serve_in_process,
    stop_workers,
)
from bench.production import logged
from jobs.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[1]
NAMES: Final = {"apscheduler": "APScheduler 3 + SQLAlchemyJobStore",
                "celery": "Celery 5 eta tasks, Redis broker"}
CELERY_WORKERS: Final = 2
CELERY_CONCURRENCY: Final = 8


class Unavailable(Exception):
    """The baseline's package is not installed."""


def run(name: str, count: int, *, latency: float, postgres: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nbl-") as tmp_name, \
            serve_in_process(latency=latency) as api_url:
        tmp = Path(tmp_name)
        started = _apscheduler(count, api_url, postgres, tmp) if name == "apscheduler" \
            else _celery(count, api_url, tmp)
        try:
            time.sleep(max(0.0, started.due - time.time()))
            arrivals = _wait(api_url, count, timeout=max(60.0, count / 20))
        finally:
            started.stop()
    due = started.due
    late = [at - due for _, _, at in arrivals]
    times = sorted(at for _, _, at in arrivals)
    return {"arrived": len(arrivals), "p50": percentile(late, 0.5),
            "p99": percentile(late, 0.99),
            "rate": len(times) / (times[-1] - due) if times else 0.0,
            "doubled": len(arrivals) - len({text for _, text, _ in arrivals})}


@dataclass
class Started:
    """A baseline's processes and the instant its sends are due."""

    due: float
    procs: list[subprocess.Popen[bytes]]
    after: Callable[[], None] = lambda: None  # what to stop once the processes are

    def stop(self) -> None:
        stop_workers(self.procs)
        self.after()


def _wait(api_url: str, count: int, *, timeout: float) -> list[tuple[str, str, float]]:
    deadline = time.monotonic() + timeout
    last, still = -1, time.monotonic()
    while True:
        arrived = asyncio.run(arrived_count(api_url))  # the count, as bench.burst polls it
        if arrived != last:
            last, still = arrived, time.monotonic()
        # Done, out of time, or nothing new for 20 s (a baseline that dropped sends).
        if arrived >= count or time.monotonic() > deadline or time.monotonic() - still > 20:
            return asyncio.run(fetch_arrivals(api_url))[0]
        time.sleep(0.25)


def _module_available(name: str) -> None:
    probe = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True,
                           check=False)
    if probe.returncode:
        raise Unavailable(f"`pip install {name}` to compare ({name} is a bench-only baseline)")


# -- APScheduler ----------------------------------------------------------------------------


def _apscheduler(count: int, api_url: str, postgres: str | None, tmp: Path) -> Started:
    _module_available("apscheduler")
    if postgres is not None:
        _module_available("psycopg2")
        url = postgres.replace("postgresql://", "postgresql+psycopg2://", 1)
        from bench.production import _execute

        asyncio.run(_execute(postgres, "DROP TABLE IF EXISTS apscheduler_jobs"))
    else:
        url = f"sqlite:///{tmp / 'aps.db'}"
    # Adding each job is a committed INSERT: leave it time to add them all before the instant.
    due = float(int(time.time() + 5 + count * 0.004))
    proc = logged([sys.executable, "-m", "bench.baselines", "apscheduler", url, api_url,
                   str(count), str(due)], tmp / "aps.log")
    return Started(due, [proc])


async def aps_send(api_url: str, chat_id: str, text: str) -> None:
    """The APScheduler job: one sendMessage (a module-level coroutine, as its store needs)."""
    import aiohttp

    global _session
    if _session is None:
        _session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))
    async with _session.post(f"{api_url}/bot{TOKEN}/sendMessage",
                             json={"chat_id": chat_id, "text": text}) as response:
        await response.read()


_session = None


def _aps_main(url: str, api_url: str, count: int, due: float) -> None:
    from datetime import UTC, datetime

    from apscheduler.executors.asyncio import AsyncIOExecutor
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    async def main() -> None:
        scheduler = AsyncIOScheduler(
            jobstores={"default": SQLAlchemyJobStore(url=url)},
            executors={"default": AsyncIOExecutor()},
            job_defaults={"coalesce": False, "max_instances": 1, "misfire_grace_time": 3600},
            timezone="UTC")
        scheduler.start(paused=True)
        when = datetime.fromtimestamp(due, UTC)
        for i in range(count):
            scheduler.add_job("bench.baselines:aps_send", "date", run_date=when,
                              args=[api_url, str(1000 + i), f"⏰ task {i}"], id=f"send-{i}")
        scheduler.resume()
        await asyncio.Event().wait()

    asyncio.run(main())


# -- Celery ---------------------------------------------------------------------------------


def _celery(count: int, api_url: str, tmp: Path) -> Started:
    _module_available("celery")
    redis = EmbeddedRedis(tmp / "r")
    url = redis.start()
    # Celery (kombu) names a Redis unix socket redis+socket://.
    broker = url.replace("unix://", "redis+socket://", 1) if url.startswith("unix://") else url
    env = {**os.environ, "BENCH_CELERY_BROKER": broker, "BENCH_API_URL": api_url}
    workers = [logged([sys.executable, "-m", "celery", "-A", "bench.baselines", "worker", "-c",
                       str(CELERY_CONCURRENCY), "-n", f"w{i}@bench", "--loglevel", "WARNING"],
                      tmp / f"celery{i}.log", env=env)
               for i in range(CELERY_WORKERS)]
    started = Started(0.0, workers, redis.stop)
    try:
        time.sleep(5)  # the workers connect before the sends are queued
        started.due = float(int(time.time() + 3 + count * 0.0005))
        subprocess.run([sys.executable, "-m", "bench.baselines", "celery", broker, api_url,
                        str(count), str(started.due)], cwd=ROOT, env=env, check=True)
    except BaseException:
        started.stop()
        raise
    return started


def _celery_app():  # type: ignore[no-untyped-def]
    from celery import Celery

    app = Celery("bench", broker=os.environ.get("BENCH_CELERY_BROKER", "redis://"))
    app.conf.update(task_ignore_result=True, worker_hijack_root_logger=False,
                    broker_connection_retry_on_startup=True)
    return app


if os.environ.get("BENCH_CELERY_BROKER"):
    app = _celery_app()

    @app.task(name="bench.send")  # type: ignore[misc]
    def celery_send(chat_id: str, text: str) -> None:
        """The Celery task: one sendMessage on a kept-alive connection per pool process."""
        import http.client
        from urllib.parse import urlsplit

        global _client
        parts = urlsplit(os.environ["BENCH_API_URL"])
        if _client is None:
            _client = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port,
                                                 timeout=10)
        _client.request("POST", f"/bot{TOKEN}/sendMessage",
                        json.dumps({"chat_id": chat_id, "text": text}),
                        {"Content-Type": "application/json"})
        _client.getresponse().read()

_client = None


def _celery_enqueue(count: int, due: float) -> None:
    from datetime import UTC, datetime

    when = datetime.fromtimestamp(due, UTC)
    for i in range(count):
        celery_send.apply_async(args=(str(1000 + i), f"⏰ task {i}"), eta=when)


if __name__ == "__main__":
    which, target, api, number, instant = sys.argv[1:6]
    if which == "apscheduler":
        _aps_main(target, api, int(number), float(instant))
    else:
        _celery_enqueue(int(number), float(instant))
