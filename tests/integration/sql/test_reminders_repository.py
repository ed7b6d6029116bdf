import asyncio
from dataclasses import replace
from datetime import timedelta

from core.ids import ChatRef, Platform, Tenant, UserRef
from core.recurrence.rules import Weekly
from core.reminders import Kind, State
from tests.integration.sql.builders import ACME, ANA, ANA_DM, BEN, T0, TEAM, a_reminder


async def test_add_sets_schedule_id_number_and_created_at(uow_factory):
    async with uow_factory() as uow:
        stored = await uow.reminders.add(a_reminder())
        await uow.commit()

    assert stored.schedule_id is not None
    assert stored.number == 1
    assert stored.created_at is not None
    assert stored.created_at.tzinfo is not None


async def test_a_stored_reminder_reads_back_equal(uow_factory):
    original = a_reminder(daily=True, what="water the plants")
    original = replace(original, kind=Kind.POST, chat=TEAM, target="#team")
    async with uow_factory() as uow:
        stored = await uow.reminders.add(original)
        await uow.commit()

    async with uow_factory() as uow:
        by_number = await uow.reminders.get(ANA, stored.number)
        by_schedule = await uow.reminders.get_by_schedule(stored.schedule_id)

    assert by_number == by_schedule == stored
    assert replace(stored, number=0, schedule_id=None, created_at=None) == original


async def test_numbers_count_up_per_owner_and_are_never_reused(uow_factory):
    async with uow_factory() as uow:
        ana_numbers = [(await uow.reminders.add(a_reminder(ANA))).number for _ in range(3)]
        ben_first = await uow.reminders.add(a_reminder(BEN))
        cancelled = (await uow.reminders.get(ANA, 3)).cancelled()
        await uow.reminders.save(cancelled)
        ana_next = await uow.reminders.add(a_reminder(ANA))
        await uow.commit()

    assert ana_numbers == [1, 2, 3]
    assert ben_first.number == 1
    assert ana_next.number == 4


async def test_concurrent_adds_for_one_owner_get_distinct_numbers(uow_factory):
    async def add(what: str) -> int:
        async with uow_factory() as uow:
            stored = await uow.reminders.add(a_reminder(what=what))
            await uow.commit()
            return stored.number

    numbers = await asyncio.gather(*(add(str(i)) for i in range(5)))

    assert sorted(numbers) == [1, 2, 3, 4, 5]


async def test_another_persons_reminders_are_invisible(uow_factory):
    other_workspace = UserRef(Tenant(Platform.SLACK, "T-OTHER"), ANA.user_id)
    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder(ANA, what="mine"))
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.reminders.get(BEN, 1) is None
        assert await uow.reminders.get(other_workspace, 1) is None
        assert await uow.reminders.list_for(BEN) == []
        assert await uow.reminders.list_for(other_workspace) == []
        [mine] = await uow.reminders.list_for(ANA)
    assert mine.what == "mine"


async def test_list_for_orders_by_number_and_hides_finished_ones(uow_factory):
    async with uow_factory() as uow:
        for what in ("one", "two", "three"):
            await uow.reminders.add(a_reminder(what=what))
        await uow.reminders.save((await uow.reminders.get(ANA, 2)).cancelled())
        await uow.reminders.save((await uow.reminders.get(ANA, 3)).paused())
        await uow.commit()

    async with uow_factory() as uow:
        live = await uow.reminders.list_for(ANA)
        everything = await uow.reminders.list_for(ANA, live_only=False)

    assert [(r.what, r.state) for r in live] == [("one", State.ACTIVE), ("three", State.PAUSED)]
    assert [r.number for r in everything] == [1, 2, 3]


async def test_save_writes_state_next_at_and_recurrence(uow_factory):
    async with uow_factory() as uow:
        stored = await uow.reminders.add(a_reminder(daily=True))
        await uow.commit()
    weekly = replace(stored.recurrence, rule=Weekly(weekdays=frozenset({0, 3}),
                                                    times=stored.recurrence.rule.times))
    changed = replace(stored, recurrence=weekly).advanced(T0 + timedelta(days=3))

    async with uow_factory() as uow:
        await uow.reminders.save(changed)
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.reminders.get_by_schedule(stored.schedule_id)

    assert again == changed


async def test_due_returns_active_ones_up_to_until_earliest_first(uow_factory):
    async with uow_factory() as uow:
        late = await uow.reminders.add(a_reminder(what="late", next_at=T0 + timedelta(hours=2)))
        await uow.reminders.add(a_reminder(BEN, what="early", next_at=T0 + timedelta(minutes=5)))
        await uow.reminders.add(a_reminder(what="future", next_at=T0 + timedelta(days=1)))
        paused = await uow.reminders.add(a_reminder(what="paused", next_at=T0))
        await uow.reminders.save(paused.paused())
        await uow.reminders.add(a_reminder(what="at until", next_at=T0 + timedelta(hours=3)))
        await uow.commit()

    async with uow_factory() as uow:
        due = await uow.reminders.due(T0 + timedelta(hours=3))
        first = await uow.reminders.due(T0 + timedelta(hours=3), limit=1)

    assert [r.what for r in due] == ["early", "late", "at until"]
    assert [r.what for r in first] == ["early"]
    assert late in due


async def test_due_compares_instants_not_their_written_offsets(uow_factory):
    from datetime import timezone

    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder(next_at=T0 + timedelta(hours=1)))
        await uow.commit()
    plus_two = timezone(timedelta(hours=2))

    async with uow_factory() as uow:
        before = await uow.reminders.due((T0 + timedelta(minutes=59)).astimezone(plus_two))
        at = await uow.reminders.due((T0 + timedelta(hours=1)).astimezone(plus_two))

    assert before == []
    assert len(at) == 1


async def test_deactivate_chat_marks_only_live_reminders_of_that_chat(uow_factory):
    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder(chat=TEAM, what="standup"))
        paused = await uow.reminders.add(a_reminder(chat=TEAM, what="retro"))
        await uow.reminders.save(paused.paused())
        done = await uow.reminders.add(a_reminder(chat=TEAM, what="done"))
        await uow.reminders.save(done.advanced(None))
        await uow.reminders.add(a_reminder(chat=ANA_DM, what="private"))
        await uow.commit()

    async with uow_factory() as uow:
        count = await uow.reminders.deactivate_chat(TEAM)
        await uow.commit()
    async with uow_factory() as uow:
        states = {r.what: r.state for r in await uow.reminders.list_for(ANA, live_only=False)}

    assert count == 2
    assert states == {"standup": State.INACTIVE, "retro": State.INACTIVE,
                      "done": State.DONE, "private": State.ACTIVE}


async def test_deactivate_an_unknown_chat_changes_nothing(uow_factory):
    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder())
        count = await uow.reminders.deactivate_chat(ChatRef(ACME, "C-NOWHERE"))

        assert count == 0
        [still] = await uow.reminders.list_for(ANA)
        assert still.state is State.ACTIVE
