"""RedisStateStore: Slack OAuth `state` values, issued with an expiry and consumed once."""

from __future__ import annotations

import logging
import secrets
from typing import Final

from redis.asyncio import Redis
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

logger = logging.getLogger(__name__)

STATE_TTL: Final = 600  # seconds a person has to finish the install page
STATE_PREFIX: Final = "nudge:slack:oauth-state:"


class RedisStateStore(AsyncOAuthStateStore):
    """Bolt's state store on Redis: SET with an expiry, then GETDEL (a state works once)."""

    def __init__(self, redis: Redis, *, ttl: int = STATE_TTL) -> None:
        self._redis = redis
        self._ttl = ttl

    @property
    def logger(self) -> logging.Logger:
        return logger

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        state = secrets.token_urlsafe(24)
        await self._redis.set(f"{STATE_PREFIX}{state}", 1, ex=self._ttl)
        return state

    async def async_consume(self, state: str) -> bool:
        return await self._redis.getdel(f"{STATE_PREFIX}{state}") is not None
