"""A When and `now` -> a Recurrence: one-shots, calendar rules, intervals, cron (bounds.py:
where it starts and ends)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from operator import attrgetter

from core.errors import ParseError
from core.i18n import N_, _, month_day
from core.language.bounds import bounds_as_window, day_start, until_of
from core.language.chunks import window_tods
from core.language.comes_round import always_comes
from core.language.resolve import (
    NINE,
    Resolved,
    clock_of,
    hour_of,
    resolve_once,
    to_utc,
)
from core.language.when import Span, When
from core.language.zonewords import zone
from core.recurrence.cron import parse_cron
from core.recurrence.instants import next_instant
from core.recurrence.rules import (
    LAST,
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

_TINY = timedelta(microseconds=1)
_ONE_DAY = timedelta(days=1)
_MIDNIGHT = attrgetter("midnight")  # of a Tod
_MINUTE = 60.0


def once(when: When, now: datetime, zone_name: str) -> tuple[Recurrence, Resolved]:
    """A one-shot Recurrence (start = now) and the resolution behind it."""
    _check_sizes(when)
    _refuse_except(when)
    if when.window is not None and not when.tods:
        # `remind me tomorrow 2-3pm`: a one-shot fires at the start of its range.
        when = replace(when, tods=[window_tods(when.window)[0]], window=None)
    resolved = resolve_once(when, now, zone_name)
    if resolved.at <= now:
        raise ParseError(_("That time has already passed. Pick a time in the future."),
                         hint=_("remind me to call mom in 2 hours"))
    return Recurrence(Once(resolved.at.astimezone(UTC)), when.zone or zone_name, now), resolved


def _times(when: When, step: float | None) -> tuple[time, ...]:
    if when.window is not None:
        first, last = window_tods(when.window)
        minutes = max(int((step or 3600.0) // _MINUTE), 1)
        begin, end = first.hour * 60 + first.minute, last.hour * 60 + last.minute
        return tuple(time(m // 60, m % 60) for m in range(begin, end + 1, minutes))
    if when.tods:
        found = {time(hour_of(t, when.part), t.minute) for t in when.tods}
        return tuple(sorted(found))
    return (clock_of(when, NINE),)


def _first_day(matches: Callable[[date], bool], times: tuple[time, ...], zone_name: str,
               start: datetime) -> date:
    """The first local date on or after start's that matches with a time after start."""
    day = start.astimezone(zone(zone_name)).date()
    for _step in range(800):
        if matches(day):
            for clock in times:
                if to_utc(day, clock, zone_name) > start:
                    return day
        day += _ONE_DAY
    return day


def _at_midnight(when: When) -> bool:
    """Only `midnight` times: 00:00 at the end of the day the rule names (spec)."""
    return bool(when.tods) and when.window is None and all(map(_MIDNIGHT, when.tods))


def _refuse_midnight() -> None:
    raise ParseError(_("I can't put `midnight` after that day in a repeating rule yet; name "
                       "the day it starts instead, like `every month on the 1st at 00:00`."),
                     hint=_("remind me every month on the 1st at 00:00"))


def _day_after(day: int) -> int:
    """The day of the month after `day` when every month has both (the last day -> the 1st)."""
    if day == LAST:
        return 1
    if day > 27:
        _refuse_midnight()  # the 30th's midnight is the 31st or the 1st, month by month
    return day + 1


