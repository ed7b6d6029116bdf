"""Repeated updates (same update_id) do nothing twice: a Redis SET NX per update, with expiry."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from redis.asyncio import Redis

# Telegram keeps an unconfirmed update for 24 hours, so a redelivery comes within a day.
SEEN_FOR: Final = timedelta(hours=25)


class UpdateLog:
    """Remembers which updates of which bot were handled."""

    def __init__(self, redis: Redis, *, namespace: str = "nudge:telegram:update:") -> None:
        self._redis = redis
        self._namespace = namespace

    async def first_time(self, bot_id: int, update_id: int) -> bool:
        """True exactly once per (bot, update); later calls within SEEN_FOR get False."""
        key = f"{self._namespace}{bot_id}:{update_id}"
        return bool(await self._redis.set(key, b"1", nx=True, ex=SEEN_FOR))
