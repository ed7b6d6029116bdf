"""RqJobQueue on a real Redis: one wake-up per due second, missing(), retries, JSON job args."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from redis import Redis
from rq.job import Job
from rq.queue import Queue
from rq.scheduler import RQScheduler
from rq.serializers import JSONSerializer

from core.ids import ScheduleId
from core.occurrences import Occurrence
from jobs.queue import RqJobQueue, job_id_of, retry_id, wake_second

NINE = datetime(2030, 3, 5, 9, 0, tzinfo=UTC)


def _occurrences(count: int, start: datetime = NINE, step: timedelta = timedelta(minutes=1)):
    return [Occurrence(ScheduleId(i + 1), start + step * i) for i in range(count)]


def _move_due_jobs(redis: Redis) -> None:
    """One pass of RQ's scheduler: due jobs from the scheduled registry to the queue."""
    mover = RQScheduler(["nudge"], connection=redis, serializer=JSONSerializer)
    mover.acquire_locks()  # type: ignore[no-untyped-call]
    mover.enqueue_scheduled_jobs()  # type: ignore[no-untyped-call]
    mover.release_locks()  # type: ignore[no-untyped-call]
    mover.connection.close()


def _scheduled_ids(redis: Redis) -> list[str]:
    return list(Queue("nudge", connection=redis).scheduled_job_registry.get_job_ids())


async def test_scheduling_the_same_occurrence_twice_keeps_one_job(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    [occurrence] = _occurrences(1)

    await queue.schedule([occurrence, occurrence])
    await queue.schedule([occurrence])

    assert _scheduled_ids(redis) == [job_id_of(occurrence)]


async def test_occurrences_of_one_second_share_one_wake_up(redis: Redis) -> None:
    same_second = [Occurrence(ScheduleId(i), NINE) for i in range(1, 1001)]

    await RqJobQueue(redis).schedule(same_second)

    assert _scheduled_ids(redis) == [f"due-{int(NINE.timestamp())}"]


async def test_a_wake_up_waits_in_the_scheduled_registry_until_its_second(redis: Redis) -> None:
    [occurrence] = _occurrences(1)

    await RqJobQueue(redis).schedule([occurrence])

    registry = Queue("nudge", connection=redis).scheduled_job_registry
    assert registry.get_scheduled_time(job_id_of(occurrence)) == occurrence.instant
    assert Queue("nudge", connection=redis).count == 0


async def test_a_fractional_instant_wakes_at_the_next_whole_second(redis: Redis) -> None:
    occurrence = Occurrence(ScheduleId(1), NINE + timedelta(milliseconds=250))

    await RqJobQueue(redis).schedule([occurrence])

    assert wake_second(occurrence.instant) == int(NINE.timestamp()) + 1
    assert _scheduled_ids(redis) == [job_id_of(occurrence)]


async def test_job_arguments_are_json_primitives(redis: Redis) -> None:
    occurrence = Occurrence(ScheduleId(12), NINE)

    await RqJobQueue(redis).schedule([occurrence])

    job = Job.fetch(job_id_of(occurrence), connection=redis, serializer=JSONSerializer)
    assert job.func_name == "jobs.tasks.deliver_due"
    assert job.args == ["2030-03-05T09:00:00+00:00"]
    assert json.loads(json.dumps(job.args)) == job.args


async def test_missing_finds_exactly_the_occurrences_whose_wake_up_was_deleted(
    redis: Redis,
) -> None:
    queue = RqJobQueue(redis)
    occurrences = _occurrences(5)
    await queue.schedule(occurrences)
    redis.delete(Job.key_for(job_id_of(occurrences[1])), Job.key_for(job_id_of(occurrences[3])))

    missing = await queue.missing(occurrences)

    assert missing == [occurrences[1], occurrences[3]]


async def test_scheduling_again_recreates_only_the_missing_wake_ups(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    occurrences = _occurrences(3)
    await queue.schedule(occurrences)
    redis.delete(Job.key_for(job_id_of(occurrences[0])))

    await queue.schedule(occurrences)

    assert await queue.missing(occurrences) == []
    assert sorted(_scheduled_ids(redis)) == sorted(map(job_id_of, occurrences))


async def test_an_emptied_redis_has_every_occurrence_missing(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    occurrences = _occurrences(3)
    await queue.schedule(occurrences)

    redis.flushdb()

    assert await queue.missing(occurrences) == occurrences


async def test_unschedule_leaves_a_shared_wake_up_alone(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    kept, dropped = Occurrence(ScheduleId(1), NINE), Occurrence(ScheduleId(2), NINE)
    await queue.schedule([kept, dropped])

    await queue.unschedule([dropped])

    assert _scheduled_ids(redis) == [job_id_of(kept)]


async def test_a_minute_of_ten_thousand_is_sixty_jobs_in_a_few_round_trips(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    occurrences = _occurrences(10_000, step=timedelta(milliseconds=6))

    await queue.schedule(occurrences)

    assert len(_scheduled_ids(redis)) == 61  # 09:00:00 .. 09:01:00, each second once
    assert await queue.missing(occurrences) == []


async def test_scheduling_a_wake_up_already_moved_to_the_queue_adds_no_second_copy(
    redis: Redis,
) -> None:
    queue = RqJobQueue(redis)
    due = Occurrence(ScheduleId(9), datetime(2020, 1, 1, tzinfo=UTC))
    await queue.schedule([due])
    _move_due_jobs(redis)

    await queue.schedule([due])

    assert Queue("nudge", connection=redis).get_job_ids() == [job_id_of(due)]
    assert _scheduled_ids(redis) == []


async def test_a_retry_waits_its_backoff_and_carries_its_attempt(redis: Redis) -> None:
    occurrence = Occurrence(ScheduleId(4), NINE)
    before = datetime.now(UTC)

    queued = await RqJobQueue(redis).retry(occurrence, attempt=2, after=None)

    job = Job.fetch(retry_id(occurrence, 2), connection=redis, serializer=JSONSerializer)
    at = Queue("nudge", connection=redis).scheduled_job_registry.get_scheduled_time(job.id)
    assert queued is True
    assert (job.func_name, job.args) == ("jobs.tasks.deliver", [4, NINE.isoformat(), 2])
    assert timedelta(seconds=1) < at - before.replace(microsecond=0) <= timedelta(seconds=3)


async def test_retry_after_is_honoured_up_to_thirty_seconds(redis: Redis) -> None:
    occurrence = Occurrence(ScheduleId(4), NINE)
    before = datetime.now(UTC).replace(microsecond=0)

    await RqJobQueue(redis).retry(occurrence, attempt=1, after=120)

    registry = Queue("nudge", connection=redis).scheduled_job_registry
    delay = registry.get_scheduled_time(retry_id(occurrence, 1)) - before
    assert timedelta(seconds=29) <= delay <= timedelta(seconds=31)


async def test_a_fourth_retry_is_refused(redis: Redis) -> None:
    occurrence = Occurrence(ScheduleId(4), NINE)

    queued = await RqJobQueue(redis).retry(occurrence, attempt=4, after=None)

    assert queued is False
    assert _scheduled_ids(redis) == []
