"""Date phrases before resolution."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.language import parse
from core.language.commands import Remind
from core.language.dates import NEXT_MONTH, THIS_MONTH, date_at
from core.language.when import DateRef
from core.recurrence import next_instants
from core.recurrence.rules import LAST


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("today", DateRef("rel", 0), id="today"),
        pytest.param("tmrw", DateRef("rel", 1), id="tmrw"),
        pytest.param("the day after tomorrow", DateRef("rel", 2), id="day after tomorrow"),
        pytest.param("yesterday", DateRef("rel", -1), id="yesterday"),
        pytest.param("on friday", DateRef("wd", 4), id="on friday"),
        pytest.param("this friday", DateRef("wd", 4), id="this friday"),
        pytest.param("next friday", DateRef("wd", 4, 1), id="next friday"),
        pytest.param("tues", DateRef("wd", 1), id="tues"),
        pytest.param("next week", DateRef("next_week"), id="next week"),
        pytest.param("next month", DateRef("next_month"), id="next month"),
        pytest.param("this weekend", DateRef("this_weekend"), id="this weekend"),
        pytest.param("on the weekend", DateRef("this_weekend"), id="on the weekend"),
        pytest.param("next weekend", DateRef("next_weekend"), id="next weekend"),
        pytest.param("march 3", DateRef("md", 3, 3), id="march 3"),
        pytest.param("3 march", DateRef("md", 3, 3), id="3 march"),
        pytest.param("mar 3rd", DateRef("md", 3, 3), id="mar 3rd"),
        pytest.param("on the 3rd of march", DateRef("md", 3, 3), id="the 3rd of march"),
        pytest.param("1 of december", DateRef("md", 12, 1), id="1 of december"),
        pytest.param("december 1st , 2026", DateRef("abs", 2026, 12, 1), id="with a year"),
        pytest.param("2027-03-03", DateRef("abs", 2027, 3, 3), id="iso"),
        pytest.param("3/4", DateRef("md", 4, 3), id="numeric is day/month"),
        pytest.param("on the 15th", DateRef("dom", 15), id="on the 15th"),
        pytest.param("on 7th", DateRef("dom", 7), id="on 7th"),
        pytest.param("the 27th", DateRef("dom", 27), id="the 27th"),
        pytest.param("the last day of the month", DateRef("dom", LAST), id="last day"),
        pytest.param("the last day of april", DateRef("dom", LAST, 4), id="last day of april"),
        pytest.param("the 1st of next month", DateRef("dom", 1, NEXT_MONTH),
                     id="1st of next month"),
        pytest.param("the last friday of the month", DateRef("nthwd", LAST, 4),
                     id="last friday of the month"),
        pytest.param("the first monday of next month", DateRef("nthwd", 1, 0, NEXT_MONTH),
                     id="first monday of next month"),
        pytest.param("the 2nd tuesday of this month", DateRef("nthwd", 2, 1, THIS_MONTH),
                     id="2nd tuesday of this month"),
        pytest.param("the second tuesday in april", DateRef("nthwd", 2, 1, 4),
                     id="second tuesday in april"),
        pytest.param("on the last friday", DateRef("nthwd", LAST, 4), id="on the last friday"),
        pytest.param("mid january", DateRef("md", 1, 15), id="mid january"),
        pytest.param("mid-january", DateRef("md", 1, 15), id="mid-january"),
        pytest.param("eod", DateRef("eod"), id="eod"),
        pytest.param("end of the week", DateRef("eow"), id="end of the week"),
        pytest.param("eom", DateRef("eom"), id="eom"),
        pytest.param("by june", DateRef("month", 6, 0), id="a month alone after by"),
        pytest.param("february 30", DateRef("md", 2, 30), id="read now, refused later"),
    ],
)
def test_a_date_phrase_is_read(text: str, expected: DateRef) -> None:
    words = text.split()

    found = date_at(words, 0)

    assert found == (expected, len(words))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("may", id="may alone is a name"),
        pytest.param("march in", id="march is a verb"),
        pytest.param("on 7", id="a bare number is no day"),
        pytest.param("the 32nd", id="no 32nd"),
        pytest.param("sunday-school", id="not a weekday"),
        pytest.param("first monday", id="an nth weekday alone needs the or a month"),
    ],
)
def test_not_a_date(text: str) -> None:
    assert date_at(text.split(), 0) is None


NOW = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(("text", "local", "what"), [
    ("remind me end of next week to review", "2026-03-13 17:00", "review"),
    ("remind me next month on the 15th to pay", "2026-04-15 09:00", "pay"),
    ("remind me by the end of next month to file", "2026-04-30 17:00", "file"),
    ("remind me first thing tomorrow to email bob", "2026-03-05 09:00", "email bob"),
    ("remind me a week from today to check results", "2026-03-11 10:15", "check results"),
    ("remind me first thing in the morning to email bob", "2026-03-05 09:00", "email bob"),
])
def test_end_of_next_week_next_months_day_and_first_thing(text: str, local: str, what: str) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    at = command.recurrence.rule.at.astimezone(ZoneInfo("Europe/Berlin"))  # type: ignore[union-attr]
    assert (at.strftime("%Y-%m-%d %H:%M"), command.what) == (local, what)


def test_a_one_shot_with_two_times_takes_the_first_as_the_language_doc_says() -> None:
    command = parse("remind me tomorrow at 9am and 5pm to feed the cat", NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    at = command.recurrence.rule.at.astimezone(ZoneInfo("Europe/Berlin"))  # type: ignore[union-attr]
    assert at.strftime("%Y-%m-%d %H:%M") == "2026-03-05 09:00"


def test_a_repeating_reminder_keeps_both_times() -> None:
    command = parse("remind me every day at 9 and 17 to feed the cat", NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert len(command.recurrence.rule.times) == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "count"), [
    ("remind me for the next 5 days at 9 to journal", 5),
    ("remind me at 9 for a week to stretch", 7),
])
def test_a_bound_in_days_without_a_rule_repeats_daily(text: str, count: int) -> None:
    command = parse(text, NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert len(next_instants(command.recurrence, NOW, 20)) == count


def test_until_a_weekday_stays_a_bound_not_a_range() -> None:
    command = parse("remind me every monday until march 31 to x", NOW, "Europe/Berlin")

    assert isinstance(command, Remind)
    assert command.recurrence.rule.weekdays == frozenset({0})  # type: ignore[union-attr]
    assert command.recurrence.until is not None
