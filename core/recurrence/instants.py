"""Rule + zone + "after" -> UTC instants, with RFC 5545's daylight-saving rule.

Calendar rules (Daily .. Yearly, Cron) are wall-clock times on local dates, each turned
into an instant by `to_utc`; Once and Interval are elapsed time and stay in UTC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import groupby, islice

from core.recurrence.cron import local_times, parse_cron
from core.recurrence.dates import CalendarRule, rule_dates
from core.recurrence.rules import Cron, Interval, Once, Recurrence
from core.recurrence.zones import zone_info

_DAY = timedelta(days=1)
_TWO_DAYS = 2 * _DAY


def to_utc(local: datetime, zone: str) -> datetime:
    """A naive wall-clock time in `zone` as an aware UTC instant (RFC 5545's DST rule).

    fold=0 is exactly that rule: a skipped time takes the offset from before the gap,
    which moves it forward by the gap; a doubled time is its first occurrence.
    """
    if local.tzinfo is not None:
        raise ValueError(f"to_utc wants a naive local time, got {local!r}")
    return local.replace(tzinfo=zone_info(zone), fold=0).astimezone(UTC)


def next_instant(rec: Recurrence, after: datetime) -> datetime | None:
    """The first instant of `rec` strictly after `after`, or None when the series is over."""
    return next(iter_instants(rec, after), None)


def next_instants(rec: Recurrence, after: datetime, n: int) -> list[datetime]:
    """Up to `n` instants of `rec` strictly after `after`."""
    return list(islice(iter_instants(rec, after), n))


def iter_instants(rec: Recurrence, after: datetime) -> Iterator[datetime]:
    """Instants of `rec` strictly after max(after, start), in increasing order, within bounds."""
    # The bounds in UTC, as the candidates are: datetimes of one tzinfo compare without a
    # utcoffset() call each.
    start, after = _utc(rec.start, "start"), _utc(after, "after")
    until = None if rec.until is None else _utc(rec.until, "until")
    rule = rec.rule
    if isinstance(rule, Once):  # half of all schedules: one instant, no walk to set up
        return iter(_once(rule, start, until, rec.count, after))
    # With a count, the series is numbered from its start, so walk from there.
    lower = start if rec.count is not None else max(after, start)
    return _bounded(_candidates(rule, rec, lower), start, after, until, rec.count)


def _bounded(
    candidates: Iterator[datetime],
    start: datetime,
    after: datetime,
    until: datetime | None,
    count: int | None,
) -> Iterator[datetime]:
    last, seen = start, 0
    for instant in candidates:
        if instant <= last:  # before the start, or a DST gap made a duplicate
            continue
        if until is not None and instant > until:
            return
        if count is not None:
            if seen == count:
                return
            seen += 1
        last = instant
        if instant > after:
            yield instant


def _candidates(rule: Interval | Cron | CalendarRule, rec: Recurrence, lower: datetime
                ) -> Iterator[datetime]:
    """Instants in increasing order, at least every one after `lower` (a few before are fine)."""
    if isinstance(rule, Interval):
        return _interval(rule, lower)
    if isinstance(rule, Cron):
        return _cron(rule.expression, rec.zone, lower)
    return _calendar(rule, rec, lower)


def _once(rule: Once, start: datetime, until: datetime | None, count: int | None,
          after: datetime) -> list[datetime]:
    """The instant of a one-shot within its bounds and after `after` (as _bounded keeps it)."""
    _require_aware(rule.at, "Once.at")
    at = rule.at.astimezone(UTC)
    kept = at > start and (until is None or at <= until) and count != 0 and at > after
    return [at] if kept else []


def _interval(rule: Interval, lower: datetime) -> Iterator[datetime]:
    if rule.every <= timedelta(0):
        raise ValueError(f"an interval must be positive: {rule!r}")
    _require_aware(rule.first, "Interval.first")
    first = rule.first.astimezone(UTC)
    instant = first + max(0, (lower - first) // rule.every) * rule.every
    while instant < datetime.max.replace(tzinfo=UTC) - rule.every:
        yield instant
        instant += rule.every


def _calendar(rule: CalendarRule, rec: Recurrence, lower: datetime) -> Iterator[datetime]:
    zone = zone_info(rec.zone)
    times = _wall_times(rule.times)
    if not times:
        return iter(())
    anchor = getattr(rule, "anchor", None) or rec.start.astimezone(zone).date()
    # Two days back: a local time moved forward by a gap may land on a later local date.
    days = rule_dates(rule, anchor, lower.astimezone(zone).date() - _TWO_DAYS)
    if len(times) == 1:  # most rules: one instant a day, no sorting within the day
        at = times[0]
        return (datetime.combine(day, at, tzinfo=zone).astimezone(UTC) for day in days)
    return (instant for day in days for instant in _day_instants(day, times, zone))


def _wall_times(times: tuple[time, ...]) -> list[time]:
    """The rule's distinct times of day, naive, in order."""
    if len(times) == 1 and times[0].tzinfo is None:  # most rules: nothing to sort
        return list(times)
    return sorted({t.replace(tzinfo=None) for t in times})


def _day_instants(day: date, times: list[time], zone: tzinfo) -> list[datetime]:
    # Sorted per day: a gap can move 02:30 to 03:30, after a 03:10 of the same day.
    return sorted({datetime.combine(day, t, tzinfo=zone).astimezone(UTC) for t in times})


def _cron(expression: str, zone_name: str, lower: datetime) -> Iterator[datetime]:
    spec = parse_cron(expression)
    zone = zone_info(zone_name)
    # A local time L lands after `lower` only if L > lower + its offset, so start the walk
    # at the smallest offset in force around `lower`, not at `lower`'s own wall time.
    offsets = [(lower + k * _DAY).astimezone(zone).utcoffset() or timedelta(0) for k in (-1, 0, 1)]
    start = (lower + min(offsets)).replace(tzinfo=None)
    for day, moments in groupby(local_times(spec, start), key=datetime.date):
        if _has_transition(day, zone):
            yield from sorted({m.replace(tzinfo=zone).astimezone(UTC) for m in moments})
        else:
            yield from (m.replace(tzinfo=zone).astimezone(UTC) for m in moments)


def _has_transition(day: date, zone: tzinfo) -> bool:
    midnight = datetime.combine(day, time(), tzinfo=zone)
    return midnight.utcoffset() != (midnight + _DAY).utcoffset()


def _utc(moment: datetime, name: str) -> datetime:
    _require_aware(moment, name)
    return moment.astimezone(UTC)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {moment!r}")
