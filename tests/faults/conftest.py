"""Fault-test world: a real SQLite file, a private Redis, a fake chat API, worker processes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from redis import Redis

from bench.common import FakeChatApi, serve
from bot.main import build
from bot.settings import Settings
from core.ids import ChatRef, Platform, Tenant, UserRef
from core.recurrence.rules import Once, Recurrence
from core.reminders import Reminder
from core.services.reconcile import reconcile
from jobs.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[2]
BOT = Tenant(Platform.TELEGRAM, "777")
OWNER = UserRef(BOT, "1")
LEASE = 1.0  # seconds; the workers and the reconciler here agree on it


@dataclass
class World:
    database_url: str
    redis: EmbeddedRedis
    api: FakeChatApi
    api_url: str

    def env(self, fault: str | None = None, *, burst: bool = True) -> dict[str, str]:
        return {**os.environ, "DATABASE_URL": self.database_url, "REDIS_URL": self.redis.url,
               "CHAT_API_URL": self.api_url, "NUDGE_LEASE_SECONDS": str(LEASE),
                "WORKER_BURST": "1" if burst else "0", "NUDGE_FAULT": fault or ""}

    def work(self, fault: str | None = None) -> int:
        """Run one burst worker process to its end; returns its exit code (-9: killed).

        The limit is generous: four burst workers racing on SQLite's one write lock, on a
        2-core machine busy with the rest of the suite, once took past 60 s. It catches a
        hung worker; speed is the benchmarks' business."""
        proc = subprocess.run([sys.executable, "-m", "tests.faults.worker_entry"],
                              env=self.env(fault), cwd=ROOT, timeout=180,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return proc.returncode

    @contextmanager
    def running_worker(self) -> Iterator[None]:
        """A long-running worker process (its scheduler moves retries when they fall due)."""
        proc = subprocess.Popen([sys.executable, "-m", "tests.faults.worker_entry"],
                                env=self.env(burst=False), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def wait_for(self, condition, *, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"not within {timeout}s; arrivals: {self.texts()}")
            time.sleep(0.1)

    def nudge(self):
        settings = Settings(database_url=self.database_url)
        nudge = build(settings, redis_url=self.redis.url, limits={})
        nudge.deps = replace(nudge.deps, lease=timedelta(seconds=LEASE))
        return nudge

    def run(self, coro_fn):
        async def go():
            nudge = self.nudge()
            try:
                return await coro_fn(nudge)
            finally:
                await nudge.aclose()

        return asyncio.run(go())

    def add(self, count: int, at: datetime, *, chats: int = 10, first_chat: int = 1000,
            what: str = "task"):
        """`count` one-shots due at `at` over `chats` Telegram chats; wake-ups scheduled."""

        async def go(nudge):
            async with nudge.deps.uow() as uow:
                stored = [await uow.reminders.add(
                    _reminder(f"{what} {i}", at, first_chat + i % chats))
                          for i in range(count)]
                await uow.commit()
            await nudge.deps.queue.schedule([_occurrence(r) for r in stored])
            return stored

        return self.run(go)

    def reconcile(self) -> int:
        return self.run(lambda nudge: reconcile(nudge.deps))

    def recover(self, expected: int, *, timeout: float = 20.0) -> None:
        """Reconcile and work until `expected` deliveries are recorded sent, or time is up."""
        deadline = time.monotonic() + timeout
        time.sleep(LEASE)  # claims must age past the lease before anyone takes them over
        while self.sent_rows() < expected and time.monotonic() < deadline:
            self.reconcile()
            self.work()

    def sent_rows(self) -> int:
        rows = self.delivery_rows().values()
        return sum(1 for found in rows for row in found if row.state.value == "sent")

    def texts(self) -> list[str]:
        return [text for _, text, _ in self.api.arrivals]

    def counts(self) -> Counter[str]:
        return Counter(self.texts())

    def delivery_rows(self):
        async def go(nudge):
            async with nudge.deps.uow() as uow:
                stored = await uow.reminders.list_for(OWNER, live_only=False)
                return {r.what: await uow.deliveries.for_schedule(r.schedule_id)
                        for r in stored}

        return self.run(go)


def _reminder(what: str, at: datetime, chat: int) -> Reminder:
    return Reminder(owner=OWNER, chat=ChatRef(BOT, str(chat)), target="me", what=what,
                    recurrence=Recurrence(Once(at), "UTC", at), next_at=at)


def _occurrence(reminder: Reminder):
    from core.occurrences import Occurrence

    return Occurrence(reminder.schedule_id, reminder.next_at)


def just_due() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)


@pytest.fixture
def world(sqlite_url: str, private_redis: EmbeddedRedis):
    api = FakeChatApi()
    with serve(api) as url:
        yield World(sqlite_url, private_redis, api, url)
        with Redis.from_url(private_redis.url) as client:
            client.flushall()
