"""The limiter under load: a worker's full send concurrency on a small Redis pool, a busy event
loop waking sleepers late, and replies that wait out 429s. Real Redis throughout."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable

import pytest
from redis.asyncio import ConnectionPool
from redis.asyncio import Redis as AsyncRedis

from core.errors import RetryLater
from core.ids import ChatRef, Platform, Tenant
from core.replies import Reply
from core.services.sends import CONCURRENCY
from jobs.limits import (
    CHAT_SAFETY,
    DEFAULT_LIMITS,
    LimitTable,
    PlatformLimits,
    Rate,
    RateLimitedSender,
    RateLimiter,
)
from tests.fakes.sender import RecordingSender

BOT = Tenant(Platform.TELEGRAM, "777")
# Slack's table: 1 a second per chat and nothing bot-wide, so 200 chats may all send at once.
PER_CHAT = {Platform.TELEGRAM: PlatformLimits(chat=Rate(1, 1.0, CHAT_SAFETY))}
SMALL_POOL = 5

MakeLimiter = Callable[..., RateLimiter]


@pytest.fixture
async def small_pool(redis_url: str) -> AsyncIterator[MakeLimiter]:
    """Limiters on a Redis client whose pool is far smaller than a worker's concurrency."""
    pool = ConnectionPool.from_url(redis_url, max_connections=SMALL_POOL)
    client = AsyncRedis(connection_pool=pool)

    def make(limits: LimitTable = PER_CHAT) -> RateLimiter:
        return RateLimiter(client, limits)

    yield make
    await client.aclose()
    await pool.disconnect()


async def _all_at_once(sender: RateLimitedSender, chats: list[ChatRef]) -> list[object]:
    gate = asyncio.Semaphore(CONCURRENCY)  # as core.services.sends.send_all does

    async def one(chat: ChatRef) -> None:
        async with gate:
            await sender.send(chat, Reply(f"hi {chat.chat_id}"))

    return await asyncio.gather(*(one(chat) for chat in chats), return_exceptions=True)


async def test_a_pool_smaller_than_the_send_concurrency_loses_no_send(small_pool) -> None:
    inner = RecordingSender()
    sender = RateLimitedSender(inner, small_pool())
    chats = [ChatRef(BOT, str(1000 + i)) for i in range(CONCURRENCY)]

    outcomes = await _all_at_once(sender, chats)

    assert [o for o in outcomes if o is not None] == []  # no "Too many connections"
    assert sorted(chat.chat_id for chat, _ in inner.sent) == sorted(c.chat_id for c in chats)


async def test_a_storm_of_429s_pushes_back_without_exhausting_the_pool(small_pool) -> None:
    inner = RecordingSender(fail_next=[RetryLater(after=0.05) for _ in range(CONCURRENCY)])
    sender = RateLimitedSender(inner, small_pool())
    chats = [ChatRef(BOT, str(1000 + i)) for i in range(CONCURRENCY)]

    outcomes = await _all_at_once(sender, chats)

    assert [o for o in outcomes if not isinstance(o, RetryLater)] == []


async def test_a_send_free_now_goes_at_once_on_a_busy_loop(small_pool) -> None:
    """A slot free now needs no sleep: other work holding the loop cannot make it 'late'
    and rebook it a full chat interval (1.18 s) out."""
    sender = RateLimitedSender(RecordingSender(), small_pool())
    chats = [ChatRef(BOT, str(1000 + i)) for i in range(40)]
    stop = asyncio.Event()

    async def busy() -> None:  # e.g. HTTP replies and commits: 30 ms of CPU per loop turn
        while not stop.is_set():
            time.sleep(0.03)
            await asyncio.sleep(0)

    hog = asyncio.create_task(busy())
    started = time.monotonic()
    try:  # (a loop late on every turn once kept rebooking them for ever)
        await asyncio.wait_for(_all_at_once(sender, chats), timeout=10)
    finally:
        stop.set()
        await hog
    took = time.monotonic() - started

    # Any send rebooked would sleep a whole chat interval (1.18 s) after being rebooked.
    assert took < PER_CHAT[Platform.TELEGRAM].chat.interval_ms / 1000, f"{took:.2f}s"


async def test_a_late_waker_nobody_booked_after_sends_at_once(small_pool) -> None:
    limiter = small_pool()
    chat = ChatRef(BOT, "42")
    await limiter.acquire(chat)  # the chat's next slot is now 1.18 s out
    first = time.monotonic()

    async def hold_the_loop() -> None:  # busy from 1.1 s to 1.4 s: the sleeper wakes 0.2 s late
        await asyncio.sleep(1.1)
        time.sleep(0.3)

    await asyncio.gather(limiter.acquire(chat), hold_the_loop())

    assert time.monotonic() - first < 1.6  # not rebooked another 1.18 s out


async def test_a_late_waker_never_bunches_up_with_the_slots_booked_after_it(small_pool) -> None:
    limiter = small_pool({Platform.TELEGRAM: PlatformLimits(chat=Rate(20, 1.0))})
    chat = ChatRef(BOT, "42")
    stamps: list[float] = []

    async def send() -> None:
        await limiter.acquire(chat)
        stamps.append(time.monotonic())

    async def hold_the_loop() -> None:  # the second sleeper (due at 53 ms) wakes ~50 ms late
        await asyncio.sleep(0.02)
        time.sleep(0.08)

    await asyncio.gather(send(), send(), send(), hold_the_loop())

    stamps.sort()
    interval = Rate(20, 1.0).interval_ms / 1000
    tolerance = Rate(20, 1.0).late_tolerance
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert all(gap >= interval - tolerance for gap in gaps), gaps


async def test_a_reply_waits_out_a_429_and_is_sent(small_pool) -> None:
    limiter = small_pool(DEFAULT_LIMITS)
    inner = RecordingSender(fail_next=[RetryLater(after=0.2)])
    chat = ChatRef(BOT, "42")
    started = time.monotonic()

    sent = await limiter.call(chat, lambda: inner.send(chat, Reply("hello")))

    assert sent.message_id == "1"
    assert inner.texts == ["hello"]
    assert time.monotonic() - started >= 0.2


async def test_a_reply_gives_up_past_its_budget(small_pool) -> None:
    limiter = small_pool(DEFAULT_LIMITS)
    inner = RecordingSender(fail_next=[RetryLater(after=5.0)])
    chat = ChatRef(BOT, "42")

    with pytest.raises(RetryLater):
        await limiter.call(chat, lambda: inner.send(chat, Reply("hello")), budget=1.0)

    assert inner.texts == []
