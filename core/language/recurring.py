"""Recurrence phrases: `every ...`, `daily`, `on Mondays`, `every 5th, 15th and 25th`."""

from __future__ import annotations

from core.errors import ParseError
from core.i18n import _
from core.language.dates import date_at
from core.language.lexicon import (
    DAY,
    HOUR,
    MINUTE,
    MONTHS,
    PARTS,
    SECOND,
    UNITS,
    WEEK,
    WEEKDAY_PLURALS,
    WEEKDAYS,
)
from core.language.month_days import nth_weekdays, of_the_month, ordinal_item, ordinal_list
from core.language.numbers import number_at
from core.language.spans import add, compact
from core.language.weekday_lists import SEPARATORS, weekday_list, weekday_range
from core.language.when import Span, When

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
# `ev` is Todoist's short `every` (`ev mon, fri`); it only counts before what may repeat.
_EVERY = frozenset({"every", "each", "evry", "every1", "ev"})
_TIME_UNITS = {SECOND: 1.0, MINUTE: 60.0, HOUR: 3600.0}


def _ordinal_phrase(words: list[str], i: int, when: When) -> int:
    """After `every`: `first Monday`, `last day`, `27th`, `5th, 15th and 25th`, `1st of Dec`."""
    end = nth_weekdays(words, i, when)
    if end > i:
        return end
    item = ordinal_item(words, i)
    if item is not None and item[0] > 0 and item[1] < len(words) and words[item[1]] in _PERIODS:
        k = item[1] + 1
        if of_the_month(words, k) == k:  # `every second week`, `every 3rd day`: a period
            freq, times = _PERIODS[words[item[1]]]
            when.freq, when.every = freq, item[0] * times
            return k
    days, j = ordinal_list(words, i)
    if not days:
        return -1
    if j < len(words) and words[j] in ("workday", "weekday", "business", "working", "weekend"):
        raise ParseError(_("I can't count workdays in a month yet; name the weekday instead, "
                           "like `every first Monday`."),
                         hint=_("remind me every first Monday at 9am"))
    if j < len(words) and words[j] in ("day", "days"):
        j += 1  # `every 1st day of the month`, `every last day`
    k = j + 1 if j < len(words) and words[j] == "of" else j
    if len(days) == 1 and k < len(words) and words[k] in MONTHS and days[0] > 0:
        when.freq, when.date = "year", None
        found = date_at(words, i)
        if found is None:
            return -1
        when.date = found[0]
        return found[1]
    when.freq, when.monthdays = "month", days
    return of_the_month(words, j)


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
    if every < 1:
        return -1  # `every 0 days` names no schedule
    if j < len(words) and words[j] in _PERIODS:
        freq, times = _PERIODS[words[j]]
        when.freq, when.every = freq, every * times
        return j + 1
    if every == 2 and words[j:j + 1] in (["weekend"], ["weekends"]):
        when.freq, when.every, when.weekdays = "week", 2, _WEEKEND  # `every other weekend`
        return _part_after(words, j + 1, when)
    if every == 2 and j < len(words):
        days, k = weekday_list(words, j)
        if days:
            when.freq, when.every, when.weekdays = "week", 2, days
            return _part_after(words, k, when)
    return -1


_FEW = (["a", "few"], ["few"], ["several"])


def _few(words: list[str], i: int, when: When) -> int:
    """`every few hours`, `every several days`: readings.py's steps (3 hours in the day, 3 days)."""
    for lead in _FEW:
        j = i + len(lead)
        if words[i:j] == lead and j < len(words):
            unit = UNITS.get(words[j])
            if unit == HOUR:
                when.assumed = "few-hours"
                when.interval = 3 * 3600.0
                return j + 1
            if unit == DAY:
                when.freq, when.assumed = "day", "few-days"
                return j + 1
    return -1


def _part_list(words: list[str], i: int) -> tuple[tuple[str, ...], int]:
    """`morning and evening`, `morning, noon and night` -> the parts and the index after."""
    parts = [words[i]]
    j = i + 1
    while j + 1 < len(words) and words[j] in SEPARATORS:
        k = j + 1
        if words[k] in SEPARATORS and k + 1 < len(words):
            k += 1  # an Oxford comma
        if words[k] not in PARTS or words[k] in parts:
            break
        parts.append(words[k])
        j = k + 1
    order = list(PARTS)
    return tuple(sorted(parts, key=order.index)), j


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
        parts, j = _part_list(words, i)
        if len(parts) > 1:  # `every morning and evening`: one time each (readings.py)
            when.freq, when.assumed, when.part_list = "day", "parts", parts
            return j
        when.freq, when.part = "day", low
        return i + 1
    end = _few(words, i, when)
    if end > i:
        return end
    days, j = weekday_list(words, i)
    if days:
        when.freq, when.weekdays = "week", days
        return _part_after(words, j, when)
    end = _compact_interval(words, i, when)
    if end < 0:
        end = _interval(words, i, when)
    if end < 0:
        end = _period(words, i, when)
    if end < 0 and (low in MONTHS or low.isdecimal()):
        found = date_at(words, i)  # `every March 3`, `every 14 jan`
        if found is not None and found[0].kind == "md":
            when.freq, when.date = "year", found[0]
            return found[1]
    if end < 0:
        end = _ordinal_phrase(words, i, when)
    return end if end >= 0 else _plain_day(words, i, when)


