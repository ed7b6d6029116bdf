"""Send claimed occurrences concurrently and record each outcome within milliseconds."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Final

from core.errors import Deferred, RetryLater, TargetGone
from core.i18n import using
from core.ids import ChatRef
from core.kinds.base import Due
from core.kinds.registry import handler_for
from core.occurrences import Occurrence
from core.people import Person
from core.ports import SentLookup
from core.replies import Reply, SentMessage
from core.services import wording
from core.services.claimed import Claimed, Report
from core.services.deps import Deps
from core.services.outcomes import Recorder

__all__ = ["CONCURRENCY", "Claimed", "Report", "Sending", "send_all"]

logger = logging.getLogger(__name__)

CONCURRENCY: Final = 200  # sends in flight at once per worker (HTTP keeps them cheap)
IN_DOUBT_MARGIN: Final = timedelta(minutes=1)  # clock skew between us and the platform


class Sending:
    """One delivery pass's sends: claimed rounds are added while earlier ones are in flight.

    Why a pass and not one send_all per round: a round that waits for its slowest send
    before the next claim leaves the worker idle for a platform round trip and a claim
    transaction each time (bench.burst, 1 worker, 50 ms latency: 890/s with the worker busy
    57% of the time; 1,620/s pipelined). Here the next round is claimed while this one sends,
    with at most `concurrency` sends in flight; one recorder, one renewer for the pass.
    """

    def __init__(self, deps: Deps, report: Report, *, concurrency: int = CONCURRENCY) -> None:
        self._deps = deps
        self._recorder = Recorder(deps, report)
        self._gate = asyncio.Semaphore(concurrency)
        self._in_flight: set[Occurrence] = set()  # claimed here and not yet recorded
        self._tasks: set[asyncio.Task[None]] = set()
        self._changed = asyncio.Event()
        self._background: list[asyncio.Task[None]] = []

    async def __aenter__(self) -> Sending:
        self._background = [asyncio.create_task(self._recorder.run()),
                            asyncio.create_task(_renew(self._deps, self._in_flight))]
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            if self._tasks:
                await asyncio.gather(*self._tasks)
        finally:
            recording, renewing = self._background
            renewing.cancel()
            self._recorder.close()
            await recording

    @property
    def pending(self) -> int:
        """Claimed in this pass and not yet sent or given up."""
        return len(self._in_flight)

    async def add(self, claimed: Sequence[Claimed]) -> None:
        """Start sending `claimed` (one owners query for them all); returns at once."""
        if not claimed:
            return
        async with self._deps.uow() as uow:
            owners = await uow.people.many({item.schedule.owner for item in claimed})
        for item in interleaved(claimed):
            self._in_flight.add(item.occurrence)
            task = asyncio.create_task(self._send_one(item, owners.get(item.schedule.owner)))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def drained_to(self, count: int) -> None:
        """Wait until at most `count` of this pass's sends are still pending."""
        while len(self._in_flight) > count:
            self._changed.clear()
            await self._changed.wait()

    async def _send_one(self, item: Claimed, owner: Person | None) -> None:
        try:
            async with self._gate:
                await _send(self._deps, item, self._recorder, owner)
        finally:
            self._in_flight.discard(item.occurrence)
            self._changed.set()


async def send_all(
    deps: Deps, claimed: Sequence[Claimed], *, concurrency: int = CONCURRENCY
) -> Report:
    """Send each claimed occurrence once, at most `concurrency` at a time; record outcomes."""
    report = Report()
    if claimed:
        async with Sending(deps, report, concurrency=concurrency) as sending:
            await sending.add(claimed)
    return report


async def _renew(deps: Deps, in_flight: set[Occurrence]) -> None:
    """Keep this worker's claims fresh while it sends, so only a dead worker's go stale."""
    every = deps.lease.total_seconds() / 4
    while True:
        await asyncio.sleep(every)
        try:
            async with deps.uow() as uow:
                await uow.deliveries.renew(list(in_flight), now=deps.clock.now())
                await uow.commit()
        except Exception:
            logger.warning("could not renew %d claims", len(in_flight), exc_info=True)


def interleaved(claimed: Sequence[Claimed]) -> list[Claimed]:
    """Round-robin over chats: a chat's 1/s limit then never holds up the bot-wide rate."""
    by_chat: dict[object, list[Claimed]] = defaultdict(list)
    for item in claimed:
        by_chat[item.schedule.chat].append(item)
    queues = list(by_chat.values())
    depth = max(len(q) for q in queues)
    return [q[i] for i in range(depth) for q in queues if i < len(q)]


async def _send(deps: Deps, item: Claimed, recorder: Recorder,
                owner: Person | None = None) -> None:
    try:
        chat, reply = await _message(deps, item, owner)
        if reply is None:
            recorder.sent(item, None)  # the kind had nothing to say this time
            return
        sent = await _already_sent(deps, item, chat) or await deps.sender.send(chat, reply)
    except RetryLater as exc:  # a Deferred (a later rate-limit slot) spends no retry
        recorder.retry(item, exc.after, spent=not isinstance(exc, Deferred))
    except TargetGone as exc:
        recorder.gone(item, exc)
    except Exception:
        # An adapter that let a foreign error through: treat it as transient, keep the rest.
        logger.exception("send of %s failed unexpectedly; will retry", item.occurrence.key)
        recorder.retry(item, None)
    else:
        recorder.sent(item, sent)


async def _already_sent(deps: Deps, item: Claimed, chat: ChatRef) -> SentMessage | None:
    """For an in-doubt occurrence, the copy its last attempt left in the chat, if any."""
    if not item.in_doubt or not isinstance(deps.sender, SentLookup):
        return None
    since = item.occurrence.instant - IN_DOUBT_MARGIN
    found = await deps.sender.find_sent(chat, item.occurrence.key, since)
    if found is not None:
        logger.warning("%s had reached the chat already: recorded, not sent again",
                       item.occurrence.key)
    return found


async def _message(deps: Deps, item: Claimed,
                   owner: Person | None = None) -> tuple[ChatRef, Reply | None]:
    """Where and what to send: the kind's message, or, past the late limit, what was missed.

    Misfire policy (architecture rule 5): nothing is dropped silently. Up to the late limit
    the kind's own message goes out, marked late; past it the owner is told, once (this
    occurrence's delivery row), what was missed and when it was due.
    """
    schedule = item.schedule
    language = owner.language if owner else None
    if item.late_by > deps.late_limit.total_seconds():
        handler = handler_for(schedule.kind)
        with using(language):
            return wording.owner_chat(schedule), wording.missed(
                handler.title(schedule), item.occurrence.instant, schedule.recurrence.zone)
    due = Due(schedule, item.occurrence, item.late_by, language)
    reply = await handler_for(schedule.kind).when_due(deps, due)
    if reply is None:
        return schedule.chat, None
    # The key finds an in-doubt copy again; the zone stamps it as its owner reads the clock.
    zone = owner.zone if owner and owner.zone else schedule.recurrence.zone
    return schedule.chat, replace(reply, key=item.occurrence.key, zone=zone)
