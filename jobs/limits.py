"""Per-platform, per-bot, per-chat rate limits shared in Redis by every worker.

A GCRA with a burst of one, kept as one "next free instant" per bucket and reserved by a Lua
script against Redis's own clock, so all workers on all machines share one schedule. A
message takes the earliest instant free in every bucket it counts against (bot, chat, group)
and books it in all of them at once; the caller then sleeps until it. Booking ahead, rather
than polling "may I now?", costs one round trip per message and never oversteps a limit.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from redis.asyncio import Redis

from core.errors import RetryLater
from core.ids import ChatRef, Platform
from core.ports import ChatSender, SentLookup
from core.replies import Reply, SentMessage

logger = logging.getLogger(__name__)

# Book at this share of each published limit: arrival times jitter by some ms on the way to
# the platform, so spacing booked at exactly 1/30 s could land 31 in one second there.
SAFETY: Final = 0.94
CHAT_SAFETY: Final = 0.85
LATE_TOLERANCE: Final = 0.025  # seconds a booked slot may be used late (see acquire)
# A slot further ahead than this is not booked: the send is retried later instead, so a
# batch never waits on one chat for long (its claims are renewed meanwhile: core.services.sends).
MAX_WAIT: Final = 60.0

_RESERVE: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local at = now
for i = 1, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]))
  if tat and tat > at then at = tat end
end
local wait = at - now
if wait > tonumber(ARGV[1]) then return {0, tostring(wait)} end
for i = 1, #KEYS do
  local interval = tonumber(ARGV[i + 1])
  redis.call('SET', KEYS[i], tostring(at + interval), 'PX', math.ceil(wait + interval) + 1000)
end
return {1, tostring(wait)}
"""
_PUSH_BACK: Final = """
local t = redis.call('TIME')
local until_ms = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000 + tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]))
if not tat or tat < until_ms then
  redis.call('SET', KEYS[1], tostring(until_ms), 'PX', math.ceil(tonumber(ARGV[1])) + 1000)
end
return 1
"""


@dataclass(frozen=True)
class Rate:
    count: int
    per: float  # seconds
    # Share of the limit to book. Jitter matters more the fewer messages a window holds: one
    # message a second per chat needs a wider margin than thirty per bot. Measured with
    # bench/limits.py: 0.94 for a chat still drew a few 429s under load, 0.85 drew none.
    safety: float = SAFETY

    @property
    def interval_ms(self) -> float:
        """Booked spacing between two messages, with the safety margin."""
        return 1000.0 * self.per / (self.count * self.safety)


@dataclass(frozen=True)
class PlatformLimits:
    bot: Rate | None = None  # every message of one bot (Telegram) or workspace
    chat: Rate | None = None  # one chat or channel
    group: Rate | None = None  # one group chat, on top of its chat limit


LimitTable = Mapping[Platform, PlatformLimits]

# Telegram's FAQ: about 30 messages a second per bot, 1 a second per chat, 20 a minute per
# group. Slack's chat.postMessage: about 1 a second per channel.
DEFAULT_LIMITS: Final[LimitTable] = {
    Platform.TELEGRAM: PlatformLimits(bot=Rate(30, 1.0), chat=Rate(1, 1.0, CHAT_SAFETY),
                                      group=Rate(20, 60.0, CHAT_SAFETY)),
    Platform.SLACK: PlatformLimits(chat=Rate(1, 1.0, CHAT_SAFETY)),
}


def is_group(chat: ChatRef) -> bool:
    """Telegram group and supergroup ids are negative; private chats are positive."""
    return chat.tenant.platform is Platform.TELEGRAM and chat.chat_id.startswith("-")


class RateLimiter:
    """Books send slots in Redis buckets named by platform, bot and chat."""

    def __init__(self, redis: Redis, limits: LimitTable = DEFAULT_LIMITS) -> None:
        self._redis = redis
        self._limits = limits
        self._reserve = redis.register_script(_RESERVE)
        self._push_back = redis.register_script(_PUSH_BACK)

    async def acquire(self, chat: ChatRef) -> None:
        """Wait for the chat's next free slot; RetryLater if it is more than MAX_WAIT away."""
        buckets = self.buckets(chat)
        if not buckets:
            return
        keys = [key for key, _ in buckets]
        args = [MAX_WAIT * 1000, *(rate.interval_ms for _, rate in buckets)]
        while True:
            granted, wait_ms = await self._reserve(keys=keys, args=args)
            wait = float(wait_ms) / 1000
            if not int(granted):
                raise RetryLater(f"rate limit: next slot in {wait:.1f}s", after=wait)
            due = time.monotonic() + wait
            await asyncio.sleep(wait)
            # A busy event loop can wake us late; a slot used late bunches up with the next
            # ones at the platform. Past the tolerance, leave the slot unused and book anew.
            if time.monotonic() - due <= LATE_TOLERANCE:
                return

    async def push_back(self, chat: ChatRef, seconds: float) -> None:
        """A 429 came anyway: no worker sends for this bot until the Retry-After has passed."""
        buckets = self.buckets(chat)
        if buckets:
            await self._push_back(keys=[buckets[0][0]], args=[seconds * 1000])

    def buckets(self, chat: ChatRef) -> list[tuple[str, Rate]]:
        limits = self._limits.get(chat.tenant.platform)
        if limits is None:
            return []
        base = f"nudge:rate:{chat.tenant.platform.value}:{chat.tenant.workspace}"
        chosen = [(base, limits.bot), (f"{base}:chat:{chat.chat_id}", limits.chat)]
        if is_group(chat):
            chosen.append((f"{base}:group:{chat.chat_id}", limits.group))
        return [(key, rate) for key, rate in chosen if rate is not None]


class RateLimitedSender:
    """A ChatSender that waits for a shared rate-limit slot before the inner sender sends."""

    def __init__(self, inner: ChatSender, limiter: RateLimiter) -> None:
        self._inner = inner
        self._limiter = limiter

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        await self._limiter.acquire(chat)
        try:
            return await self._inner.send(chat, reply)
        except RetryLater as exc:
            if exc.after > 0:
                await self._limiter.push_back(chat, exc.after)
            raise

    async def find_sent(self, chat: ChatRef, key: str, since: datetime) -> SentMessage | None:
        """Ask the inner sender, if it can look (a read, outside the posting limits)."""
        if not isinstance(self._inner, SentLookup):
            return None
        return await self._inner.find_sent(chat, key, since)
