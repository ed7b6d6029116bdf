"""Recurrence phrases: `every ...`, `daily`, `on Mondays`, `every 5th, 15th and 25th`."""

from __future__ import annotations

from core.language.dates import date_at
from core.language.lexicon import (
    HOUR,
    MINUTE,
    MONTHS,
    PARTS,
    SECOND,
    SHORT_WEEKDAYS,
    UNITS,
    WEEKDAY_PLURALS,
    WEEKDAYS,
)
from core.language.numbers import number_at, ordinal
from core.language.spans import add
from core.language.when import Span, When
from core.recurrence.rules import LAST

# One word that is a whole recurrence: word -> (freq, every).
_ADVERBS: dict[str, tuple[str, int]] = {
    "daily": ("day", 1), "nightly": ("day", 1), "weekly": ("week", 1),
    "biweekly": ("week", 2), "fortnightly": ("week", 2), "monthly": ("month", 1),
    "quarterly": ("month", 3), "yearly": ("year", 1), "annually": ("year", 1),
}
_PERIODS: dict[str, tuple[str, int]] = {
    "day": ("day", 1), "days": ("day", 1), "week": ("week", 1), "weeks": ("week", 1),
    "month": ("month", 1), "months": ("month", 1), "year": ("year", 1), "years": ("year", 1),
    "quarter": ("month", 3), "quarters": ("month", 3), "fortnight": ("week", 2),
}
_WORKDAYS = frozenset(range(5))
_WEEKEND = frozenset({5, 6})
_SETS: dict[str, frozenset[int]] = {
    "weekday": _WORKDAYS, "weekdays": _WORKDAYS, "workday": _WORKDAYS, "workdays": _WORKDAYS,
    "weekend": _WEEKEND, "weekends": _WEEKEND,
}
_SEPARATORS = frozenset({",", "and", "&", "/"})
_EVERY = frozenset({"every", "each", "evry", "every1"})
_TIME_UNITS = {SECOND: 1.0, MINUTE: 60.0, HOUR: 3600.0}


def weekday_list(words: list[str], i: int, *, short: bool = True) -> tuple[frozenset[int], int]:
    """`mon, wed and fri`, `tu & th`, `mon/wed/fri` -> weekdays and the index after them."""
    days: set[int] = set()
    j = i
    while j < len(words):
        pieces = words[j].split("/") if "/" in words[j] else [words[j]]
        found = [_weekday(p, short) for p in pieces]
        if not pieces or any(f is None for f in found):
            if (days and words[j] in _SEPARATORS and j + 1 < len(words)
                    and _weekday(words[j + 1].split("/")[0], short) is not None):
                j += 1
                continue
            break
        days.update(f for f in found if f is not None)
        j += 1
    return frozenset(days), j


def _weekday(low: str, short: bool) -> int | None:
    if low in WEEKDAYS:
        return WEEKDAYS[low]
    if low in WEEKDAY_PLURALS:
        return WEEKDAY_PLURALS[low]
    return SHORT_WEEKDAYS.get(low) if short else None


def _ordinal_list(words: list[str], i: int) -> tuple[tuple[int, ...], int]:
    """`5th, 15th and 25th` -> days of the month."""
    days: list[int] = []
    j = i
    while j < len(words):
        value = ordinal(words[j]) if words[j][-2:].isalpha() else None
        if value is None or not (value == LAST or 1 <= value <= 31):
            break
        days.append(value)
        j += 1
        if j + 1 < len(words) and words[j] in _SEPARATORS and ordinal(words[j + 1]):
            j += 1
    return tuple(days), j


def _of_the_month(words: list[str], j: int) -> int:
    for tail in (["of", "the", "month"], ["of", "every", "month"], ["of", "each", "month"],
                 ["of", "month"], ["a", "month"]):
        if words[j:j + len(tail)] == tail:
            return j + len(tail)
    return j


def _ordinal_phrase(words: list[str], i: int, when: When) -> int:
    """After `every`: `first Monday`, `last day`, `27th`, `5th, 15th and 25th`, `1st of Dec`."""
    nth = ordinal(words[i])
    if nth is not None and i + 1 < len(words) and words[i + 1] in WEEKDAYS and nth <= 5:
        when.freq, when.nth = "month", (nth, WEEKDAYS[words[i + 1]])
        return _of_the_month(words, i + 2)
    if nth == LAST and words[i + 1:i + 2] == ["day"]:
        when.freq, when.monthdays = "month", (LAST,)
        return _of_the_month(words, i + 2)
    days, j = _ordinal_list(words, i)
    if not days:
        return -1
    k = j + 1 if words[j:j + 1] == ["of"] else j
    if len(days) == 1 and k < len(words) and words[k] in MONTHS and days[0] != LAST:
        when.freq, when.date = "year", None
        found = date_at(words, i)
        if found is None:
            return -1
        when.date = found[0]
        return found[1]
    when.freq, when.monthdays = "month", days
    return _of_the_month(words, j)


