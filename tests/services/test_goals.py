"""Goals through the Dispatcher, on real SQLite and PostgreSQL, with a FakeClock.

The clock starts Wed 4 Mar 2026 10:15 in New York (the actor's zone).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from core.buttons import SealingSender, is_token
from core.schedules import State
from core.services.delivery import deliver_due
from tests.services.conftest import actor


@pytest.fixture
def deps(deps, sender, clock):
    """Deliveries sealed on the way out, as the composition root wires them."""
    return replace(deps, sender=SealingSender(sender, deps.buttons, clock))


async def say(dispatcher, text: str):
    """Type `text`, or press it when it is a button's token."""
    answer = dispatcher.press if is_token(text) else dispatcher.handle
    return await answer(text, actor())


async def goal(deps, number: int = 1):
    async with deps.uow() as uow:
        return await uow.schedules.by_number(actor().user, number)


async def sent_each_morning(deps, clock, sender, days: range) -> dict[int, str]:
    """Run the due sweep at 09:00 New York time on each day of March; what went out, by day."""
    sent = {}
    for day in days:
        clock.current = datetime(2026, 3, day, 13, 0, tzinfo=UTC)  # 09:00 EDT
        before = len(sender.sent)
        await deliver_due(deps)
        for text in sender.texts[before:]:
            sent[day] = text
    return sent


async def entries(deps, number: int = 1):
    found = await goal(deps, number)
    async with deps.uow() as uow:
        return await uow.goals.progress(found.id)


async def test_a_goal_has_target_unit_deadline_and_pace(dispatcher, deps):
    created = await say(dispatcher, "goal run 100 km by Dec 31")
    logged = await say(dispatcher, "progress run 5 km")

    assert created.text.startswith("Goal 1: run, by Thu 31 Dec 2026: 0 of 100 km, 100% of the "
                                   "time left: on track")
    assert logged.text == "Logged 5 km for run. 5 of 100 km, 100% of the time left: ahead."
    stored = await goal(deps)
    assert (stored.kind, stored.payload.target, stored.payload.unit,
            stored.payload.deadline) == ("goal", 100.0, "km", date(2026, 12, 31))


async def test_pace_compares_the_share_done_with_the_time_gone(dispatcher, deps, clock):
    clock.current = datetime(2026, 1, 1, 15, tzinfo=UTC)
    await say(dispatcher, "goal run 100 km by Apr 10")  # 100 days
    clock.current = datetime(2026, 2, 12, 15, tzinfo=UTC)  # day 43: 58% of the time left

    behind = await say(dispatcher, "progress run 30 km")
    on_track = await say(dispatcher, "progress run 12 km")
    listing = await say(dispatcher, "goals")

    assert behind.text.endswith("30 of 100 km, 58% of the time left: behind.")
    assert on_track.text.endswith("42 of 100 km, 58% of the time left: on track.")
    assert listing.text == ("Your goals:\nGoal 1: run, by Fri 10 Apr 2026: 42 of 100 km, 58% of "
                            "the time left: on track")


async def test_this_year_means_by_december_31(dispatcher, deps):
    await say(dispatcher, "goal read 12 books this year")
    logged = await say(dispatcher, "progress read 1")

    assert (await goal(deps)).payload.deadline == date(2026, 12, 31)
    assert logged.text.startswith("Logged 1 books for read. 1 of 12 books")


async def test_refusals_change_nothing(dispatcher, deps):
    await say(dispatcher, "goal run 100 km by Dec 31")

    replies = [await say(dispatcher, text) for text in (
        "progress run 3 books", "progress run 5000 km", "progress run -5 km", "progress swim 2",
        "goal run 50 km by Dec 31", "goal swim by Dec 31", "goal swim 0 laps by Dec 31",
        "goal swim 10 laps by Jan 1 2026")]

    assert all(r.is_error for r in replies), [r.text for r in replies]
    assert replies[0].text.startswith("'run' counts km, not books.")
    assert replies[3].text == "You have no goal 'swim'. Type 'goals' to see yours."
    assert await entries(deps) == []
    assert await goal(deps, 2) is None


async def test_reaching_the_target_sends_the_final_tally(dispatcher, deps):
    await say(dispatcher, "goal read 3 books by Dec 31")
    await say(dispatcher, "progress read 2 books")

    reached = await say(dispatcher, "progress read 1 book")

    assert reached.text == ("🏁 Goal 1: read, reached 🎉. Final tally: 3 of 3 books (100%).")
    assert (await goal(deps)).state is State.DONE


async def test_undo_takes_back_the_last_entry_within_ten_minutes(dispatcher, deps, clock):
    await say(dispatcher, "goal run 100 km by Dec 31")
    await say(dispatcher, "progress run 5 km")
    await say(dispatcher, "progress run 7 km")
    clock.advance(minutes=9)

    undone = await say(dispatcher, "undo")
    clock.advance(minutes=11)
    late = await say(dispatcher, "undo")

    assert undone.text == "Undone. run: 5 of 100 km, 100% of the time left: ahead."
    assert late.is_error
    assert "10 minutes" in late.text
    assert [e.amount for e in await entries(deps)] == [5.0]


async def test_the_undo_button_reopens_a_reached_goal(dispatcher, deps):
    await say(dispatcher, "goal read 3 books by Dec 31")
    reached = await say(dispatcher, "progress read 3")

    undone = await say(dispatcher, reached.choices[0].command)

    assert undone.text.startswith("Undone. read: 0 of 3 books")
    assert (await goal(deps)).state is State.ACTIVE


async def test_deadline_reminders_go_out_7_days_and_1_day_before_then_the_tally(
        dispatcher, deps, clock, sender):
    await say(dispatcher, "goal run 100 km by Mar 20")
    await say(dispatcher, "progress run 40 km")
    sent = await sent_each_morning(deps, clock, sender, range(5, 23))

    assert sorted(sent) == [13, 19, 21]
    assert sent[13] == ("🎯 Goal 1: run: 7 days left. 40 of 100 km, 47% of the time left: "
                        "behind.")
    assert sent[19].startswith("🎯 Goal 1: run: 1 day left. 40 of 100 km")
    assert sent[21] == ("🏁 Goal 1: run, the deadline has passed. Final tally: 40 of 100 km "
                        "(40%).")
    assert (await goal(deps)).state is State.DONE


async def test_a_reached_goal_says_nothing_more_at_its_deadline(dispatcher, deps, clock, sender):
    await say(dispatcher, "goal run 10 km by Mar 20")
    await say(dispatcher, "progress run 10 km")

    clock.current = datetime(2026, 3, 13, 13, 0, tzinfo=UTC)
    await deliver_due(deps)

    assert sender.sent == []


async def test_cancel_a_goal_by_name(dispatcher, deps):
    await say(dispatcher, "goal run 100 km by Dec 31")

    reply = await say(dispatcher, "cancel run")

    assert reply.text == "Cancelled Goal 1: run."
    assert (await goal(deps)).state is State.CANCELLED
    assert (await say(dispatcher, "progress run 1 km")).is_error


