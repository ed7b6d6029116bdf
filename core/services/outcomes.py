"""Record each send's outcome within milliseconds: sent, retrying, or its chat gone."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from typing import Final

from core.errors import TargetGone
from core.kinds.registry import handler_for
from core.occurrences import Sent
from core.ports import UnitOfWork
from core.replies import SentMessage
from core.services import wording
from core.services.claimed import Claimed, Report
from core.services.deps import Deps

logger = logging.getLogger(__name__)

FLUSH_TRIES: Final = 8  # about 10 s of backing off before a pass gives its outcomes up


class Recorder:
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
        self._retry: list[tuple[Claimed, float | None, bool]] = []  # item, after, spent
        self._gone: list[tuple[Claimed, TargetGone]] = []
        self._wake = asyncio.Event()
        self._closed = False

    def sent(self, item: Claimed, message: SentMessage | None) -> None:
        self._sent.append((item, message, time.perf_counter()))  # a duration, not the clock
        self._wake.set()

    def retry(self, item: Claimed, after: float | None, *, spent: bool = True) -> None:
        """Send it again after `after` s; `spent`: this try counts against its retries."""
        self._retry.append((item, after, spent))
        self._wake.set()

    def gone(self, item: Claimed, exc: TargetGone) -> None:
        self._gone.append((item, exc))
        self._wake.set()

    def close(self) -> None:
        self._closed = True
        self._wake.set()

    async def run(self) -> None:
        failures = 0
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await self._flush()
            except Exception:
                # A commit that failed (SQLite busy past its timeout, a dropped connection)
                # keeps its outcomes for the next try: given up, their claims would lapse and
                # messages already in the chats would go out again.
                failures += 1
                if failures > FLUSH_TRIES:
                    raise
                logger.warning("could not record outcomes (try %d of %d); trying again",
                               failures, FLUSH_TRIES, exc_info=True)
                await asyncio.sleep(min(0.05 * 2 ** failures, 2.0))
                self._wake.set()
                continue
            failures = 0
            if self._closed and not (self._sent or self._retry or self._gone):
                return

    async def _flush(self) -> None:
        sent, self._sent = self._sent, []
        retry, self._retry = self._retry, []
        gone, self._gone = self._gone, []
        if not (sent or retry or gone):
            return
        now = self._deps.clock.now()
        try:
            async with self._deps.uow() as uow:
                await uow.deliveries.complete_many([_completion(i, m, now) for i, m, _ in sent])
                for item, _, spent in retry:
                    await uow.deliveries.retry_later(item.occurrence, now=now,
                                                     attempts=item.attempts + spent)
                for item, exc in gone:
                    await _record_gone(uow, item, exc, now)
                await uow.commit()
        except BaseException:
            # Rolled back as one transaction: all of it is written again on the next try.
            self._sent[:0], self._retry[:0], self._gone[:0] = sent, retry, gone
            raise
        committed = time.perf_counter()
        self._report.windows += [committed - accepted for _, _, accepted in sent]
        self._report.sent += len(sent)
        self._report.gone += len(gone)
        await self._queue_retries(retry + [(i, 0.0, True) for i, e in gone if e.new_chat_id])
        for item, exc in gone:
            if not exc.new_chat_id:
                await _tell_owner_gone(self._deps, item, exc)
        if sent:
            logger.debug("recorded %d sends", len(sent))

    async def _queue_retries(self, retry: list[tuple[Claimed, float | None, bool]]) -> None:
        exhausted = []
        for item, after, spent in retry:
            attempt = item.attempts + spent
            if await self._deps.queue.retry(item.occurrence, attempt=attempt, after=after,
                                            deferred=not spent):
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
