"""The bulk repository methods the batch delivery uses, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from core.occurrences import DeliveryState, Occurrence, Sent
from core.reminders import State
from tests.integration.sql.builders import ANA, BEN, T0, a_reminder

NOW = T0 + timedelta(hours=1, seconds=3)


async def _stored(uow_factory, count: int, owner=ANA) -> list[Occurrence]:
    async with uow_factory() as uow:
        stored = [await uow.reminders.add(a_reminder(owner, what=f"r{i}")) for i in range(count)]
        await uow.commit()
    return [Occurrence(r.schedule_id, r.next_at) for r in stored]


async def test_claim_many_returns_only_the_claims_it_won(uow_factory):
    occurrences = await _stored(uow_factory, 4)
    async with uow_factory() as uow:
        await uow.deliveries.claim(occurrences[1], now=NOW)
        await uow.commit()

    async with uow_factory() as uow:
        won = await uow.deliveries.claim_many(occurrences, now=NOW)
        again = await uow.deliveries.claim_many(occurrences, now=NOW)
        await uow.commit()

    assert sorted(won, key=lambda o: o.schedule_id) == [occurrences[i] for i in (0, 2, 3)]
    assert again == []


async def test_concurrent_claim_many_split_the_occurrences(uow_factory):
    occurrences = await _stored(uow_factory, 30)

    async def claim():
        async with uow_factory() as uow:
            won = await uow.deliveries.claim_many(occurrences, now=NOW)
            await uow.commit()
            return won

    first, second = await asyncio.gather(claim(), claim())

    assert sorted(first + second, key=lambda o: o.schedule_id) == occurrences


async def test_complete_many_marks_each_sent(uow_factory):
    occurrences = await _stored(uow_factory, 3)
    async with uow_factory() as uow:
        await uow.deliveries.claim_many(occurrences, now=NOW)
        await uow.deliveries.complete_many(
            [Sent(o, NOW, f"m{i}", 1.5) for i, o in enumerate(occurrences)])
        await uow.commit()

    async with uow_factory() as uow:
        rows = [(await uow.deliveries.for_schedule(o.schedule_id))[0] for o in occurrences]

    assert [(r.state, r.message_id, r.sent_at) for r in rows] == [
        (DeliveryState.SENT, f"m{i}", NOW) for i in range(3)]


async def test_take_over_wins_a_stale_or_retrying_claim_but_not_a_fresh_one(uow_factory):
    fresh, stale, retrying, sent = await _stored(uow_factory, 4)
    async with uow_factory() as uow:
        await uow.deliveries.claim_many([fresh, retrying, sent], now=NOW)
        await uow.deliveries.claim_many([stale], now=NOW - timedelta(minutes=5))
        await uow.deliveries.retry_later(retrying, now=NOW, attempts=2)
        await uow.deliveries.complete_many([Sent(sent, NOW, None, 0)])
        await uow.commit()

    cutoff = NOW - timedelta(minutes=1)
    async with uow_factory() as uow:
        taken = {o: await uow.deliveries.take_over(o, now=NOW, stale_before=cutoff)
                 for o in (fresh, stale, retrying, sent)}
        twice = await uow.deliveries.take_over(retrying, now=NOW, stale_before=cutoff)
        await uow.commit()

    assert taken[fresh] is None
    assert taken[sent] is None
    assert taken[stale].attempts == 0
    assert taken[retrying].attempts == 2
    assert twice is None


async def test_stale_lists_unfinished_claims_older_than_the_cutoff(uow_factory):
    old, new, failed = await _stored(uow_factory, 3)
    async with uow_factory() as uow:
        await uow.deliveries.claim_many([old, failed], now=NOW - timedelta(minutes=5))
        await uow.deliveries.claim_many([new], now=NOW)
        await uow.deliveries.fail(failed, now=NOW - timedelta(minutes=5))
        await uow.commit()

    async with uow_factory() as uow:
        stale = await uow.deliveries.stale(NOW - timedelta(minutes=1))

    assert [d.occurrence for d in stale] == [old]


async def test_save_many_moves_next_at_and_state(uow_factory):
    occurrences = await _stored(uow_factory, 2)
    async with uow_factory() as uow:
        reminders = [await uow.reminders.get_by_schedule(o.schedule_id) for o in occurrences]
        await uow.reminders.save_many([reminders[0].advanced(NOW + timedelta(days=1)),
                                       reminders[1].advanced(None)])
        await uow.commit()

    async with uow_factory() as uow:
        after = [await uow.reminders.get_by_schedule(o.schedule_id) for o in occurrences]

    assert (after[0].next_at, after[0].state) == (NOW + timedelta(days=1), State.ACTIVE)
    assert (after[1].next_at, after[1].state) == (None, State.DONE)


async def test_due_occurrences_and_claimable_see_only_active_due_rows(uow_factory):
    due, later = await _stored(uow_factory, 2)
    async with uow_factory() as uow:
        paused = await uow.reminders.add(a_reminder(BEN))
        await uow.reminders.save(paused.paused())
        moved = await uow.reminders.get_by_schedule(later.schedule_id)
        await uow.reminders.save(moved.advanced(NOW + timedelta(hours=1)))
        await uow.commit()

    async with uow_factory() as uow:
        occurrences = await uow.reminders.due_occurrences(NOW)
        claimable = await uow.reminders.claimable(NOW, limit=10)

    assert occurrences == [due]
    assert [r.schedule_id for r in claimable] == [due.schedule_id]
