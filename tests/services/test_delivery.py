"""Delivering occurrences: once, late, collapsed, retried, in bulk, and to chats that are gone."""

from __future__ import annotations

import asyncio
from contextlib import nullcontext
from dataclasses import replace
from datetime import timedelta

import pytest
from rq.queue import Queue

from core.errors import Deferred, RetryLater, TargetGone
from core.ids import ChatRef
from core.occurrences import DeliveryState, Occurrence
from core.recurrence.rules import Once, Recurrence
from core.reminders import Reminder, State
from core.services.delivery import SIBLINGS, deliver, deliver_due
from core.services.dispatch import Dispatcher
from core.services.reconcile import reconcile
from core.services.sends import CONCURRENCY
from jobs.queue import retry_id
from tests.fakes.sender import KeyedSender, Killed, RecordingSender
from tests.services.conftest import TENANT, actor


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


async def stored_one_shots(deps, count: int, at, chats: int = 1) -> list[Reminder]:
    """`count` one-shot reminders at `at`, spread over `chats` chats, through the repository."""
    async with deps.uow() as uow:
        stored = [await uow.reminders.add(Reminder(
            owner=actor().user, chat=ChatRef(TENANT, f"C{i % chats}"), target="me",
            what=f"task {i}", recurrence=Recurrence(Once(at), "UTC", at), next_at=at))
            for i in range(count)]
        await uow.commit()
    return stored


def scheduled_ids(redis) -> list[str]:
    return Queue("nudge", connection=redis).scheduled_job_registry.get_job_ids()


async def test_a_due_one_shot_is_sent_once_and_then_done(deps, clock, sender):
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")

    await deliver_due(deps)
    await deliver_due(deps)
    await deliver(deps, occurrence)

    assert sender.texts == ["⏰ stretch"]
    assert (await only_reminder(deps)).state is State.DONE
    [row] = await deliveries(deps, reminder)
    assert row.state is DeliveryState.SENT


async def test_delivered_message_carries_done_snooze_and_delete(deps, clock, sender):
    await due_now(deps, clock, "remind me to stretch in 1 minute")

    await deliver_due(deps)

    [(_, reply)] = sender.sent
    labels = [c.label for c in reply.choices]
    assert labels == ["Done", "20 min", "1 hour", "Tomorrow morning", "Delete"]


async def test_a_recurring_reminder_advances_to_its_next_instant(deps, clock, sender):
    reminder, _ = await due_now(deps, clock, "remind me to run daily at 7")

    await deliver_due(deps)

    after = await only_reminder(deps)
    assert after.next_at == reminder.next_at + timedelta(days=1)
    assert after.state is State.ACTIVE


async def test_a_stale_occurrence_of_a_cancelled_reminder_sends_nothing(deps, clock, sender):
    _, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    await deps_dispatch(deps, "cancel 1")

    await deliver(deps, occurrence)
    await deliver_due(deps)

    assert sender.sent == []


async def test_late_within_grace_is_sent_once_with_a_note(deps, clock, sender):
    reminder, _ = await due_now(deps, clock, "remind me to stretch in 1 minute")
    clock.advance(minutes=5)

    await deliver_due(deps)
    await deliver_due(deps)

    assert sender.texts == ["⏰ stretch\n(sent 5 min late)"]
    [row] = await deliveries(deps, reminder)
    assert row.late_seconds == 300


async def test_past_the_grace_window_it_goes_out_marked_late_and_the_series_carries_on(
        deps, clock, sender):
    reminder, _ = await due_now(deps, clock, "remind me to run daily at 7")
    clock.advance(hours=2)

    await deliver_due(deps)

    [text] = sender.texts
    assert text.startswith("⏰ run\n(late: was due ")
    assert "07:00" in text
    assert "Nudge was not running then" in text
    assert (await only_reminder(deps)).next_at == reminder.next_at + timedelta(days=1)
    [row] = await deliveries(deps, reminder)
    assert row.state is DeliveryState.SENT


async def test_past_the_late_limit_the_owner_is_told_once_what_was_missed(deps, clock, sender):
    reminder, _ = await due_now(deps, clock, "remind me to renew the passport in 2 hours")
    clock.advance(hours=13)  # past the 12-hour late limit: Nudge was down all that time

    await deliver_due(deps)
    await deliver_due(deps)

    [(chat, reply)] = sender.sent
    assert chat == ChatRef(TENANT, "D1")  # a reminder to "me": told where it was due
    assert reply.text.startswith("Missed while Nudge was not running: Reminder 1: "
                                 "renew the passport, due ")
    assert reply.choices == ()
    [row] = await deliveries(deps, reminder)
    assert row.state is DeliveryState.SENT
    assert (await only_reminder(deps)).state is State.DONE


