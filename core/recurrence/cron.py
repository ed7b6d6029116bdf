"""Cron expressions read as local wall-clock times: croniter parses, we walk the dates.

croniter's own iteration costs ~50 µs an instant; walking dates with its expanded fields
costs a few. Semantics are Vixie cron's: when both day-of-month and day-of-week are
restricted, a day matching either is a match (croniter's default `day_or=True`), plus
croniter's `L` (last day) and `#` (nth weekday) extensions. `W` is refused.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from core.recurrence.dates import day_in_month

# Like croniter, give up after 50 years without a match ("0 0 30 2 *" never matches).
MAX_YEARS = 50


@dataclass(frozen=True)
class CronSpec:
    """The expanded fields of one cron expression; weekdays in Python's numbering (Mon 0)."""

    times: tuple[time, ...]
    days: frozenset[int] | None  # None: any day; -1 in it is the last day
    months: frozenset[int]
    weekdays: frozenset[int] | None  # None: any weekday
    nth: dict[int, frozenset[int]]  # weekday -> which of the month's (1..5, -1 last)
    either_day: bool  # both day fields restricted: either matches


def parse_cron(expression: str) -> CronSpec:
    """Expand a 5-field cron expression; ValueError if croniter refuses it or it is not 5 fields."""
    found = _read(expression)
    if isinstance(found, str):
        raise ValueError(found)
    return found


# Pure, so a refusal is kept as well as a spec: croniter takes ~50 us to refuse `0 25 * * *`.
@lru_cache(maxsize=512)
def _read(expression: str) -> CronSpec | str:
    """The spec, or why it was refused."""
    try:
        return _expand(expression)
    except ValueError as error:
        return str(error)


def _expand(expression: str) -> CronSpec:
    parts = expression.split()
    is_macro = len(parts) == 1 and parts[0].startswith("@")
    if not is_macro and (len(parts) != 5 or "w" in parts[2].lower()):
        raise ValueError(f"not a 5-field cron expression: {expression!r}")
    plain = None if is_macro else _plain_fields(parts)
    if plain is not None:
        fields, nth = plain, {}
    else:
        # Imported here: croniter (and dateutil) cost ~20 ms, and most commands have no cron.
        from croniter import croniter

        fields, nth = croniter.expand(" ".join(parts))
    if len(fields) != 5:
        raise ValueError(f"not a 5-field cron expression: {expression!r}")
    minutes, hours, days, months, weekdays = fields
    days_set = None if days == ["*"] else frozenset(-1 if d == "l" else int(d) for d in days)
    weekday_set = None if weekdays == ["*"] else frozenset((int(w) - 1) % 7 for w in weekdays)
    return CronSpec(
        times=tuple(time(h, m) for h in _values(hours, 24) for m in _values(minutes, 60)),
        days=days_set,
        months=frozenset(_values(months, 13)) - {0},
        weekdays=weekday_set,
        nth=_nth(nth),
        either_day=days_set is not None and weekday_set is not None,
    )


# The plainest fields, the ones people mostly write (`0 9 * * 1-5`, `*/15 9-17 * * *`), are
# expanded here, as croniter.expand expands them, so that a first cron expression does not
# pay croniter's import (~20 ms of a `nudge parse`). Anything else (names, `L`, `#`, `?`, a
# range that wraps, a step on a weekday, a value out of range) is croniter's to read.
_PLAIN_ITEM = re.compile(r"^(?:\*|\d{1,2}(?:-\d{1,2})?)(?:/\d{1,2})?$")
_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))  # minute, hour, day, month, weekday


