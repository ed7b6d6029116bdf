"""The scheduler outlives a Redis that stops answering (SIGSTOP) and a scheduler killed mid-lock."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from redis import Redis
from rq.queue import Queue
from rq.serializers import JSONSerializer

from core.ids import ScheduleId
from core.occurrences import Occurrence
from jobs.embedded_redis import EmbeddedRedis
from jobs.queue import RqJobQueue, wake_second, wake_up_id
from jobs.scheduler import run_scheduler

SOCKET_TIMEOUT = 0.5  # seconds; the stop below lasts several times as long
PAUSED = 4.0


def _queued(redis: Redis) -> list[str]:
    return Queue("nudge", connection=redis, serializer=JSONSerializer).get_job_ids()


def _wait_until(condition: Callable[[], bool], *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout}s")
        time.sleep(0.05)  # poll interval


@contextmanager
def scheduler_thread(url: str) -> Iterator[threading.Thread]:
    stop = threading.Event()
    thread = threading.Thread(target=run_scheduler, kwargs={"redis_url": url, "stop_event": stop},
                              daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        thread.join(timeout=10)


def _schedule(url: str, at: datetime) -> str:
    with Redis.from_url(url) as redis:
        asyncio.run(RqJobQueue(redis).schedule([Occurrence(ScheduleId(1), at)]))
    return wake_up_id(wake_second(at))


def test_a_redis_paused_past_the_socket_timeout_does_not_stop_the_scheduler(
    private_redis: EmbeddedRedis,
) -> None:
    url = f"{private_redis.url}?socket_timeout={SOCKET_TIMEOUT}"
    due = datetime.now(UTC) + timedelta(seconds=PAUSED + 3)  # beyond the outage
    wake_up = _schedule(private_redis.url, due)
    assert private_redis.pid is not None

    with scheduler_thread(url) as thread:
        time.sleep(0.5)  # a few passes with Redis answering
        os.kill(private_redis.pid, signal.SIGSTOP)
        try:
            time.sleep(PAUSED)
        finally:
            os.kill(private_redis.pid, signal.SIGCONT)
        with Redis.from_url(private_redis.url) as redis:
            _wait_until(lambda: wake_up in _queued(redis), timeout=10)

        assert thread.is_alive()


def test_a_lock_left_by_a_killed_scheduler_is_taken_over_at_once(
    private_redis: EmbeddedRedis, tmp_path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NUDGE_", "DATABASE_URL"))}
    env |= {"REDIS_URL": private_redis.url, "NUDGE_DATA_DIR": str(tmp_path)}
    first = subprocess.Popen([sys.executable, "-m", "bot.cli", "scheduler"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with Redis.from_url(private_redis.url) as redis:
        _wait_until(lambda: redis.exists("rq:scheduler-lock:nudge"), timeout=30)
        first.kill()
        first.wait()
        wake_up = _schedule(private_redis.url, datetime.now(UTC))

        with scheduler_thread(private_redis.url):
            _wait_until(lambda: wake_up in _queued(redis), timeout=5)  # the lock's TTL is 61 s
            moved = _queued(redis)

    assert wake_up in moved