# What may follow Todoist's `every 27`: the task, a time, a bound, or the end of the text.
_AFTER_PLAIN_DAY = frozenset({"to", "about", "that", "at", "@", "on", ",", "and", "from",
                              "starting", "beginning", "until", "till", "ending", "for",
                              "of", "remind", "in", ":", "-"})


def _plain_day(words: list[str], i: int, when: When) -> int:
    """Todoist's `every 27` (no unit after it) is `every 27th`: monthly on that day."""
    low, after = words[i], words[i + 1:i + 2]
    if not (low.isdecimal() and 1 <= int(low) <= 31) or low[0] == "0":
        return -1
    if after and after[0] not in _AFTER_PLAIN_DAY:
        return -1  # `check every 5 pages`: a count of things, not a day of the month
    if after and after[0] in ("to", "-") and number_at(words, i + 2) is not None:
        return -1  # `every 2 to 3 days`, `every 3 - 4 hours`
    when.freq, when.monthdays = "month", (int(low),)
    return of_the_month(words, i + 1)


def _compact_interval(words: list[str], i: int, when: When) -> int:
    """`every 30m`, `every 2h`, `every 1h30m` (elapsed), `every 2d`, `every 3w` (periods)."""
    parts = compact(words[i])
    if not parts:
        return -1
    if len(parts) == 1 and parts[0][1] in (DAY, WEEK) and parts[0][0].is_integer():
        value, unit = parts[0]
        when.freq, when.every = "day" if unit == DAY else "week", int(value)
        return i + 1
    if any(unit not in _TIME_UNITS for _, unit in parts):
        return -1
    when.interval = sum(value * _TIME_UNITS[unit] for value, unit in parts)
    return i + 1


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
    spanned = weekday_range(words, i)  # `Monday through Friday`, `mon-fri`: every such day
    if spanned is not None:
        when.freq, when.weekdays = "week", spanned[0]
        return _part_after(words, spanned[1], when)
    return -1


def weekdays_on(words: list[str], i: int, when: When) -> int:
    """After a weekly rule: `on Monday and Thursday`, `on weekends` -> its weekdays."""
    j = i + 1 if words[i] == "on" else i
    if j < len(words) and words[j] in _SETS:
        when.weekdays = _SETS[words[j]]
        return _part_after(words, j + 1, when)
    days, end = weekday_list(words, j, short=False) if j < len(words) else (frozenset(), j)
    if not days or (j == i and end == j + 1 and words[j] in WEEKDAYS):
        return -1  # a lone `Monday` stays a date: `weekly, starting Monday` is read elsewhere
    when.weekdays = days
    return _part_after(words, end, when)


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


# The words every_at, weekdays_on and _on_plural may begin with (besides a weekday).
OPENERS = frozenset({"everyday", "hourly", "on", "weekdays", "weekends", *_ADVERBS, *_EVERY,
                     *_SETS, *WEEKDAY_PLURALS})
EXCEPT_WORDS = frozenset({"except", "excluding"})
_EXCEPT_PAIRS = (["but", "not"], ["apart", "from"], ["other", "than"])


def except_at(words: list[str], i: int, when: When) -> int:
    """`except Friday`, `except on weekends`, `but not Sundays`: weekdays the rule leaves out."""
    if words[i:i + 2] in _EXCEPT_PAIRS:
        j = i + 2
    elif words[i] in EXCEPT_WORDS or words[i] == "but":
        j = i + 1
    else:
        return -1
    j = j + 1 if words[j:j + 1] in (["on"], ["for"]) else j
    if j < len(words) and words[j] in _SETS:
        when.except_days = _SETS[words[j]]
        return j + 1
    days, end = weekday_list(words, j, short=False) if j < len(words) else (frozenset(), j)
    if not days:
        return -1
    when.except_days = days
    return end


def for_span(span: Span, value: float, unit: str) -> Span:
    """A helper for tests and callers that build spans by hand."""
    add(span, value, unit)
    return span
