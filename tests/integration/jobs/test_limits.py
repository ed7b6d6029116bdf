"""Rate limits shared in Redis: booked slots never overstep a bucket; 429s push back."""

from __future__ import annotations

import asyncio
import time

import pytest
from redis.asyncio import Redis as AsyncRedis

from core.errors import RetryLater
from core.ids import ChatRef, Platform, Tenant
from core.replies import Reply
from jobs.backoff import retry_delay
from jobs.limits import (
    DEFAULT_LIMITS,
    PlatformLimits,
    Rate,
    RateLimitedSender,
    RateLimiter,
    Window,
)
from tests.fakes.sender import RecordingSender

BOT = Tenant(Platform.TELEGRAM, "777")
FAST = {Platform.TELEGRAM: PlatformLimits(bot=Rate(100, 1.0), chat=Rate(20, 1.0),
                                          group=Rate(10, 1.0))}


@pytest.fixture
async def limiter(redis_url):
    client = AsyncRedis.from_url(redis_url)
    yield lambda limits=FAST: RateLimiter(client, limits)
    await client.aclose()


async def _times(limiter: RateLimiter, chats: list[ChatRef]) -> list[float]:
    stamps = []
    for chat in chats:
        await limiter.acquire(chat)
        stamps.append(time.monotonic())
    return stamps


async def test_one_chat_is_spaced_by_its_own_limit(limiter) -> None:
    chat = ChatRef(BOT, "42")

    stamps = await _times(limiter(), [chat] * 4)

    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert all(gap >= 0.05 * 0.99 for gap in gaps)  # 20/s booked at 94 %: 53 ms apart


async def test_many_chats_share_the_bot_limit(limiter) -> None:
    chats = [ChatRef(BOT, str(i)) for i in range(20)]

    stamps = await _times(limiter(), chats)

    assert stamps[-1] - stamps[0] >= 19 * 0.01  # 100/s for the bot: 10.6 ms apart


async def test_a_group_counts_against_its_group_bucket_too(limiter) -> None:
    buckets = limiter().buckets(ChatRef(BOT, "-1001234"))
    private = limiter().buckets(ChatRef(BOT, "42"))

    assert [key.rsplit(":", 2)[-2] for key, _ in buckets[1:]] == ["chat", "window"]
    assert len(private) == 2


async def test_a_slot_beyond_the_longest_wait_is_not_booked(limiter) -> None:
    slow = limiter({Platform.TELEGRAM: PlatformLimits(chat=Rate(1, 120.0))})
    chat = ChatRef(BOT, "42")
    await slow.acquire(chat)

    with pytest.raises(RetryLater) as raised:
        await slow.acquire(chat)

    assert raised.value.after > 60


async def test_a_429_makes_every_sender_of_that_bot_wait(limiter) -> None:
    inner = RecordingSender(fail_next=[RetryLater(after=0.3)])
    sender = RateLimitedSender(inner, limiter())

    with pytest.raises(RetryLater):
        await sender.send(ChatRef(BOT, "1"), Reply("hi"))
    started = time.monotonic()
    await sender.send(ChatRef(BOT, "2"), Reply("hi"))

    assert time.monotonic() - started >= 0.25


async def test_a_platform_without_limits_never_waits(limiter) -> None:
    sender = RateLimitedSender(RecordingSender(), limiter(DEFAULT_LIMITS))
    console = ChatRef(Tenant(Platform.CONSOLE, "local"), "me")

    for _ in range(50):
        await sender.send(console, Reply("hi"))

    assert limiter(DEFAULT_LIMITS).buckets(console) == []


@pytest.mark.parametrize(("attempt", "after", "delay"), [
    pytest.param(1, None, 1.0, id="first-retry"),
    pytest.param(2, None, 2.0, id="second-retry"),
    pytest.param(3, None, 4.0, id="third-retry"),
    pytest.param(4, None, None, id="no-fourth"),
    pytest.param(1, 7.0, 7.0, id="retry-after-wins"),
    pytest.param(2, 300.0, 30.0, id="capped-at-30"),
    pytest.param(0, 0.0, 0.0, id="resumed-claim-at-once"),
])
def test_the_retry_policy(attempt, after, delay) -> None:
    assert retry_delay(attempt, after) == delay


