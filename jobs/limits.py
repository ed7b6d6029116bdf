"""Per-platform, per-bot, per-chat rate limits shared in Redis by every worker.

A GCRA with a burst of one, kept as one "next free instant" per bucket and reserved by a Lua
script against Redis's own clock, so all workers on all machines share one schedule. A
message takes the earliest instant free in every bucket it counts against (bot, chat, group)
and books it in all of them at once; the caller then sleeps until it. Booking ahead, rather
than polling "may I now?", never oversteps a limit.

Reservations are batched: every slot asked for while one script call is in flight goes into
the next call, so a limiter makes one Redis call at a time however many sends wait on it. A
worker sending 200 messages at once thus costs a few round trips in all, and can never run
out of pooled connections (a pool of one is enough).
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, TypeVar

from redis.asyncio import Redis
from redis.exceptions import RedisError

from core.errors import RetryLater
from core.ids import ChatRef, Platform
from core.ports import ChatSender, SentLookup
from core.replies import Reply, SentMessage

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Book at this share of each published limit: arrival times jitter by some ms on the way to
# the platform, so spacing booked at exactly 1/30 s could land 31 in one second there.
SAFETY: Final = 0.94
CHAT_SAFETY: Final = 0.85
# Booked at `safety`, a bucket stays within its published limit while slots are used up to
# per * (1/safety - 1) late (64 ms for 30/s at 0.94; 176 ms for 1/s at 0.85). A late wake-up
# gets this share of that margin, the network's jitter the rest (see Rate.late_tolerance).
LATE_SHARE: Final = 0.4
# A slot further ahead than this is not booked: the send is retried later instead, so a
# batch never waits on one chat for long (its claims are renewed meanwhile: core.services.sends).
MAX_WAIT: Final = 60.0
# A reply to someone who just wrote waits at most this long, 429s included (then it is dropped
# with a log line: a reply minutes late helps nobody).
REPLY_BUDGET: Final = 30.0
MAX_BATCH: Final = 256  # reservations per script call: bounds how long Redis runs it

# One call serves a batch of requests, each "r" (reserve) or "p" (push back), in order.
# Reserve: ARGV = 'r', key count, max wait ms, previous slot ('' for a first ask), then per
# key its interval ms and '1' if the caller's lateness is within that bucket's tolerance.
# Push back: ARGV = 'p', 1, ms. Each request answers {granted, wait ms, slot ms}.
_BATCH: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000

local function book(key, at, interval, wait)
  redis.call('SET', key, tostring(at + interval), 'PX', math.ceil(wait + interval) + 1000)
end

local function reserve(k, n, a)
  local max_wait, prev = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  local tats, last, clear = {}, {}, true
  for i = 1, n do
    local interval = tonumber(ARGV[a + 2 * i])
    local tat = tonumber(redis.call('GET', KEYS[k + i - 1])) or 0
    if prev then
      -- A late waker: where nobody booked after it, its slot is still its own to move.
      last[i] = math.abs(tat - (prev + interval)) < 1
      if last[i] then tat = prev
      elseif ARGV[a + 2 * i + 1] ~= '1' then clear = false end
    end
    tats[i] = tat
  end
  if prev and clear then
    for i = 1, n do
      if last[i] then book(KEYS[k + i - 1], now, tonumber(ARGV[a + 2 * i]), 0) end
    end
    return {1, '0', tostring(now)}
  end
  local at = now
  for i = 1, n do if tats[i] > at then at = tats[i] end end
  local wait = at - now
  if wait > max_wait then return {0, tostring(wait), tostring(at)} end
  for i = 1, n do book(KEYS[k + i - 1], at, tonumber(ARGV[a + 2 * i]), wait) end
  return {1, tostring(wait), tostring(at)}
end

local function push_back(key, ms)
  local until_ms = now + ms
  local tat = tonumber(redis.call('GET', key))
  if not tat or tat < until_ms then
    redis.call('SET', key, tostring(until_ms), 'PX', math.ceil(ms) + 1000)
  end
  return {1, '0', tostring(until_ms)}
end

local out, k, a = {}, 1, 1
while a <= #ARGV do
  local op, n = ARGV[a], tonumber(ARGV[a + 1])
  local answer
  if op == 'p' then
    answer = push_back(KEYS[k], tonumber(ARGV[a + 2]))
    a = a + 3
  else
    answer = reserve(k, n, a + 2)
    a = a + 4 + 2 * n
  end
  k = k + n
  out[#out + 1] = answer[1]
  out[#out + 1] = answer[2]
  out[#out + 1] = answer[3]
end
return out
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

    @property
    def late_tolerance(self) -> float:
        """Seconds a booked slot may be used late: 25 ms for 30/s, 71 ms for 1/s per chat."""
        return LATE_SHARE * self.per * (1 / self.safety - 1)


@dataclass(frozen=True)
class PlatformLimits:
    bot: Rate | None = None  # every message of one bot (Telegram) or workspace
    chat: Rate | None = None  # one chat or channel
    group: Rate | None = None  # one group chat, on top of its chat limit


LimitTable = Mapping[Platform, PlatformLimits]
Buckets = list[tuple[str, Rate]]

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


class LimiterDown(RetryLater):
    """Redis did not answer the limiter: a delivery retries later; a reply goes unpaced."""


@dataclass(frozen=True)
class Slot:
    granted: bool
    wait: float  # seconds from Redis's now to the slot
    at: str  # the slot on Redis's clock (ms), as the script wrote it: a late waker's claim


@dataclass(frozen=True)
class _Request:
    keys: list[str]
    args: list[str | float]
    answer: asyncio.Future[Slot]


@dataclass
class _Batches:
    """One event loop's waiting requests and the one task that sends them to Redis."""

    waiting: list[_Request] = field(default_factory=list)
    runner: asyncio.Task[None] | None = None


