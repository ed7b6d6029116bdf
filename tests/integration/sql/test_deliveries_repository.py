import asyncio
from datetime import timedelta

import pytest

from core.occurrences import DeliveryState, Occurrence
from tests.integration.sql.builders import ANA, BEN, T0, a_reminder

NOW = T0 + timedelta(hours=1, seconds=3)


async def _stored_occurrence(uow_factory, owner=ANA) -> Occurrence:
    async with uow_factory() as uow:
        stored = await uow.reminders.add(a_reminder(owner))
        await uow.commit()
    return Occurrence(stored.schedule_id, stored.next_at)


async def test_a_second_claim_loses_and_the_transaction_stays_usable(uow_factory):
    occurrence = await _stored_occurrence(uow_factory)

    async with uow_factory() as uow:
        first = await uow.deliveries.claim(occurrence, now=NOW)
        second = await uow.deliveries.claim(occurrence, now=NOW)
        await uow.reminders.add(a_reminder(BEN))
        await uow.commit()

    assert (first, second) == (True, False)
    async with uow_factory() as uow:
        [delivery] = await uow.deliveries.for_schedule(occurrence.schedule_id)
        assert len(await uow.reminders.list_for(BEN)) == 1
    assert delivery.state is DeliveryState.CLAIMED
    assert delivery.occurrence == occurrence


async def test_concurrent_claims_from_two_units_of_work_have_one_winner(uow_factory):
    occurrence = await _stored_occurrence(uow_factory)

    async def claim() -> bool:
        async with uow_factory() as uow:
            won = await uow.deliveries.claim(occurrence, now=NOW)
            await uow.commit()
            return won

    results = await asyncio.gather(claim(), claim(), claim())

    assert sorted(results) == [False, False, True]


async def test_complete_records_the_send(uow_factory):
    occurrence = await _stored_occurrence(uow_factory)
    sent_at = NOW + timedelta(seconds=1)

    async with uow_factory() as uow:
        await uow.deliveries.claim(occurrence, now=NOW)
        await uow.deliveries.complete(occurrence, now=sent_at, message_id="1700.01",
                                      late_seconds=4.5)
        await uow.commit()

    async with uow_factory() as uow:
        [delivery] = await uow.deliveries.for_schedule(occurrence.schedule_id)
    assert delivery.state is DeliveryState.SENT
    assert (delivery.claimed_at, delivery.sent_at) == (NOW, sent_at)
    assert (delivery.message_id, delivery.late_seconds) == ("1700.01", 4.5)


async def test_complete_without_a_claim_is_an_error(uow_factory):
    occurrence = await _stored_occurrence(uow_factory)

    async with uow_factory() as uow:
        with pytest.raises(LookupError, match="never claimed"):
            await uow.deliveries.complete(occurrence, now=NOW, message_id=None, late_seconds=0)


async def test_a_released_claim_can_be_claimed_again(uow_factory):
    occurrence = await _stored_occurrence(uow_factory)
    async with uow_factory() as uow:
        await uow.deliveries.claim(occurrence, now=NOW)
        await uow.commit()

    async with uow_factory() as uow:
        await uow.deliveries.release(occurrence)
        again = await uow.deliveries.claim(occurrence, now=NOW)
        await uow.commit()

    assert again is True


async def test_release_leaves_a_sent_delivery_alone(uow_factory):
    occurrence = await _stored_occurrence(uow_factory)
    async with uow_factory() as uow:
        await uow.deliveries.claim(occurrence, now=NOW)
        await uow.deliveries.complete(occurrence, now=NOW, message_id="m1", late_seconds=0)
        await uow.deliveries.release(occurrence)

        assert await uow.deliveries.claim(occurrence, now=NOW) is False


async def test_skip_records_a_late_occurrence_claimed_or_not(uow_factory):
    claimed = await _stored_occurrence(uow_factory)
    unclaimed = await _stored_occurrence(uow_factory, BEN)

    async with uow_factory() as uow:
        await uow.deliveries.claim(claimed, now=NOW)
        await uow.deliveries.skip(claimed, now=NOW)
        await uow.deliveries.skip(unclaimed, now=NOW)
        await uow.commit()

    async with uow_factory() as uow:
        [one] = await uow.deliveries.for_schedule(claimed.schedule_id)
        [two] = await uow.deliveries.for_schedule(unclaimed.schedule_id)
        assert await uow.deliveries.claim(unclaimed, now=NOW) is False
    assert one.state is two.state is DeliveryState.SKIPPED


async def test_skip_never_overwrites_a_sent_delivery(uow_factory):
    occurrence = await _stored_occurrence(uow_factory)

    async with uow_factory() as uow:
        await uow.deliveries.claim(occurrence, now=NOW)
        await uow.deliveries.complete(occurrence, now=NOW, message_id="m1", late_seconds=0)
        await uow.deliveries.skip(occurrence, now=NOW)
        [delivery] = await uow.deliveries.for_schedule(occurrence.schedule_id)

    assert delivery.state is DeliveryState.SENT


async def test_for_schedule_lists_deliveries_by_instant(uow_factory):
    first = await _stored_occurrence(uow_factory)
    instants = [first.instant + timedelta(days=d) for d in (2, 0, 1)]

    async with uow_factory() as uow:
        for instant in instants:
            await uow.deliveries.claim(Occurrence(first.schedule_id, instant), now=NOW)
        listed = await uow.deliveries.for_schedule(first.schedule_id)

    assert [d.occurrence.instant for d in listed] == sorted(instants)


async def test_last_delivered_is_the_owners_most_recent_send(uow_factory):
    older = await _stored_occurrence(uow_factory)
    newer = await _stored_occurrence(uow_factory)
    unsent = await _stored_occurrence(uow_factory)
    bens = await _stored_occurrence(uow_factory, BEN)
    async with uow_factory() as uow:
        for occurrence, minutes in ((older, 1), (newer, 2), (bens, 3)):
            await uow.deliveries.claim(occurrence, now=NOW)
            await uow.deliveries.complete(occurrence, now=NOW + timedelta(minutes=minutes),
                                          message_id=None, late_seconds=0)
        await uow.deliveries.claim(unsent, now=NOW + timedelta(minutes=9))
        await uow.commit()

    async with uow_factory() as uow:
        last = await uow.reminders.last_delivered(ANA)
        nothing_yet = await uow.reminders.last_delivered(BEN.__class__(BEN.tenant, "U-NEW"))

    assert last.schedule_id == newer.schedule_id
    assert nothing_yet is None
