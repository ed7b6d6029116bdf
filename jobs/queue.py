"""RqJobQueue(JobQueue): wake-ups per due second and retries, deterministic ids, JSON args."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from redis import Redis
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Job
from rq.queue import Queue
from rq.serializers import JSONSerializer

from core.occurrences import Occurrence
from jobs.backoff import retry_delay

logger = logging.getLogger(__name__)

DELIVERY_QUEUE: Final = "nudge"
DELIVER_DUE: Final = "jobs.tasks.deliver_due"
DELIVER: Final = "jobs.tasks.deliver"


@dataclass(frozen=True)
class FailedJob:
    """A job in the failed registry (the dead letter), for `nudge failed`."""

    job_id: str
    func_name: str
    args: tuple[object, ...]
    failed_at: datetime | None
    error: str  # last line of the traceback


class RqJobQueue:
    """JobQueue on RQ: a wake-up job per due second, and a job per retry of one occurrence.

    Why wake-ups and not a job per occurrence: RQ spends about 5 ms on each job, so a job per
    occurrence caps a worker near 200 deliveries a second. A wake-up `due-<epoch>` runs
    jobs.tasks.deliver_due, which delivers every row due by then in bulk; ten thousand
    reminders at 09:00 cost one job. The database stays the truth: a wake-up that finds
    nothing does nothing, and one that is lost is recreated by the reconciler.
    Finished jobs are deleted at once (result_ttl=0): repeating an occurrence is prevented
    by its delivery row, not by a job id that lingers.

    The async methods call the sync redis client directly: each is one or two pipelined round
    trips (~0.1-0.3 ms on the local socket), cheaper than a hop to a thread.
    """

    def __init__(self, redis: Redis, *, queue_name: str = DELIVERY_QUEUE) -> None:
        self._redis = redis
        self._queue = Queue(queue_name, connection=redis, serializer=JSONSerializer)

    async def schedule(self, occurrences: Sequence[Occurrence]) -> None:
        """Make sure the wake-up of each occurrence's second exists; due ones wake at once.

        Every wake-up goes through enqueue_at, due ones too: that path is HSET + ZADD and
        idempotent, while a direct enqueue RPUSHes a second copy. RQ's scheduler moves due
        jobs to the queue (jobs.scheduler.MOVE_INTERVAL).
        """
        absent = self._absent(sorted({wake_second(o.instant) for o in occurrences}))
        if not absent:
            return
        with self._redis.pipeline() as pipe:  # MULTI/EXEC: the batch lands whole or not at all
            for second in absent:
                at = datetime.fromtimestamp(second, UTC)
                self._queue.enqueue_at(at, DELIVER_DUE, args=(at.isoformat(),),
                                       job_id=wake_up_id(second), description="deliver due",
                                       result_ttl=0, pipeline=pipe)
            pipe.execute()
        logger.debug("scheduled %d wake-ups for %d occurrences", len(absent), len(occurrences))

    async def unschedule(self, occurrences: Sequence[Occurrence]) -> None:
        """Nothing to do: a wake-up may serve other schedules, and finds nothing for this one.

        Pause, snooze and edits change next_at in SQL (one atomic write), so the old
        second's wake-up no longer selects the reminder; the new second's is scheduled.
        """

    async def wake_now(self, count: int) -> None:
        """Sibling wake-ups for this second: idle workers take them and sweep due rows too.

        Ids are per second and index, so however many full rounds ask within a second, at
        most `count` siblings wait in the queue; each finds its own rows (the claims are
        disjoint: SKIP LOCKED on PostgreSQL, one writer at a time on SQLite).
        """
        second = int(time.time())
        ids = [sibling_id(second, i) for i in range(count)]
        with self._redis.pipeline(transaction=False) as pipe:
            for job_id in ids:
                pipe.exists(Job.key_for(job_id))
            found = pipe.execute()
        absent = [job_id for job_id, exists in zip(ids, found, strict=True) if not exists]
        if not absent:
            return
        now = datetime.fromtimestamp(second, UTC).isoformat()
        with self._redis.pipeline() as pipe:
            for job_id in absent:
                self._queue.enqueue(DELIVER_DUE, args=(now,), job_id=job_id, result_ttl=0,
                                    description="deliver due (sibling)", pipeline=pipe)
            pipe.execute()

    async def missing(self, occurrences: Sequence[Occurrence]) -> list[Occurrence]:
        """Those whose second has no wake-up job (one that ran is gone: result_ttl=0)."""
        seconds = sorted({wake_second(o.instant) for o in occurrences})
        absent = set(self._absent(seconds))
        return [o for o in occurrences if wake_second(o.instant) in absent]

    async def retry(self, occurrence: Occurrence, *, attempt: int, after: float | None,
                    deferred: bool = False) -> bool:
        delay = retry_delay(attempt, after)
        if delay is None:
            return False
        job_id = retry_id(occurrence, attempt)
        if deferred:  # the same attempt again: a new id (the job asking may be that attempt's)
            job_id += f"-d{int(time.time() + delay)}"
        if self._redis.exists(Job.key_for(job_id)):
            return True  # queued already (a reconciler and a worker may both ask)
        args = (int(occurrence.schedule_id), occurrence.instant.isoformat(), attempt)
        self._queue.enqueue_in(timedelta(seconds=delay), DELIVER, args=args, job_id=job_id,
                               description=occurrence.key, result_ttl=0)
        logger.info("retry %d of %s in %.1fs", attempt, occurrence.key, delay)
        return True

    async def failed_jobs(self) -> list[FailedJob]:
        registry = self._queue.failed_job_registry
        ids = registry.get_job_ids()
        jobs = Job.fetch_many(ids, connection=self._redis, serializer=JSONSerializer)
        return [_to_failed(job) for job in jobs if job is not None]

    async def retry_failed(self) -> int:
        """Move every failed job back to the queue; returns how many moved."""
        registry = self._queue.failed_job_registry
        moved = 0
        for job_id in registry.get_job_ids():
            try:
                registry.requeue(job_id)
            except (InvalidJobOperation, NoSuchJobError):
                continue  # retried or expired meanwhile
            moved += 1
        return moved

    def _absent(self, seconds: list[int]) -> list[int]:
        with self._redis.pipeline(transaction=False) as pipe:
            for second in seconds:
                pipe.exists(Job.key_for(wake_up_id(second)))
            found = pipe.execute()
        return [s for s, exists in zip(seconds, found, strict=True) if not exists]


def wake_second(instant: datetime) -> int:
    """The epoch second of the wake-up that delivers `instant`: the first one not before it."""
    return math.ceil(instant.timestamp())


def wake_up_id(second: int) -> str:
    return f"due-{second}"


def sibling_id(second: int, index: int) -> str:
    return f"due-{second}-sibling-{index}"


def job_id_of(occurrence: Occurrence) -> str:
    """The id of the wake-up job that delivers `occurrence`."""
    return wake_up_id(wake_second(occurrence.instant))


def retry_id(occurrence: Occurrence, attempt: int) -> str:
    """'retry-12-1772708400-2' (RQ 3 allows only [A-Za-z0-9_-] in ids)."""
    return f"retry-{occurrence.schedule_id}-{int(occurrence.instant.timestamp())}-{attempt}"


def _to_failed(job: Job) -> FailedJob:
    result = job.latest_result()
    error = (result.exc_string or "").strip().splitlines() if result else []
    return FailedJob(
        job_id=job.id,
        func_name=job.func_name or "",
        args=tuple(job.args),
        failed_at=job.ended_at,
        error=error[-1] if error else "",
    )
