"""Chat work after the ack: the job a worker runs, the queue a web process fills, the
hand-off that does the work in the web process when the queue cannot take it, and the job
queue that work uses there."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, Final, Protocol, TypeVar

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError
from rq.queue import Queue
from rq.serializers import JSONSerializer

from core.occurrences import Occurrence
from core.ports import JobQueue
from jobs import worker_services

logger = logging.getLogger(__name__)

HANDLE_CHAT: Final = "jobs.chat_tasks.handle_chat"
CHAT_QUEUE: Final = "nudge-chat"  # people waiting for an answer; workers take it first
ENQUEUE_TIMEOUT: Final = 1.0  # seconds; the client's own socket timeouts are shorter
DRAIN_TIMEOUT: Final = 30.0  # seconds that closing waits for work started here

Payload = dict[str, Any]
T = TypeVar("T")


def handle_chat(platform: str, payload: Payload) -> None:
    """Do what one chat event asked (answer, store, post) with that platform's adapter."""
    worker_services.run(lambda: worker_services.services().handle_chat(platform, payload))


class RqChatQueue:
    """One job per chat event, under the id the adapter chose (a retry reuses it).

    Finished jobs are deleted at once (result_ttl=0). The description is set here because
    RQ's default is the call with its arguments, which the worker logs: a request body.
    Give it clients with short socket timeouts (integrations.redis.connections).

    RQ is synchronous. With `async_redis`, RQ writes the job into a pipeline that is never
    sent (no I/O) and the same commands go to Redis in one MULTI/EXEC on the event loop: an
    RQ job to the byte, 0.28 ms of CPU against 0.44 ms through a thread, and no thread pool
    or GIL hand-off in the ack path. Without it (or before RQ has read the server's
    version, its one read) the enqueue runs in a thread. Either way it returns only once
    Redis has the job: a command is queued before it is acknowledged.
    """

    def __init__(self, redis: Redis, *, async_redis: AsyncRedis | None = None,
                 queue_name: str = CHAT_QUEUE, timeout: float = ENQUEUE_TIMEOUT) -> None:
        self._queue = Queue(queue_name, connection=redis, serializer=JSONSerializer)
        self._async = async_redis
        self._timeout = timeout

    async def enqueue(self, platform: str, payload: Payload, *, job_id: str) -> None:
        """Raises (a Redis error or TimeoutError) when the job may not have been queued."""
        if self._async is None or not self._queue.redis_server_version:
            await asyncio.wait_for(
                asyncio.to_thread(self._enqueue, platform, payload, job_id), self._timeout)
            return
        recorder = self._queue.connection.pipeline()
        self._enqueue(platform, payload, job_id, pipeline=recorder)
        pipe = self._async.pipeline(transaction=True)
        for args, options in recorder.command_stack:
            pipe.execute_command(*args, **options)
        await asyncio.wait_for(pipe.execute(), self._timeout)

    def _enqueue(self, platform: str, payload: Payload, job_id: str,
                 pipeline: Any = None) -> None:
        self._queue.enqueue(HANDLE_CHAT, args=(platform, payload), job_id=job_id,
                            result_ttl=0, description=f"{platform} {payload.get('kind', 'chat')}",
                            pipeline=pipeline)


class ChatWork(Protocol):
    async def perform(self, payload: Payload) -> None:
        """Do the work a chat adapter handed off after its ack."""
        ...


class ChatHandOff:
    """A platform's work goes to the chat queue; if Redis cannot take it, it runs here.

    Why not keep it and enqueue later: the person is waiting, and this process has every
    adapter the worker has; the answer comes as fast as a worker's would. The work runs as
    a task of this loop after the ack, and closing waits for it.
    """

    def __init__(self, platform: str, queue: RqChatQueue, work: ChatWork) -> None:
        self.platform = platform
        self.chat_queue = queue
        self.work = work
        self._running: set[asyncio.Task[None]] = set()

    async def queue(self, payload: Payload, job_id: str) -> None:
        await self.chat_queue.enqueue(self.platform, payload, job_id=job_id)

    def run_here(self, payload: Payload) -> None:
        task = asyncio.get_running_loop().create_task(self._perform(payload))
        self._running.add(task)  # a task nobody holds may be collected mid-way
        task.add_done_callback(self._running.discard)

    async def drain(self, timeout: float = DRAIN_TIMEOUT) -> None:
        """Wait (up to `timeout` seconds) for the work started here."""
        if self._running:
            await asyncio.wait(set(self._running), timeout=timeout)

    async def _perform(self, payload: Payload) -> None:
        try:
            await self.work.perform(payload)
        except Exception:
            logger.exception("%s work done in the web process failed", self.platform)


class WebJobQueue:
    """The JobQueue of chat work done in a web process: RQ's sync calls run in a thread.

    A wake-up that Redis cannot take now is logged and left to the reconciler, which
    recreates within a minute every wake-up that SQL says is due soon (the database is the
    truth). So a person whose reminder is saved while Redis is away gets its confirmation,
    not an apology, and the event loop never waits on Redis.
    """

    def __init__(self, inner: JobQueue) -> None:
        self._inner = inner

    async def schedule(self, occurrences: Sequence[Occurrence]) -> None:
        try:
            await _off_loop(lambda: self._inner.schedule(occurrences))
        except (RedisError, OSError, TimeoutError) as exc:
            logger.warning("could not queue %d wake-ups (%s); the reconciler will",
                           len(occurrences), type(exc).__name__)

    async def unschedule(self, occurrences: Sequence[Occurrence]) -> None:
        try:
            await _off_loop(lambda: self._inner.unschedule(occurrences))
        except (RedisError, OSError, TimeoutError) as exc:
            logger.warning("could not unqueue %d wake-ups (%s); they will find nothing due",
                           len(occurrences), type(exc).__name__)

    async def wake_now(self, count: int) -> None:
        await _off_loop(lambda: self._inner.wake_now(count))

    async def missing(self, occurrences: Sequence[Occurrence]) -> list[Occurrence]:
        return await _off_loop(lambda: self._inner.missing(occurrences))

    async def retry(self, occurrence: Occurrence, *, attempt: int, after: float | None,
                    deferred: bool = False) -> bool:
        return await _off_loop(lambda: self._inner.retry(occurrence, attempt=attempt,
                                                         after=after, deferred=deferred))


async def _off_loop(call: Callable[[], Coroutine[Any, Any, T]]) -> T:
    # RqJobQueue's coroutines never await: they are sync Redis calls in async clothes. A
    # loop of the thread's own runs one there (about 0.1 ms), off the web process's loop.
    return await asyncio.to_thread(lambda: asyncio.run(call()))
