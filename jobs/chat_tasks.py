"""Chat work after the ack: the job a worker runs, and the queue a web process fills."""

from __future__ import annotations

from typing import Any, Final

from redis import Redis
from rq.queue import Queue
from rq.serializers import JSONSerializer

from jobs import context

HANDLE_CHAT: Final = "jobs.chat_tasks.handle_chat"
CHAT_QUEUE: Final = "nudge-chat"  # people waiting for an answer; workers take it first


def handle_chat(platform: str, payload: dict[str, Any]) -> None:
    """Do what one chat event asked (answer, store, post) with that platform's adapter."""
    context.run(lambda: context.services().handle_chat(platform, payload))


class RqChatQueue:
    """One job per chat event, under the id the adapter chose (a retry reuses it).

    Finished jobs are deleted at once (result_ttl=0). The description is set here because
    RQ's default is the call with its arguments, which the worker logs: a request body.
    """

    def __init__(self, redis: Redis, *, queue_name: str = CHAT_QUEUE) -> None:
        self._queue = Queue(queue_name, connection=redis, serializer=JSONSerializer)

    async def enqueue(self, platform: str, payload: dict[str, Any], *, job_id: str) -> None:
        # The sync client, as RqJobQueue does: one pipelined round trip on the local socket.
        self._queue.enqueue(HANDLE_CHAT, args=(platform, payload), job_id=job_id,
                            result_ttl=0, description=f"{platform} {payload.get('kind', 'chat')}")
