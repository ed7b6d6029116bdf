"""Habits through the Dispatcher, on real SQLite and PostgreSQL, with a FakeClock.

The clock starts Wed 4 Mar 2026 10:15 in New York (the actor's zone).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PIL import Image

from core import habit_chart
from core.buttons import SealingSender, is_token
from core.schedules import State
from core.services.delivery import deliver_due
from tests.services.conftest import actor

NY = -5  # EST; EDT (-4) from Sun 8 Mar 2026


def ny(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """A New York wall-clock time in March 2026 as a UTC instant."""
    offset = 4 if (month, day) >= (3, 8) and month < 11 else 5
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) + timedelta(hours=offset)


@pytest.fixture
def deps(deps, sender, clock):
    """Deliveries sealed on the way out, as the composition root wires them."""
    return replace(deps, sender=SealingSender(sender, deps.buttons, clock))


async def say(dispatcher, text: str, who=None):
    """Type `text`, or press it when it is a button's token."""
    answer = dispatcher.press if is_token(text) else dispatcher.handle
    return await answer(text, who or actor())


async def habit(deps, number: int = 1):
    async with deps.uow() as uow:
        return await uow.schedules.by_number(actor().user, number)


async def checkin_days(deps, number: int = 1) -> list[date]:
    found = await habit(deps, number)
    async with deps.uow() as uow:
        return [c.day for c in await uow.habits.checkins(found.id)]


async def prompts_at(deps, clock, sender, instant: datetime) -> list[str]:
    """Move the clock to `instant`, run the engine's due sweep, return what it sent."""
    clock.current = instant
    before = len(sender.sent)
    await deliver_due(deps)
    return sender.texts[before:]


async def test_a_habit_is_a_schedule_of_the_habit_kind(dispatcher, deps):
    reply = await say(dispatcher, "habit meditate every morning")

    assert reply.text.startswith("Habit 1: meditate, daily; reminder every day at 09:00, "
                                 "next Thu 5 Mar 09:00 EST")
    stored = await habit(deps)
    assert (stored.kind, stored.payload.name, stored.next_at) == ("habit", "meditate",
                                                                  ny(5, 9))


async def test_frequencies_are_read_from_the_words(dispatcher, deps):
    await say(dispatcher, "habit run 3 times a week at 7am")
    await say(dispatcher, "habit read on weekdays at 21:00")
    await say(dispatcher, "habit stretch every 2 days")
    await say(dispatcher, "habit gym 10 times a month")

    described = [(await habit(deps, n)).payload.frequency.describe() for n in (1, 2, 3, 4)]

    assert described == ["3 times a week", "on weekdays", "every 2 days", "10 times a month"]
    assert (await habit(deps, 4)).payload.name == "gym"


async def test_done_checks_in_once_per_day(dispatcher, deps):
    await say(dispatcher, "habit meditate every morning")

    first = await say(dispatcher, "done meditate")
    second = await say(dispatcher, "did meditate")

    assert first.text.startswith("✓ meditate done today. Streak: 1 day (longest 1 day)")
    assert second.text == "meditate is already checked in for today; nothing changed."
    assert await checkin_days(deps) == [date(2026, 3, 4)]


async def test_back_fill_reaches_seven_days_and_no_further(dispatcher, deps):
    await say(dispatcher, "habit meditate every morning")

    yesterday = await say(dispatcher, "done meditate yesterday")
    week = await say(dispatcher, "done meditate 7 days ago")
    too_far = await say(dispatcher, "done meditate 8 days ago")
    monday = await say(dispatcher, "done meditate on monday")

    assert yesterday.text.startswith("✓ meditate done yesterday.")
    assert week.text.startswith("✓ meditate done on Wed 25 Feb.")
    assert too_far.is_error
    assert "7 days" in too_far.text
    assert monday.text.startswith("✓ meditate done on Mon 02 Mar. Streak: 2 days (longest 2 days)")
    assert await checkin_days(deps) == [date(2026, 2, 25), date(2026, 3, 2), date(2026, 3, 3)]


async def test_unknown_habit_gets_a_friendly_answer(dispatcher, deps):
    reply = await say(dispatcher, "done swimming")

    assert reply.is_error
    assert reply.text == "You have no habit or reminder 'swimming'. Type 'list' to see yours."


async def test_a_check_in_counts_for_the_day_in_the_persons_zone_across_dst(dispatcher, deps,
                                                                              clock):
    await say(dispatcher, "habit meditate every morning")
    clock.current = datetime(2026, 3, 9, 4, 30, tzinfo=UTC)  # 00:30 EDT Mon; 23:30 in EST

    await say(dispatcher, "done meditate")

    assert await checkin_days(deps) == [date(2026, 3, 9)]


