"""Per-platform, per-bot, per-chat rate limits shared in Redis by every worker.

Two kinds of bucket, both reserved by one Lua script against Redis's own clock, so all
workers on all machines share one schedule:

- `Rate`: a GCRA with a burst of one, kept as one "next free instant": messages spaced
  evenly at a share of the limit (30/s per bot, 1/s per chat).
- `Window`: a sliding window as the platform counts it (Telegram: 20 a minute per group),
  kept as the log of the last `count` slots; a slot is free once the count-th last one is
  `per + margin` behind. Full rate over any run, with a fixed margin for network jitter
  instead of a share of a whole minute (an even 3.5 s spacing at 85% cost 15%).

A message takes the earliest instant free in every bucket it counts against (bot, chat, group)
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

from core.errors import Deferred, RetryLater
from core.ids import ChatRef, Platform
from core.ports import ChatSender, SentLookup
from core.replies import Reply, SentMessage
from jobs.limit_script import BATCH

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
# A window's slots are booked this far past the edge of the platform's window: it absorbs a
# late wake-up (LATE_SHARE of it) and the jitter on the way to the platform (the rest).
WINDOW_MARGIN: Final = 1.0
# A slot further ahead than this is not booked: the send is retried later instead, so a
# batch never waits on one chat for long (its claims are renewed meanwhile: core.services.sends).
MAX_WAIT: Final = 60.0
# A reply to someone who just wrote waits at most this long, 429s included (then it is dropped
# with a log line: a reply minutes late helps nobody).
REPLY_BUDGET: Final = 30.0
MAX_BATCH: Final = 256  # reservations per script call: bounds how long Redis runs it

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

    @property
    def log_size(self) -> int:
        return 0  # one "next free instant", no log


@dataclass(frozen=True)
class Window:
    """At most `count` messages in any `per` seconds, counted as a sliding window.

    The next slot is free once the count-th last one is `per + margin` behind, so a burst
    of `count` goes at once (spaced by the chat's own limit) and the long-run rate is
    count / (per + margin): 98.4% of 20 a minute with a 1 s margin. Two slots `count` apart
    arrive at the platform at least `per` apart while a wake-up is at most
    `late_tolerance` late and the way there jitters by less than the rest of the margin.
    What keeps a sliding window also keeps a token bucket of `count` refilled at count/per,
    should the platform count that way instead.
    """

    count: int
    per: float  # seconds
    margin: float = WINDOW_MARGIN

    @property
    def interval_ms(self) -> float:
        """How far the count-th next slot is booked after one."""
        return 1000.0 * (self.per + self.margin)

    @property
    def late_tolerance(self) -> float:
        """Seconds a booked slot may be used late: 0.4 s of a 1 s margin."""
        return LATE_SHARE * self.margin

    @property
    def log_size(self) -> int:
        return self.count


@dataclass(frozen=True)
class PlatformLimits:
    bot: Rate | None = None  # every message of one bot (Telegram) or workspace
    chat: Rate | None = None  # one chat or channel
    group: Rate | Window | None = None  # one group chat, on top of its chat limit


LimitTable = Mapping[Platform, PlatformLimits]
Buckets = list[tuple[str, Rate | Window]]

# Telegram's FAQ: about 30 messages a second per bot, 1 a second per chat, 20 a minute per
# group (a sliding window: the fake in bench/common.py counts it so). Slack's
# chat.postMessage: about 1 a second per channel.
DEFAULT_LIMITS: Final[LimitTable] = {
    Platform.TELEGRAM: PlatformLimits(bot=Rate(30, 1.0), chat=Rate(1, 1.0, CHAT_SAFETY),
                                      group=Window(20, 60.0)),
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
        self._script = redis.register_script(BATCH)
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
                raise Deferred(f"rate limit: next slot in {slot.wait:.1f}s", after=slot.wait)
            if slot.wait <= 0:
                return  # free now: no sleep, so nothing to wake late from
            due = time.monotonic() + slot.wait
            await asyncio.sleep(slot.wait)
            # A busy event loop can wake us late, and a slot used late bunches up with the
            # next ones at the platform. Within each bucket's tolerance that is harmless;
            # past it, the script moves our slot to now where nobody booked after it, else
            # books the next free one, in those buckets only: a window keeps the slot it
            # booked while that is within its tolerance (a bucket's next slot may be a
            # whole minute away).
            late = time.monotonic() - due
            if all(late <= rate.late_tolerance for _, rate in buckets):
                return
            slot = await self._reserve(buckets, max_wait, previous=slot.at)

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
        chosen: list[tuple[str, Rate | Window | None]] = [
            (base, limits.bot), (f"{base}:chat:{chat.chat_id}", limits.chat)]
        if is_group(chat):
            # ":window:" — a list, where older releases kept a GCRA string under ":group:"
            chosen.append((f"{base}:window:{chat.chat_id}", limits.group))
        return [(key, rate) for key, rate in chosen if rate is not None]

    async def _push_back_or_sleep(self, chat: ChatRef, seconds: float) -> None:
        try:
            await self.push_back(chat, seconds)
        except LimiterDown:
            await asyncio.sleep(seconds)  # nothing shared to tell: at least this sender waits
        if not self.buckets(chat):
            await asyncio.sleep(seconds)  # no bucket holds the wait for us

    async def _reserve(self, buckets: Buckets, max_wait: float, *,
                       previous: str = "") -> Slot:
        args: list[str | float] = ["r", len(buckets), max_wait * 1000, previous]
        for _, rate in buckets:
            args += [rate.interval_ms, rate.log_size, rate.late_tolerance * 1000]
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
