"""Deliver one occurrence: claim its delivery row, send, advance the schedule."""

from __future__ import annotations

import logging
from datetime import datetime

from core.errors import RetryLater, TargetGone
from core.occurrences import Occurrence, is_within_grace, lateness
from core.recurrence import iter_instants, next_instant
from core.reminders import Reminder, State
from core.services import replies
from core.services.context import Deps
from core.services.reminders import enqueue_if_due_soon

logger = logging.getLogger(__name__)

# A worker down for months under an every-minute rule must not walk its whole backlog.
MAX_COLLAPSE_STEPS = 100_000


async def deliver(deps: Deps, occurrence: Occurrence) -> None:
    """Send the occurrence once; a stale, duplicate or already-claimed one does nothing."""
    now = deps.clock.now()
    async with deps.uow() as uow:
        reminder = await uow.reminders.get_by_schedule(occurrence.schedule_id)
        if reminder is None or not _is_current(reminder, occurrence):
            return
        occurrence = Occurrence(occurrence.schedule_id, _latest_due(reminder, now))
        if not await uow.deliveries.claim(occurrence, now=now):
            return
        if not is_within_grace(occurrence.instant, now, deps.grace):
            await uow.deliveries.skip(occurrence, now=now)
            advanced = _advance(reminder, occurrence)
            await uow.reminders.save(advanced)
            await uow.commit()
            logger.warning("skipped %s: %s late", occurrence.key, lateness(occurrence.instant, now))
            await enqueue_if_due_soon(deps, advanced)
            return
        await uow.commit()
    await _send_and_advance(deps, reminder, occurrence, now)


async def _send_and_advance(
    deps: Deps, reminder: Reminder, occurrence: Occurrence, now: datetime
) -> None:
    late_by = lateness(occurrence.instant, now).total_seconds()
    try:
        sent = await deps.sender.send(reminder.chat, replies.delivered(reminder, late_by=late_by))
    except RetryLater:
        async with deps.uow() as uow:
            await uow.deliveries.release(occurrence)
            await uow.commit()
        raise
    except TargetGone:
        await _deactivate(deps, reminder, occurrence)
        return
    advanced = _advance(reminder, occurrence)
    async with deps.uow() as uow:
        await uow.deliveries.complete(
            occurrence, now=deps.clock.now(), message_id=sent.message_id, late_seconds=late_by
        )
        await uow.reminders.save(advanced)
        await uow.commit()
    logger.info("delivered %s", occurrence.key)
    await enqueue_if_due_soon(deps, advanced)


async def _deactivate(deps: Deps, reminder: Reminder, occurrence: Occurrence) -> None:
    async with deps.uow() as uow:
        await uow.deliveries.skip(occurrence, now=deps.clock.now())
        count = await uow.reminders.deactivate_chat(reminder.chat)
        await uow.commit()
    logger.warning("chat %s is gone: deactivated %d schedules", reminder.chat.chat_id, count)


def _is_current(reminder: Reminder, occurrence: Occurrence) -> bool:
    return reminder.state is State.ACTIVE and reminder.next_at == occurrence.instant


def _latest_due(reminder: Reminder, now: datetime) -> datetime:
    """Misfire policy: of the instants already due, only the latest is sent."""
    assert reminder.next_at is not None
    latest = reminder.next_at
    for step, instant in enumerate(iter_instants(reminder.recurrence, latest)):
        if instant > now or step >= MAX_COLLAPSE_STEPS:
            break
        latest = instant
    return latest


def _advance(reminder: Reminder, occurrence: Occurrence) -> Reminder:
    return reminder.advanced(next_instant(reminder.recurrence, occurrence.instant))
