"""Habits: `stats` over 5 years of daily check-ins, and a day's 10,000 habit prompts.

Goals: `stats` (numbers and the heat map PNG) answers with p99 under 150 ms; 10,000 habit
prompts due in one minute go out well within the grace window (NUDGE_GRACE_MINUTES, 10).
Baselines, in the same run: `list` with one plain reminder, and 10,000 plain reminders due
in the same minute. `python -m bench.habits` runs the full counts; `--quick` the CI ones.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall
from pathlib import Path

from bench.common import BotApiSender, bulk_insert, new_database, percentile, serve_in_process
from bench.goals import Goals
from bot.console.repl import console_actor
from bot.main import build
from bot.settings import Settings
from core.recurrence.codec import rule_to_dict
from core.recurrence.rules import Daily
from core.services.delivery import deliver_due
from core.services.dispatch import Dispatcher
from jobs.embedded_redis import EmbeddedRedis

YEARS = 5
GRACE = 600.0  # seconds: core.occurrences.GRACE_WINDOW


@dataclass
class FixedClock:
    current: datetime

    def now(self) -> datetime:
        return self.current


def _text(instant: datetime) -> str:  # the UtcDateTime storage form on SQLite
    return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


async def _timed(dispatcher: Dispatcher, text: str, runs: int) -> list[float]:
    actor = console_actor("UTC")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        reply = await dispatcher.handle(text, actor)
        timings.append(time.perf_counter() - started)
        assert not reply.is_error, reply.text
    return timings


async def _stats(db: Path, redis_url: str, runs: int) -> tuple[list[float], list[float], int]:
    now = datetime(2026, 3, 4, 12, tzinfo=UTC)
    nudge = build(Settings(database_url=f"sqlite:///{db}"), redis_url=redis_url, limits={})
    try:
        clock = FixedClock(now - timedelta(days=365 * YEARS))
        # One person asks `runs` times in a row: the bench times the answers, not the
        # per-person command rate (30 a minute), which would refuse most of them.
        quotas = replace(nudge.deps.quotas, commands_per_minute=10 * runs)
        dispatcher = Dispatcher(replace(nudge.deps, clock=clock, quotas=quotas))
        await dispatcher.handle("habit meditate every morning", console_actor("UTC"))
        await dispatcher.handle("remind me to call mom every day at 5pm", console_actor("UTC"))
        days = _check_in_every_day(db, clock.current.date(), now.date())
        clock.current = now
        stats = await _timed(dispatcher, "stats meditate", runs)
        listing = await _timed(dispatcher, "list reminders", runs)
        return stats, listing, days
    finally:
        await nudge.aclose()


def _check_in_every_day(db: Path, first: date, last: date) -> int:
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    with sqlite3.connect(db) as connection:
        connection.executemany(
            "INSERT INTO habit_checkins (schedule_id, day, at) VALUES (1, ?, ?)",
            [(d.isoformat(), f"{d.isoformat()} 07:30:00.000000") for d in days])
    connection.close()
    return len(days)


def _bulk_habits(db: Path, instants: list[float], chats: int) -> None:
    """Daily habit schedules due at `instants` (epoch seconds), like bench.common's reminders."""
    bulk_insert(db, [], chats=chats)  # the identity and the chats
    rule = json.dumps(rule_to_dict(Daily((wall(9, 0),))), separators=(",", ":"))
    start = _text(datetime.fromtimestamp(instants[0], UTC) - timedelta(days=1))
    with sqlite3.connect(db) as connection:
        connection.executemany(
            "INSERT INTO schedules (id, owner_id, chat_id, kind, number, payload, rule, zone, "
            "start, next_at, state, created_at) VALUES (?, 1, ?, 'habit', ?, ?, ?, 'UTC', ?, ?, "
            "'active', ?)",
            ((i + 1, 1 + i % chats, i + 1, json.dumps({"name": f"habit {i}"}), rule, start,
              _text(datetime.fromtimestamp(at, UTC)), start) for i, at in enumerate(instants)))
    connection.close()


async def _deliver(db: Path, redis_url: str, api_url: str, base: float) -> tuple[float, int]:
    nudge = build(Settings(database_url=f"sqlite:///{db}"), redis_url=redis_url, limits={})
    sender = BotApiSender(api_url)
    deps = replace(nudge.deps, sender=sender, clock=FixedClock(datetime.fromtimestamp(
        base + 60, UTC)))
    try:
        started = time.perf_counter()
        report = await deliver_due(deps)
        return time.perf_counter() - started, report.sent
    finally:
        await sender.aclose()
        await nudge.aclose()


def deliveries(count: int, api_url: str, *, habits: bool) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix="nh-") as tmp, EmbeddedRedis(Path(tmp) / "r") as url:
        db = new_database(Path(tmp))
        base = float(int(time.time()) // 60 * 60 + 9 * 3600)
        due = [base + i % 60 for i in range(count)]
        if habits:
            _bulk_habits(db, due, chats=1000)
        else:
            bulk_insert(db, due, chats=1000)
        return asyncio.run(_deliver(db, url, api_url, base))


def stats(runs: int) -> tuple[list[float], list[float], int]:
    with tempfile.TemporaryDirectory(prefix="nh-") as tmp, EmbeddedRedis(Path(tmp) / "r") as url:
        return asyncio.run(_stats(new_database(Path(tmp)), url, runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    args = parser.parse_args()
    runs, count = (30, 1000) if args.quick else (200, 10_000)
    goals = Goals()
    stat_times, list_times, days = stats(runs)
    p99 = percentile(stat_times, 0.99) * 1000
    print(f"habits: `stats` over {days} daily check-ins ({YEARS} years), {runs} runs, SQLite")
    print(f"  stats: p50 {percentile(stat_times, 0.5) * 1000:.1f} ms, p99 {p99:.1f} ms "
          f"(goal < 150 ms: {goals.check('stats p99 < 150 ms', p99 < 150)})")
    with serve_in_process() as api_url:
        habit_time, habit_sent = deliveries(count, api_url, habits=True)
        plain_time, plain_sent = deliveries(count, api_url, habits=False)
    in_time = habit_sent == count and habit_time + 60 < GRACE
    print(f"  {count} habit prompts due in one minute: {habit_sent} sent in {habit_time:.2f} s "
          f"(the last one at most {habit_time + 60:.0f} s after its instant; grace "
          f"{GRACE:.0f} s: {goals.check('habit prompts all within the grace window', in_time)})")
    print(f"baseline: `list reminders` p50 {percentile(list_times, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(list_times, 0.99) * 1000:.1f} ms; {count} plain reminders: "
          f"{plain_sent} sent in {plain_time:.2f} s")
    print(f"ratio: stats p99 {percentile(stat_times, 0.99) / percentile(list_times, 0.99):.1f}x "
          f"list's; habit prompts {habit_time / plain_time:.2f}x plain reminders' time")
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