async def test_missed_instants_collapse_into_the_latest(deps, clock, sender):
    reminder, _ = await due_now(deps, clock, "remind me to stand up every 45 minutes")
    clock.advance(minutes=45 * 3 + 2)  # three more instants passed while the worker was down

    await deliver_due(deps)

    assert sender.texts == ["⏰ stand up\n(sent 2 min late)"]
    [row] = await deliveries(deps, reminder)
    assert row.occurrence.instant == reminder.next_at + timedelta(minutes=135)
    assert (await only_reminder(deps)).next_at == reminder.next_at + timedelta(minutes=180)


async def test_a_transient_failure_queues_a_retry_that_sends_once(deps, clock, sender, redis):
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    sender.fail_next.append(RetryLater(after=1))

    await deliver_due(deps)
    [row] = await deliveries(deps, reminder)
    await deliver(deps, occurrence, attempt=1)
    await deliver(deps, occurrence, attempt=1)

    assert row.state is DeliveryState.RETRYING
    assert retry_id(occurrence, 1) in scheduled_ids(redis)
    assert sender.texts == ["⏰ stretch"]
    [row] = await deliveries(deps, reminder)
    assert row.state is DeliveryState.SENT


async def test_exhausted_retries_fail_the_job_and_mark_the_row(deps, clock, sender):
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    sender.fail_next += [RetryLater(after=1) for _ in range(4)]

    await deliver_due(deps)
    for attempt in (1, 2):
        await deliver(deps, occurrence, attempt=attempt)
    with pytest.raises(RetryLater, match="exhausted"):
        await deliver(deps, occurrence, attempt=3)

    [row] = await deliveries(deps, reminder)
    assert (row.state, row.attempts) == (DeliveryState.FAILED, 4)  # the first try and 3 retries
    assert sender.sent == []


async def test_a_failed_occurrence_is_sent_when_its_job_is_retried(deps, clock, sender):
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    sender.fail_next += [RetryLater(after=1) for _ in range(4)]
    await deliver_due(deps)
    for attempt in (1, 2, 3):
        with pytest.raises(RetryLater) if attempt == 3 else nullcontext():
            await deliver(deps, occurrence, attempt=attempt)

    await deliver(deps, occurrence, attempt=3)  # `nudge failed retry` runs the job again

    assert sender.texts == ["⏰ stretch"]


async def test_a_gone_chat_deactivates_its_schedules(deps, clock, sender):
    await due_now(deps, clock, "remind me to run daily at 7")
    sender.fail_next.append(TargetGone("blocked"))

    await deliver_due(deps)

    assert sender.sent == []
    assert (await only_reminder(deps)).state is State.INACTIVE


async def test_the_owner_of_a_post_to_a_gone_channel_is_told_once(deps, clock, sender):
    await deps_dispatch(deps, 'post "standup in 5" to #team every day at 9')
    reminder = await only_reminder(deps)
    clock.current = reminder.next_at
    sender.fail_next.append(TargetGone("channel_archived"))

    await deliver_due(deps)
    clock.advance(days=1)
    await deliver_due(deps)

    [(chat, reply)] = sender.sent
    assert chat == ChatRef(TENANT, "U1")
    assert reply.text.startswith("I can no longer post there (channel_archived), so Post 1 "
                                 "for #team: standup in 5 and everything else")
    assert (await only_reminder(deps)).state is State.INACTIVE


async def test_an_in_doubt_send_found_in_the_chat_is_recorded_not_sent_again(deps, clock):
    sender = KeyedSender(die_after_accept=True)
    deps = replace(deps, sender=sender)
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 5 minutes")
    with pytest.raises(Killed):
        await deliver_due(deps)  # the platform accepted it; the worker died before its commit
    clock.advance(seconds=deps.lease.total_seconds() + 1)

    assert await reconcile(deps) == 1  # the abandoned claim is taken over
    await deliver(deps, occurrence)

    assert [reply.key for _, reply in sender.sent] == [occurrence.key]
    [row] = await deliveries(deps, reminder)
    assert row.state is DeliveryState.SENT


async def test_an_in_doubt_send_not_found_in_the_chat_goes_out_once(deps, clock):
    sender = KeyedSender()
    deps = replace(deps, sender=sender)
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 5 minutes")
    async with deps.uow() as uow:  # a worker claimed it and died before sending
        await uow.deliveries.claim_many([occurrence], now=clock.now())
        await uow.commit()
    clock.advance(seconds=deps.lease.total_seconds() + 1)

    await deliver(deps, occurrence)
    await deliver(deps, occurrence)

    assert sender.texts == ["⏰ stretch"]


