"""RedisCommandRate(CommandRate): commands per person per minute, counted in Redis.

A GCRA (a token bucket kept as one "theoretical arrival time" per person): up to the limit
at once, then one more every 60/limit seconds. The time is the caller's clock, not Redis's,
so that every process (and a test's fake clock) counts on the same axis as the use cases.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Final

from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.ids import UserRef

logger = logging.getLogger(__name__)

NAMESPACE: Final = "nudge:commands:"
_TAKE: Final = """
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
if tat - now > tolerance then return 0 end
tat = tat + interval
redis.call('SET', KEYS[1], tostring(tat), 'PX', math.ceil(tat - now) + 1000)
return 1
"""


class RedisCommandRate:
    """Counts commands per person; when Redis fails, commands are let through (and logged)."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._take = redis.register_script(_TAKE)

    async def allow(self, user: UserRef, *, now: datetime, per_minute: int) -> bool:
        interval = 60_000 / per_minute
        key = f"{NAMESPACE}{user.tenant.platform.value}:{user.tenant.workspace}:{user.user_id}"
        args = [int(now.timestamp() * 1000), interval, interval * (per_minute - 1)]
        try:
            return bool(await self._take(keys=[key], args=args))
        except RedisError as exc:
            # A quota is not worth a lost command: Redis away means uncounted, not refused.
            logger.warning("command rate not counted (%s): %s", type(exc).__name__, exc)
            return True
