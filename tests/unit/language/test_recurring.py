"""Recurrence phrases fill a When before rules are built."""

import pytest

from core.language.recurring import every_at, times_at, weekday_list
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
        pytest.param("every last day", {"freq": "month", "monthdays": (LAST,)}, id="last day"),
        pytest.param("every 27th", {"freq": "month", "monthdays": (27,)}, id="every 27th"),
    ],
)
def test_a_recurrence_phrase_fills_the_when(text: str, fields: dict[str, object]) -> None:
    words, when = text.split(), When()

    end = every_at(words, 0, when)

    assert end == len(words)
    assert {name: getattr(when, name) for name in fields} == fields


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