async def test_the_prompt_has_done_and_skip_and_stays_quiet_once_done(dispatcher, deps, clock,
                                                                      sender):
    await say(dispatcher, "habit meditate every morning")

    [prompt] = await prompts_at(deps, clock, sender, ny(5, 9))
    _, reply = sender.sent[-1]
    pressed = await say(dispatcher, reply.choices[0].command)

    assert prompt == "🔁 Time to meditate? (Habit 1)"
    assert [c.label for c in reply.choices] == ["Done", "Skip today"]
    assert pressed.text.startswith("✓ meditate done today.")
    clock.current = ny(6, 8)
    await say(dispatcher, "done meditate")
    assert await prompts_at(deps, clock, sender, ny(6, 9)) == []  # done already that day
    assert await checkin_days(deps) == [date(2026, 3, 5), date(2026, 3, 6)]


async def test_n_times_a_week_prompts_stop_once_the_count_is_met(dispatcher, deps, clock,
                                                                 sender):
    clock.current = ny(2, 6)  # Monday 06:00
    await say(dispatcher, "habit run 3 times a week at 7am")
    for day in (2, 3, 4):
        clock.current = ny(day, 6)
        assert await prompts_at(deps, clock, sender, ny(day, 7)) == ["🔁 Time to run? (Habit 1)"]
        await say(dispatcher, "done run")

    quiet = [await prompts_at(deps, clock, sender, ny(day, 7)) for day in (5, 6, 7, 8)]
    next_monday = await prompts_at(deps, clock, sender, ny(9, 7))

    assert quiet == [[], [], [], []]
    assert next_monday == ["🔁 Time to run? (Habit 1)"]


async def test_skip_today_keeps_the_streak_and_silences_the_prompt(dispatcher, deps, clock,
                                                                   sender):
    await say(dispatcher, "habit meditate every morning")
    await say(dispatcher, "done meditate yesterday")
    clock.current = ny(5, 8)

    skipped = await say(dispatcher, "skip meditate today")
    prompts = await prompts_at(deps, clock, sender, ny(5, 9))
    clock.current = ny(6, 10)
    await say(dispatcher, "done meditate")
    report = await say(dispatcher, "stats meditate")

    assert skipped.text == "Skipped meditate today: your streak neither breaks nor grows."
    assert prompts == []
    assert "Streak: 1 day" in report.text  # Tue 3 Mar missed: Thu skipped, Fri done


async def test_pause_until_monday_rests_the_habit_through_sunday(dispatcher, deps, clock, sender):
    await say(dispatcher, "habit meditate every morning")
    await say(dispatcher, "done meditate")

    paused = await say(dispatcher, "pause meditate until Monday")
    quiet = [await prompts_at(deps, clock, sender, ny(day, 9)) for day in (5, 6, 7, 8)]
    monday = await prompts_at(deps, clock, sender, ny(9, 9))
    await say(dispatcher, "done meditate")
    listing = await say(dispatcher, "habits")

    assert paused.text == ("Paused Habit 1: meditate through Sun 08 Mar; it is back on "
                           "Mon 09 Mar. Your streak waits.")
    assert quiet == [[], [], [], []]
    assert monday == ["🔁 Time to meditate? (Habit 1)"]
    assert "Streak: 2 days" in listing.text


async def test_pause_without_an_end_stops_prompts_until_resume(dispatcher, deps, clock, sender):
    await say(dispatcher, "habit meditate every morning")

    await say(dispatcher, "pause meditate")
    assert (await habit(deps)).state is State.PAUSED
    assert await prompts_at(deps, clock, sender, ny(5, 9)) == []
    clock.current = ny(7, 12)
    resumed = await say(dispatcher, "resume meditate")

    assert resumed.text.startswith("Resumed. Habit 1: meditate")
    assert await prompts_at(deps, clock, sender, ny(8, 9)) == ["🔁 Time to meditate? (Habit 1)"]


async def test_vacation_rests_every_habit(dispatcher, deps, clock, sender):
    await say(dispatcher, "habit meditate every morning")
    await say(dispatcher, "habit read every day at 9am")

    reply = await say(dispatcher, "vacation until Mar 7")
    sent = await prompts_at(deps, clock, sender, ny(6, 9))
    back = await prompts_at(deps, clock, sender, ny(7, 9))

    assert reply.text.startswith("Enjoy your vacation! All 2 habits rest through Fri 06 Mar")
    assert sent == []
    assert sorted(back) == ["🔁 Time to meditate? (Habit 1)", "🔁 Time to read? (Habit 2)"]


async def test_vacation_needs_a_future_date(dispatcher, deps):
    await say(dispatcher, "habit meditate every morning")

    reply = await say(dispatcher, "vacation")

    assert reply.is_error
    assert "Until when" in reply.text


async def test_habits_lists_todays_state_with_done_buttons(dispatcher, deps):
    await say(dispatcher, "habit meditate every morning")
    await say(dispatcher, "habit read on weekdays at 21:00")
    await say(dispatcher, "done meditate")

    reply = await say(dispatcher, "habits")
    pressed = await say(dispatcher, reply.choices[0].command)

    assert reply.text.splitlines() == [
        "Your habits:",
        "Habit 1: meditate (daily): ✓ done today; Streak: 1 day (longest 1 day); strength 5%.",
        "Habit 2: read (on weekdays): not done yet today; Streak: 0 in a row (longest 0 in a "
        "row); strength 0%.",
    ]
    assert [c.label for c in reply.choices] == ["Done: read"]
    assert pressed.text.startswith("✓ read done today.")


