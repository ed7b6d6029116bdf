"""The chat queue's enqueue on the event loop writes the job RQ itself writes, and raises
when Redis does not take it (the hand-off then works in the web process)."""

from __future__ import annotations

import socket

import pytest
from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from rq.job import Job
from rq.queue import Queue
from rq.serializers import JSONSerializer

from jobs.chat_tasks import CHAT_QUEUE, HANDLE_CHAT, RqChatQueue

PAYLOAD = {"kind": "command", "body": {"team_id": "T1", "user_id": "U1", "text": "help"}}
# Fields that differ between two enqueues of the same call: when, and the compressed call's
# bytes (zlib of the same JSON, compared decoded below).
STAMPS = {b"created_at", b"enqueued_at", b"data"}


@pytest.fixture
async def async_redis(redis_url: str):
    client = AsyncRedis.from_url(redis_url)
    yield client
    await client.aclose()


async def test_the_async_enqueue_writes_the_job_rq_writes(redis: Redis, async_redis) -> None:
    queue = RqChatQueue(redis, async_redis=async_redis)
    await queue.enqueue("slack", PAYLOAD, job_id="by-thread")  # the first: RQ reads a version
    await queue.enqueue("slack", PAYLOAD, job_id="on-loop")

    by_thread, on_loop = (redis.hgetall(f"rq:job:{i}") for i in ("by-thread", "on-loop"))
    assert on_loop.keys() == by_thread.keys()
    assert {k: v for k, v in on_loop.items() if k not in STAMPS} == {
        k: v for k, v in by_thread.items() if k not in STAMPS}
    job = Job.fetch("on-loop", connection=redis, serializer=JSONSerializer)
    assert (job.func_name, list(job.args), job.origin) == (HANDLE_CHAT, ["slack", PAYLOAD],
                                                            CHAT_QUEUE)
    rq_queue = Queue(CHAT_QUEUE, connection=redis, serializer=JSONSerializer)
    assert rq_queue.job_ids == ["by-thread", "on-loop"]
    assert rq_queue.key.encode() in redis.smembers("rq:queues")


async def test_an_async_enqueue_redis_does_not_take_raises(redis: Redis) -> None:
    with socket.socket() as sock:  # free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    away = AsyncRedis(port=port, retry=Retry(NoBackoff(), 0))
    queue = RqChatQueue(redis, async_redis=away)
    await queue.enqueue("slack", PAYLOAD, job_id="first")  # RQ has its version now

    with pytest.raises((RedisError, OSError)):
        await queue.enqueue("slack", PAYLOAD, job_id="second")
    await away.aclose()

    assert not redis.exists("rq:job:second")