async def test_a_migrated_chat_is_followed_and_sent_to_at_once(deps, clock, sender, redis):
    reminder, occurrence = await due_now(deps, clock, "remind me to run daily at 7")
    sender.fail_next.append(TargetGone("upgraded", new_chat_id="-100123"))

    await deliver_due(deps)
    await deliver(deps, occurrence, attempt=1)

    [(chat, _)] = sender.sent
    assert chat.chat_id == "-100123"
    assert retry_id(occurrence, 1) in scheduled_ids(redis)


async def test_snooze_brings_back_the_last_delivered_reminder(deps, clock, sender):
    await due_now(deps, clock, "remind me to stretch in 1 minute")
    await deliver_due(deps)

    reply = await deps_dispatch(deps, "snooze 10m")

    assert reply.text.startswith("Snoozed Reminder 1: stretch until")
    after = await only_reminder(deps)
    assert after.state is State.ACTIVE
    assert after.next_at == clock.now() + timedelta(minutes=10)


async def test_many_due_reminders_go_out_in_rounds_each_once(deps, clock, sender):
    at = clock.now() + timedelta(minutes=1)
    await stored_one_shots(deps, 25, at, chats=5)
    clock.current = at

    first = await deliver_due(deps, limit=10)
    second = await deliver_due(deps, limit=10)

    assert first.sent == 25
    assert second.sent == 0
    assert sorted(sender.texts) == sorted(f"⏰ task {i}" for i in range(25))
    assert len(first.windows) == 25


async def test_sends_alternate_between_chats(deps, clock, sender):
    at = clock.now() + timedelta(minutes=1)
    await stored_one_shots(deps, 6, at, chats=3)
    clock.current = at

    await deliver_due(deps, concurrency=1)

    assert [chat.chat_id for chat, _ in sender.sent] == ["C0", "C1", "C2"] * 2


async def test_a_fresh_claim_of_another_worker_is_left_alone(deps, clock, sender):
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    async with deps.uow() as uow:
        await uow.deliveries.claim(occurrence, now=clock.now())
        await uow.commit()

    await deliver(deps, occurrence)
    taken = await reconcile(deps)

    assert sender.sent == []
    assert taken == 0


async def test_a_dead_workers_claim_is_taken_over_after_the_lease(deps, clock, sender, redis):
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    async with deps.uow() as uow:
        await uow.deliveries.claim(occurrence, now=clock.now())
        await uow.reminders.save(reminder.advanced(None))
        await uow.commit()
    clock.advance(seconds=deps.lease.total_seconds() + 1)

    taken = await reconcile(deps)
    await deliver(deps, occurrence)
    await deliver(deps, occurrence)

    assert taken == 1
    assert retry_id(occurrence, 0) in scheduled_ids(redis) + Queue(
        "nudge", connection=redis).get_job_ids()
    assert sender.texts == ["⏰ stretch"]  # 21 s late: the lease is 20 s


async def test_reconcile_requeues_what_an_emptied_redis_lost(deps, clock, redis, queue):
    await deps_dispatch(deps, "remind me to stretch in 2 minutes")
    await deps_dispatch(deps, "remind me to run in 3 days")
    redis.flushdb()

    queued = await reconcile(deps)

    assert queued == 1
    soon = [r for r in (await _all(deps)) if r.what == "stretch"][0]
    assert await queue.missing([Occurrence(soon.schedule_id, soon.next_at)]) == []


async def test_a_clock_jumping_back_sends_nothing_twice(deps, clock, sender):
    await due_now(deps, clock, "remind me to stand up every 45 minutes")
    await deliver_due(deps)
    clock.advance(minutes=45)
    await deliver_due(deps)

    clock.advance(minutes=-60)
    await deliver_due(deps)
    clock.advance(minutes=60)
    await deliver_due(deps)

    assert sender.texts == ["⏰ stand up"] * 2


async def _all(deps):
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor().user)


async def test_a_full_round_queues_sibling_wake_ups_for_idle_workers(deps, clock, redis):
    at = clock.now() + timedelta(minutes=1)
    await stored_one_shots(deps, 25, at, chats=5)
    clock.current = at

    await deliver_due(deps, limit=10)
    await deliver_due(deps, limit=10)  # a second full pass in the same second adds none

    queued = Queue("nudge", connection=redis).get_job_ids()
    assert len([j for j in queued if "-sibling-" in j]) == SIBLINGS


async def test_more_due_than_one_worker_sends_at_once_wakes_its_siblings(deps, clock, redis):
    # A round is what one worker sends at once: past that, idle workers share the burst
    # instead of waiting while the first one sends it all, CONCURRENCY at a time.
    at = clock.now() + timedelta(minutes=1)
    await stored_one_shots(deps, CONCURRENCY, at, chats=CONCURRENCY)
    clock.current = at

    report = await deliver_due(deps)

    assert report.sent == CONCURRENCY
    queued = Queue("nudge", connection=redis).get_job_ids()
    assert len([j for j in queued if "-sibling-" in j]) == SIBLINGS


