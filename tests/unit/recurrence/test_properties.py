"""Properties of the engine over random rules, zones and starts, checked against dateutil.rrule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from croniter import CroniterBadDateError, croniter
from dateutil import rrule as rr
from hypothesis import given, settings
from hypothesis import strategies as st

from core.recurrence import iter_instants, next_instants, to_utc
from core.recurrence.cron import local_times, parse_cron
from core.recurrence.rules import (
    LAST,
    Cron,
    Daily,
    MonthlyByDay,
    MonthlyByWeekday,
    Recurrence,
    Rule,
    Weekly,
    Yearly,
)

ZONES = [
    "America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Los_Angeles",
    "Australia/Lord_Howe", "America/Santiago", "Europe/London", "Asia/Tokyo", "UTC",
]  # fmt: skip
N = 8
PROPERTY = settings(max_examples=60, deadline=None)

# Hours around midnight and the usual 01:00-03:00 changes come up often, to hit gaps and folds.
hours = st.one_of(st.sampled_from([0, 1, 2, 3]), st.integers(0, 23))
times = st.lists(
    st.builds(time, hour=hours, minute=st.sampled_from([0, 15, 30, 45])), min_size=1, max_size=3
).map(tuple)
anchors = st.one_of(st.none(), st.dates(date(2019, 1, 1), date(2031, 12, 31)))
everies = st.integers(1, 4)
month_days = st.lists(
    st.one_of(st.integers(1, 31), st.just(LAST)), min_size=1, max_size=3, unique=True
).map(tuple)
weekdays = st.frozensets(st.integers(0, 6), min_size=1)
nths = st.sampled_from([1, 2, 3, 4, 5, LAST])
leap_year_days = st.dates(date(2000, 1, 1), date(2000, 12, 31))

rules: st.SearchStrategy[Rule] = st.one_of(
    st.builds(Daily, times=times, every=everies, anchor=anchors),
    st.builds(Weekly, weekdays=weekdays, times=times, every=everies, anchor=anchors),
    st.builds(MonthlyByDay, days=month_days, times=times, every=everies, anchor=anchors),
    st.builds(
        MonthlyByWeekday,
        weekday=st.integers(0, 6),
        nth=nths,
        times=times,
        every=everies,
        anchor=anchors,
        also=st.lists(nths, max_size=3, unique=True).map(tuple),
    ),
    leap_year_days.flatmap(lambda d: st.builds(Yearly, st.just(d.month), st.just(d.day), times)),
)
local_starts = st.datetimes(datetime(2020, 1, 1), datetime(2032, 12, 31))
zones = st.sampled_from(ZONES)


def rrule_instants(rec: Recurrence, after: datetime, n: int) -> list[datetime]:
    """The same series by dateutil: one naive local rrule per time of day, then to_utc."""
    zone = ZoneInfo(rec.zone)
    rule = rec.rule
    anchor = getattr(rule, "anchor", None) or rec.start.astimezone(zone).date()
    begin = datetime.combine(anchor, time())
    lower = max(after, rec.start)
    # Local candidates from a couple of days before `lower`: a gap moves times forward only.
    since = lower.astimezone(zone).replace(tzinfo=None) - timedelta(days=2)
    found: set[datetime] = set()
    for t in sorted(set(rule.times)):  # type: ignore[union-attr]
        at_t = {"byhour": t.hour, "byminute": t.minute, "bysecond": 0}
        series = rr.rrule(dtstart=begin, **at_t, **_freq(rule))
        for local in series.xafter(since, count=n + 8, inc=True):
            found.add(to_utc(local, rec.zone))
    return sorted(i for i in found if i > lower)[:n]


def _freq(rule: Rule) -> dict[str, object]:
    if isinstance(rule, Daily):
        return {"freq": rr.DAILY, "interval": rule.every}
    if isinstance(rule, Weekly):
        return {
            "freq": rr.WEEKLY,
            "interval": rule.every,
            "byweekday": sorted(rule.weekdays),
            "wkst": rr.MO,
        }
    if isinstance(rule, MonthlyByDay):
        return {"freq": rr.MONTHLY, "interval": rule.every, "bymonthday": rule.days}
    if isinstance(rule, MonthlyByWeekday):
        weekdays = [rr.weekday(rule.weekday, n) for n in rule.nths]
        return {"freq": rr.MONTHLY, "interval": rule.every, "byweekday": weekdays}
    assert isinstance(rule, Yearly)
    return {"freq": rr.YEARLY, "bymonth": rule.month, "bymonthday": rule.day}


def recurrence(rule: Rule, zone: str, local_start: datetime) -> Recurrence:
    return Recurrence(rule, zone, to_utc(local_start, zone))


@PROPERTY
@given(rule=rules, zone=zones, local_start=local_starts, later=st.integers(0, 400))
def test_instants_agree_with_dateutil_rrule(
    rule: Rule, zone: str, local_start: datetime, later: int
) -> None:
    rec = recurrence(rule, zone, local_start)
    after = rec.start + timedelta(days=later, minutes=later)
    assert next_instants(rec, after, N) == rrule_instants(rec, after, N)


@PROPERTY
@given(rule=rules, zone=zones, local_start=local_starts)
def test_instants_strictly_increase_and_fall_after_the_start(
    rule: Rule, zone: str, local_start: datetime
) -> None:
    rec = recurrence(rule, zone, local_start)
    instants = next_instants(rec, rec.start, N)
    assert all(i.tzinfo is UTC for i in instants)
    assert all(a < b for a, b in zip([rec.start, *instants], instants, strict=False))


@PROPERTY
@given(rule=rules, zone=zones, local_start=local_starts)
def test_instants_keep_their_wall_clock_time_unless_a_gap_moved_them(
    rule: Rule, zone: str, local_start: datetime
) -> None:
    rec = recurrence(rule, zone, local_start)
    wanted = set(rule.times)  # type: ignore[union-attr]
    for instant in next_instants(rec, rec.start, N):
        local = instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        # Never in a gap: the local reading converts back to the same instant.
        assert to_utc(local, zone) == instant
        if local.time() not in wanted:
            moved = [datetime.combine(local.date(), t) for t in wanted]
            assert instant in {to_utc(m, zone) for m in moved}, "only a gap may move a time"


@PROPERTY
@given(rule=rules, zone=zones, local_start=local_starts, cut=st.integers(0, N - 1))
def test_until_cuts_the_series_without_changing_it(
    rule: Rule, zone: str, local_start: datetime, cut: int
) -> None:
    rec = recurrence(rule, zone, local_start)
    unbounded = next_instants(rec, rec.start, N)
    if not unbounded:
        return
    until = unbounded[min(cut, len(unbounded) - 1)]
    bounded = Recurrence(rule, zone, rec.start, until=until)
    assert list(iter_instants(bounded, rec.start)) == [i for i in unbounded if i <= until]


@PROPERTY
@given(rule=rules, zone=zones, local_start=local_starts, count=st.integers(1, 4))
def test_count_keeps_the_first_instants_of_the_series(
    rule: Rule, zone: str, local_start: datetime, count: int
) -> None:
    rec = recurrence(rule, zone, local_start)
    counted = Recurrence(rule, zone, rec.start, count=count)
    assert list(iter_instants(counted, rec.start)) == next_instants(rec, rec.start, count)


@PROPERTY
@given(
    pair=st.lists(nths, min_size=2, max_size=2, unique=True),
    weekday=st.integers(0, 6),
    zone=zones,
    local_start=local_starts,
    later=st.integers(0, 400),
)
def test_several_ordinals_of_a_weekday_agree_with_rrule_byweekday(
    pair: list[int], weekday: int, zone: str, local_start: datetime, later: int
) -> None:
    # `every 2nd and 4th Tuesday` is rrule's BYDAY=+2TU,+4TU: one series, not two merged.
    rule = MonthlyByWeekday(weekday, pair[0], (time(9, 0),), also=(pair[1],))
    rec = recurrence(rule, zone, local_start)
    after = rec.start + timedelta(days=later)
    begin = datetime.combine(rec.start.astimezone(ZoneInfo(zone)).date(), time())
    series = rr.rrule(rr.MONTHLY, dtstart=begin, byhour=9, byminute=0, bysecond=0,
                      byweekday=[rr.weekday(weekday, n) for n in pair])
    local_after = after.astimezone(ZoneInfo(zone)).replace(tzinfo=None) - timedelta(days=2)
    expected = [to_utc(t, zone) for t in series.xafter(local_after, count=N + 4, inc=True)]
    assert next_instants(rec, after, N) == [t for t in expected if t > after][:N]


cron_fields = st.tuples(
    st.sampled_from(["*", "0", "*/15", "5,35", "0-10/5", "59"]),
    st.sampled_from(["*", "9", "2", "*/6", "1-3", "0,23"]),
    st.sampled_from(["*", "1", "15", "L", "31", "1-7", "*/10", "29"]),
    st.sampled_from(["*", "2", "*/3", "1,6,12"]),
    st.sampled_from(["*", "1-5", "0", "6,0", "5", "7", "2#2", "1#5", "L5"]),
)


def _comparable_with_croniter(fields: tuple[str, ...]) -> bool:
    # croniter intersects an nth weekday with a restricted day of month; Vixie cron has no
    # nth weekdays, and we keep "either matches" for every restricted pair.
    return not (("#" in fields[4] or "L" in fields[4]) and fields[2] != "*")


@settings(max_examples=60, deadline=None)
@given(fields=cron_fields, local_start=local_starts)
def test_cron_dates_and_times_agree_with_croniter(
    fields: tuple[str, ...], local_start: datetime
) -> None:
    if not _comparable_with_croniter(fields):
        return
    expression = " ".join(fields)
    start = local_start.replace(second=0)
    ours = (t for t in local_times(parse_cron(expression), start) if t > start)
    theirs = croniter(expression, start, ret_type=datetime)
    try:
        expected = [theirs.get_next() for _ in range(5)]
    except CroniterBadDateError:  # a date that never comes (the 31st of February)
        assert list(ours) == []
        return
    assert [next(ours) for _ in range(5)] == expected


@settings(max_examples=40, deadline=None)
@given(fields=cron_fields, zone=zones, local_start=local_starts)
def test_cron_instants_are_its_local_times_through_to_utc(
    fields: tuple[str, ...], zone: str, local_start: datetime
) -> None:
    expression = " ".join(fields)
    rec = Recurrence(Cron(expression), zone, to_utc(local_start, zone))
    ours = next_instants(rec, rec.start, 5)
    walk = local_times(parse_cron(expression), local_start - timedelta(hours=3))
    found: list[datetime] = []
    for local in walk:
        instant = to_utc(local, zone)
        if instant > rec.start and instant not in found:
            found.append(instant)
        if len(found) >= 5 and local > local_start + timedelta(hours=3):
            break
    assert ours == sorted(found)[:5]
