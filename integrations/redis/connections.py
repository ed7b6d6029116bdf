"""Redis clients for the web process: short timeouts and no retries, so nothing waits long."""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# Slack wants its ack within 3 s. One Redis call that is not answered in half a second
# means Redis is stalled or gone, and the caller takes its fallback instead of waiting.
# redis-py's defaults (5 s, three retries) made every Slack ack wait out a hung Redis.
QUICK_TIMEOUT: Final = 0.5


def quick_async_redis(url: str, *, timeout: float = QUICK_TIMEOUT) -> AsyncRedis:
    """An asyncio client whose every call fails within about `timeout` seconds."""
    return AsyncRedis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout,
                               retry=AsyncRetry(NoBackoff(), 0))


def quick_redis(url: str, *, timeout: float = QUICK_TIMEOUT) -> Redis:
    """A sync client (for RQ, called from a thread) failing within about `timeout` seconds."""
    return Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout,
                          retry=Retry(NoBackoff(), 0))


async def is_up(redis: AsyncRedis, *, timeout: float = QUICK_TIMEOUT) -> bool:
    """PING within `timeout` seconds; any failure counts as down."""
    try:
        return bool(await asyncio.wait_for(redis.ping(), timeout))
    except (RedisError, OSError, TimeoutError) as exc:
        logger.warning("Redis did not answer PING: %s", type(exc).__name__)
        return False
