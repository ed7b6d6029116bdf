"""RedisDeduper: the first sight of a key wins (SET NX with an expiry), for every platform."""

from __future__ import annotations

from datetime import timedelta

from redis.asyncio import Redis


class RedisDeduper:
    """Remembers keys for `ttl` in one namespace; shared by every process on the Redis.

    One atomic round trip per key. Errors are raised, not hidden: the caller decides what a
    Redis it cannot reach means (Slack does the work in the web process; Telegram lets it in).
    """

    def __init__(self, redis: Redis, *, namespace: str, ttl: timedelta) -> None:
        self._redis = redis
        self._namespace = namespace
        self._ttl = ttl

    async def first_time(self, key: str) -> bool:
        """True the first time `key` is seen within the ttl; False for every repeat."""
        return bool(await self._redis.set(self._namespace + key, b"1", nx=True, ex=self._ttl))

    async def forget(self, key: str) -> None:
        """Let `key` count as new again."""
        await self._redis.delete(self._namespace + key)