async def test_list_shows_reminders_habits_and_goals(dispatcher, deps):
    await say(dispatcher, "remind me to call mom tomorrow at 5pm")
    await say(dispatcher, "habit meditate every morning")
    await say(dispatcher, "goal run 100 km by Dec 31")

    reply = await say(dispatcher, "list")

    assert "Your reminders:" in reply.text
    assert "Your habits:\nHabit 2: meditate" in reply.text
    assert "Your goals:\nGoal 3: run" in reply.text


async def test_stats_sends_a_heat_map_with_the_checked_in_days(dispatcher, deps, clock):
    await say(dispatcher, "habit meditate every morning")
    for back in (0, 1, 2, 5):
        await say(dispatcher, f"done meditate {back} days ago")

    reply = await say(dispatcher, "stats meditate")

    assert reply.text.splitlines()[1].startswith("Streak: 3 days (longest 3 days)")
    assert reply.image is not None
    with Image.open(io.BytesIO(reply.image)) as image:
        assert image.size == (habit_chart.WIDTH, habit_chart.HEIGHT)
        assert marked_days(image, today=date(2026, 3, 4)) == {
            date(2026, 3, 4), date(2026, 3, 3), date(2026, 3, 2), date(2026, 2, 27)}


def marked_days(image: Image.Image, *, today: date) -> set[date]:
    """The days whose cell centre is the check-in colour, read back from the pixels."""
    start, found = habit_chart.first_day(today), set()
    for week in range(habit_chart.WEEKS):
        for weekday in range(7):
            x, y = habit_chart.cell_origin(week, weekday)
            centre = (x + habit_chart.CELL // 2, y + habit_chart.CELL // 2)
            if image.getpixel(centre) == habit_chart.DONE:
                found.add(start + timedelta(days=week * 7 + weekday))
    return found


async def test_stats_of_an_unknown_habit_refuses(dispatcher):
    reply = await say(dispatcher, "stats juggling")

    assert reply.is_error
    assert reply.image is None


async def test_ten_late_check_ins_offer_to_move_the_reminder(dispatcher, deps, clock):
    clock.current = ny(1, 6, month=3) - timedelta(days=1)
    await say(dispatcher, "habit meditate every morning")  # 09:00
    replies = []
    for day in range(1, 11):
        clock.current = ny(day, 7, 40 if day % 2 else 35)
        replies.append(await say(dispatcher, "done meditate"))

    offered = replies[-1]
    moved = await say(dispatcher, offered.choices[0].command)

    assert all(r.choices[0].label == "Undo" for r in replies[:9])  # never before 10
    assert offered.choices[0].label == "Move to 07:40"
    assert "You usually check in around 07:40. Move the reminder there?" in offered.text
    assert moved.text.startswith("Moved. Habit 1: meditate, daily; reminder every day at 07:40")
    assert (await habit(deps)).next_at == ny(10, 7, 40)  # pressed at 07:35


async def test_a_reminder_is_not_moved_without_asking(dispatcher, deps, clock):
    clock.current = ny(1, 6) - timedelta(days=1)
    await say(dispatcher, "habit meditate every morning")
    for day in range(1, 12):
        clock.current = ny(day, 7, 40)
        await say(dispatcher, "done meditate")

    assert (await habit(deps)).recurrence.rule.times == (time(9, 0),)


async def test_cancel_and_restore_a_habit(dispatcher, deps):
    await say(dispatcher, "habit meditate every morning")

    cancelled = await say(dispatcher, "cancel meditate")
    restored = await say(dispatcher, cancelled.choices[0].command)

    assert cancelled.text == "Cancelled Habit 1: meditate."
    assert restored.text.startswith("Restored. Habit 1: meditate")
    assert (await habit(deps)).state is State.ACTIVE


async def test_someone_elses_done_button_changes_nothing(dispatcher, deps, clock, sender):
    await say(dispatcher, "habit meditate every morning")
    await prompts_at(deps, clock, sender, ny(5, 9))
    _, prompt = sender.sent[-1]

    reply = await say(dispatcher, prompt.choices[0].command, actor("U2", "D2"))

    assert reply.is_error
    assert await checkin_days(deps) == []


async def test_a_second_habit_of_the_same_name_is_refused(dispatcher, deps):
    await say(dispatcher, "habit meditate every morning")

    reply = await say(dispatcher, "habit meditate at 8pm")

    assert reply.is_error
    assert "already have a habit" in reply.text
    assert await habit(deps, 2) is None


async def test_habits_prompted_together_each_get_their_own_answer(dispatcher, deps, clock,
                                                                  sender):
    for name in ("meditate", "read", "stretch"):
        await say(dispatcher, f"habit {name} every day at 9am")
    clock.current = ny(5, 8)
    await say(dispatcher, "done read")
    await say(dispatcher, "skip stretch today")

    sent = await prompts_at(deps, clock, sender, ny(5, 9))

    assert sent == ["🔁 Time to meditate? (Habit 1)"]
