"""The resolution policy for one-shots: a When and `now` -> one UTC instant."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from core.errors import ParseError
from core.i18n import _, format_local, month_day, month_name
from core.language.dates import NEXT_MONTH, THIS_MONTH
from core.language.lexicon import PARTS, PM_PARTS
from core.language.when import DateRef, Tod, When
from core.language.zonewords import zone
from core.recurrence.dates import day_in_month, nth_weekday
from core.recurrence.describe import ordinal
from core.recurrence.rules import LAST

NINE = time(9)
FIVE_PM = time(17)
_END_OF = frozenset({"eod", "eow", "eom"})


class Resolved(NamedTuple):
    """The chosen instant, and for a bare hour the other reading."""

    at: datetime
    other: datetime | None = None


def to_utc(day: date, clock: time, zone_name: str) -> datetime:
    """A local wall-clock time -> UTC; zoneinfo's fold=0 is RFC 5545's rule (gap: forward)."""
    return datetime.combine(day, clock, tzinfo=zone(zone_name)).astimezone(UTC)


def hour_of(tod: Tod, part: str | None) -> int:
    """The hour a time of day means next to a part of the day (`tonight at 8` is 20)."""
    if tod.bare and part in PM_PARTS and tod.hour < 12:
        return tod.hour + 12
    if tod.bare and part == "morning" and tod.hour == 12:
        return 0
    return tod.hour


def clock_of(when: When, default: time) -> time:
    """The time of day a When names (as written), else its part of the day, else `default`."""
    if when.tods:
        tod = when.tods[0]
        return time(hour_of(tod, when.part), tod.minute)
    if when.part:
        return PARTS[when.part]
    return default


def add_months(day: date, months: int) -> date:
    """Calendar months later; a day the month lacks becomes its last day (Jan 31 -> Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def past(moment: datetime) -> ParseError:
    return ParseError(_("That time has already passed ({moment}). Pick a time in the future.",
                        moment=format_local(moment)),
                      hint=_("remind me to call mom tomorrow at 5pm"))


def no_such_date(text: str) -> ParseError:
    return ParseError(_("There is no {date}. Check the day of the month.", date=text),
                      hint=_("remind me to pay rent on March 31"))


def next_at(local: datetime, clock: time, zone_name: str) -> datetime:
    """The next instant (strictly after `local`) at this time of day."""
    moment = to_utc(local.date(), clock, zone_name)
    if moment <= local:
        moment = to_utc(local.date() + timedelta(days=1), clock, zone_name)
    return moment


def _checked(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        name = month_day(month, day) if 1 <= month <= 12 else _("month {n}", n=month)
        raise no_such_date(name) from None


def _month_day(ref: DateRef, local: datetime, at: _At) -> datetime:
    month, day = ref.a, ref.b
    _checked(2000, month, day)  # 2000 is a leap year: Feb 29 exists, Feb 30 does not
    for year in range(local.year, local.year + 9):
        if calendar.isleap(year) or (month, day) != (2, 29):
            moment = at(date(year, month, day))
            if moment > local:
                return moment
    raise no_such_date(month_day(month, day))


def _months(which: int, local: datetime) -> tuple[list[date], bool]:
    """The months a date of the month may fall in (their 1sts), and whether that is fixed:
    0 the next ones, 1..12 that month this year or next, THIS_MONTH or NEXT_MONTH only."""
    first = local.date().replace(day=1)
    if which in (THIS_MONTH, NEXT_MONTH):
        return [add_months(first, int(which == NEXT_MONTH))], True
    if which:
        return [date(year, which, 1) for year in (local.year, local.year + 1)], False
    return [add_months(first, step) for step in range(13)], False


def _in_months(ref: DateRef, local: datetime, at: _At, day_of: Callable[[date], int | None],
               name: str) -> datetime:
    """The first future instant on `day_of` a month of `ref.c`'s; past or missing: refused."""
    months, fixed = _months(ref.c, local)
    for month in months:
        day = day_of(month)
        if day is None:
            continue
        moment = at(month.replace(day=day))
        if moment > local:
            return moment
        if fixed:
            raise past(moment.astimezone(local.tzinfo))
    raise no_such_date(_("{day} in {month}", day=name,
                         month=month_name(months[0].month, standalone=True)))


def _day_of_month(ref: DateRef, local: datetime, at: _At) -> datetime:
    if not (1 <= ref.a <= 31 or ref.a == LAST):
        raise no_such_date(_("day {n}", n=ref.a))
    which = DateRef("dom", ref.a, 0, ref.b)  # the month is in b for `dom`
    return _in_months(which, local, at, lambda m: day_in_month(m.year, m.month, ref.a),
                      "last day" if ref.a == LAST else ordinal(ref.a))


def _weekday(ref: DateRef, local: datetime, at: _At) -> datetime:
    if ref.b == 2:  # `friday next week`: that day of the week that starts next Monday
        return at(local.date() + timedelta(days=7 - local.weekday() + ref.a))
    ahead = (ref.a - local.weekday()) % 7
    if ref.b and ahead == 0:
        ahead = 7  # `next Friday`: the first Friday after today, never today
    moment = at(local.date() + timedelta(days=ahead))
    return moment if moment > local or ref.b else at(local.date() + timedelta(days=ahead + 7))


def _weekend(ref: DateRef, local: datetime, at: _At) -> datetime:
    today, weekday = local.date(), local.weekday()
    if ref.kind == "next_weekend":
        return at(today + timedelta(days=7 - weekday + 5))
    saturday = today + timedelta(days=5 - weekday) if weekday <= 5 else today - timedelta(days=1)
    for day in (saturday, saturday + timedelta(days=1)):
        moment = at(day)
        if moment > local:
            return moment
    return at(saturday + timedelta(days=7))


def _rolling(ref: DateRef, local: datetime, at: _At) -> datetime:
    """eod, eow, eom: passed means the next one; `end of next week/month` (a = 1) is next's."""
    today = local.date()
    if ref.kind == "eod":
        day, step = today, timedelta(days=1)
        moment = at(day)
        return moment if moment > local else at(day + step)
    if ref.kind == "eow":
        friday = today + timedelta(days=4 - local.weekday())
        moment = at(friday)
        return moment if moment > local and not ref.a else at(friday + timedelta(days=7))
    if ref.a:
        following = add_months(today.replace(day=1), 1)
        return at(following.replace(day=calendar.monthrange(following.year,
                                                             following.month)[1]))
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    moment = at(last)
    if moment > local:
        return moment
    following = add_months(today.replace(day=1), 1)
    return at(following.replace(day=calendar.monthrange(following.year, following.month)[1]))


def _nth_of_month(ref: DateRef, local: datetime, at: _At) -> datetime:
    """`the last Friday of the month`: the next such day; `of next month`: that month's."""
    nth, weekday = ref.a, ref.b
    name = f"{'last' if nth == LAST else ordinal(nth)} {calendar.day_name[weekday]}"
    return _in_months(ref, local, at, lambda m: nth_weekday(m.year, m.month, weekday, nth), name)


class _At:
    """Local date -> UTC instant at a fixed time of day (a day later for `midnight`)."""

    def __init__(self, clock: time, zone_name: str, shift: int) -> None:
        self.clock, self.zone_name, self.shift = clock, zone_name, shift

    def __call__(self, day: date) -> datetime:
        return to_utc(day + timedelta(days=self.shift), self.clock, self.zone_name)


def _fixed(ref: DateRef, local: datetime, at: _At) -> datetime:
    if ref.kind == "rel":
        moment = at(local.date() + timedelta(days=ref.a))
    elif ref.kind == "abs":
        moment = at(_checked(ref.a, ref.b, ref.c))
    elif ref.kind == "next_week":
        moment = at(local.date() + timedelta(days=7 - local.weekday()))
    elif ref.kind == "next_month":
        moment = at(add_months(local.date().replace(day=1), 1))
    else:  # a month alone: its 1st, this year's unless passed
        year = ref.b or local.year
        moment = at(date(year, ref.a, 1))
        if moment <= local and not ref.b:
            moment = at(date(year + 1, ref.a, 1))
    if moment <= local:
        raise past(moment.astimezone(local.tzinfo))
    return moment


_READERS = {
    "md": _month_day, "dom": _day_of_month, "wd": _weekday, "this_weekend": _weekend,
    "next_weekend": _weekend, "eod": _rolling, "eow": _rolling, "eom": _rolling,
    "nthwd": _nth_of_month,
}


def on_date(when: When, now: datetime, zone_name: str, clock: time | None = None) -> datetime:
    """The instant of a When that names a date (at `clock` when given)."""
    ref = when.date
    assert ref is not None
    local = now.astimezone(zone(zone_name))
    default = FIVE_PM if ref.kind in _END_OF else NINE
    midnight = bool(when.tods and when.tods[0].midnight) and clock is None
    at = _At(clock or clock_of(when, default), zone_name, int(midnight))
    reader = _READERS.get(ref.kind, _fixed)
    return reader(ref, local, at)


def _after_span(when: When, now: datetime, zone_name: str) -> datetime:
    span = when.span
    assert span is not None
    if not (span.months or span.days):
        return now.astimezone(UTC) + timedelta(seconds=span.seconds)
    local = now.astimezone(zone(zone_name)).replace(tzinfo=None)
    day = add_months(local.date(), span.months) + timedelta(days=span.days)
    clock = clock_of(when, local.time()) if (when.tods or when.part) else local.time()
    return to_utc(day, clock, zone_name) + timedelta(seconds=span.seconds)


def _time_only(when: When, now: datetime, zone_name: str) -> Resolved:
    local = now.astimezone(zone(zone_name))
    tod = when.tods[0]
    if tod.bare and when.part is None:
        # A bare hour in a one-shot: the earliest future of h:mm and (h+12):mm.
        readings = (12, 0) if tod.hour == 12 else (tod.hour, tod.hour + 12)
        first, second = sorted(next_at(local, time(h, tod.minute), zone_name) for h in readings)
        return Resolved(first, second)
    return Resolved(next_at(local, clock_of(when, NINE), zone_name))


def resolve_once(when: When, now: datetime, zone_name: str) -> Resolved:
    """The one instant a When names, by the policy of docs/command-language.md."""
    zone_name = when.zone or zone_name
    if when.span is not None and not when.span.is_empty():
        return Resolved(_after_span(when, now, zone_name))
    if when.date is not None:
        return Resolved(on_date(when, now, zone_name))
    if when.tods:
        return _time_only(when, now, zone_name)
    if when.part:
        local = now.astimezone(zone(zone_name))
        return Resolved(next_at(local, PARTS[when.part], zone_name))
    raise ParseError(_("When should that be? Add a time, like `tomorrow at 9am`."),
                     hint=_("remind me to call mom tomorrow at 5pm"))
