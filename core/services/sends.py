"""Send claimed occurrences concurrently and record each outcome within milliseconds."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Final

from core.errors import RetryLater, TargetGone
from core.i18n import using
from core.ids import ChatRef
from core.kinds.base import Due
from core.kinds.registry import handler_for
from core.occurrences import Occurrence, Sent
from core.people import Person
from core.ports import SentLookup, UnitOfWork
from core.replies import Reply, SentMessage
from core.schedules import Schedule
from core.services import wording
from core.services.deps import Deps

logger = logging.getLogger(__name__)

CONCURRENCY: Final = 200  # sends in flight at once per worker (HTTP keeps them cheap)
IN_DOUBT_MARGIN: Final = timedelta(minutes=1)  # clock skew between us and the platform


@dataclass(frozen=True)
class Claimed:
    """An occurrence this worker holds the claim of, ready to send."""

    schedule: Schedule
    occurrence: Occurrence
    attempts: int  # failed attempts before this one
    late_by: float  # seconds
    # Taken over from a failed or dead worker: its last attempt may have reached the chat.
    in_doubt: bool = False


@dataclass
class Report:
    """What a delivery pass did; `windows` are the unclosable windows it measured."""

    sent: int = 0
    skipped: int = 0
    retrying: int = 0
    gone: int = 0
    exhausted: list[Occurrence] = field(default_factory=list)
    # Seconds from the platform's accept to our commit of that send, one per send: a crash
    # inside this window is the one case that can post an occurrence twice.
    windows: list[float] = field(default_factory=list)

    def add(self, other: Report) -> None:
        self.sent += other.sent
        self.skipped += other.skipped
        self.retrying += other.retrying
        self.gone += other.gone
        self.exhausted += other.exhausted
        self.windows += other.windows


async def send_all(
    deps: Deps, claimed: Sequence[Claimed], *, concurrency: int = CONCURRENCY
) -> Report:
    """Send each claimed occurrence once, at most `concurrency` at a time; record outcomes."""
    report = Report()
    if not claimed:
        return report
    recorder = _Recorder(deps, report)
    flushing = asyncio.create_task(recorder.run())
    gate = asyncio.Semaphore(concurrency)
    in_flight = {item.occurrence for item in claimed}
    renewing = asyncio.create_task(_renew(deps, in_flight))
    async with deps.uow() as uow:  # one query for the batch, none per send
        owners = await uow.people.many({item.schedule.owner for item in claimed})

    async def send_one(item: Claimed) -> None:
        async with gate:
            await _send(deps, item, recorder, owners.get(item.schedule.owner))
        in_flight.discard(item.occurrence)

    try:
        await asyncio.gather(*(send_one(item) for item in interleaved(claimed)))
    finally:
        renewing.cancel()
        recorder.close()
        await flushing
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


async def _send(deps: Deps, item: Claimed, recorder: _Recorder,
                owner: Person | None = None) -> None:
    try:
        chat, reply = await _message(deps, item, owner)
        if reply is None:
            recorder.sent(item, None)  # the kind had nothing to say this time
            return
        sent = await _already_sent(deps, item, chat) or await deps.sender.send(chat, reply)
    except RetryLater as exc:
        recorder.retry(item, exc.after)
    except TargetGone as exc:
        recorder.gone(item, exc)
    except Exception:
        # An adapter that let a foreign error through: treat it as transient, keep the rest.
        logger.exception("send of %s failed unexpectedly; will retry", item.occurrence.key)
        recorder.retry(item, None)
    else:
        recorder.sent(item, sent)


class _Recorder:
    """Commits outcomes in small batches as they arrive, from one task (one writer).

    Why not one commit after the whole batch: a crash between a platform's accept and our
    commit re-sends that message after the lease, so the time a send waits for its commit is
    the double-send window. Committing whatever has arrived whenever the previous commit ends
    keeps it to one commit's time (a few ms) at any batch size, with few transactions.
    """

    def __init__(self, deps: Deps, report: Report) -> None:
        self._deps = deps
        self._report = report
        self._sent: list[tuple[Claimed, SentMessage | None, float]] = []
        self._retry: list[tuple[Claimed, float | None]] = []
        self._gone: list[tuple[Claimed, TargetGone]] = []
        self._wake = asyncio.Event()
        self._closed = False

    def sent(self, item: Claimed, message: SentMessage | None) -> None:
        self._sent.append((item, message, time.perf_counter()))  # a duration, not the clock
        self._wake.set()

    def retry(self, item: Claimed, after: float | None) -> None:
        self._retry.append((item, after))
        self._wake.set()

    def gone(self, item: Claimed, exc: TargetGone) -> None:
        self._gone.append((item, exc))
        self._wake.set()

    def close(self) -> None:
        self._closed = True
        self._wake.set()

    async def run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            await self._flush()
            if self._closed and not (self._sent or self._retry or self._gone):
                return

    async def _flush(self) -> None:
        sent, self._sent = self._sent, []
        retry, self._retry = self._retry, []
        gone, self._gone = self._gone, []
        if not (sent or retry or gone):
            return
        now = self._deps.clock.now()
        async with self._deps.uow() as uow:
            await uow.deliveries.complete_many([_completion(i, m, now) for i, m, _ in sent])
            for item, _ in retry:
                await uow.deliveries.retry_later(item.occurrence, now=now,
                                                 attempts=item.attempts + 1)
            for item, exc in gone:
                await _record_gone(uow, item, exc, now)
            await uow.commit()
        committed = time.perf_counter()
        self._report.windows += [committed - accepted for _, _, accepted in sent]
        self._report.sent += len(sent)
        self._report.gone += len(gone)
        await self._queue_retries(retry + [(i, 0.0) for i, e in gone if e.new_chat_id])
        for item, exc in gone:
            if not exc.new_chat_id:
                await _tell_owner_gone(self._deps, item, exc)
        if sent:
            logger.debug("recorded %d sends", len(sent))

    async def _queue_retries(self, retry: list[tuple[Claimed, float | None]]) -> None:
        exhausted = []
        for item, after in retry:
            attempt = item.attempts + 1
            if await self._deps.queue.retry(item.occurrence, attempt=attempt, after=after):
                self._report.retrying += 1
            else:
                exhausted.append(item.occurrence)
        if not exhausted:
            return
        now = self._deps.clock.now()
        async with self._deps.uow() as uow:
            for occurrence in exhausted:
                await uow.deliveries.fail(occurrence, now=now)
            await uow.commit()
        self._report.exhausted += exhausted
        logger.error("retries exhausted for %s", ", ".join(o.key for o in exhausted))


def _completion(item: Claimed, message: SentMessage | None, now: datetime) -> Sent:
    return Sent(item.occurrence, now, message.message_id if message else None, item.late_by)


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


async def _tell_owner_gone(deps: Deps, item: Claimed, exc: TargetGone) -> None:
    """Tell the owner, once (the chat's schedules stop with this), why nothing arrives."""
    schedule = item.schedule
    if wording.is_owners_chat(schedule):
        return  # the owner's own chat is the one that is gone: nobody to tell
    chat = wording.owner_chat(schedule)
    title = handler_for(schedule.kind).title(schedule)
    try:
        await deps.sender.send(chat, wording.target_gone(title, str(exc)))
    except Exception:
        logger.warning("could not tell the owner of %s that its chat is gone", schedule.id,
                       exc_info=True)


async def _record_gone(uow: UnitOfWork, item: Claimed, exc: TargetGone, now: datetime) -> None:
    chat = item.schedule.chat
    if exc.new_chat_id:
        # A group became a supergroup: follow it, and send again there at once.
        moved = await uow.schedules.move_chat(chat, type(chat)(chat.tenant, exc.new_chat_id))
        await uow.deliveries.retry_later(item.occurrence, now=now,
                                         attempts=item.attempts + 1)
        logger.warning("chat %s moved to %s: %d reminders follow", chat.chat_id,
                       exc.new_chat_id, moved)
        return
    await uow.deliveries.skip(item.occurrence, now=now)
    count = await uow.schedules.deactivate_chat(chat)
    logger.warning("chat %s is gone (%s): deactivated %d schedules", chat.chat_id, exc, count)
