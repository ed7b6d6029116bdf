"""Lengths of time: `10 minutes`, `1h30m`, `1.5 hours`, `half an hour`, `2 days 3 hours`."""

from __future__ import annotations

import re
from functools import lru_cache

from core.language.lexicon import (
    DAY,
    FORTNIGHT,
    HOUR,
    MINUTE,
    MONTH,
    SECOND,
    UNITS,
    WEEK,
    YEAR,
)
from core.language.numbers import number_at
from core.language.when import Span

_COMPACT = re.compile(r"(\d+(?:\.\d+)?)([a-z]+)")
_HOURS_MINUTES = re.compile(r"^(\d+h(?:rs?)?)([0-5]?\d)$")  # `1h30`, `2hr15`: minutes implied
_SECONDS = {SECOND: 1.0, MINUTE: 60.0, HOUR: 3600.0}
_JOINERS = frozenset({",", "and", "&"})
_DAYS = {DAY: 1, WEEK: 7, FORTNIGHT: 14}
# `a few minutes`, `several days`: no number to go by; read as a span, refused when resolved.
_VAGUE = (["a", "few"], ["few"], ["several"])


def add(span: Span, value: float, unit: str) -> None:
    """Add `value` units to a span: months and days on the wall clock, the rest elapsed."""
    if unit in (MONTH, YEAR):
        months = value * (12 if unit == YEAR else 1)
        span.months += int(months)
        span.days += round((months - int(months)) * 30)
    elif unit in _DAYS:
        days = value * _DAYS[unit]
        span.days += int(days)
        span.seconds += (days - int(days)) * 86400.0
    else:
        span.seconds += value * _SECONDS[unit]


@lru_cache(maxsize=4096)
def compact(low: str) -> tuple[tuple[float, str], ...] | None:
    """`10m`, `2h`, `1h30m`, `1h30`, `1.5h` -> [(value, unit)]; None unless the whole word fits."""
    tail = _HOURS_MINUTES.match(low)
    if tail is not None:
        head = compact(tail.group(1))
        return None if head is None else (*head, (float(tail.group(2)), MINUTE))
    parts = _COMPACT.findall(low)
    if not parts or "".join(a + b for a, b in parts) != low:
        return None
    found = tuple((float(a), UNITS[b]) for a, b in parts if b in UNITS)
    return found if len(found) == len(parts) else None


def _half(words: list[str], i: int) -> tuple[float, int] | None:
    """`half an hour`, `a half hour`, `half hour`."""
    if words[i] in ("a", "an") and words[i + 1:i + 2] == ["half"]:
        return 0.5, i + 2
    if words[i] == "half":
        j = i + 2 if words[i + 1:i + 2] in (["a"], ["an"]) else i + 1
        return 0.5, j
    return None


def _vague(words: list[str], i: int) -> tuple[Span, int] | None:
    """`a few minutes`, `several hours`: a span with no number (kept so it can be refused)."""
    for lead in _VAGUE:
        j = i + len(lead)
        if words[i:j] == lead and j < len(words) and words[j] in UNITS and len(words[j]) > 2:
            span = Span(vague=words[j])
            add(span, 1.0, UNITS[words[j]])
            return span, j + 1
    return None


def _amount(words: list[str], i: int) -> tuple[float, int] | None:
    """`half a`, `2`, `an`, `two and a half` (before a unit): the value and the index after."""
    found = _half(words, i) or number_at(words, i)
    if found is None:
        return None
    value, j = found
    if words[j:j + 3] == ["and", "a", "half"] and words[j + 3:j + 4] and words[j + 3] in UNITS:
        return value + 0.5, j + 3  # `2 and a half hours`
    return found


def _one(words: list[str], i: int) -> tuple[Span, int] | None:
    if i >= len(words):
        return None
    parts = compact(words[i])
    if parts:
        span = Span()
        for value, unit in parts:
            add(span, value, unit)
        return span, i + 1
    vague = _vague(words, i)
    if vague is not None:
        return vague
    found = _amount(words, i)
    if found is None or found[1] >= len(words) or words[found[1]] not in UNITS:
        return None
    value, j = found
    span = Span()
    add(span, value, UNITS[words[j]])
    if words[j + 1:j + 4] == ["and", "a", "half"]:
        add(span, 0.5, UNITS[words[j]])
        j += 3
    return span, j + 1


def span_at(words: list[str], i: int) -> tuple[Span, int] | None:
    """One or more joined lengths of time at words[i] and the index after them."""
    first = _one(words, i)
    if first is None:
        return None
    span, j = first
    while j < len(words):
        k = j + 1 if words[j] in _JOINERS else j
        more = _one(words, k)
        if more is None:
            break
        extra, j = more
        span.months += extra.months
        span.days += extra.days
        span.seconds += extra.seconds
        span.vague = span.vague or extra.vague
    return span, j
