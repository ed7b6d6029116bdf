"""RedisDeduper on a real Redis: one deduper for Slack events and Telegram updates."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.main import SLACK_EVENTS, TELEGRAM_UPDATES
from bot.telegram.dedupe import SEEN_FOR, UpdateLog
from integrations.redis.connections import quick_async_redis
from integrations.redis.dedupe import RedisDeduper
from jobs.embedded_redis import EmbeddedRedis


@pytest.fixture
async def client(redis_url: str) -> AsyncIterator[Redis]:
    redis = Redis.from_url(redis_url)
    yield redis
    await redis.aclose()


async def test_a_key_is_first_seen_once_until_forgotten(client: Redis) -> None:
    dedupe = RedisDeduper(client, namespace=SLACK_EVENTS, ttl=timedelta(hours=1))

    key = "slack-message-Ev1"
    seen = [await dedupe.first_time(key), await dedupe.first_time(key)]
    await dedupe.forget("slack-message-Ev1")
    again = await dedupe.first_time("slack-message-Ev1")
    ttl = await client.ttl("nudge:slack:event:slack-message-Ev1")

    assert seen == [True, False]
    assert again is True
    assert 3595 < ttl <= 3600


async def test_an_update_is_first_seen_once_per_bot(client: Redis) -> None:
    log = UpdateLog(RedisDeduper(client, namespace=TELEGRAM_UPDATES, ttl=SEEN_FOR))

    seen = [await log.first_time(1, 500), await log.first_time(1, 500),
            await log.first_time(2, 500), await log.first_time(1, 501)]
    ttl = await client.ttl("nudge:telegram:update:1:500")

    assert seen == [True, False, True, True]
    assert SEEN_FOR.total_seconds() - 5 < ttl <= SEEN_FOR.total_seconds()


async def test_a_stalled_redis_fails_the_deduper_fast_and_lets_telegram_updates_in(
    private_redis: EmbeddedRedis,
) -> None:
    redis = quick_async_redis(private_redis.url)
    dedupe = RedisDeduper(redis, namespace=TELEGRAM_UPDATES, ttl=SEEN_FOR)
    await dedupe.first_time("warm-up")  # a pooled connection, as in a running process
    assert private_redis.pid is not None
    os.kill(private_redis.pid, signal.SIGSTOP)
    try:
        started = time.perf_counter()
        with pytest.raises((RedisError, OSError)):
            await dedupe.first_time("1:600")
        failed_after = time.perf_counter() - started
        let_in = await UpdateLog(dedupe).first_time(1, 601)
    finally:
        os.kill(private_redis.pid, signal.SIGCONT)
        await redis.aclose()

    assert failed_after < 1.0
    assert let_in is True
