"""A rule's bounds: where it starts (`starting Monday`) and ends (`until Friday`, `for 3
weeks`), as instants; a bound said where nothing repeats is refused."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from core.errors import ParseError
from core.i18n import _
from core.language.resolve import add_months, on_date, resolve_once, to_utc
from core.language.when import Span, When
from core.language.zonewords import zone

_END_OF_DAY = time(23, 59, 59, 999999)
_TINY = timedelta(microseconds=1)


def refuse_lone_bound(when: When) -> None:
    """`tomorrow at 9 until Friday`, `in 2 hours for 3 days`: a bound on one reminder, dropped
    unsaid, would mislead. `for 45 minutes` after one time is how long it takes: unread."""
    span = when.for_span
    if when.until is not None or (span is not None and (span.days or span.months)):
        raise ParseError(_("`until` and `for` bound a repeating reminder. Say how it repeats, "
                           "like `every day at 5pm until March 10`, or leave the bound out "
                           "for one reminder."),
                         hint=_("remind me to stretch every day at 9am until March 31"))


def day_start(sub: When, now: datetime, zone_name: str) -> datetime:
    """The start of the day a bound names (the day chosen as if at 23:59:59)."""
    if sub.date is None or sub.tods or sub.span:
        return resolve_once(sub, now, zone_name).at
    moment = on_date(sub, now, zone_name, _END_OF_DAY)
    day = moment.astimezone(zone(zone_name)).date()
    return to_utc(day, time(0), zone_name)


def _span_after(base: datetime, span: Span, zone_name: str) -> datetime:
    local = base.astimezone(zone(zone_name))
    day = add_months(local.date(), span.months) + timedelta(days=span.days)
    wall = to_utc(day, local.time().replace(tzinfo=None), zone_name)
    return wall + timedelta(seconds=span.seconds)


def _year_of(base: datetime, now: datetime, zone_name: str) -> datetime:
    """`starting Jan 1 ending Dec 31` in March: a start in a later year reads the end there."""
    year = base.astimezone(zone(zone_name)).year
    if year <= now.astimezone(zone(zone_name)).year:
        return now
    return to_utc(date(year, 1, 1), time(0), zone_name) - _TINY


def until_of(when: When, now: datetime, zone_name: str, base: datetime) -> datetime | None:
    """When a rule ends: its `until` or its `for` (from `base`), the sooner; None if never."""
    if when.until is None and when.for_span is None:
        return None  # no bound (most rules)
    ends: list[datetime] = []
    sub = when.until
    if sub is not None:
        ref = sub.date
        if ref is not None and ref.kind == "wd" and ref.b == 0 and base > now:
            now = base  # `starting Monday until Friday`: the Friday after that Monday
        elif ref is not None and ref.kind in _YEARLESS:
            now = _year_of(base, now, zone_name)
        if sub.span is not None and sub.date is None and not sub.tods:
            ends.append(_span_after(base, sub.span, zone_name))  # `ending in 6 months`, as `for`
        elif sub.tods and sub.date is None:
            ends.append(resolve_once(sub, now, zone_name).at)
        elif sub.date is not None and not sub.tods:
            ends.append(on_date(sub, now, zone_name, _END_OF_DAY))
        else:
            ends.append(resolve_once(sub, now, zone_name).at)
    if when.for_span is not None:
        ends.append(_span_after(base, when.for_span, zone_name))
    return min(ends) if ends else None


_YEARLESS = frozenset({"md", "dom", "month", "nthwd"})


def _clock_only(sub: When | None) -> When | None:
    """The bound if it names one time of day and nothing else (no date, span or part)."""
    if sub is None or len(sub.tods) != 1 or sub.date or sub.span or sub.part:
        return None
    return sub


def bounds_as_window(when: When) -> None:
    """`every hour starting at 9am ending 5pm`: times alone on both ends make a daily window."""
    if when.interval is None or when.window is not None:
        return
    first, last = _clock_only(when.starting), _clock_only(when.until)
    if first is None or last is None:
        return
    when.zone = when.zone or first.zone or last.zone
    when.window = (first.tods[0], last.tods[0])
    when.starting = when.until = None


def end_of_day() -> time:
    """The last moment of a day: `until Dec 31` runs to here."""
    return _END_OF_DAY