WINDOW = Window(5, 1.0, margin=0.1)  # 5 in any second, booked 1.1 s past the 5th last


async def test_a_window_lets_its_count_through_at_once_and_the_next_after_it(limiter) -> None:
    windowed = limiter({Platform.TELEGRAM: PlatformLimits(group=WINDOW)})
    group = ChatRef(BOT, "-1005")

    stamps = await _times(windowed, [group] * 6)

    assert stamps[4] - stamps[0] < 0.1  # the whole count, without waiting
    assert 1.1 * 0.99 <= stamps[5] - stamps[0] < 1.1 + 0.1  # the 6th: one span after the 1st


async def test_a_window_refuses_the_one_past_its_count_within_the_longest_wait(limiter) -> None:
    windowed = limiter({Platform.TELEGRAM: PlatformLimits(group=Window(20, 60.0))})
    group = ChatRef(BOT, "-1006")
    for _ in range(20):
        await windowed.acquire(group)

    with pytest.raises(RetryLater) as raised:
        await windowed.acquire(group)

    assert 60.5 < raised.value.after <= 61.0  # free when the first is 61 s behind


async def test_a_window_over_a_long_run_goes_at_its_full_rate_and_never_oversteps(
        limiter) -> None:
    windowed = limiter({Platform.TELEGRAM: PlatformLimits(group=WINDOW)})
    group = ChatRef(BOT, "-1007")

    stamps = await _times(windowed, [group] * 16)

    # 16 = 3 windows of 5, then 1: the 16th goes 3 spans (3.3 s) after the first
    assert stamps[15] - stamps[0] < 3 * 1.1 + 0.15
    assert all(later - earlier >= 1.0 for earlier, later in zip(stamps, stamps[5:], strict=False))


async def test_a_late_waker_in_a_window_moves_its_own_slot(limiter, redis_url) -> None:
    windowed = limiter({Platform.TELEGRAM: PlatformLimits(group=WINDOW)})
    group = ChatRef(BOT, "-1008")
    for _ in range(5):
        await windowed.acquire(group)
    (key, _), = windowed.buckets(group)
    client = AsyncRedis.from_url(redis_url)
    before = [float(slot) for slot in await client.lrange(key, 0, -1)]

    # the 6th books 1.1 s after the 1st; a busy loop wakes it 0.5 s late (tolerance 40 ms)
    slot = await windowed._reserve(windowed.buckets(group), 60.0)
    await asyncio.sleep(slot.wait + 0.5)
    moved = await windowed._reserve(windowed.buckets(group), 60.0, previous=slot.at)

    after = [float(slot) for slot in await client.lrange(key, 0, -1)]
    await client.aclose()
    assert moved.granted  # its slot, moved to now: no second booking
    assert moved.wait == 0
    assert len(after) == 5
    assert after[:-1] == before[1:]
    assert after[-1] - float(slot.at) >= 450


async def test_a_late_waker_keeps_its_window_slot_when_only_the_bot_limit_is_missed(
        limiter, redis_url) -> None:
    # the bot tolerates 25 ms late, the window 200 ms; the window is full after 3
    windowed = limiter({Platform.TELEGRAM: PlatformLimits(bot=Rate(100, 1.0),
                                                          group=Window(3, 1.0, margin=0.5))})
    group = ChatRef(BOT, "-1009")
    buckets = windowed.buckets(group)
    first = await windowed._reserve(buckets, 60.0)
    for _ in range(2):
        await windowed._reserve(buckets, 60.0)  # booked after it: its slots are not the last

    await asyncio.sleep(first.wait + 0.1)  # woken 100 ms late
    again = await windowed._reserve(buckets, 60.0, previous=first.at)

    client = AsyncRedis.from_url(redis_url)
    window = await client.lrange(buckets[1][0], 0, -1)
    await client.aclose()
    assert again.granted
    assert again.wait < 0.05  # the bot's next slot, not the window's next (1.5 s on)
    assert len(window) == 3  # its window slot kept, not booked again
