"""Counted and vague frequencies: each has a documented reading, carried as an assumption."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from core.errors import ParseError
from core.language import parse
from core.language.commands import Habit, Remind
from core.language.contract import answer
from core.recurrence.rules import Daily, MonthlyByDay, Once, Weekly

ZONE = "Europe/Berlin"
NOW = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo(ZONE))  # a Wednesday


def _remind(text: str) -> Remind:
    command = parse(text, NOW, ZONE)
    assert isinstance(command, Remind)
    return command


@pytest.mark.parametrize(("text", "times", "other"), [
    ("remind me twice a day to drink water", (9, 18), (8, 20)),
    ("remind me to drink water 2 times a day", (9, 18), (8, 20)),
    ("remind me to take pills three times a day", (9, 13, 18), (8, 14, 20)),
    ("remind me to take pills 3x a day", (9, 13, 18), (8, 14, 20)),
    ("remind me to stretch four times daily", (9, 12, 15, 18), (8, 12, 16, 20)),
])
def test_n_times_a_day_spreads_over_the_persons_day(
    text: str, times: tuple[int, ...], other: tuple[int, ...]
) -> None:
    command = _remind(text)
    rule = command.recurrence.rule

    assert isinstance(rule, Daily)
    assert rule.times == tuple(time(h) for h in times)
    assert command.assumption is not None
    assert command.assumption.alternative is not None
    alt = command.assumption.alternative.recurrence.rule
    assert isinstance(alt, Daily)
    assert alt.times == tuple(time(h) for h in other)


def test_times_given_with_a_count_need_no_assumption() -> None:
    command = _remind("remind me twice a day at 8 and 20 to drink")

    assert command.assumption is None
    assert isinstance(command.recurrence.rule, Daily)
    assert command.recurrence.rule.times == (time(8), time(20))


def test_every_few_hours_steps_through_the_day_window() -> None:
    command = _remind("remind me to stretch every few hours")
    rule = command.recurrence.rule

    assert isinstance(rule, Daily)
    assert rule.times == tuple(time(h) for h in (9, 12, 15, 18, 21))
    assert command.assumption is not None
    assert command.assumption.reading == "every few hours: every 3 hours from 09:00 to 21:00"


def test_every_few_hours_keeps_a_window_that_is_given() -> None:
    rule = _remind("remind me to stretch every few hours from 10am to 4pm").recurrence.rule

    assert isinstance(rule, Daily)
    assert rule.times == (time(10), time(13), time(16))


@pytest.mark.parametrize(("text", "days"), [
    ("remind me to water plants a couple of times a week", {0, 3}),
    ("remind me to water plants twice a week", {0, 3}),
    ("remind me to run 3 times a week at 7am", {0, 2, 4}),
    ("remind me to run a few times a week", {0, 2, 4}),
])
def test_n_times_a_week_outside_habits_names_days(text: str, days: set[int]) -> None:
    command = _remind(text)
    rule = command.recurrence.rule

    assert isinstance(rule, Weekly)
    assert rule.weekdays == frozenset(days)
    assert command.assumption is not None


def test_in_a_habit_n_times_a_week_stays_a_target() -> None:
    command = parse("habit run a couple of times a week", NOW, ZONE)

    assert isinstance(command, Habit)
    assert command.per_week == 2
    assert command.assumption is None


def test_every_morning_and_evening_is_one_time_for_each_part() -> None:
    command = _remind("remind me every morning and evening to take pills")

    assert command.what == "take pills"
    assert isinstance(command.recurrence.rule, Daily)
    assert command.recurrence.rule.times == (time(9), time(19))
    assert command.assumption is not None


def test_twice_a_month_and_every_few_days() -> None:
    monthly = _remind("remind me to pay rent twice a month").recurrence.rule
    few = _remind("remind me to call mom every few days")

    assert isinstance(monthly, MonthlyByDay)
    assert monthly.days == (1, 15)
    assert isinstance(few.recurrence.rule, Daily)
    assert few.recurrence.rule.every == 3


def test_a_count_with_no_table_reading_is_refused_with_a_way_to_say_it() -> None:
    with pytest.raises(ParseError, match="every 2 hours"):
        parse("remind me to drink water 6 times a day", NOW, ZONE)


def test_the_contract_shows_the_assumption_and_its_fix() -> None:
    found = answer("remind me twice a day to drink water", NOW, ZONE)

    assert found["assumption"] == {"reading": "twice a day: 09:00 and 18:00",
                                   "alternative": "08:00 and 20:00 instead"}
    assert found["schedule"]["first"][0] == "2026-03-04T18:00:00+01:00"




@pytest.mark.parametrize(("text", "days", "count", "what"), [
    ("remind me to call mom on Monday and Wednesday at 9", {0, 2}, 2, "call mom"),
    ("remind me on mon, wed and fri to stand up", {0, 2, 4}, 3, "stand up"),
    ("remind me to swim Tuesday and Thursday at 6pm and 8pm", {1, 3}, 4, "swim"),
    ("recuérdame el lunes y el miércoles a las 9 llamar a mamá", {0, 2}, 2, "llamar a mamá"),
    ("erinnere mich am Montag und Mittwoch um 9 an den Bericht", {0, 2}, 2, "den Bericht"),
])
def test_days_listed_without_every_are_the_next_of_each_once(
        text: str, days: set[int], count: int, what: str) -> None:
    command = parse(text, NOW, ZONE)

    assert isinstance(command, Remind)
    assert command.what == what
    assert isinstance(command.recurrence.rule, Weekly)
    assert command.recurrence.rule.weekdays == days
    assert command.recurrence.count == count
    assert command.assumption is not None
    assert command.assumption.alternative is not None
    assert command.assumption.alternative.recurrence.count is None


@pytest.mark.parametrize("text", [
    "remind me to call mom on Monday and Wednesday every week",
    "remind me to call mom on Mondays and Wednesdays",
    "remind me to call mom every Monday and Wednesday",
])
def test_days_with_a_rule_repeat_every_week(text: str) -> None:
    command = _remind(text)

    assert command.recurrence.count is None
    assert command.assumption is None


def test_a_habit_on_listed_days_repeats_every_week() -> None:
    command = parse("habit gym on Monday and Wednesday at 7", NOW, ZONE)

    assert isinstance(command, Habit)
    assert command.recurrence is not None
    assert command.recurrence.count is None
    assert command.recurrence.rule == Weekly(frozenset({0, 2}), (time(7),))


def test_the_agenda_of_listed_days_is_the_soonest_of_them() -> None:
    shown = answer("agenda friday and monday", NOW, ZONE)  # on a Wednesday

    assert shown["day"] == "2026-03-06"


@pytest.mark.parametrize("text", [
    "remind me to call mom later today", "remind me later today to call mom",
    "remind me to call mom later on today", "recuérdame llamar a mamá más tarde hoy",
    "напомни мне сегодня позже позвонить маме",
])
def test_later_today_is_in_three_hours_and_says_so(text: str) -> None:
    command = parse(text, NOW, ZONE)

    assert isinstance(command, Remind)
    assert command.what in ("call mom", "llamar a mamá", "позвонить маме")
    assert command.recurrence.rule == Once(datetime(2026, 3, 4, 13, 15, tzinfo=ZoneInfo(ZONE)))
    assert command.assumption is not None
    assert "3" in command.assumption.reading
    assert command.assumption.alternative is None


def test_later_today_with_a_time_is_today_at_that_time() -> None:
    command = _remind("remind me to call mom later today at 5pm")

    assert command.recurrence.rule == Once(datetime(2026, 3, 4, 17, tzinfo=ZoneInfo(ZONE)))
    assert command.assumption is None


def test_later_today_near_midnight_asks_for_a_time() -> None:
    late = NOW.replace(hour=22)

    with pytest.raises(ParseError, match="Today is nearly over"):
        parse("remind me to call mom later today", late, ZONE)
