"""The recurrence engine: rules in their zone -> UTC instants, with RFC 5545's DST rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.recurrence import iter_instants, next_instant, next_instants, to_utc
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

NY, LA = "America/New_York", "America/Los_Angeles"
BERLIN, SYDNEY = "Europe/Berlin", "Australia/Sydney"
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def at(zone: str, *fields: int) -> datetime:
    return datetime(*fields).replace(tzinfo=ZoneInfo(zone))  # type: ignore[arg-type]


def local_iso(instants: list[datetime], zone: str) -> list[str]:
    return [i.astimezone(ZoneInfo(zone)).isoformat() for i in instants]


def first_three(rule: Rule, zone: str, now: datetime, **bounds: object) -> list[str]:
    rec = Recurrence(rule, zone, now, **bounds)  # type: ignore[arg-type]
    return local_iso(next_instants(rec, now, 3), zone)


@pytest.mark.parametrize(
    ("local", "zone", "expected"),
    [
        pytest.param(datetime(2026, 3, 8, 2, 30), NY, "2026-03-08T07:30:00+00:00", id="ny-gap"),
        pytest.param(datetime(2026, 11, 1, 1, 30), NY, "2026-11-01T05:30:00+00:00", id="ny-fold"),
        pytest.param(datetime(2026, 7, 1, 9, 0), NY, "2026-07-01T13:00:00+00:00", id="ny-summer"),
        pytest.param(
            datetime(2026, 3, 29, 2, 30), BERLIN, "2026-03-29T01:30:00+00:00", id="berlin-gap"
        ),
        pytest.param(
            datetime(2026, 10, 25, 2, 30), BERLIN, "2026-10-25T00:30:00+00:00", id="berlin-fold"
        ),
        pytest.param(
            datetime(2026, 10, 4, 2, 30), SYDNEY, "2026-10-03T16:30:00+00:00", id="sydney-gap"
        ),
        pytest.param(
            datetime(2026, 4, 5, 2, 30), SYDNEY, "2026-04-04T15:30:00+00:00", id="sydney-fold"
        ),
        pytest.param(datetime(2026, 1, 1, 0, 0), "UTC", "2026-01-01T00:00:00+00:00", id="utc"),
    ],
)
def test_to_utc_moves_gap_times_forward_and_takes_the_first_of_doubled_times(
    local: datetime, zone: str, expected: str
) -> None:
    assert to_utc(local, zone).isoformat() == expected


def test_to_utc_ignores_a_fold_the_caller_set() -> None:
    doubled = datetime(2026, 11, 1, 1, 30, fold=1)
    assert to_utc(doubled, NY) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_to_utc_refuses_an_aware_time() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_utc(datetime(2026, 1, 1, tzinfo=UTC), NY)


def test_a_gap_time_reads_an_hour_later_on_the_local_clock() -> None:
    instant = to_utc(datetime(2026, 3, 8, 2, 30), NY)
    assert instant.astimezone(ZoneInfo(NY)).time() == time(3, 30)


# The DST cases of the public corpus: (id, rule, zone, now as local fields, expected first 3).
CORPUS = [
    pytest.param(
        Daily((time(2, 30),)), NY, (2026, 3, 7, 10, 0),
        ["2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"],
        id="p060-daily-in-the-spring-gap",
    ),
    pytest.param(
        Daily((time(1, 30),)), NY, (2026, 10, 31, 12, 0),
        ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00", "2026-11-03T01:30:00-05:00"],
        id="p061-daily-in-the-autumn-fold",
    ),
    pytest.param(
        Daily((time(2, 30),)), BERLIN, (2026, 3, 28, 20, 0),
        ["2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"],
        id="p062-berlin-gap",
    ),
    pytest.param(
        Daily((time(2, 30),)), SYDNEY, (2026, 4, 4, 20, 0),
        ["2026-04-05T02:30:00+11:00", "2026-04-06T02:30:00+10:00", "2026-04-07T02:30:00+10:00"],
        id="p063-sydney-fold",
    ),
    pytest.param(
        Daily((time(21, 0),)), SYDNEY, (2026, 10, 3, 20, 0),
        ["2026-10-03T21:00:00+10:00", "2026-10-04T21:00:00+11:00", "2026-10-05T21:00:00+11:00"],
        id="p035-sydney-spring",
    ),
    pytest.param(
        Weekly(frozenset({FRI}), (time(9, 0),), every=2), NY, (2026, 3, 4, 10, 15),
        ["2026-03-06T09:00:00-05:00", "2026-03-20T09:00:00-04:00", "2026-04-03T09:00:00-04:00"],
        id="p040-every-other-friday",
    ),
    pytest.param(
        Weekly(frozenset({TUE}), (time(8, 0),), every=2), BERLIN, (2026, 10, 19, 12, 0),
        ["2026-10-20T08:00:00+02:00", "2026-11-03T08:00:00+01:00", "2026-11-17T08:00:00+01:00"],
        id="p041-every-2-weeks-on-tuesday",
    ),
    pytest.param(
        Daily((time(8, 0),), every=3, anchor=date(2026, 3, 5)), LA, (2026, 3, 4, 10, 15),
        ["2026-03-05T08:00:00-08:00", "2026-03-08T08:00:00-07:00", "2026-03-11T08:00:00-07:00"],
        id="p044-every-3-days",
    ),
    pytest.param(
        MonthlyByDay((LAST,), (time(9, 0),)), NY, (2028, 1, 15, 10, 0),
        ["2028-01-31T09:00:00-05:00", "2028-02-29T09:00:00-05:00", "2028-03-31T09:00:00-04:00"],
        id="p050-last-day-of-the-month",
    ),
    pytest.param(
        MonthlyByWeekday(TUE, 2, (time(9, 0),)), SYDNEY, (2026, 3, 4, 10, 15),
        ["2026-03-10T09:00:00+11:00", "2026-04-14T09:00:00+10:00", "2026-05-12T09:00:00+10:00"],
        id="p052-every-2nd-tuesday",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "zone", "now", "expected"), CORPUS)
def test_the_corpus_dst_cases_give_their_first_three_instants(
    rule: Rule, zone: str, now: tuple[int, ...], expected: list[str]
) -> None:
    assert first_three(rule, zone, at(zone, *now)) == expected


def test_a_rule_in_another_zone_keeps_that_zones_wall_clock() -> None:
    # p034: every day at 9am PST, seen from Berlin while the US is already on DST.
    now = at(BERLIN, 2026, 3, 7, 10, 0)
    instants = next_instants(Recurrence(Daily((time(9, 0),)), LA, now), now, 3)
    assert local_iso(instants, BERLIN) == [
        "2026-03-07T18:00:00+01:00",
        "2026-03-08T17:00:00+01:00",
        "2026-03-09T17:00:00+01:00",
    ]


NOW = at(NY, 2026, 3, 4, 10, 15)  # a Wednesday

RULES = [
    pytest.param(
        Daily((time(19, 0), time(7, 0))), NOW,
        ["2026-03-04T19:00:00-05:00", "2026-03-05T07:00:00-05:00", "2026-03-05T19:00:00-05:00"],
        id="daily-two-times-in-order",
    ),
    pytest.param(
        Daily((time(7, 0),), every=2), NOW,
        ["2026-03-06T07:00:00-05:00", "2026-03-08T07:00:00-04:00", "2026-03-10T07:00:00-04:00"],
        id="daily-every-2-from-the-starts-date",
    ),
    pytest.param(
        Daily((time(7, 0),), every=2, anchor=date(2026, 3, 1)), NOW,
        ["2026-03-05T07:00:00-05:00", "2026-03-07T07:00:00-05:00", "2026-03-09T07:00:00-04:00"],
        id="daily-every-2-phased-by-an-earlier-anchor",
    ),
    pytest.param(
        Daily((time(7, 0),), anchor=date(2026, 3, 20)), NOW,
        ["2026-03-20T07:00:00-04:00", "2026-03-21T07:00:00-04:00", "2026-03-22T07:00:00-04:00"],
        id="daily-nothing-before-the-anchor",
    ),
    pytest.param(
        Weekly(frozenset({MON, WED, FRI}), (time(9, 0),)), NOW,
        ["2026-03-06T09:00:00-05:00", "2026-03-09T09:00:00-04:00", "2026-03-11T09:00:00-04:00"],
        id="weekly-mon-wed-fri-skips-this-mornings-passed-time",
    ),
    pytest.param(
        Weekly(frozenset({MON}), (time(9, 0),), every=3, anchor=date(2026, 3, 4)), NOW,
        ["2026-03-23T09:00:00-04:00", "2026-04-13T09:00:00-04:00", "2026-05-04T09:00:00-04:00"],
        id="weekly-every-3-weeks-counts-from-the-anchors-monday",
    ),
    pytest.param(
        MonthlyByDay((31,), (time(9, 0),)), NOW,
        ["2026-03-31T09:00:00-04:00", "2026-05-31T09:00:00-04:00", "2026-07-31T09:00:00-04:00"],
        id="monthly-31st-skips-short-months",
    ),
    pytest.param(
        MonthlyByDay((15, 1), (time(9, 0),), every=2), NOW,
        ["2026-03-15T09:00:00-04:00", "2026-05-01T09:00:00-04:00", "2026-05-15T09:00:00-04:00"],
        id="monthly-two-days-every-2-months",
    ),
    pytest.param(
        MonthlyByWeekday(FRI, LAST, (time(17, 0),)), NOW,
        ["2026-03-27T17:00:00-04:00", "2026-04-24T17:00:00-04:00", "2026-05-29T17:00:00-04:00"],
        id="monthly-last-friday",
    ),
    pytest.param(
        MonthlyByWeekday(MON, 5, (time(9, 0),)), NOW,
        ["2026-03-30T09:00:00-04:00", "2026-06-29T09:00:00-04:00", "2026-08-31T09:00:00-04:00"],
        id="monthly-fifth-monday-only-where-there-is-one",
    ),
    pytest.param(
        MonthlyByWeekday(MON, 1, (time(9, 0),), every=3), NOW,
        ["2026-06-01T09:00:00-04:00", "2026-09-07T09:00:00-04:00", "2026-12-07T09:00:00-05:00"],
        id="monthly-first-monday-every-quarter",
    ),
    pytest.param(
        MonthlyByWeekday(TUE, 2, (time(9, 0),), also=(4,)), NOW,
        ["2026-03-10T09:00:00-04:00", "2026-03-24T09:00:00-04:00", "2026-04-14T09:00:00-04:00"],
        id="monthly-2nd-and-4th-tuesday",
    ),
    pytest.param(
        MonthlyByWeekday(MON, LAST, (time(9, 0),), also=(1,)), NOW,
        ["2026-03-30T09:00:00-04:00", "2026-04-06T09:00:00-04:00", "2026-04-27T09:00:00-04:00"],
        id="monthly-first-and-last-monday-in-date-order",
    ),
    pytest.param(
        MonthlyByWeekday(MON, 5, (time(9, 0),), also=(1,)), NOW,
        ["2026-03-30T09:00:00-04:00", "2026-04-06T09:00:00-04:00", "2026-05-04T09:00:00-04:00"],
        id="monthly-1st-and-5th-monday-skips-a-missing-fifth",
    ),
    pytest.param(
        Yearly(3, 3, (time(9, 0),)), NOW,
        ["2027-03-03T09:00:00-05:00", "2028-03-03T09:00:00-05:00", "2029-03-03T09:00:00-05:00"],
        id="yearly-passed-today-means-next-year",
    ),
    pytest.param(
        Yearly(2, 29, (time(9, 0),)), NOW,
        ["2028-02-29T09:00:00-05:00", "2032-02-29T09:00:00-05:00", "2036-02-29T09:00:00-05:00"],
        id="yearly-leap-day-only-in-leap-years",
    ),
    pytest.param(
        Interval(timedelta(hours=12), at(NY, 2026, 3, 7, 21, 0)), NOW,
        ["2026-03-07T21:00:00-05:00", "2026-03-08T10:00:00-04:00", "2026-03-08T22:00:00-04:00"],
        id="interval-is-elapsed-time-across-dst",
    ),
    pytest.param(
        Interval(timedelta(minutes=45), at(NY, 2026, 3, 4, 11, 0)), at(NY, 2026, 3, 4, 12, 0),
        ["2026-03-04T12:30:00-05:00", "2026-03-04T13:15:00-05:00", "2026-03-04T14:00:00-05:00"],
        id="interval-after-its-first-instant",
    ),
    pytest.param(
        Once(at(NY, 2026, 3, 5, 19, 0)), NOW, ["2026-03-05T19:00:00-05:00"], id="once",
    ),
    pytest.param(Once(at(NY, 2026, 3, 3, 19, 0)), NOW, [], id="once-in-the-past"),
    pytest.param(
        Cron("0 7 * * 1-5"), NOW,
        ["2026-03-05T07:00:00-05:00", "2026-03-06T07:00:00-05:00", "2026-03-09T07:00:00-04:00"],
        id="cron-weekdays",
    ),
    pytest.param(
        Cron("0 9 13 * 5"), NOW,
        ["2026-03-06T09:00:00-05:00", "2026-03-13T09:00:00-04:00", "2026-03-20T09:00:00-04:00"],
        id="cron-day-or-weekday-as-in-vixie-cron",
    ),
    pytest.param(
        Cron("*/20 2 * * *"), at(NY, 2026, 3, 8, 0, 0),
        ["2026-03-08T03:00:00-04:00", "2026-03-08T03:20:00-04:00", "2026-03-08T03:40:00-04:00"],
        id="cron-inside-the-gap-moves-forward",
    ),
    pytest.param(
        Cron("30 1 * * *"), at(NY, 2026, 10, 31, 12, 0),
        ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00", "2026-11-03T01:30:00-05:00"],
        id="cron-in-the-fold-fires-once",
    ),
    pytest.param(
        Cron("0 9 * * 2#2"), NOW,
        ["2026-03-10T09:00:00-04:00", "2026-04-14T09:00:00-04:00", "2026-05-12T09:00:00-04:00"],
        id="cron-nth-weekday",
    ),
    pytest.param(
        Cron("0 0 L 2 *"), NOW,
        ["2027-02-28T00:00:00-05:00", "2028-02-29T00:00:00-05:00", "2029-02-28T00:00:00-05:00"],
        id="cron-last-day-of-february",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "now", "expected"), RULES)
def test_each_rule_gives_its_next_instants(rule: Rule, now: datetime, expected: list[str]) -> None:
    assert first_three(rule, NY, now) == expected


def test_gap_times_on_the_same_day_stay_in_order_and_do_not_repeat() -> None:
    # 02:30 becomes 03:30, which must come after 03:10 and merge with the real 03:30.
    rule = Daily((time(2, 30), time(3, 10), time(3, 30)))
    now = at(NY, 2026, 3, 7, 12, 0)
    instants = next_instants(Recurrence(rule, NY, now), now, 4)
    assert local_iso(instants, NY) == [
        "2026-03-08T03:10:00-04:00",
        "2026-03-08T03:30:00-04:00",
        "2026-03-09T02:30:00-04:00",
        "2026-03-09T03:10:00-04:00",
    ]


def test_a_cron_through_the_gap_does_not_repeat_or_go_back() -> None:
    now = at(NY, 2026, 3, 8, 1, 0)
    instants = next_instants(Recurrence(Cron("*/30 * * * *"), NY, now), now, 5)
    assert local_iso(instants, NY) == [
        "2026-03-08T01:30:00-05:00",
        "2026-03-08T03:00:00-04:00",
        "2026-03-08T03:30:00-04:00",
        "2026-03-08T04:00:00-04:00",
        "2026-03-08T04:30:00-04:00",
    ]


def test_until_is_inclusive_and_ends_the_series() -> None:
    now = at(NY, 2026, 3, 4, 10, 15)
    rec = Recurrence(Daily((time(9, 0),)), NY, now, until=at(NY, 2026, 3, 6, 9, 0))
    assert local_iso(list(iter_instants(rec, now)), NY) == [
        "2026-03-05T09:00:00-05:00",
        "2026-03-06T09:00:00-05:00",
    ]


def test_count_numbers_the_series_from_its_start_not_from_after() -> None:
    start = at(NY, 2026, 3, 4, 10, 15)
    rec = Recurrence(Daily((time(9, 0),)), NY, start, count=3)
    later = at(NY, 2026, 3, 5, 12, 0)
    assert local_iso(list(iter_instants(rec, later)), NY) == [
        "2026-03-06T09:00:00-05:00",
        "2026-03-07T09:00:00-05:00",
    ]


def test_nothing_falls_at_or_before_the_start() -> None:
    start = at(NY, 2026, 3, 4, 9, 0)
    rec = Recurrence(Daily((time(9, 0),)), NY, start)
    assert next_instant(rec, start - timedelta(days=30)) == at(NY, 2026, 3, 5, 9, 0)


def test_next_instant_is_none_when_the_series_is_over() -> None:
    now = at(NY, 2026, 3, 4, 10, 15)
    rec = Recurrence(Daily((time(9, 0),)), NY, now, count=1)
    assert next_instant(rec, at(NY, 2026, 3, 6, 0, 0)) is None


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param(Yearly(2, 30, (time(9, 0),)), id="february-30"),
        pytest.param(
            MonthlyByDay((30,), (time(9, 0),), every=12, anchor=date(2026, 2, 1)),
            id="the-30th-of-every-february",
        ),
        pytest.param(Cron("0 0 30 2 *"), id="cron-february-30"),
        pytest.param(Weekly(frozenset(), (time(9, 0),)), id="no-weekdays"),
        pytest.param(Daily(()), id="no-times"),
    ],
)  # fmt: skip
def test_a_rule_that_can_never_match_ends_instead_of_looping(rule: Rule) -> None:
    now = at(NY, 2026, 3, 4, 10, 15)
    assert next_instants(Recurrence(rule, NY, now), now, 3) == []


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param(Daily((time(9, 0),), every=0), id="every-0"),
        pytest.param(Weekly(frozenset({7}), (time(9, 0),)), id="weekday-7"),
        pytest.param(MonthlyByWeekday(MON, 6, (time(9, 0),)), id="sixth-monday"),
        pytest.param(MonthlyByDay((0,), (time(9, 0),)), id="day-0"),
        pytest.param(Yearly(13, 1, (time(9, 0),)), id="month-13"),
        pytest.param(Interval(timedelta(0), at(NY, 2026, 3, 4, 11, 0)), id="interval-0"),
        pytest.param(Cron("0 7 * *"), id="cron-four-fields"),
        pytest.param(Cron("0 0 7 * * 1"), id="cron-six-fields"),
        pytest.param(Cron("0 7 1W * *"), id="cron-nearest-weekday"),
        pytest.param(Cron("0 61 * * *"), id="cron-bad-hour"),
    ],
)
def test_a_malformed_rule_is_a_value_error(rule: Rule) -> None:
    now = at(NY, 2026, 3, 4, 10, 15)
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies by rule
        next_instant(Recurrence(rule, NY, now), now)


def test_a_naive_after_is_refused() -> None:
    rec = Recurrence(Daily((time(9, 0),)), NY, at(NY, 2026, 3, 4, 10, 15))
    with pytest.raises(ValueError, match="aware"):
        next_instant(rec, datetime(2026, 3, 4, 10, 15))


def test_a_naive_until_is_refused_like_a_naive_start() -> None:
    # The bounds are compared in UTC, so a naive one cannot be read as any instant.
    now = at(NY, 2026, 3, 4, 10, 15)
    rec = Recurrence(Daily((time(9, 0),)), NY, now, until=datetime(2026, 4, 1))
    with pytest.raises(ValueError, match="aware"):
        next_instant(rec, now)


def test_bounds_in_other_zones_than_the_rule_are_compared_as_instants() -> None:
    now = at(NY, 2026, 3, 4, 10, 15)  # 15:15 UTC
    rule = Daily((time(9, 0),))  # 14:00 UTC
    until = at(BERLIN, 2026, 3, 6, 15, 0)  # 14:00 UTC: the instant of 6 March, included
    rec = Recurrence(rule, NY, at(SYDNEY, 2026, 3, 5, 2, 0), until=until)  # 4 March 15:00 UTC
    assert local_iso(next_instants(rec, now, 5), NY) == [
        "2026-03-05T09:00:00-05:00", "2026-03-06T09:00:00-05:00",
    ]


def test_instants_are_utc() -> None:
    now = at(NY, 2026, 3, 4, 10, 15)
    instant = next_instant(Recurrence(Weekly(frozenset({MON}), (time(9, 0),)), NY, now), now)
    assert instant is not None
    assert instant.tzinfo is UTC


def test_a_far_future_after_jumps_instead_of_walking() -> None:
    start = at(NY, 2026, 3, 4, 10, 15)
    rec = Recurrence(Daily((time(9, 0),)), NY, start)
    assert next_instant(rec, at(NY, 2400, 1, 1, 12, 0)) == at(NY, 2400, 1, 2, 9, 0)


def test_a_one_shot_keeps_its_instant_exactly_as_the_bounded_walk_would() -> None:
    """iter_instants reads a one-shot without the walk: the same answer as _bounded gives,
    for its instant before, at and after each of start, until and `after`, with counts."""
    from itertools import product

    from core.recurrence.instants import _bounded

    instant = datetime(2026, 3, 5, 12, tzinfo=UTC)
    near = [instant + timedelta(minutes=m) for m in (-1, 0, 1)]
    for start, until, count, after in product(near, [None, *near], [None, 0, 1, 2], near):
        rec = Recurrence(Once(instant), "UTC", start, until, count)
        walked = list(_bounded(iter((instant,)), start, after, until, count))
        assert list(iter_instants(rec, after)) == walked
