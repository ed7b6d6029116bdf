"""RedisCommandStore: button commands too long for Telegram's 64-byte callback_data."""

from __future__ import annotations

from datetime import timedelta

from redis.asyncio import Redis


class RedisCommandStore:
    """Long button commands in Redis, each expiring after its ttl."""

    def __init__(self, redis: Redis, *, namespace: str = "nudge:telegram:cb:") -> None:
        self._redis = redis
        self._namespace = namespace

    async def put(self, key: str, command: str, ttl: timedelta) -> None:
        await self._redis.set(self._namespace + key, command.encode(), ex=ttl)

    async def get(self, key: str) -> str | None:
        value = await self._redis.get(self._namespace + key)
        return value.decode() if isinstance(value, bytes) else value
