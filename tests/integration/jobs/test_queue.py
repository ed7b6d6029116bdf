"""RqJobQueue on a real Redis: idempotent scheduling, missing(), unschedule, JSON job args."""

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
from jobs.queue import RqJobQueue, job_id_of

NINE = datetime(2030, 3, 5, 9, 0, tzinfo=UTC)


def _occurrences(count: int, start: datetime = NINE) -> list[Occurrence]:
    return [Occurrence(ScheduleId(i + 1), start + timedelta(minutes=i)) for i in range(count)]


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


async def test_a_job_waits_in_the_scheduled_registry_until_its_instant(redis: Redis) -> None:
    [occurrence] = _occurrences(1)

    await RqJobQueue(redis).schedule([occurrence])

    registry = Queue("nudge", connection=redis).scheduled_job_registry
    assert registry.get_scheduled_time(job_id_of(occurrence)) == occurrence.instant
    assert Queue("nudge", connection=redis).count == 0


async def test_job_arguments_are_json_primitives(redis: Redis) -> None:
    occurrence = Occurrence(ScheduleId(12), NINE)

    await RqJobQueue(redis).schedule([occurrence])

    job = Job.fetch(job_id_of(occurrence), connection=redis, serializer=JSONSerializer)
    assert job.func_name == "jobs.tasks.deliver"
    assert job.args == [12, "2030-03-05T09:00:00+00:00"]
    assert json.loads(json.dumps(job.args)) == job.args


async def test_missing_finds_exactly_the_occurrences_whose_job_was_deleted(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    occurrences = _occurrences(5)
    await queue.schedule(occurrences)
    redis.delete(Job.key_for(job_id_of(occurrences[1])), Job.key_for(job_id_of(occurrences[3])))

    missing = await queue.missing(occurrences)

    assert missing == [occurrences[1], occurrences[3]]


async def test_scheduling_again_recreates_only_the_missing_jobs(redis: Redis) -> None:
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


async def test_unschedule_removes_the_job_and_its_registry_entry(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    kept, dropped = _occurrences(2)
    await queue.schedule([kept, dropped])

    await queue.unschedule([dropped])

    assert _scheduled_ids(redis) == [job_id_of(kept)]
    assert await queue.missing([kept, dropped]) == [dropped]


async def test_unscheduling_an_unknown_occurrence_changes_nothing(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    [kept, never] = _occurrences(2)
    await queue.schedule([kept])

    await queue.unschedule([never])

    assert _scheduled_ids(redis) == [job_id_of(kept)]


async def test_a_batch_of_a_thousand_is_scheduled_in_a_few_round_trips(redis: Redis) -> None:
    queue = RqJobQueue(redis)
    occurrences = _occurrences(1000)

    await queue.schedule(occurrences)

    assert len(_scheduled_ids(redis)) == 1000
    assert await queue.missing(occurrences) == []


async def test_scheduling_a_job_already_moved_to_the_queue_adds_no_second_copy(
    redis: Redis,
) -> None:
    queue = RqJobQueue(redis)
    due = Occurrence(ScheduleId(9), datetime(2020, 1, 1, tzinfo=UTC))
    await queue.schedule([due])
    _move_due_jobs(redis)

    await queue.schedule([due])

    assert Queue("nudge", connection=redis).get_job_ids() == [job_id_of(due)]
    assert _scheduled_ids(redis) == []
