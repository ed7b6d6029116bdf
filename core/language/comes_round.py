"""Whether an endless rule surely has a first instant, so the walk to it can be skipped."""

from __future__ import annotations

import calendar
from datetime import datetime

from core.recurrence.rules import (
    Daily,
    Interval,
    MonthlyByDay,
    MonthlyByWeekday,
    Rule,
    Weekly,
    Yearly,
)


def always_comes(rule: Rule, start: datetime) -> bool:
    """A rule that fires in every week (or month, or year) whatever its start: with no end,
    it comes round, so the walk to its first instant (a tenth of a command's parse) can be
    skipped. Monthly rules qualify when every month has their days (up to the 28th, or the
    4th weekday), yearly ones when every year has their date, and neither starts so late
    that the calendar runs out first (year 9999)."""
    if isinstance(rule, Interval):
        return True
    if isinstance(rule, Daily | Weekly):
        return bool(rule.times) and (isinstance(rule, Daily) or bool(rule.weekdays))
    if not getattr(rule, "times", None) or start.year > _LATE_YEAR:
        return False
    if isinstance(rule, MonthlyByDay | MonthlyByWeekday) and (
            rule.anchor is not None and rule.anchor.year > _LATE_YEAR):
        return False
    if isinstance(rule, MonthlyByDay):
        return all(-_SHORTEST_MONTH <= day <= _SHORTEST_MONTH for day in rule.days)
    if isinstance(rule, MonthlyByWeekday):
        return all(-4 <= nth <= 4 for nth in rule.nths)
    # A date every year has: any but February 29 (2001 is a common year).
    return isinstance(rule, Yearly) and 1 <= rule.day <= calendar.monthrange(2001, rule.month)[1]


_SHORTEST_MONTH = 28
# Far enough from year 9999 that a rule stepping up to 1,000 months (the most a schedule
# takes) still finds a date.
_LATE_YEAR = 9000
