"""JobQueue's contract on RqJobQueue, on the suite's Redis and on a bundled redis-server of
its own: scheduling is idempotent, `missing` tells exactly what Redis lacks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from redis import Redis

from core.ids import ScheduleId
from core.occurrences import Occurrence
from jobs.queue import RqJobQueue

AT = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["suite", "bundled"])
def redis_for_contract(request: pytest.FixtureRequest) -> Iterator[Redis]:
    if request.param == "suite":
        yield request.getfixturevalue("redis")
        return
    server = request.getfixturevalue("private_redis")
    with Redis.from_url(server.url) as client:
        yield client


@pytest.fixture
def queue(redis_for_contract: Redis) -> RqJobQueue:
    return RqJobQueue(redis_for_contract)


def occurrence(schedule: int, minutes: int = 0) -> Occurrence:
    return Occurrence(ScheduleId(schedule), AT + timedelta(minutes=minutes))


async def test_scheduling_twice_keeps_one_job(queue: RqJobQueue, redis_for_contract) -> None:
    await queue.schedule([occurrence(1)])
    keys_after_one = sorted(redis_for_contract.keys())

    await queue.schedule([occurrence(1), occurrence(2)])  # same second: the same wake-up

    assert sorted(redis_for_contract.keys()) == keys_after_one


async def test_missing_names_exactly_what_is_not_queued(queue: RqJobQueue) -> None:
    queued, absent = occurrence(1), occurrence(2, minutes=5)
    await queue.schedule([queued])

    assert await queue.missing([queued, absent]) == [absent]


async def test_an_emptied_redis_misses_everything(queue: RqJobQueue, redis_for_contract) -> None:
    await queue.schedule([occurrence(1), occurrence(2, minutes=1)])
    redis_for_contract.flushdb()

    assert await queue.missing([occurrence(1), occurrence(2, minutes=1)]) == [
        occurrence(1), occurrence(2, minutes=1)]
