"""Recurrence phrases fill a When before rules are built."""

import pytest

from core.errors import ParseError
from core.language.counts import times_at
from core.language.recurring import every_at, except_at, weekdays_on
from core.language.weekday_lists import weekday_list
from core.language.when import When
from core.recurrence.rules import LAST


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param("every day", {"freq": "day", "every": 1}, id="every day"),
        pytest.param("everyday", {"freq": "day"}, id="everyday"),
        pytest.param("every other day", {"freq": "day", "every": 2}, id="every other day"),
        pytest.param("every 3 days", {"freq": "day", "every": 3}, id="every 3 days"),
        pytest.param("every other week", {"freq": "week", "every": 2}, id="every other week"),
        pytest.param("biweekly", {"freq": "week", "every": 2}, id="biweekly"),
        pytest.param("every quarter", {"freq": "month", "every": 3}, id="every quarter"),
        pytest.param("every 45 minutes", {"interval": 2700.0}, id="minutes"),
        pytest.param("every hour", {"interval": 3600.0}, id="every hour"),
        pytest.param("hourly", {"interval": 3600.0}, id="hourly"),
        pytest.param("every 30 seconds", {"interval": 30.0}, id="seconds are read, then refused"),
        pytest.param("every morning", {"freq": "day", "part": "morning"}, id="every morning"),
        pytest.param("every sat morning", {"freq": "week", "weekdays": frozenset({5}),
                                           "part": "morning"}, id="every sat morning"),
        pytest.param("on weekdays", {"freq": "week", "weekdays": frozenset(range(5))},
                     id="on weekdays"),
        pytest.param("on mondays", {"freq": "week", "weekdays": frozenset({0})}, id="on mondays"),
        pytest.param("every second tuesday", {"freq": "month", "nth": ((2,), 1)},
                     id="ordinal is the month's"),
        pytest.param("every 2nd and 4th tuesday", {"freq": "month", "nth": ((2, 4), 1)},
                     id="several ordinals of one weekday"),
        pytest.param("every first & last fri of the month", {"freq": "month",
                                                             "nth": ((1, LAST), 4)},
                     id="first and last friday"),
        pytest.param("every second-to-last friday", {"freq": "month", "nth": ((-2,), 4)},
                     id="second to last friday"),
        pytest.param("every 2nd to last day", {"freq": "month", "monthdays": (-2,)},
                     id="second to last day"),
        pytest.param("every 1st and 15th day of the month", {"freq": "month",
                                                             "monthdays": (1, 15)},
                     id="ordinal days with the word day"),
        pytest.param("every second week", {"freq": "week", "every": 2}, id="second week"),
        pytest.param("every 3rd day", {"freq": "day", "every": 3}, id="3rd day is a period"),
        pytest.param("every other weekend", {"freq": "week", "every": 2,
                                             "weekdays": frozenset({5, 6})},
                     id="every other weekend"),
        pytest.param("every last day", {"freq": "month", "monthdays": (LAST,)}, id="last day"),
        pytest.param("every 27th", {"freq": "month", "monthdays": (27,)}, id="every 27th"),
    ],
)
def test_a_recurrence_phrase_fills_the_when(text: str, fields: dict[str, object]) -> None:
    words, when = text.split(), When()

    end = every_at(words, 0, when)

    assert end == len(words)
    assert {name: getattr(when, name) for name in fields} == fields


def test_an_ordinal_weekday_takes_one_weekday_only() -> None:
    with pytest.raises(ParseError, match="one weekday"):
        every_at(["every", "2nd", "tuesday", "and", "thursday"], 0, When())


@pytest.mark.parametrize(
    ("text", "days"),
    [
        pytest.param("except friday", frozenset({4}), id="a weekday"),
        pytest.param("except on weekends", frozenset({5, 6}), id="on weekends"),
        pytest.param("excluding saturdays and sundays", frozenset({5, 6}), id="plural list"),
        pytest.param("but not on sundays", frozenset({6}), id="but not"),
        pytest.param("other than mon , tue", frozenset({0, 1}), id="other than"),
    ],
)
def test_except_reads_the_weekdays_left_out(text: str, days: frozenset[int]) -> None:
    words, when = text.split(), When()

    assert except_at(words, 0, when) == len(words)
    assert when.except_days == days


def test_except_needs_weekdays_after_it() -> None:
    assert except_at(["except", "bob"], 0, When()) == -1


def test_a_weekly_rule_takes_its_days_after_on() -> None:
    words, when = ["on", "monday", "and", "thursday"], When()

    assert weekdays_on(words, 0, when) == len(words)
    assert when.weekdays == frozenset({0, 3})


def test_weekday_lists_take_every_separator() -> None:
    for text in ("mon wed fri", "mon , wed and fri", "mon/wed/fri", "mo & we & fr"):
        days, end = weekday_list(text.split(), 0)
        assert (days, end) == (frozenset({0, 2, 4}), len(text.split()))


@pytest.mark.parametrize(
    ("text", "count", "per_week"),
    [("3 times", 3, None), ("3 times a week", None, 3), ("twice a week", None, 2)],
)
def test_counts_and_weekly_targets(text: str, count: int | None, per_week: int | None) -> None:
    when = When()

    times_at(text.split(), 0, when)

    assert (when.count, when.per_week) == (count, per_week)