async def test_a_partial_round_wakes_nobody(deps, clock, redis):
    at = clock.now() + timedelta(minutes=1)
    await stored_one_shots(deps, 5, at)
    clock.current = at

    await deliver_due(deps, limit=10)

    assert Queue("nudge", connection=redis).get_job_ids() == []


class _HeldSender(RecordingSender):
    """Holds every send of `held` chats until released: a slow platform for some chats."""

    def __init__(self, held: set[str]) -> None:
        super().__init__()
        self.held = held
        self.release = asyncio.Event()

    async def send(self, chat, reply):
        if chat.chat_id in self.held:
            await self.release.wait()
        return await super().send(chat, reply)


async def test_the_next_round_is_claimed_while_the_last_rounds_tail_is_sending(
        deps, clock, uow_factory):
    # Round one (10 rows) has two slow sends; the pass must not wait for them to claim round
    # two, so every other reminder goes out while those two are still at the platform.
    at = clock.now() + timedelta(minutes=1)
    stored = await stored_one_shots(deps, 25, at, chats=25)
    clock.current = at
    slow = {stored[0].chat.chat_id, stored[1].chat.chat_id}
    sender = _HeldSender(slow)
    deps = replace(deps, sender=sender)

    passing = asyncio.create_task(deliver_due(deps, limit=10))
    for _ in range(500):
        if len(sender.texts) == 23:
            break
        await asyncio.sleep(0.01)
    sent_while_held = sorted(sender.texts)
    sender.release.set()
    report = await passing

    assert sent_while_held == sorted(f"⏰ task {i}" for i in range(2, 25))
    assert report.sent == 25
    assert sorted(sender.texts) == sorted(f"⏰ task {i}" for i in range(25))


async def test_rate_limit_deferrals_spend_no_retries(deps, clock, sender, redis):
    # A busy group's next slot can be minutes away: each wait is a Deferred, queued as a job
    # of its own at the same attempt; more of them than the retry budget still deliver once.
    reminder, occurrence = await due_now(deps, clock, "remind me to stretch in 1 minute")
    sender.fail_next += [Deferred("next slot in 61s", after=61) for _ in range(5)]

    await deliver_due(deps)
    [deferred] = await deliveries(deps, reminder)
    for _ in range(5):
        await deliver(deps, occurrence, attempt=0)  # what each deferral's job runs

    assert deferred.state is DeliveryState.RETRYING
    assert deferred.attempts == 0
    assert any(j.startswith(f"{retry_id(occurrence, 0)}-d") for j in scheduled_ids(redis))
    assert sender.texts == ["⏰ stretch"]
    [row] = await deliveries(deps, reminder)
    assert row.state is DeliveryState.SENT


class _BusyRecords:
    """Units of work whose commit, after recording sends, fails `left` times (a SQLite busy
    past its timeout, a dropped connection); everything else passes through."""

    def __init__(self, inner, left: int) -> None:
        self.inner, self.left = inner, left

    def __call__(self):
        return _BusyUow(self.inner(), self)


class _BusyUow:
    def __init__(self, uow, owner: _BusyRecords) -> None:
        self._uow, self._owner, self._records = uow, owner, False

    def __getattr__(self, name):
        if name == "deliveries":
            return _RecordingDeliveries(self._uow.deliveries, self)
        return getattr(self._uow, name)

    async def __aenter__(self):
        await self._uow.__aenter__()
        return self

    async def __aexit__(self, *exc):
        return await self._uow.__aexit__(*exc)

    async def commit(self) -> None:
        if self._records and self._owner.left > 0:
            self._owner.left -= 1
            raise RuntimeError("database is locked")
        await self._uow.commit()


class _RecordingDeliveries:
    def __init__(self, inner, uow: _BusyUow) -> None:
        self._inner, self._uow = inner, uow

    def __getattr__(self, name):
        if name == "complete_many":
            self._uow._records = True
        return getattr(self._inner, name)


async def test_a_failed_commit_of_outcomes_is_tried_again_not_dropped(deps, clock, sender):
    # Dropped, the sent rows would stay claimed, lapse, and go out a second time.
    at = clock.now() + timedelta(minutes=1)
    stored = await stored_one_shots(deps, 5, at, chats=5)
    clock.current = at
    busy = _BusyRecords(deps.uow, left=2)

    report = await deliver_due(replace(deps, uow=busy))

    assert busy.left == 0
    assert report.sent == 5
    assert sorted(sender.texts) == sorted(f"⏰ task {i}" for i in range(5))
    for reminder in stored:
        [row] = await deliveries(deps, reminder)
        assert row.state is DeliveryState.SENT
