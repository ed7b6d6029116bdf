"""Scale: 1,000,000 scheduled reminders, most of them weeks ahead.

Goals: Redis holds only what is due soon (memory reported); start-up and a reconciler pass
under 5 s; the cost of a due minute independent of how many are scheduled later. Baseline,
in the same run: the same due minute in an installation with only 1,000 scheduled.
`python -m bench.scale` runs the full counts; `--quick` the CI ones (100,000).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from redis import Redis

from bench.common import BotApiSender, bulk_insert, new_database, serve_in_process
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100,000 instead of 1,000,000")
    args = parser.parse_args()
    total = 100_000 if args.quick else 1_000_000
    with serve_in_process() as api_url:
        big = measure(total, api_url)
        small = measure(DUE, api_url)
    print(f"scale: {total} scheduled ({DUE} due in one minute, the rest 2-6 weeks ahead), "
          "SQLite, fake chat API on loopback")
    print(f"  bulk insert {big['insert']:.1f} s; start-up (build + reconcile) "
          f"{big['startup']:.2f} s, a reconciler pass {big['reconcile']:.2f} s (goals < 5 s)")
    print(f"  Redis after the reconciler: {big['redis_keys']:.0f} keys, "
          f"{big['redis_bytes'] / 1024:.0f} KiB over an empty server (only the due minute)")
    print(f"  the due minute: {big['sent']:.0f} sent in {big['minute']:.2f} s with {total} "
          f"scheduled")
    print(f"baseline (same due minute, {DUE} scheduled in all): {small['sent']:.0f} sent in "
          f"{small['minute']:.2f} s; start-up {small['startup']:.2f} s; Redis "
          f"{small['redis_keys']:.0f} keys")
    print(f"ratio: due minute {big['minute'] / small['minute']:.2f}x the baseline's time at "
          f"{total // DUE}x the schedules")


if __name__ == "__main__":
    main()
