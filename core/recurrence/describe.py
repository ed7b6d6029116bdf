"""A recurrence in a few human words, in its own zone: "every weekday at 09:30"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta, tzinfo

from core.recurrence.rules import (
    Cron,
    Daily,
    Interval,
    MonthlyByDay,
    MonthlyByWeekday,
    Once,
    Recurrence,
    Rule,
    Weekly,
    Yearly,
)
from core.recurrence.zones import zone_info

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
# strftime's %a and %b in the C locale (the process never sets LC_TIME), without the
# strftime call per word: `describe` runs for every answer of `nudge parse --jsonl`.
_DAY_ABBREVIATIONS = tuple(name[:3] for name in DAY_NAMES)
_MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)
_WEEKDAYS = frozenset(range(5))
_TINY = timedelta(microseconds=1)
_MIDNIGHT = time(0)


def describe(rec: Recurrence, viewer_zone: str | None = None) -> str:
    """'every Mon, Wed and Fri at 09:00, until 18 Mar'; names the zone if the viewer's differs."""
    words = _rule_words(rec.rule, rec)
    if viewer_zone is not None and viewer_zone != rec.zone and _is_wall_clock(rec.rule):
        words += f" ({zone_label(rec.zone)} time)"
    return words + _bounds(rec)


def zone_label(name: str) -> str:
    """A zone as people write it: `Etc/GMT-2` (POSIX signs, inverted) reads as `UTC+2`."""
    if name.startswith("Etc/GMT") and name[7:8] in ("+", "-"):
        return f"UTC{'-' if name[7] == '+' else '+'}{name[8:]}"
    return name


def _is_wall_clock(rule: Rule) -> bool:
    return not isinstance(rule, Interval)


def _rule_words(rule: Rule, rec: Recurrence) -> str:
    if isinstance(rule, Once):
        local = rule.at.astimezone(zone_info(rec.zone))
        return f"{_day_month(local)} {local.year} at {local.hour:02d}:{local.minute:02d}"
    if isinstance(rule, Interval):
        return f"every {span(rule.every)}"
    if isinstance(rule, Cron):
        return f"cron {' '.join(rule.expression.split())}"
    if isinstance(rule, Daily):
        return f"every {_period(rule.every, 'day')} at {_times(rule.times)}"
    if isinstance(rule, Weekly):
        return _weekly(rule)
    if isinstance(rule, MonthlyByDay) and _is_yearly(rule):
        assert rule.anchor is not None
        on = f"{rule.days[0]} {MONTH_NAMES[rule.anchor.month - 1]}"
        return f"every {_period(rule.every // 12, 'year')} on {on} at {_times(rule.times)}"
    if isinstance(rule, MonthlyByDay):
        days = "the " + join(_day_of_month(d) for d in sorted(set(rule.days), key=_month_order))
        return f"every {_period(rule.every, 'month')} on {days} at {_times(rule.times)}"
    if isinstance(rule, MonthlyByWeekday):
        return _monthly_by_weekday(rule)
    return f"every year on {_date_words(rule)} at {_times(rule.times)}"


def _is_yearly(rule: MonthlyByDay) -> bool:
    """Every 12*N months on one day: `every 2 years on 4 March`."""
    return rule.every % 12 == 0 and rule.anchor is not None and len(set(rule.days)) == 1


def _weekly(rule: Weekly) -> str:
    at = _times(rule.times)
    if rule.every == 1:
        if rule.weekdays == _WEEKDAYS:
            return f"every weekday at {at}"
        if len(rule.weekdays) == 7:
            return f"every day at {at}"
        return f"every {_weekday_names(rule.weekdays)} at {at}"
    days = "weekdays" if rule.weekdays == _WEEKDAYS else _weekday_names(rule.weekdays)
    return f"every {_period(rule.every, 'week')} on {days} at {at}"


def _weekday_names(weekdays: frozenset[int]) -> str:
    # Full names read better for one or two days; three letters keep longer lists short.
    names = [DAY_NAMES[d] for d in sorted(weekdays)]
    return join(names) if len(names) <= 2 else join(n[:3] for n in names)


def _monthly_by_weekday(rule: MonthlyByWeekday) -> str:
    which = join(_nth_words(n) for n in sorted(rule.nths, key=_month_order))
    day = DAY_NAMES[rule.weekday]
    at = _times(rule.times)
    if rule.every == 1:
        return f"every {which} {day} of the month at {at}"
    return f"every {_period(rule.every, 'month')} on the {which} {day} at {at}"


def _nth_words(nth: int) -> str:
    if nth < -1:
        return f"{ORDINAL_WORDS.get(-nth, ordinal(-nth))} to last"
    return ORDINAL_WORDS.get(nth, ordinal(nth))


def _date_words(rule: Yearly) -> str:
    day = "the last day of" if rule.day == -1 else str(rule.day)
    return f"{day} {MONTH_NAMES[rule.month - 1]}"


def _day_month(local: datetime) -> str:
    """`Wed 4 Mar`: strftime's `%a %-d %b`."""
    day, month = _DAY_ABBREVIATIONS[local.weekday()], _MONTH_ABBREVIATIONS[local.month - 1]
    return f"{day} {local.day} {month}"


def _bounds(rec: Recurrence) -> str:
    if isinstance(rec.rule, Once):
        return ""
    zone = zone_info(rec.zone)
    words = ""
    # The parser sets `start` to "now", or for a "from"/"starting" day to one microsecond
    # before that day's local midnight (the start is exclusive); either reads as ", from".
    first_day = _day_start(rec, zone)
    if first_day is not None:
        words += f", from {_day_month(first_day)}"
    if rec.until is not None:
        until = rec.until.astimezone(zone)
        since = first_day or rec.start.astimezone(zone)
        year = f" {until.year}" if until.year != since.year else ""
        words += f", until {until.day} {_MONTH_ABBREVIATIONS[until.month - 1]}{year}"
    if rec.count is not None:
        words += f", {rec.count} time{'' if rec.count == 1 else 's'}"
    return words


def day_start(rec: Recurrence) -> datetime | None:
    """The local midnight the start stands at, or one microsecond before; else None."""
    return _day_start(rec, zone_info(rec.zone))


def _day_start(rec: Recurrence, zone: tzinfo) -> datetime | None:
    for moment in (rec.start, rec.start + _TINY):  # add in UTC: a zone may shift at midnight
        local = moment.astimezone(zone)
        if local.time() == _MIDNIGHT:
            return local
    return None


def span(every: timedelta) -> str:
    """'45 minutes', 'hour', '2 hours', '90 seconds': an elapsed span after 'every'."""
    seconds = int(every.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            return _count(seconds // size, unit)
    return _count(seconds, "second")


def _count(n: int, unit: str) -> str:
    return unit if n == 1 else f"{n} {unit}s"


def _period(every: int, unit: str) -> str:
    if every == 1:
        return unit
    return f"other {unit}" if every == 2 and unit == "day" else f"{every} {unit}s"


def _times(times: Iterable[time]) -> str:
    return join([f"{t.hour:02d}:{t.minute:02d}" for t in sorted(set(times))])


def _day_of_month(day: int) -> str:
    if day == -1:
        return "last day"
    return f"{ordinal(-day)} last day" if day < 0 else ordinal(day)


def _month_order(day: int) -> int:
    return day if day > 0 else 100 + day


def ordinal(n: int) -> str:
    """'1st', '2nd', '11th', '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
