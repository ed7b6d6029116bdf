"""UpdateLog on a real Redis: each update of each bot is handled once."""

from __future__ import annotations

from redis.asyncio import Redis

from bot.telegram.dedupe import SEEN_FOR, UpdateLog


async def test_an_update_is_first_seen_once_per_bot(redis_url) -> None:
    client = Redis.from_url(redis_url)
    log = UpdateLog(client)

    seen = [await log.first_time(1, 500), await log.first_time(1, 500),
            await log.first_time(2, 500), await log.first_time(1, 501)]
    ttl = await client.ttl("nudge:telegram:update:1:500")
    await client.aclose()

    assert seen == [True, False, True, True]
    assert SEEN_FOR.total_seconds() - 5 < ttl <= SEEN_FOR.total_seconds()