def _plain_fields(parts: list[str]) -> list[list[int | str]] | None:
    """croniter.expand's fields for plain numeric fields; None for anything else. A value
    out of its field's range is refused (ValueError), as croniter refuses it."""
    fields: list[list[int | str]] = []
    for index, (part, (low, high)) in enumerate(zip(parts, _BOUNDS, strict=True)):
        if part == "*":
            fields.append(["*"])
            continue
        values: set[int] = set()
        for item in part.split(","):
            if not _PLAIN_ITEM.match(item) or (index > 1 and "/" in item):
                return None  # steps only in the minute and hour (croniter's days differ)
            span, _, step_text = item.partition("/")
            first, _, last = span.partition("-")
            if first == "*":
                start, end = low, high  # `*/15`
            elif (step_text and not last) or (last and int(first) >= int(last)):
                return None  # `5/10`, `8-8`, `5-1`: croniter's own readings
            else:
                start, end = int(first), int(last or first)
            step = int(step_text or 1)
            if not low <= start <= high or not low <= end <= high:
                # croniter's refusal, word for word
                raise ValueError(f"[{' '.join(parts)}] is not acceptable, out of range")
            if step < 1:
                return None
            values.update(range(start, end + 1, step))
        if index == 4:
            values = {value % 7 for value in values}  # 7 is Sunday, as 0
            high = 6
        if len(values) == high - low + 1:
            return None  # a whole field spelt out: croniter has its own ways with those
        fields.append(sorted(values))
    return fields


def _values(field: list[int | str], size: int) -> list[int]:
    return list(range(size)) if field == ["*"] else sorted(int(v) for v in field)


def _nth(raw: dict[int | str, set[int | str]]) -> dict[int, frozenset[int]]:
    which = {key: frozenset(-1 if n == "l" else int(n) for n in ns) for key, ns in raw.items()}
    every = which.pop("*", frozenset())
    return {(int(k) - 1) % 7: v | every for k, v in which.items()} | (
        {w: every for w in range(7) if w not in which} if every else {}
    )


def matches_date(spec: CronSpec, day: date) -> bool:
    """Whether the expression fires on some time of `day` (month and day fields)."""
    if day.month not in spec.months:
        return False
    by_day = spec.days is None or _day_matches(spec.days, day)
    by_weekday = spec.weekdays is None or _weekday_matches(spec, day)
    return (by_day or by_weekday) if spec.either_day else (by_day and by_weekday)


def _day_matches(days: frozenset[int], day: date) -> bool:
    if day.day in days:
        return True
    return -1 in days and day_in_month(day.year, day.month, -1) == day.day


def _weekday_matches(spec: CronSpec, day: date) -> bool:
    assert spec.weekdays is not None
    weekday = day.weekday()
    if weekday not in spec.weekdays:
        return False
    which = spec.nth.get(weekday)
    if which is None:
        return True
    from_end = -((calendar.monthrange(day.year, day.month)[1] - day.day) // 7 + 1)
    return (day.day - 1) // 7 + 1 in which or from_end in which


def local_times(spec: CronSpec, start: datetime) -> Iterator[datetime]:
    """Naive local times the expression fires at, from `start` (naive) on, in order."""
    if _never(spec):
        return  # `0 0 31 2 *`: known at once, not after a walk of MAX_YEARS
    day, times = start.date(), spec.times
    first = bisect.bisect_left(times, start.time())
    end = date(min(day.year + MAX_YEARS, 9999), 1, 1)
    while day < end:
        if day.month not in spec.months:
            day = _next_month(day)
            first = 0
            continue
        if matches_date(spec, day):
            end = date(min(day.year + MAX_YEARS, 9999), 1, 1)
            for moment in times[first:]:
                yield datetime.combine(day, moment)
        first = 0
        day = _next_day(spec, day)


def _never(spec: CronSpec) -> bool:
    """Whether the days of the month asked for are past the end of every month asked for."""
    if spec.days is None or spec.either_day or -1 in spec.days or not spec.months:
        return False
    return min(spec.days) > max(_LONGEST[month] for month in spec.months)


# The most days each month ever has (February in a leap year).
_LONGEST = {month: calendar.monthrange(2000, month)[1] for month in range(1, 13)}


def _next_day(spec: CronSpec, day: date) -> date:
    """The next date that could match: with only days of the month restricted, jump to one."""
    if spec.weekdays is not None or spec.days is None or -1 in spec.days:
        return day + timedelta(days=1)
    later = [d for d in spec.days if d > day.day]
    if later and day_in_month(day.year, day.month, min(later)) is not None:
        return day.replace(day=min(later))
    return _next_month(day)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