def _is_last(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _nth_weekday(day: date, nths: tuple[int, ...], weekday: int) -> bool:
    if day.weekday() != weekday:
        return False
    from_end = -((calendar.monthrange(day.year, day.month)[1] - day.day) // 7 + 1)
    return (day.day - 1) // 7 + 1 in nths or from_end in nths


def _weekly(when: When, times: tuple[time, ...], zone_name: str, start: datetime) -> Rule:
    local = (start + _TINY).astimezone(zone(zone_name))  # a `starting` day, else today
    days = when.weekdays
    if days is None and when.date is not None and when.date.kind == "wd":
        days = frozenset({when.date.a})
    days = days or frozenset({local.weekday()})
    if _at_midnight(when):
        days = frozenset((day + 1) % 7 for day in days)  # Friday's midnight is Saturday 00:00
    if when.every == 1:
        return Weekly(days, times)
    anchor = _first_day(lambda d: d.weekday() in days, times, zone_name, start)
    return Weekly(days, times, when.every, anchor)


def _monthly(when: When, times: tuple[time, ...], zone_name: str, start: datetime) -> Rule:
    local = (start + _TINY).astimezone(zone(zone_name))  # a `starting` day, else today
    if when.nth is not None:
        if _at_midnight(when):
            _refuse_midnight()
        nths, weekday = when.nth
        # In month order (LAST after the 5th), so that `4th and 2nd` and `2nd and 4th` agree.
        nth, *also = sorted(set(nths), key=lambda n: 9 if n == LAST else n)
        if when.every == 1:
            return MonthlyByWeekday(weekday, nth, times, also=tuple(also))
        anchor = _first_day(lambda d: _nth_weekday(d, nths, weekday), times, zone_name, start)
        return MonthlyByWeekday(weekday, nth, times, when.every, anchor, tuple(also))
    days = when.monthdays
    if days is None and when.date is not None and when.date.kind in ("dom", "md", "abs"):
        days = (when.date.a if when.date.kind == "dom" else when.date.b
                if when.date.kind == "md" else when.date.c,)
    days = days or (local.day,)
    if _at_midnight(when):
        days = tuple(_day_after(day) for day in days)
    if when.every == 1:
        return MonthlyByDay(days, times)

    def matches(day: date) -> bool:
        return day.day in days or (LAST in days and _is_last(day))

    return MonthlyByDay(days, times, when.every, _first_day(matches, times, zone_name, start))


def _yearly(when: When, times: tuple[time, ...], zone_name: str, start: datetime) -> Rule:
    ref = when.date
    if ref is not None and ref.kind == "md":
        month, day = ref.a, ref.b
    elif ref is not None and ref.kind == "abs":
        month, day = ref.b, ref.c
    else:
        local = (start + _TINY).astimezone(zone(zone_name))  # a `starting` day, else today
        month, day = local.month, local.day
    try:
        date(2000, month, day)
    except ValueError:
        raise ParseError(_("There is no {date}.", date=month_day(month, day)),
                         hint=_("remind me every year on March 3")) from None
    if _at_midnight(when):
        if month == 2 and day >= 28:
            _refuse_midnight()  # the day after Feb 28 depends on the year
        after = date(2001, month, day) + timedelta(days=1)
        month, day = after.month, after.day
    if when.every == 1:
        return Yearly(month, day, times)
    # `every 2 years`: every 24 months on that day, counted from its first future instance.
    first = next_instant(Recurrence(Yearly(month, day, times), zone_name, start), start)
    if first is None:
        raise ParseError(_("There is no {date}.", date=month_day(month, day)),
                         hint=_("remind me every year on March 3"))
    anchor = first.astimezone(zone(zone_name)).date()
    return MonthlyByDay((day,), times, 12 * when.every, anchor)


_ALL_DAYS = frozenset(range(7))
_EXCEPT_HINT = N_("remind me to run every day except Sunday at 7am")


def _refuse_except(when: When) -> None:
    if when.except_days is not None:
        raise ParseError(_("`except` leaves out weekdays of a daily or weekly schedule, like "
                           "`every day except Sunday`."), hint=_(_EXCEPT_HINT))


def _without_except(when: When) -> None:
    """`every day except Sunday`, `every weekday except Friday`: a weekly rule of the rest."""
    if when.except_days is None:
        return
    daily = when.freq in (None, "day") and when.every == 1 and when.weekdays is None
    if not daily and when.weekdays is None:
        _refuse_except(when)  # `every other day except Sunday`, `monthly except ...`
    days = (when.weekdays or _ALL_DAYS) - when.except_days
    if not days:
        raise ParseError(_("That leaves no day of the week."), hint=_(_EXCEPT_HINT))
    when.freq, when.weekdays = "week", days


def _calendar_rule(when: When, zone_name: str, start: datetime) -> Rule:
    _without_except(when)
    freq = when.freq
    times = _times(when, when.interval)
    if freq is None:
        freq = "week" if when.weekdays else "month" if (when.monthdays or when.nth) else "day"
    if freq == "day" and when.weekdays:
        freq = "week"
    if freq == "week":
        return _weekly(when, times, zone_name, start)
    if freq == "month":
        return _monthly(when, times, zone_name, start)
    if freq == "year":
        return _yearly(when, times, zone_name, start)
    if when.every == 1:
        return Daily(times)
    return Daily(times, when.every, _first_day(lambda d: True, times, zone_name, start))


def _cron_rule(expression: str) -> Cron:
    try:
        parse_cron(expression)  # the engine's reader (croniter inside): valid for it, valid here
    except ValueError:
        raise ParseError(_("`{expression}` is not a valid 5-field cron expression.",
                           expression=expression),
                         hint=_("remind me to check the dashboards cron 0 7 * * 1-5")) from None
    return Cron(" ".join(expression.split()))


_MAX_EVERY = 1000
_MAX_SECONDS = 100 * 366 * 86400.0  # a century: further out is a typo, not a plan


def _refuse_vague(span: Span | None) -> None:
    """`in a few minutes`: a guess (3? 5?) could fire too early, so ask for the number."""
    if span is not None and span.vague:
        unit = span.vague
        example = {"minutes": 5, "mins": 5, "seconds": 30}.get(unit, 2)
        raise ParseError(_("How many {unit}, exactly? Give me a number, like `in {n} {unit}`.",
                           unit=unit, n=example),
                         hint=_("remind me to stretch in {n} {unit}", n=example, unit=unit))


def _check_sizes(when: When) -> None:
    if when.span is None and when.for_span is None and when.interval is None \
            and when.every <= _MAX_EVERY:
        return  # nothing that could be vague or too far (most schedules)
    _refuse_vague(when.span)
    too_big = when.every > _MAX_EVERY or (when.interval or 0.0) > _MAX_SECONDS
    for span in (when.span, when.for_span):
        too_big = too_big or (span is not None and span.total_seconds() > _MAX_SECONDS)
    if too_big:
        raise ParseError(_("That is too far apart or too far ahead for me; keep it within a "
                           "century."), hint=_("remind me to renew the passport in 10 years"))


def recurring(when: When, now: datetime, zone_name: str) -> Recurrence:
    """A recurring Recurrence: rule, zone, start (exclusive), until, count."""
    _check_sizes(when)
    bounds_as_window(when)
    zone_name = when.zone or zone_name
    now = now.astimezone(UTC)
    begin = day_start(when.starting, now, zone_name) if when.starting else None
    start = max(now, begin - _TINY) if begin is not None else now
    rule: Rule
    if when.cron is not None:
        _refuse_except(when)
        rule = _cron_rule(when.cron)
    elif when.interval is not None and when.window is None:
        _refuse_except(when)
        rule = _interval(when, now, zone_name, begin)
    else:
        rule = _calendar_rule(when, zone_name, start)
    until = until_of(when, now, zone_name, begin or now)
    if until is not None and until <= start:
        raise ParseError(_("The end of that schedule comes before its start."),
                         hint=_("remind me to stretch every day at 9am until March 31"))
    if when.count is not None and when.count < 1:
        raise ParseError(_("A schedule needs at least one time."),
                         hint=_("remind me daily 3 times"))
    rec = Recurrence(rule, zone_name, start, until, when.count)
    if not (until is None and always_comes(rule, start)) and next_instant(rec, now) is None:
        raise ParseError(_("That schedule never comes round: it ends before its first time, "
                           "or names a date that does not exist."),
                         hint=_("remind me to stretch every day at 9am until March 31"))
    return rec


def _interval(when: When, now: datetime, zone_name: str, begin: datetime | None) -> Interval:
    seconds = when.interval or 0.0
    if seconds < _MINUTE:
        raise ParseError(_("The shortest interval is one minute."),
                         hint=_("remind me to stand up every 45 minutes"))
    every = timedelta(seconds=seconds)
    sub, now = when.starting, now.astimezone(UTC)  # elapsed time: add in UTC, not wall clock
    if sub is None or begin is None:
        if when.on_the_hour:  # the next whole hour of the local clock (zones may be :30 off)
            top = now.astimezone(zone(zone_name)).replace(minute=0, second=0, microsecond=0)
            return Interval(every, top.astimezone(UTC) + timedelta(hours=1))
        return Interval(every, now + every)
    first = begin
    if not (sub.tods or sub.span):  # a date alone: 09:00 that day, as for any date
        first = to_utc(begin.astimezone(zone(zone_name)).date(), NINE, zone_name)
    return Interval(every, first if first > now else now + every)
