"""Platform limits: 3,000 reminders for one Telegram bot across 300 chats, against a fake Bot
API that enforces 30/s per bot, 1/s per chat, 20/min per group and answers 429 past them.

Goals: no 429 at all, at least 90% of the allowed rate (30/s), every reminder once. Baseline,
in the same run: the same kind of burst sent without the shared limiter, counting the 429s it
provokes. `python -m bench.limits` runs the full counts (about 2 minutes); `--quick` the CI
ones: 300 over 100 chats, so the bot's limit binds as in the full run (over 30 chats the
chats' own 1/s would cap the rate at 85% of the bot's).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.burst import _reconcile, _wait_for, stop_workers
from bench.common import bulk_insert, fetch_arrivals, new_database, serve_in_process
from bench.goals import Goals
from jobs.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = 30.0  # messages a second per bot


def run(
    count: int, chats: int, *, limited: bool, workers: int, timeout: float
) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nl-") as tmp, EmbeddedRedis(Path(tmp) / "r") as url, \
            serve_in_process(enforce_limits=True) as api_url:
        db = new_database(Path(tmp))
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "REDIS_URL": url,
               "CHAT_API_URL": api_url, "BENCH_WINDOWS": str(Path(tmp) / "w"),
               "BENCH_LIMITS": "1" if limited else "0"}
        procs = [subprocess.Popen([sys.executable, "-m", "bench.worker"], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for _ in range(workers)]
        base = float(int(time.time() + 5))
        bulk_insert(db, [base] * count, chats=chats)
        _reconcile(db, url)
        arrivals = _wait_for(api_url, count, timeout=timeout)
        _, refused = asyncio.run(fetch_arrivals(api_url))
        stop_workers(procs)
    times = sorted(at for _, _, at in arrivals)
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    return {"arrived": len(arrivals), "refused": refused, "rate": rate,
            "doubled": len(arrivals) - len({t for _, t, _ in arrivals})}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts, for CI")
    args = parser.parse_args()
    count, chats = (300, 100) if args.quick else (3000, 300)
    ours = run(count, chats, limited=True, workers=2, timeout=count / 25 + 60)
    baseline = run(300, 30, limited=False, workers=1, timeout=8)
    goals = Goals()
    share = 100 * ours["rate"] / ALLOWED
    once = ours["arrived"] == count and ours["doubled"] == 0
    print(f"limits: {count} reminders, one Telegram bot, {chats} chats, 2 worker processes, "
          "fake Bot API enforcing 30/s per bot, 1/s per chat, 20/min per group")
    print(f"  shared Redis limiter: arrived {ours['arrived']}, doubled {ours['doubled']}, "
          f"429s {ours['refused']} (goal 0: {goals.check('no 429', ours['refused'] == 0)}), "
          f"{ours['rate']:.1f} msg/s = {share:.0f}% of the allowed 30/s "
          f"(goal >= 90%: {goals.check('>= 90% of the allowed rate', share >= 90)}); "
          f"all once: {goals.check('every reminder arrives once', once)}")
    print(f"baseline (same sends, no shared limiter, 300 reminders over 30 chats, first 8 s): "
          f"429s {baseline['refused']}, arrived {baseline['arrived']}")
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
