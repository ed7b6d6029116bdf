"""Deduplication: a retried Slack event (same event_id) or interaction is queued once."""

from __future__ import annotations

from typing import Final, Protocol

from redis import Redis

KEY_PREFIX: Final = "nudge:slack:event:"
# Slack retries a failed delivery 3 times within about 5 minutes; an hour covers them all.
SEEN_TTL: Final = 3600


class EventDedupe(Protocol):
    async def first_time(self, event_id: str) -> bool:
        """True the first time event_id is seen; False for every retry after it."""
        ...

    async def forget(self, event_id: str) -> None:
        """Let event_id count as new again (its work could not be queued)."""
        ...


class RedisEventDedupe:
    """SET NX with an expiry: one atomic round trip, shared by every process on the Redis.

    The sync client is called directly, as RqJobQueue does: one SET on the local socket is
    cheaper than a hop to a thread.
    """

    def __init__(self, redis: Redis, *, ttl: int = SEEN_TTL) -> None:
        self.redis = redis
        self.ttl = ttl

    async def first_time(self, event_id: str) -> bool:
        return bool(self.redis.set(f"{KEY_PREFIX}{event_id}", 1, nx=True, ex=self.ttl))

    async def forget(self, event_id: str) -> None:
        self.redis.delete(f"{KEY_PREFIX}{event_id}")
