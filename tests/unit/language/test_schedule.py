"""The Recurrence objects parse builds: rules, zones, anchors, starts and bounds."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from core.language import parse
from core.language.commands import Remind
from core.recurrence.rules import (
    LAST,
    Cron,
    Daily,
    Interval,
    MonthlyByDay,
    MonthlyByWeekday,
    Recurrence,
    Weekly,
    Yearly,
)
from tests.unit.language.conftest import NEW_YORK, at


def _recurrence(text: str, now: datetime, zone: str = NEW_YORK) -> Recurrence:
    command = parse(text, now, zone)
    assert isinstance(command, Remind)
    return command.recurrence


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        pytest.param("daily at 7", Daily((time(7),)), id="daily"),
        pytest.param("every night", Daily((time(21),)), id="every night"),
        pytest.param("every weekday at 9:30", Weekly(frozenset(range(5)), (time(9, 30),)),
                     id="weekday"),
        pytest.param("every weekend", Weekly(frozenset({5, 6}), (time(9),)), id="weekend"),
        pytest.param("every Mon, Wed and Fri", Weekly(frozenset({0, 2, 4}), (time(9),)),
                     id="weekday list"),
        pytest.param("monday through friday", Weekly(frozenset(range(5)), (time(9),)),
                     id="a range of weekdays"),
        pytest.param("every mon-fri", Weekly(frozenset(range(5)), (time(9),)), id="mon-fri"),
        pytest.param("every fri to mon", Weekly(frozenset({4, 5, 6, 0}), (time(9),)),
                     id="a range round the week's end"),
        pytest.param("every mon, wed-fri", Weekly(frozenset({0, 2, 3, 4}), (time(9),)),
                     id="a day and a range"),
        pytest.param("on mondays, on wednesdays and on fridays",
                     Weekly(frozenset({0, 2, 4}), (time(9),)), id="a list repeating its on"),
        pytest.param("every tu & th at half past six", Weekly(frozenset({1, 3}), (time(6, 30),)),
                     id="two-letter days"),
        pytest.param("weekly", Weekly(frozenset({2}), (time(9),)), id="weekly is today's day"),
        pytest.param("monthly", MonthlyByDay((4,), (time(9),)), id="monthly is today's date"),
        pytest.param("every month on the 1st", MonthlyByDay((1,), (time(9),)), id="1st"),
        pytest.param("every 5th, 15th and 25th", MonthlyByDay((5, 15, 25), (time(9),)),
                     id="several days"),
        pytest.param("every last day of the month", MonthlyByDay((LAST,), (time(9),)),
                     id="last day"),
        pytest.param("on the first day of every month", MonthlyByDay((1,), (time(9),)),
                     id="first day of every month"),
        pytest.param("on the 1st day of each month", MonthlyByDay((1,), (time(9),)),
                     id="1st day of each month"),
        pytest.param("every first Monday of the month", MonthlyByWeekday(0, 1, (time(9),)),
                     id="first monday"),
        pytest.param("every last Friday", MonthlyByWeekday(4, LAST, (time(9),)), id="last friday"),
        pytest.param("every 4th and 2nd tuesday", MonthlyByWeekday(1, 2, (time(9),), also=(4,)),
                     id="several ordinals in month order"),
        pytest.param("every last and first monday", MonthlyByWeekday(0, 1, (time(9),),
                                                                     also=(LAST,)),
                     id="last after the first"),
        pytest.param("every weekday except friday", Weekly(frozenset(range(4)), (time(9),)),
                     id="weekday except friday"),
        pytest.param("every day except weekends", Weekly(frozenset(range(5)), (time(9),)),
                     id="day except weekends"),
        pytest.param("every 2 years on march 10",
                     MonthlyByDay((10,), (time(9),), 24, date(2026, 3, 10)), id="every 2 years"),
        pytest.param("yearly", Yearly(3, 4, (time(9),)), id="yearly is today's date"),
        pytest.param("every 1st of December", Yearly(12, 1, (time(9),)), id="1st of december"),
        pytest.param("every 2 hours from 9am to 5pm",
                     Daily(tuple(time(h) for h in (9, 11, 13, 15, 17))), id="window"),
        pytest.param("every hour from 9 to 5", Daily(tuple(time(h) for h in range(9, 18))),
                     id="window end is pm"),
        pytest.param("cron 0 7 * * 1-5", Cron("0 7 * * 1-5"), id="cron"),
        pytest.param("`*/30 9-17 * * 1-5`", Cron("*/30 9-17 * * 1-5"), id="back-quoted cron"),
    ],
)
def test_a_phrase_builds_its_rule(phrase: str, rule: object, wednesday: datetime) -> None:
    rec = _recurrence(f"remind me to x {phrase}", wednesday)

    assert rec.rule == rule
    assert rec.start == wednesday
    assert rec.until is None
    assert rec.count is None


@pytest.mark.parametrize(
    ("phrase", "rule"),
    [
        pytest.param("every other Friday", Weekly(frozenset({4}), (time(9),), 2, date(2026, 3, 6)),
                     id="every other friday"),
        pytest.param("every 2 weeks", Weekly(frozenset({2}), (time(9),), 2, date(2026, 3, 11)),
                     id="every 2 weeks from next week"),
        pytest.param("every 3 days at 8am", Daily((time(8),), 3, date(2026, 3, 5)),
                     id="every 3 days"),
        pytest.param("every other day at 11am", Daily((time(11),), 2, date(2026, 3, 4)),
                     id="today if still ahead"),
        pytest.param("every quarter", MonthlyByDay((4,), (time(9),), 3, date(2026, 4, 4)),
                     id="every quarter"),
    ],
)
def test_series_of_n_set_their_anchor_to_the_first_instant(
    phrase: str, rule: object, wednesday: datetime
) -> None:
    assert _recurrence(f"remind me to x {phrase}", wednesday).rule == rule


def test_an_interval_starts_one_interval_after_now(wednesday: datetime) -> None:
    rec = _recurrence("remind me to stand up every 45 minutes", wednesday)

    assert rec.rule == Interval(timedelta(minutes=45), wednesday.astimezone(UTC) +
                                timedelta(minutes=45))


def test_an_interval_with_a_start_begins_at_the_next_such_time(wednesday: datetime) -> None:
    rec = _recurrence("remind me to take my meds every 12 hours starting at 9pm", wednesday)

    assert rec.rule == Interval(timedelta(hours=12), at("2026-03-04T21:00:00").astimezone(UTC))


def test_an_explicit_zone_is_the_rule_zone(wednesday: datetime) -> None:
    rec = _recurrence("remind me to x every Monday at 9am PST", wednesday)

    assert rec.zone == "America/Los_Angeles"
    assert rec.rule == Weekly(frozenset({0}), (time(9),))


def test_bounds_start_until_and_count(wednesday: datetime) -> None:
    starting = _recurrence("remind me to x every day at 6pm starting Monday", wednesday)
    until = _recurrence("remind me to x every Monday at 7pm until March 18", wednesday)
    counted = _recurrence("remind me to x every day at 8pm 2 times", wednesday)
    spanned = _recurrence("remind me to x every day for 2 weeks", wednesday)

    assert starting.start == at("2026-03-09T00:00:00") - timedelta(microseconds=1)
    assert until.until == at("2026-03-18T23:59:59.999999")
    assert counted.count == 2
    assert spanned.until == wednesday + timedelta(days=14)


@pytest.mark.parametrize("phrase", [
    "daily at 7", "every other day at 6pm", "every weekday at 9:30", "every 3 weeks on Sunday",
    "every 45 minutes", "every hour from 9am to 5pm", "every Friday at 23:30 CET",
    "every month on the 28th", "every last day of the month", "every 3 months on the 1st",
    "every first Monday of the month", "every last Friday of the month",
    "every year on February 28", "every year on December 31",
])
def test_the_rules_whose_first_instant_is_not_walked_do_come_round(
        phrase: str, wednesday: datetime) -> None:
    """schedule.recurring skips the walk to the first instant for endless daily, weekly,
    interval, monthly and yearly rules whose days every month has: each comes round, within
    its first period."""
    from core.language.comes_round import always_comes
    from core.recurrence import next_instant

    rec = _recurrence(f"remind me to stretch {phrase}", wednesday)
    assert always_comes(rec.rule, rec.start)
    assert rec.until is None
    first = next_instant(rec, wednesday)
    assert first is not None
    assert first - wednesday < timedelta(days=366)


@pytest.mark.parametrize("phrase", [
    "every month on the 31st", "every year on February 29", "every 5th Monday of the month",
    "every day at 9 until Friday", "cron 0 9 * * 1",
])
def test_the_rules_that_may_not_come_round_are_walked(phrase: str, wednesday: datetime) -> None:
    """A day some months lack, a fifth weekday, a leap day, an end or a cron expression:
    the first instant is looked for, not assumed."""
    from core.language.comes_round import always_comes

    rec = _recurrence(f"remind me to stretch {phrase}", wednesday)
    assert rec.until is not None or not always_comes(rec.rule, rec.start)


@pytest.mark.parametrize("phrase", [
    "every year on February 30", "every day at 9 until yesterday",
])
def test_a_rule_that_never_comes_round_is_still_refused(phrase: str, wednesday: datetime) -> None:
    from core.errors import ParseError

    with pytest.raises(ParseError):
        parse(f"remind me to stretch {phrase}", wednesday, NEW_YORK)


@pytest.mark.parametrize(("phrase", "first_day"), [
    ("tomorrow at 9 for 3 days", 5), ("tomorrow for 3 days", 5), ("on Friday at 9 for 3 days", 6),
])
def test_a_date_with_a_bound_in_days_repeats_daily_from_that_day(
        phrase: str, first_day: int, wednesday: datetime) -> None:
    """Before, `tomorrow at 9 for 3 days` was one reminder: the bound was dropped unsaid."""
    from core.recurrence import next_instants

    rec = _recurrence(f"remind me to take pills {phrase}", wednesday)
    found = next_instants(rec, wednesday, 10)

    assert isinstance(rec.rule, Daily)
    assert [moment.astimezone(wednesday.tzinfo).day for moment in found] == [
        first_day, first_day + 1, first_day + 2]


@pytest.mark.parametrize("phrase", [
    "tomorrow at 9 until Friday", "at 5pm until March 10", "in 2 hours for 3 days",
])
def test_a_bound_on_a_single_reminder_is_refused_not_dropped(
        phrase: str, wednesday: datetime) -> None:
    """Before, the bound was dropped without a word and one reminder was set."""
    from core.errors import ParseError

    with pytest.raises(ParseError, match="bound a repeating reminder"):
        parse(f"remind me to stretch {phrase}", wednesday, NEW_YORK)


def test_a_duration_after_one_time_is_still_one_reminder(wednesday: datetime) -> None:
    rec = _recurrence("remind me to deploy at 10am for 45 minutes", wednesday)

    assert rec.is_once
