"""Scale: 1,000,000 scheduled reminders, most of them weeks ahead.

Goals: Redis holds only what is due soon (no more keys than the baseline's); start-up and a
reconciler pass under 5 s; the due minute all sent, in at most 2x the baseline's time however
many are scheduled later. Baseline,
in the same run: the same due minute in an installation with only 1,000 scheduled.
`python -m bench.scale` runs the full counts; `--quick` the CI ones (100,000).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from redis import Redis

from bench.common import BotApiSender, bulk_insert, new_database, serve_in_process
from bench.goals import Goals
from bot.main import build
from bot.settings import Settings
from core.services.delivery import deliver_due
from jobs.embedded_redis import EmbeddedRedis

DUE = 1000  # reminders in the due minute
WEEK = 7 * 24 * 3600


@dataclass
class FixedClock:
    current: datetime

    def now(self) -> datetime:
        return self.current


def measure(total: int, api_url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="ns-") as tmp, EmbeddedRedis(Path(tmp) / "r") as url:
        db = new_database(Path(tmp))
        base = float(int(time.time()) + 30)
        rng = random.Random(7)
        later = [base + rng.uniform(2 * WEEK, 6 * WEEK) for _ in range(total - DUE)]
        due = [base + i % 60 for i in range(DUE)]  # one minute's worth
        started = time.perf_counter()
        bulk_insert(db, due + later, chats=1000)
        inserted = time.perf_counter() - started
        with Redis.from_url(url) as client:
            empty = client.info("memory")["used_memory"]
        figures = asyncio.run(_run(db, url, api_url, base))
        with Redis.from_url(url) as client:
            figures["redis_bytes"] = client.info("memory")["used_memory"] - empty
            figures["redis_keys"] = client.dbsize()
        figures["insert"] = inserted
        return figures


async def _run(db: Path, redis_url: str, api_url: str, base: float) -> dict[str, float]:
    settings = Settings(database_url=f"sqlite:///{db}")
    started = time.perf_counter()
    nudge = build(settings, redis_url=redis_url, limits={})
    await nudge.reconcile()
    startup = time.perf_counter() - started
    started = time.perf_counter()
    await nudge.reconcile()
    second_pass = time.perf_counter() - started
    sender = BotApiSender(api_url)
    clock = FixedClock(datetime.fromtimestamp(base + 60, UTC))  # the minute has come
    deps = replace(nudge.deps, sender=sender, clock=clock)
    started = time.perf_counter()
    report = await deliver_due(deps)
    minute = time.perf_counter() - started
    await sender.aclose()
    await nudge.aclose()
    return {"startup": startup, "reconcile": second_pass, "minute": minute, "sent": report.sent}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100,000 instead of 1,000,000")
    args = parser.parse_args()
    total = 100_000 if args.quick else 1_000_000
    with serve_in_process() as api_url:
        big = measure(total, api_url)
        small = measure(DUE, api_url)
    goals = Goals()
    fast_start = big["startup"] < 5 and big["reconcile"] < 5
    lean = big["redis_keys"] <= small["redis_keys"]
    ratio = big["minute"] / small["minute"]
    lean_mark = goals.check("Redis holds only the due minute", lean)
    sent_mark = goals.check("the due minute all sent", big["sent"] == DUE)
    print(f"scale: {total} scheduled ({DUE} due in one minute, the rest 2-6 weeks ahead), "
          "SQLite, fake chat API on loopback")
    print(f"  bulk insert {big['insert']:.1f} s; start-up (build + reconcile) "
          f"{big['startup']:.2f} s, a reconciler pass {big['reconcile']:.2f} s (goals < 5 s: "
          f"{goals.check('start-up and reconcile < 5 s', fast_start)})")
    print(f"  Redis after the reconciler: {big['redis_keys']:.0f} keys, "
          f"{big['redis_bytes'] / 1024:.0f} KiB over an empty server (goal: only the due "
          f"minute, no more keys than the baseline: {lean_mark})")
    print(f"  the due minute: {big['sent']:.0f} sent in {big['minute']:.2f} s with {total} "
          f"scheduled (goal all {DUE}: {sent_mark})")
    print(f"baseline (same due minute, {DUE} scheduled in all): {small['sent']:.0f} sent in "
          f"{small['minute']:.2f} s; start-up {small['startup']:.2f} s; Redis "
          f"{small['redis_keys']:.0f} keys")
    print(f"ratio: due minute {ratio:.2f}x the baseline's time at {total // DUE}x the schedules "
          f"(goal <= 2x: {goals.check('due minute <= 2x the baseline', ratio <= 2)})")
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