def _interval(words: list[str], i: int, when: When) -> int:
    """`every 45 minutes`, `every hour`, `every 1.5 hours`, `every 30 seconds`."""
    found = number_at(words, i, articles=False)
    value, j = found if found else (1.0, i)
    if j >= len(words) or UNITS.get(words[j]) not in _TIME_UNITS:
        return -1
    if found is None and words[j] not in ("hour", "minute", "min", "hr"):
        return -1  # `every second Tuesday` is an ordinal, not an interval
    when.interval = value * _TIME_UNITS[UNITS[words[j]]]
    return j + 1


def _period(words: list[str], i: int, when: When) -> int:
    """`every 3 days`, `every other week`, `every 2 weeks on Tuesday`, `every quarter`."""
    every, j = 1, i
    if words[i] == "other":
        every, j = 2, i + 1
    else:
        found = number_at(words, i, articles=False)
        if found is not None:
            every, j = int(found[0]), found[1]
    if j < len(words) and words[j] in _PERIODS:
        freq, times = _PERIODS[words[j]]
        when.freq, when.every = freq, every * times
        return j + 1
    if every == 2 and j < len(words):
        days, k = weekday_list(words, j)
        if days:
            when.freq, when.every, when.weekdays = "week", 2, days
            return _part_after(words, k, when)
    return -1


def _part_after(words: list[str], j: int, when: When) -> int:
    if j < len(words) and words[j] in PARTS and words[j] != "noon":
        when.part = words[j]
        return j + 1
    return j


def _after_every(words: list[str], i: int, when: When) -> int:
    low = words[i]
    if low in ("single", "other") and words[i + 1:i + 2] == ["day"]:
        when.freq, when.every = "day", 1 if low == "single" else 2
        return i + 2
    if low in _SETS:
        when.freq, when.weekdays = "week", _SETS[low]
        return _part_after(words, i + 1, when)
    if low in PARTS and low != "noon":
        when.freq, when.part = "day", low
        return i + 1
    days, j = weekday_list(words, i)
    if days:
        when.freq, when.weekdays = "week", days
        return _part_after(words, j, when)
    end = _interval(words, i, when)
    if end < 0:
        end = _period(words, i, when)
    if end < 0 and low in MONTHS:
        found = date_at(words, i)
        if found is not None and found[0].kind == "md":
            when.freq, when.date = "year", found[0]
            return found[1]
    return end if end >= 0 else _ordinal_phrase(words, i, when)


def every_at(words: list[str], i: int, when: When) -> int:
    """A recurrence phrase at words[i]; fills `when` and returns the index after, or -1."""
    low = words[i]
    if low == "everyday":
        when.freq = "day"
        return i + 1
    if low in _ADVERBS:
        when.freq, when.every = _ADVERBS[low]
        when.part = "night" if low == "nightly" else None
        return i + 1
    if low == "hourly":
        when.interval = 3600.0
        return i + 1
    if low in _EVERY and i + 1 < len(words):
        return _after_every(words, i + 1, when)
    if low == "on" and i + 1 < len(words):
        return _on_plural(words, i + 1, when)
    if low in WEEKDAY_PLURALS or low in ("weekdays", "weekends"):
        return _on_plural(words, i, when)
    return -1


def _on_plural(words: list[str], i: int, when: When) -> int:
    """`on Mondays`, `on weekdays`, `Mondays and Thursdays`."""
    low = words[i]
    if low in ("weekdays", "weekends", "workdays"):
        when.freq, when.weekdays = "week", _SETS[low]
        return _part_after(words, i + 1, when)
    if low not in WEEKDAY_PLURALS:
        return -1
    days, j = weekday_list(words, i, short=False)
    when.freq, when.weekdays = "week", days
    return _part_after(words, j, when)


def times_at(words: list[str], i: int, when: When) -> int:
    """`3 times` (a count), `3 times a week` (a habit's target), `twice a week`."""
    found = number_at(words, i, articles=False)
    if found is not None and found[1] < len(words) and words[found[1]] in ("times", "x"):
        value, j = int(found[0]), found[1] + 1
    elif words[i] in ("once", "twice", "thrice"):
        value, j = {"once": 1, "twice": 2, "thrice": 3}[words[i]], i + 1
    else:
        return -1
    for tail in (["a", "week"], ["per", "week"], ["each", "week"], ["every", "week"],
                 ["weekly"]):
        if words[j:j + len(tail)] == tail:
            when.per_week = value
            return j + len(tail)
    if words[i] in ("once", "twice", "thrice"):
        return -1
    when.count = value
    return j


def for_span(span: Span, value: float, unit: str) -> Span:
    """A helper for tests and callers that build spans by hand."""
    add(span, value, unit)
    return span
