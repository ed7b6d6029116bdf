"""A real RQ SimpleWorker runs due jobs through jobs.worker_services on one event loop."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from redis import Redis
from rq.queue import Queue
from rq.serializers import JSONSerializer

from core.ids import ScheduleId
from core.occurrences import Occurrence
from jobs import worker_services
from jobs.queue import DELIVER, RqJobQueue, retry_id
from jobs.worker import run_worker

PAST = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)


@dataclass
class RecordingServices:
    """Stands in for the lead's service layer: records what the worker asked of it."""

    delivered: list[tuple[Occurrence, int]] = field(default_factory=list)
    wake_ups: int = 0
    loops: set[int] = field(default_factory=set)
    fail_next: list[Exception] = field(default_factory=list)
    reconciles: int = 0

    async def deliver_due(self) -> int:
        self.loops.add(id(asyncio.get_running_loop()))
        self.wake_ups += 1
        return 0

    async def deliver(self, occurrence: Occurrence, *, attempt: int = 0) -> None:
        self.loops.add(id(asyncio.get_running_loop()))
        if self.fail_next:
            raise self.fail_next.pop(0)
        self.delivered.append((occurrence, attempt))

    async def reconcile(self) -> int:
        self.reconciles += 1
        return 0


@dataclass
class CountingFactory:
    services: RecordingServices
    calls: int = 0
    inside_a_loop: bool = False

    def __call__(self) -> RecordingServices:
        self.calls += 1
        asyncio.get_running_loop()  # raises RuntimeError if called outside the worker's loop
        self.inside_a_loop = True
        return self.services


@pytest.fixture(autouse=True)
def _clean_context():
    yield
    worker_services.shutdown()


def _schedule(redis: Redis, occurrences: list[Occurrence]) -> None:
    asyncio.run(RqJobQueue(redis).schedule(occurrences))


def _work(redis_url: str, factory: CountingFactory) -> None:
    run_worker(redis_url=redis_url, services_factory=factory, burst=True)


def _retry(redis: Redis, occurrence: Occurrence, attempt: int) -> None:
    """A retry job as RqJobQueue.retry makes it, due at once (not after its backoff)."""
    Queue("nudge", connection=redis, serializer=JSONSerializer).enqueue(
        DELIVER, args=(int(occurrence.schedule_id), occurrence.instant.isoformat(), attempt),
        job_id=retry_id(occurrence, attempt))


def test_a_due_wake_up_runs_deliver_due_once(redis: Redis, redis_url: str) -> None:
    factory = CountingFactory(RecordingServices())
    _schedule(redis, [Occurrence(ScheduleId(3), PAST), Occurrence(ScheduleId(4), PAST)])

    _work(redis_url, factory)

    assert factory.services.wake_ups == 1


def test_a_future_wake_up_is_left_waiting(redis: Redis, redis_url: str) -> None:
    future = Occurrence(ScheduleId(3), datetime.now(UTC) + timedelta(hours=1))
    factory = CountingFactory(RecordingServices())
    _schedule(redis, [future])

    _work(redis_url, factory)

    assert factory.services.wake_ups == 0
    assert asyncio.run(RqJobQueue(redis).missing([future])) == []


def test_a_finished_wake_up_is_gone_so_it_can_be_scheduled_again(
    redis: Redis, redis_url: str
) -> None:
    occurrence = Occurrence(ScheduleId(3), PAST)
    _schedule(redis, [occurrence])

    _work(redis_url, CountingFactory(RecordingServices()))

    assert asyncio.run(RqJobQueue(redis).missing([occurrence])) == [occurrence]


def test_jobs_share_one_loop_and_services_built_once_inside_it(
    redis: Redis, redis_url: str
) -> None:
    occurrences = [Occurrence(ScheduleId(i), PAST + timedelta(minutes=i)) for i in range(3)]
    factory = CountingFactory(RecordingServices())
    _schedule(redis, occurrences)
    _retry(redis, occurrences[0], 1)

    _work(redis_url, factory)

    assert factory.services.wake_ups == 3
    assert factory.services.delivered == [(occurrences[0], 1)]
    assert len(factory.services.loops) == 1
    assert factory.calls == 1
    assert factory.inside_a_loop


def test_a_failed_job_is_logged_listed_and_can_be_retried(
    redis: Redis, redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    occurrence = Occurrence(ScheduleId(4), PAST)
    services = RecordingServices(fail_next=[ValueError("chat exploded")])
    _retry(redis, occurrence, 3)
    queue = RqJobQueue(redis)

    with caplog.at_level(logging.ERROR, logger="jobs.worker"):
        _work(redis_url, CountingFactory(services))
    [failed] = asyncio.run(queue.failed_jobs())
    retried = asyncio.run(queue.retry_failed())
    _work(redis_url, CountingFactory(services))

    assert f"job {retry_id(occurrence, 3)} failed (ValueError: chat exploded)" in caplog.text
    assert failed.job_id == retry_id(occurrence, 3)
    assert failed.error == "ValueError: chat exploded"
    assert retried == 1
    assert services.delivered == [(occurrence, 3)]
    assert asyncio.run(queue.failed_jobs()) == []


def test_the_reconcile_task_runs_the_services_reconcile(redis: Redis, redis_url: str) -> None:
    factory = CountingFactory(RecordingServices())
    Queue("nudge", connection=redis, serializer=JSONSerializer).enqueue("jobs.tasks.reconcile")

    _work(redis_url, factory)

    assert factory.services.reconciles == 1


def test_a_task_without_installed_services_fails_loudly() -> None:
    from jobs.tasks import reconcile

    with pytest.raises(RuntimeError, match="install"):
        reconcile()


def test_unsubscribing_never_waits_out_the_command_channel_poll(redis: Redis) -> None:
    from jobs.worker import build_worker

    worker = build_worker(redis)
    worker.subscribe()
    pubsub = worker.pubsub
    assert pubsub is not None
    # The losing side of RQ's race: the thread has read an UNSUBSCRIBE reply before being
    # told to stop, and now waits for a subscription that never comes.
    pubsub.unsubscribe()
    deadline = time.monotonic() + 5
    while pubsub.subscribed and time.monotonic() < deadline:
        time.sleep(0.01)

    started = time.monotonic()
    worker.unsubscribe()
    took = time.monotonic() - started

    assert took < 2.0
