"""Delivering occurrences: once, late, collapsed, retried, and to chats that are gone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors import RetryLater, TargetGone
from core.occurrences import DeliveryState, Occurrence
from core.reminders import State
from core.services.delivery import deliver
from core.services.dispatch import Dispatcher
from core.services.reconcile import reconcile
from tests.services.conftest import actor


async def only_reminder(deps):
    async with deps.uow() as uow:
        [reminder] = await uow.reminders.list_for(actor().user, live_only=False)
    return reminder


async def deliveries(deps, reminder):
    async with deps.uow() as uow:
        return await uow.deliveries.for_schedule(reminder.schedule_id)


async def due_now(deps, clock, text: str):
    """Create a reminder from text, then move the clock to its next instant."""
    await deps_dispatch(deps, text)
    reminder = await only_reminder(deps)
    clock.current = reminder.next_at
    return reminder, Occurrence(reminder.schedule_id, reminder.next_at)


async def deps_dispatch(deps, text: str):
    return await Dispatcher(deps).handle(text, actor())


async def test_a_due_one_shot_is_sent_once_and_then_done(deps, clock, sender):
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")

    await deliver(deps, occurrence)
    await deliver(deps, occurrence)

    assert sender.texts == ["⏰ stretch"]
    assert (await only_reminder(deps)).state is State.DONE
    [row] = await deliveries(deps, reminder)
    assert row.state is DeliveryState.SENT


async def test_delivered_message_carries_done_snooze_and_delete(deps, clock, sender):
    _, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")

    await deliver(deps, occurrence)

    [(_, reply)] = sender.sent
    labels = [c.label for c in reply.choices]
    assert labels == ["Done", "20 min", "1 hour", "Tomorrow morning", "Delete"]


async def test_a_recurring_reminder_advances_to_its_next_instant(deps, clock, sender):
    reminder, occurrence = await due_now(deps, clock, "remind me to run daily at 7")

    await deliver(deps, occurrence)

    after = await only_reminder(deps)
    assert after.next_at == reminder.next_at + timedelta(days=1)
    assert after.state is State.ACTIVE


async def test_a_stale_occurrence_of_a_cancelled_reminder_sends_nothing(deps, clock, sender):
    _, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    await deps_dispatch(deps, "cancel 1")

    await deliver(deps, occurrence)

    assert sender.sent == []


async def test_late_within_grace_is_sent_once_with_a_note(deps, clock, sender):
    _, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    clock.advance(minutes=5)

    await deliver(deps, occurrence)

    assert sender.texts == ["⏰ stretch\n(sent 5 min late)"]


async def test_too_late_is_skipped_and_the_series_carries_on(deps, clock, sender):
    reminder, occurrence = await due_now(deps, clock, "remind me to run daily at 7")
    clock.advance(hours=2)

    await deliver(deps, occurrence)

    assert sender.sent == []
    assert (await only_reminder(deps)).next_at == reminder.next_at + timedelta(days=1)
    [row] = await deliveries(deps, reminder)
    assert row.state is DeliveryState.SKIPPED


async def test_missed_instants_collapse_into_the_latest(deps, clock, sender):
    reminder, occurrence = await due_now(deps, clock, "remind me to stand up every 45 minutes")
    clock.advance(minutes=45 * 3 + 2)  # three more instants passed while the worker was down

    await deliver(deps, occurrence)

    assert sender.texts == ["⏰ stand up"]
    [row] = await deliveries(deps, reminder)
    assert row.occurrence.instant == reminder.next_at + timedelta(minutes=135)


async def test_a_transient_failure_releases_the_claim_so_a_retry_sends_once(deps, clock, sender):
    _, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    sender.fail_next.append(RetryLater(after=1))

    with pytest.raises(RetryLater):
        await deliver(deps, occurrence)
    await deliver(deps, occurrence)

    assert sender.texts == ["⏰ stretch"]


async def test_a_gone_chat_deactivates_its_schedules(deps, clock, sender):
    _, occurrence = await due_now(deps, clock, "remind me to run daily at 7")
    sender.fail_next.append(TargetGone("blocked"))

    await deliver(deps, occurrence)

    assert sender.sent == []
    assert (await only_reminder(deps)).state is State.INACTIVE


async def test_snooze_brings_back_the_last_delivered_reminder(deps, clock, sender):
    _, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    await deliver(deps, occurrence)

    reply = await deps_dispatch(deps, "snooze 10m")

    assert reply.text.startswith("Snoozed Reminder 1: stretch until")
    after = await only_reminder(deps)
    assert after.state is State.ACTIVE
    assert after.next_at == clock.now() + timedelta(minutes=10)


async def test_reconcile_requeues_what_an_emptied_redis_lost(deps, clock, redis, queue):
    await deps_dispatch(deps, "remind me to stretch in 2 minutes")
    await deps_dispatch(deps, "remind me to run in 3 days")
    redis.flushdb()

    queued = await reconcile(deps)

    assert queued == 1
    soon = [r for r in (await _all(deps)) if r.what == "stretch"][0]
    assert await queue.missing([Occurrence(soon.schedule_id, soon.next_at)]) == []


async def _all(deps):
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor().user)
