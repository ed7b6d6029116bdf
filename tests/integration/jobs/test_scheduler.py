"""The scheduler: one reconcile job per tick however many schedulers run; due jobs move."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from redis import Redis
from rq.queue import Queue
from rq.serializers import JSONSerializer

from core.ids import ScheduleId
from core.occurrences import Occurrence
from jobs.queue import RqJobQueue, job_id_of
from jobs.scheduler import ReconcileTicker, run_scheduler

MINUTE_START = 1_900_000_020.0  # a whole minute, as a Unix time


def _queued(redis: Redis) -> list[str]:
    return Queue("nudge", connection=redis, serializer=JSONSerializer).get_job_ids()


def _wait_until(condition: Callable[[], bool], *, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout}s")
        time.sleep(0.02)  # poll interval


@pytest.fixture
def two_schedulers(redis_url: str) -> Iterator[Callable[[], None]]:
    """Starts two run_scheduler threads with a 1 s interval; stops them at teardown."""
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=run_scheduler,
            kwargs={"redis_url": redis_url, "interval_seconds": 1, "stop_event": stop},
        )
        for _ in range(2)
    ]

    def start() -> None:
        for thread in threads:
            thread.start()

    yield start
    stop.set()
    for thread in threads:
        thread.join(timeout=5)
    assert not any(thread.is_alive() for thread in threads)


def test_two_tickers_enqueue_one_reconcile_per_tick(redis: Redis) -> None:
    first = ReconcileTicker(redis, interval_seconds=60)
    second = ReconcileTicker(redis, interval_seconds=60)

    won = [
        ticker.tick(MINUTE_START + offset)
        for offset in (0.0, 0.4, 59.9, 60.0, 61.0, 120.5)
        for ticker in (first, second)
    ]

    assert won.count(True) == 3
    assert _queued(redis) == [f"reconcile-{int(MINUTE_START) + 60 * n}" for n in range(3)]


def test_the_next_tick_is_at_the_interval_boundary(redis: Redis) -> None:
    ticker = ReconcileTicker(redis, interval_seconds=60)

    assert ticker.seconds_to_next(MINUTE_START + 59.25) == pytest.approx(0.75)
    assert ticker.seconds_to_next(MINUTE_START) == 60


def test_two_running_schedulers_enqueue_each_tick_once(
    redis: Redis, two_schedulers: Callable[[], None]
) -> None:
    two_schedulers()

    _wait_until(lambda: len(_queued(redis)) >= 3)

    queued = _queued(redis)
    ticks = [int(job_id.removeprefix("reconcile-")) for job_id in queued]
    assert len(set(ticks)) == len(ticks)
    assert all(later - earlier == 1 for earlier, later in zip(ticks, ticks[1:], strict=False))


def test_the_scheduler_moves_a_due_wake_up_to_the_queue(
    redis: Redis, two_schedulers: Callable[[], None]
) -> None:
    occurrence = Occurrence(ScheduleId(5), datetime(2020, 1, 1, tzinfo=UTC))
    asyncio.run(RqJobQueue(redis).schedule([occurrence]))

    two_schedulers()

    _wait_until(lambda: job_id_of(occurrence) in _queued(redis))
    assert _queued(redis).count(job_id_of(occurrence)) == 1
