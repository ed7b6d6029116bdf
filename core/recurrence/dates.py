"""Local dates on which a calendar rule falls, in order, jumping by day, week, month or year."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from core.recurrence.rules import Daily, MonthlyByDay, MonthlyByWeekday, Weekly, Yearly

CalendarRule = Daily | Weekly | MonthlyByDay | MonthlyByWeekday | Yearly
MonthDays = Callable[[int, int], list[int]]  # (year, month) -> its matching days, in order

# A rule that finds no date in this many of its periods in a row never will (a 30th in
# February every 12 months); the longest real wait is a leap day across 1900/2100: 8 years.
MAX_EMPTY_PERIODS = 100


def rule_dates(rule: CalendarRule, anchor: date, since: date) -> Iterator[date]:
    """Dates >= max(anchor, since) on which `rule` falls (Yearly ignores the anchor)."""
    check_rule(rule)
    if isinstance(rule, Daily):
        return _daily(rule.every, anchor, max(anchor, since))
    if isinstance(rule, Weekly):
        return _weekly(sorted(rule.weekdays), rule.every, anchor, max(anchor, since))
    if isinstance(rule, Yearly):
        return _yearly(rule.month, rule.day, since)
    days_in = _month_days(rule)
    return _monthly(days_in, rule.every, anchor, max(anchor, since))


def check_rule(rule: CalendarRule) -> None:
    """Raise ValueError for a rule no parser should build (a weekday 9, every 0 weeks)."""
    if not isinstance(rule, Yearly) and rule.every < 1:
        raise ValueError(f"every must be at least 1: {rule!r}")
    if isinstance(rule, Weekly) and not rule.weekdays <= set(range(7)):
        raise ValueError(f"weekdays are 0..6: {rule!r}")
    if isinstance(rule, MonthlyByDay) and not all(_is_month_day(d) for d in rule.days):
        raise ValueError(f"days are 1..31 or -31..-1 (LAST): {rule!r}")
    if isinstance(rule, MonthlyByWeekday) and (
        rule.weekday not in range(7) or not all(n != 0 and -5 <= n <= 5 for n in rule.nths)
    ):
        raise ValueError(f"weekday is 0..6 and each nth 1..5 or LAST: {rule!r}")
    if isinstance(rule, Yearly) and (rule.month not in range(1, 13) or not _is_month_day(rule.day)):
        raise ValueError(f"month is 1..12 and day 1..31 or LAST: {rule!r}")


def _is_month_day(day: int) -> bool:
    return day != 0 and -31 <= day <= 31


def day_in_month(year: int, month: int, day: int) -> int | None:
    """`day` of the month (negative counts from the end, LAST is the last); None if it lacks it."""
    length = calendar.monthrange(year, month)[1]
    actual = length + 1 + day if day < 0 else day
    return actual if 1 <= actual <= length else None


def _daily(every: int, anchor: date, first: date) -> Iterator[date]:
    steps = -(-(first - anchor).days // every)
    day = anchor + timedelta(days=steps * every)
    step = timedelta(days=every)
    while day < date.max - step:
        yield day
        day += step


def _weekly(weekdays: list[int], every: int, anchor: date, first: date) -> Iterator[date]:
    if not weekdays:
        return
    monday = anchor - timedelta(days=anchor.weekday())
    week = -(-((first - monday).days // 7) // every) * every
    monday += timedelta(weeks=week)
    step = timedelta(weeks=every)
    while monday < date.max - step:
        for weekday in weekdays:
            day = monday + timedelta(days=weekday)
            if day >= first:
                yield day
        monday += step


def _month_days(rule: MonthlyByDay | MonthlyByWeekday) -> MonthDays:
    if isinstance(rule, MonthlyByDay):
        wanted = tuple(rule.days)
        return lambda year, month: sorted(
            {d for d in (day_in_month(year, month, w) for w in wanted) if d is not None}
        )
    weekday, nths = rule.weekday, rule.nths
    return lambda year, month: sorted(
        {d for d in (nth_weekday(year, month, weekday, n) for n in nths) if d is not None}
    )


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> int | None:
    """The day of the month of its nth `weekday` (negative counts from the end), or None."""
    first_weekday, length = calendar.monthrange(year, month)
    if nth > 0:
        day = 1 + (weekday - first_weekday) % 7 + (nth - 1) * 7
    else:
        last_weekday = (first_weekday + length - 1) % 7
        day = length - (last_weekday - weekday) % 7 + (nth + 1) * 7
    return day if 1 <= day <= length else None


def _monthly(days_in: MonthDays, every: int, anchor: date, first: date) -> Iterator[date]:
    anchor_index = anchor.year * 12 + anchor.month - 1
    gap = first.year * 12 + first.month - 1 - anchor_index
    index = anchor_index + -(-gap // every) * every
    empty = 0
    while empty < MAX_EMPTY_PERIODS and index < 9999 * 12:
        year, month = divmod(index, 12)
        found = [date(year, month + 1, d) for d in days_in(year, month + 1)]
        found = [d for d in found if d >= first]
        empty = 0 if found else empty + 1
        yield from found
        index += every


def _yearly(month: int, day: int, first: date) -> Iterator[date]:
    if day_in_month(2000, month, day) is None:  # 2000 is a leap year: the best chance
        return
    for year in range(first.year, 10000):
        actual = day_in_month(year, month, day)
        if actual is not None and date(year, month, actual) >= first:
            yield date(year, month, actual)
