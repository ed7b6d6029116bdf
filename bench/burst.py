"""Burst: 10,000 reminders due in the same minute, to a fake chat API on loopback, through the
real shared rate limiter (Slack's table: 1 a second per chat, nothing bot-wide).

Goals: p99 lateness under 1 s; at least 2,000 deliveries a second on 2 cores; every reminder
arrives once. Baseline, in the same run: one plain RQ job per reminder on RQ's default
(forking) Worker. `python -m bench.burst` runs the full counts; `--quick` the small ones CI
runs; `--limiter none` the ceiling without the limiter.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from redis import Redis
from rq import Queue

from bench.common import (
    TOKEN,
    bulk_insert,
    fetch_arrivals,
    new_database,
    percentile,
    serve_in_process,
)
from bench.goals import Goals
from jobs.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[1]
LEAD = 6.0  # seconds between setting up and the first due second


LIMITERS = {"slack": "real limiter, Slack's table (1/s per chat)", "none": "no limiter"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts, for CI")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--limiter", choices=list(LIMITERS), default="slack")
    args = parser.parse_args()
    count = 1000 if args.quick else 10_000
    spread = 10 if args.quick else 60
    baseline_count = 200 if args.quick else 1000
    minute = scenario(count, spread=spread, workers=args.workers, limiter=args.limiter)
    drain = scenario(count, spread=1, workers=args.workers, limiter=args.limiter)
    baseline = plain_rq_baseline(baseline_count)
    print(f"burst: {count} reminders in {count} chats, {args.workers} worker process(es), "
          f"2 cores, SQLite, fake chat API (aiohttp) in its own process on loopback, "
          f"{LIMITERS[args.limiter]}")
    return report(count, spread, minute, drain, baseline, baseline_count)


def scenario(count: int, *, spread: int, workers: int, limiter: str = "slack"
             ) -> dict[str, float]:
    """`count` reminders over `spread` seconds; lateness of each arrival, rate, windows."""
    with tempfile.TemporaryDirectory(prefix="nb-") as tmp, EmbeddedRedis(Path(tmp) / "r") as url, \
            serve_in_process() as api_url:
        db = new_database(Path(tmp))
        windows = Path(tmp) / "windows.txt"
        procs = [_worker(db, url, api_url, windows, limiter) for _ in range(workers)]
        base = float(int(time.time() + LEAD))
        instants = [base + i % spread for i in range(count)]
        bulk_insert(db, instants, chats=count)
        _reconcile(db, url)
        arrivals = _wait_for(api_url, count, timeout=spread + 120)
        stop_workers(procs)
        late = [at - instants[int(text.rsplit(" ", 1)[1])] for _, text, at in arrivals]
        times = sorted(at for _, _, at in arrivals)
        # From the first due second to the last arrival: claim, send and commit all count.
        rate = len(times) / (times[-1] - base) if times else 0.0
        window = [float(x) for x in windows.read_text().split()] if windows.exists() else []
        return {"arrived": len(arrivals), "p50": percentile(late, 0.5),
                "p99": percentile(late, 0.99), "rate": rate,
                "w50": percentile(window, 0.5) * 1000, "w99": percentile(window, 0.99) * 1000,
                "doubled": len(arrivals) - len({t for _, t, _ in arrivals})}


def _worker(db: Path, redis_url: str, api_url: str, windows: Path,
            limiter: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "REDIS_URL": redis_url,
           "CHAT_API_URL": api_url, "BENCH_WINDOWS": str(windows), "NUDGE_LOG_LEVEL": "WARNING",
           "BENCH_LIMITS": limiter}
    return subprocess.Popen([sys.executable, "-m", "bench.worker"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_workers(procs: list[subprocess.Popen[bytes]], *, grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL past `grace`: the figures are in; a slow stop must not lose them."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            print(f"  (worker {proc.pid} still running {grace:.0f} s after SIGTERM: killed)")
            proc.kill()
            proc.wait()


def _reconcile(db: Path, redis_url: str) -> int:
    from bot.main import build
    from bot.settings import Settings

    async def go() -> int:
        nudge = build(Settings(database_url=f"sqlite:///{db}"), redis_url=redis_url, limits={})
        try:
            return await nudge.reconcile()
        finally:
            await nudge.aclose()

    return asyncio.run(go())


def _wait_for(api_url: str, count: int, *, timeout: float) -> list[tuple[str, str, float]]:
    deadline = time.monotonic() + timeout
    while True:
        arrivals, _ = asyncio.run(fetch_arrivals(api_url))
        if len(arrivals) >= count or time.monotonic() > deadline:
            return arrivals
        time.sleep(0.5)


# -- the baseline: a plain RQ job per reminder, RQ's default forking Worker ---------------


def plain_delivery(schedule_id: int, db: str, api_url: str) -> None:
    """What one delivery costs as its own job: claim, send, complete, each connection anew."""
    connection = sqlite3.connect(db, timeout=30, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    won = connection.execute(
        "INSERT INTO deliveries (schedule_id, instant, state, claimed_at) "
        "SELECT id, next_at, 'claimed', datetime('now') FROM schedules WHERE id = ? "
        "ON CONFLICT DO NOTHING", (schedule_id,)).rowcount
    payload, chat = connection.execute(
        "SELECT payload, chats.chat_id FROM schedules JOIN chats ON chats.id = schedules.chat_id "
        "WHERE schedules.id = ?", (schedule_id,)).fetchone()
    what = json.loads(payload)["text"]
    connection.execute("COMMIT")
    if not won:
        return
    parts = urlsplit(api_url)
    client = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    client.request("POST", f"/bot{TOKEN}/sendMessage",
                   json.dumps({"chat_id": chat, "text": f"⏰ {what}"}),
                   {"Content-Type": "application/json"})
    client.getresponse().read()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE deliveries SET state = 'sent', sent_at = datetime('now') "
                       "WHERE schedule_id = ?", (schedule_id,))
    connection.execute("UPDATE schedules SET state = 'done', next_at = NULL WHERE id = ?",
                       (schedule_id,))
    connection.execute("COMMIT")
    connection.close()


def plain_rq_baseline(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nb-") as tmp, EmbeddedRedis(Path(tmp) / "r") as url, \
            serve_in_process() as api_url:
        db = new_database(Path(tmp))
        bulk_insert(db, [time.time()] * count, chats=count)
        with Redis.from_url(url) as redis:
            queue = Queue("baseline", connection=redis)
            for i in range(count):
                queue.enqueue("bench.burst.plain_delivery", i + 1, str(db), api_url)
        due = time.time()
        # bench.burst is imported before the fork, so a job does not pay for importing it.
        code = ("import bench.burst; from redis import Redis; from rq import Worker; "
                f"Worker(['baseline'], connection=Redis.from_url({url!r})).work(burst=True)")
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        arrivals = _wait_for(api_url, count, timeout=10)
    times = sorted(at for _, _, at in arrivals)
    late = [at - due for at in times]
    return {"arrived": len(arrivals), "rate": len(times) / (times[-1] - due),
            "p99": percentile(late, 0.99)}


def report(count: int, spread: int, minute: dict[str, float], drain: dict[str, float],
           baseline: dict[str, float], baseline_count: int) -> int:
    goals = Goals()
    whole = goals.check("every reminder arrives once", all(
        s["arrived"] == count and s["doubled"] == 0 for s in (minute, drain)))
    print(f"  due over {spread} s: arrived {minute['arrived']:.0f}, doubled "
          f"{minute['doubled']:.0f}, lateness p50 {minute['p50']:.3f} s, "
          f"p99 {minute['p99']:.3f} s (goal < 1 s: "
          f"{goals.check('p99 lateness < 1 s', minute['p99'] < 1.0)})")
    print(f"  due in one second: arrived {drain['arrived']:.0f}, doubled {drain['doubled']:.0f}, "
          f"{drain['rate']:.0f} deliveries/s (goal >= 2000: "
          f"{goals.check('>= 2000 deliveries/s', drain['rate'] >= 2000)}), "
          f"lateness p99 {drain['p99']:.2f} s; all once: {whole}")
    print(f"  accept-to-commit window: p50 {minute['w50']:.1f} ms, p99 {minute['w99']:.1f} ms "
          f"(due over {spread} s); p50 {drain['w50']:.1f} ms, p99 {drain['w99']:.1f} ms "
          "(one second)")
    projected = count / baseline["rate"]
    print(f"baseline (plain RQ job per reminder, RQ default forking Worker, {baseline_count} "
          f"jobs): {baseline['rate']:.0f} deliveries/s, {count} would take {projected:.0f} s")
    print(f"ratio: {drain['rate'] / baseline['rate']:.1f}x the baseline's deliveries/s")
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
