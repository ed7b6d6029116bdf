"""Platform limits on the production path: 1,000 reminders due at one instant in 20 Telegram
groups, sent by 2 `nudge worker` processes (the real TelegramSender and the shared Redis
limiter, PostgreSQL) to a fake Bot API that enforces 30/s per bot, 1/s per chat and 20/min
per group, answering 429 past them.

Goals: no 429 at all; at least 90% of the allowed rate; every reminder once. The allowed
rate is what the fake enforces for this very load: the fastest schedule its own limit check
(`FakeChatApi._over_limit`, sliding windows) accepts, each message sent the first instant
it would take it (1,000 in 20 groups: 20 at once per group spaced by the chats' 1/s, then
20 more a minute later: 7.74/s). The long-run rate (20 groups x 20 a minute = 6.67/s) is
printed beside it; a run this short beats it by using each group's first full window.
Baseline, in the same run: the same sends without the shared limiter (the bench's own
sender), counting the 429s it provokes.
`python -m bench.limits` runs the full counts (about 2.5 minutes: the groups' limit binds);
`--quick` the CI ones: 200 over 5 groups (40 each, so each group's window binds twice as in
the full run; about 90 s).
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import sys
import tempfile
import time
from pathlib import Path

from bench import production
from bench.burst import _wait_for
from bench.common import FakeChatApi, fetch_arrivals, serve_in_process, stop_workers
from bench.goals import Goals
from jobs.embedded_redis import EmbeddedRedis

GROUPS = 20
QUICK_GROUPS = 5


def long_run_rate(groups: int) -> float:
    """Messages a second the limits allow in the long run: 20/min per group, 1/s per chat,
    30/s per bot, whichever binds."""
    return min(30.0, groups * 1.0, groups * 20 / 60)


def allowed_rate(count: int, groups: int) -> float:
    """The rate of the fastest schedule the fake accepts for `count` messages due at once,
    round-robin over `groups` groups: each sent the first instant the fake's own check
    would take it, measured first to last arrival as the run is."""
    api = FakeChatApi(enforce_limits=True)
    pending = [(0.0, i, str(-(1000 + i % groups))) for i in range(count)]
    heapq.heapify(pending)
    sent = []
    while pending:
        at, i, chat = heapq.heappop(pending)
        wait = api._over_limit(chat, at)
        if wait:
            heapq.heappush(pending, (at + wait + 1e-6, i, chat))
        else:
            sent.append(at)
    return (count - 1) / (max(sent) - min(sent))


def run(count: int, groups: int, *, platform: str, timeout: float, postgres: str | None
        ) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nl-") as tmp_name, \
            EmbeddedRedis(Path(tmp_name) / "r") as url, \
            serve_in_process(enforce_limits=True) as api_url:
        tmp = Path(tmp_name)
        db = production.fresh_database(tmp, postgres)
        procs = production.start_workers(2, platform=platform, db=db, redis_url=url,
                                         api_url=api_url, tmp=tmp)
        base = float(int(time.time() + 3))
        production.insert(db, [base] * count, chats=groups, platform=platform, groups=True)
        production.reconcile(db, url)
        arrivals = _wait_for(api_url, count, timeout=timeout)
        _, refused = asyncio.run(fetch_arrivals(api_url))
        stop_workers(procs)
    times = sorted(at for _, _, at in arrivals)
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    return {"arrived": len(arrivals), "refused": refused, "rate": rate,
            "doubled": len(arrivals) - len({production.index_of(t) for _, t, _ in arrivals})}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts, for CI")
    args = parser.parse_args()
    count, groups = (200, QUICK_GROUPS) if args.quick else (1000, GROUPS)
    postgres = production.postgres_url()
    allowed, long_run = allowed_rate(count, groups), long_run_rate(groups)
    ours = run(count, groups, platform="telegram", timeout=count / long_run + 60,
               postgres=postgres)
    baseline = run(count, groups, platform="ceiling", timeout=8, postgres=postgres)
    goals = Goals()
    share = 100 * ours["rate"] / allowed
    once = ours["arrived"] == count and ours["doubled"] == 0
    print(f"limits: {count} reminders due at one instant in {groups} Telegram groups, 2 "
          f"`nudge worker` processes (real TelegramSender + shared limiter), "
          f"{'PostgreSQL' if postgres else 'SQLite'}, fake Bot API enforcing 30/s per bot, "
          "1/s per chat, 20/min per group")
    print(f"  shared Redis limiter: arrived {ours['arrived']}, doubled {ours['doubled']}, "
          f"429s {ours['refused']} (goal 0: {goals.check('no 429', ours['refused'] == 0)}), "
          f"{ours['rate']:.2f} msg/s = {share:.0f}% of the allowed {allowed:.2f}/s "
          f"(goal >= 90%: {goals.check('>= 90% of the allowed rate', share >= 90)}; "
          f"long-run {long_run:.2f}/s x{ours['rate'] / long_run:.2f}); "
          f"all once: {goals.check('every reminder arrives once', once)}")
    print(f"baseline (same sends, bench sender without the shared limiter, first 8 s): "
          f"429s {baseline['refused']}, arrived {baseline['arrived']}")
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
