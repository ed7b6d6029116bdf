"""The production path for the delivery benchmarks: `nudge worker` processes with the real
limiter and the real Slack or Telegram sender, PostgreSQL and a real Redis.

A benchmark installation here is what a team runs: the workers are `nudge worker` (built by
bot.main.build, RateLimitedSender over SlackSender / TelegramSender with DEFAULT_LIMITS),
pointed at the loopback fake platform (bench.common.FakeChatApi, with a per-call latency) by
SLACK_API_URL / TELEGRAM_API_URL. The database is PostgreSQL (NUDGE_BENCH_POSTGRES_URL, else
the machine's postgresql://postgres@127.0.0.1:5432/nudge_bench), emptied and migrated for each
scenario; SQLite only when no PostgreSQL answers, and then the output says so. The bench's
own sender (bench.worker, BotApiSender, no limiter) is kept as the labelled "ceiling".
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from bench.common import TOKEN

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES: Final = "postgresql://postgres@127.0.0.1:5432/nudge_bench"
SLACK_TOKEN: Final = "xoxb-bench-token"
WORKSPACE: Final = "T0BENCH"
PLATFORMS: Final = {
    "slack": "real SlackSender + limiter (Slack's table)",
    "telegram": "real TelegramSender + limiter (Telegram's table)",
    "ceiling": "CEILING: the bench's own aiohttp sender, no limiter (no deployment runs this)",
}
_INDEX = re.compile(r"task (\d+)")


def postgres_url() -> str | None:
    """The PostgreSQL the benchmarks use, or None when it does not answer."""
    url = os.environ.get("NUDGE_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    try:
        asyncio.run(_execute(url, "SELECT 1"))
    except Exception:
        if os.environ.get("NUDGE_BENCH_POSTGRES_URL"):
            raise
        return None
    return url


async def _execute(url: str, *statements: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(_plain(url), timeout=5)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


def _plain(url: str) -> str:
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)


@dataclass(frozen=True)
class Database:
    url: str  # what DATABASE_URL is set to


def fresh_database(tmp: Path, postgres: str | None) -> Database:
    """An empty, migrated database: PostgreSQL's public schema dropped and re-made, or a
    new SQLite file."""
    from integrations.sql.migrate import upgrade

    if postgres is None:
        url = f"sqlite:///{tmp / 'nudge.db'}"
    else:
        asyncio.run(_execute(postgres, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public"))
        url = postgres
    upgrade(url)
    return Database(url)


def insert(db: Database, instants: list[float], *, chats: int, platform: str,
           groups: bool = False) -> None:
    """One-shot reminders "task i" at `instants`, over `chats` chats of `platform` (Telegram
    groups, with negative ids, when `groups`)."""
    from bench.common import bulk_insert

    platform = "telegram" if platform == "ceiling" else platform
    if not db.url.startswith("postgres"):
        first = -(1000 + chats) if groups else 1000
        bulk_insert(Path(db.url.removeprefix("sqlite:///")), instants, chats=chats,
                    platform=platform, workspace=WORKSPACE, first_chat=first)
        return
    asyncio.run(_insert_pg(db.url, instants, chats=chats, platform=platform, groups=groups))


def chat_id(platform: str, index: int, *, groups: bool = False) -> str:
    if groups:
        return str(-(1000 + index))
    return f"C{1000 + index}" if platform == "slack" else str(1000 + index)


async def _insert_pg(url: str, instants: list[float], *, chats: int, platform: str,
                     groups: bool = False) -> None:
    import asyncpg

    from core.recurrence.codec import rule_to_dict
    from core.recurrence.rules import Once

    connection = await asyncpg.connect(_plain(url))
    try:
        await connection.execute("INSERT INTO identities (platform, workspace, user_id) "
                                 "VALUES ($1, $2, '1')", platform, WORKSPACE)
        await connection.copy_records_to_table(
            "chats", columns=["id", "platform", "workspace", "chat_id"],
            records=[(c + 1, platform, WORKSPACE, chat_id(platform, c, groups=groups))
                     for c in range(chats)])
        records = []
        for i, at in enumerate(instants):
            when = datetime.fromtimestamp(at, UTC)
            rule = json.dumps(rule_to_dict(Once(when)), separators=(",", ":"))
            records.append((i + 1, 1, 1 + i % chats, "reminder", i + 1,
                            json.dumps({"text": f"task {i}", "target": "me"}), rule, "UTC",
                            when, when, "active"))
        await connection.copy_records_to_table(
            "schedules", records=records,
            columns=["id", "owner_id", "chat_id", "kind", "number", "payload", "rule", "zone",
                     "start", "next_at", "state"])
        for table in ("chats", "schedules"):
            await connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))")
    finally:
        await connection.close()


def start_workers(count: int, *, platform: str, db: Database, redis_url: str, api_url: str,
                  tmp: Path) -> list[subprocess.Popen[bytes]]:
    """`count` worker processes: `nudge worker` on the production path, bench.worker for the
    ceiling. Returns once each has registered with RQ (its start-up is not in the figures)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "TELEGRAM_", "NUDGE_"))}
    env.update({"DATABASE_URL": db.url, "REDIS_URL": redis_url, "NUDGE_LOG_LEVEL": "WARNING",
                "NUDGE_DATA_DIR": str(tmp / "data"), "CHAT_API_URL": api_url,
                "BENCH_WINDOWS": str(tmp / "windows.txt"), "BENCH_LIMITS": "none"})
    if platform == "slack":
        env.update({"SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_API_URL": f"{api_url}/api/"})
    elif platform == "telegram":
        env.update({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": f"{api_url}/bot"})
    nudge = str(Path(sys.executable).with_name("nudge"))
    command = [sys.executable, "-m", "bench.worker"] if platform == "ceiling" else [
        nudge, "worker"]
    procs = [logged(command, tmp / f"worker{i}.log", env=env) for i in range(count)]
    _await_registered(redis_url, count)
    _warm_up(redis_url, count)
    return procs


def _warm_up(redis_url: str, count: int, timeout: float = 60.0) -> None:
    """One empty wake-up per worker, so that the figures are a running deployment's, not
    each process's first job (imports, engine and HTTP sessions built on first use)."""
    from datetime import UTC, datetime

    from redis import Redis
    from rq import Queue
    from rq.registry import StartedJobRegistry
    from rq.serializers import JSONSerializer

    from jobs.queue import DELIVER_DUE, DELIVERY_QUEUE

    with Redis.from_url(redis_url) as redis:
        queue = Queue(DELIVERY_QUEUE, connection=redis, serializer=JSONSerializer)
        for i in range(count):
            queue.enqueue(DELIVER_DUE, args=(datetime.now(UTC).isoformat(),),
                          job_id=f"bench-warm-{i}", result_ttl=0)
        started = StartedJobRegistry(queue=queue)
        deadline = time.monotonic() + timeout
        while (queue.count or started.count) and time.monotonic() < deadline:
            time.sleep(0.1)


def logged(command: list[str], log: Path, *, env: dict[str, str] | None = None
           ) -> subprocess.Popen[bytes]:
    """A child process with its stderr in `log` (the child keeps the file open)."""
    with open(log, "wb") as out:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=out)


def _await_registered(redis_url: str, count: int, timeout: float = 60.0) -> None:
    from redis import Redis

    deadline = time.monotonic() + timeout
    with Redis.from_url(redis_url) as redis:
        while redis.scard("rq:workers") < count:
            if time.monotonic() > deadline:
                raise SystemExit("the workers did not start: see their logs")
            time.sleep(0.1)


def reconcile(db: Database, redis_url: str) -> int:
    from bot.main import build
    from bot.settings import Settings

    async def go() -> int:
        nudge = build(Settings(database_url=db.url), redis_url=redis_url, limits={})
        try:
            return await nudge.reconcile()
        finally:
            await nudge.aclose()

    return asyncio.run(go())


def index_of(text: str) -> int:
    """The reminder's number, out of whatever the real sender made of "task i"."""
    found = _INDEX.search(text)
    if found is None:
        raise ValueError(f"no reminder number in {text!r}")
    return int(found.group(1))