class RateLimiter:
    """Books send slots in Redis buckets named by platform, bot and chat."""

    def __init__(self, redis: Redis, limits: LimitTable = DEFAULT_LIMITS) -> None:
        self._redis = redis
        self._limits = limits
        self._script = redis.register_script(_BATCH)
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Batches] = (
            weakref.WeakKeyDictionary())

    async def acquire(self, chat: ChatRef, *, max_wait: float = MAX_WAIT) -> None:
        """Wait for the chat's next free slot; RetryLater if it is more than max_wait away."""
        buckets = self.buckets(chat)
        if not buckets:
            return
        slot = await self._reserve(buckets, max_wait)
        while True:
            if not slot.granted:
                raise RetryLater(f"rate limit: next slot in {slot.wait:.1f}s", after=slot.wait)
            if slot.wait <= 0:
                return  # free now: no sleep, so nothing to wake late from
            due = time.monotonic() + slot.wait
            await asyncio.sleep(slot.wait)
            # A busy event loop can wake us late, and a slot used late bunches up with the
            # next ones at the platform. Within each bucket's tolerance that is harmless;
            # past it, the script moves our slot to now where nobody booked after it, else
            # books the next free one.
            late = time.monotonic() - due
            lenient = [late <= rate.late_tolerance for _, rate in buckets]
            if all(lenient):
                return
            slot = await self._reserve(buckets, max_wait, previous=slot.at, lenient=lenient)

    async def push_back(self, chat: ChatRef, seconds: float) -> None:
        """A 429 came anyway: no worker sends for this bot until the Retry-After has passed."""
        buckets = self.buckets(chat)
        if buckets:
            await self._ask([buckets[0][0]], ["p", 1, seconds * 1000])

    async def call(self, chat: ChatRef, send: Callable[[], Awaitable[T]], *,
                   budget: float = REPLY_BUDGET) -> T:
        """Send now, in the chat's next slot; after a RetryLater (a 429) wait and try again,
        for at most `budget` seconds in all. For replies to someone who just wrote."""
        deadline = time.monotonic() + budget
        while True:
            try:
                await self.acquire(chat, max_wait=max(0.0, deadline - time.monotonic()))
            except LimiterDown:
                logger.warning("rate limiter unavailable: replying to %s unpaced", chat.chat_id)
            try:
                return await send()
            except RetryLater as exc:
                if time.monotonic() + exc.after > deadline:
                    raise
                logger.info("reply to %s refused for %.1fs; waiting", chat.chat_id, exc.after)
                await self._push_back_or_sleep(chat, exc.after)

    def buckets(self, chat: ChatRef) -> Buckets:
        limits = self._limits.get(chat.tenant.platform)
        if limits is None:
            return []
        base = f"nudge:rate:{chat.tenant.platform.value}:{chat.tenant.workspace}"
        chosen = [(base, limits.bot), (f"{base}:chat:{chat.chat_id}", limits.chat)]
        if is_group(chat):
            chosen.append((f"{base}:group:{chat.chat_id}", limits.group))
        return [(key, rate) for key, rate in chosen if rate is not None]

    async def _push_back_or_sleep(self, chat: ChatRef, seconds: float) -> None:
        try:
            await self.push_back(chat, seconds)
        except LimiterDown:
            await asyncio.sleep(seconds)  # nothing shared to tell: at least this sender waits
        if not self.buckets(chat):
            await asyncio.sleep(seconds)  # no bucket holds the wait for us

    async def _reserve(self, buckets: Buckets, max_wait: float, *, previous: str = "",
                       lenient: list[bool] | None = None) -> Slot:
        args: list[str | float] = ["r", len(buckets), max_wait * 1000, previous]
        for i, (_, rate) in enumerate(buckets):
            args += [rate.interval_ms, "1" if lenient and lenient[i] else "0"]
        return await self._ask([key for key, _ in buckets], args)

    async def _ask(self, keys: list[str], args: list[str | float]) -> Slot:
        loop = asyncio.get_running_loop()
        batches = self._loops.setdefault(loop, _Batches())
        request = _Request(keys, args, loop.create_future())
        batches.waiting.append(request)
        if batches.runner is None or batches.runner.done():
            batches.runner = loop.create_task(self._run(batches))
        try:
            return await request.answer
        except RedisError as exc:
            raise LimiterDown(f"rate limiter unavailable: {exc}", after=1.0) from exc

    async def _run(self, batches: _Batches) -> None:
        """Send what is waiting, one script call at a time, until nothing is."""
        while batches.waiting:
            batch = batches.waiting[:MAX_BATCH]
            del batches.waiting[:MAX_BATCH]
            try:
                answers = await self._script(keys=[k for r in batch for k in r.keys],
                                             args=[a for r in batch for a in r.args])
            except BaseException as exc:
                for request in batch:
                    if not request.answer.done():
                        request.answer.set_exception(exc if isinstance(exc, Exception)
                                                     else RedisError("limiter stopped"))
                if not isinstance(exc, Exception):
                    raise
                continue
            for i, request in enumerate(batch):
                if not request.answer.done():
                    request.answer.set_result(_slot(answers[3 * i: 3 * i + 3]))


def _slot(answer: list[object]) -> Slot:
    granted, wait_ms, at = answer
    return Slot(bool(int(_text(granted))), max(0.0, float(_text(wait_ms)) / 1000), _text(at))


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class RateLimitedSender:
    """A ChatSender that waits for a shared rate-limit slot before the inner sender sends."""

    def __init__(self, inner: ChatSender, limiter: RateLimiter) -> None:
        self._inner = inner
        self._limiter = limiter

    @property
    def limiter(self) -> RateLimiter:
        return self._limiter

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
