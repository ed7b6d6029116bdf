"""describe(): a recurrence in a few human words, in its own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.recurrence import describe
from core.recurrence.describe import join, ordinal, span
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

NY = "America/New_York"
START = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo(NY))
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
NINE = (time(9, 0),)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(Daily((time(7, 0),)), "every day at 07:00", id="daily"),
        pytest.param(
            Daily((time(19, 0), time(7, 0)), every=2),
            "every other day at 07:00 and 19:00",
            id="every-other-day-two-times",
        ),
        pytest.param(Daily(NINE, every=3), "every 3 days at 09:00", id="every-3-days"),
        pytest.param(
            Weekly(frozenset(range(5)), (time(9, 30),)), "every weekday at 09:30", id="weekdays"
        ),
        pytest.param(Weekly(frozenset(range(7)), NINE), "every day at 09:00", id="all-week"),
        pytest.param(Weekly(frozenset({MON}), NINE), "every Monday at 09:00", id="one-day"),
        pytest.param(
            Weekly(frozenset({TUE, THU}), (time(18, 0),)),
            "every Tuesday and Thursday at 18:00",
            id="two-days",
        ),
        pytest.param(
            Weekly(frozenset({FRI, MON, WED}), NINE),
            "every Mon, Wed and Fri at 09:00",
            id="three-days",
        ),
        pytest.param(
            Weekly(frozenset({TUE}), (time(8, 0),), every=2),
            "every 2 weeks on Tuesday at 08:00",
            id="every-2-weeks",
        ),
        pytest.param(Interval(timedelta(minutes=45), START), "every 45 minutes", id="minutes"),
        pytest.param(Interval(timedelta(hours=1), START), "every hour", id="hour"),
        pytest.param(Interval(timedelta(hours=12), START), "every 12 hours", id="hours"),
        pytest.param(Interval(timedelta(minutes=90), START), "every 90 minutes", id="90-min"),
        pytest.param(MonthlyByDay((1,), NINE), "every month on the 1st at 09:00", id="1st"),
        pytest.param(
            MonthlyByDay((LAST,), (time(17, 0),)),
            "every month on the last day at 17:00",
            id="last-day",
        ),
        pytest.param(
            MonthlyByDay((25, 5, 15), NINE, every=3),
            "every 3 months on the 5th, 15th and 25th at 09:00",
            id="three-days-a-quarter",
        ),
        pytest.param(
            MonthlyByWeekday(MON, 1, NINE),
            "every first Monday of the month at 09:00",
            id="first-monday",
        ),
        pytest.param(
            MonthlyByWeekday(FRI, LAST, NINE, every=2),
            "every 2 months on the last Friday at 09:00",
            id="last-friday-every-2-months",
        ),
        pytest.param(
            MonthlyByWeekday(TUE, 4, NINE, also=(2,)),
            "every second and fourth Tuesday of the month at 09:00",
            id="2nd-and-4th-tuesday",
        ),
        pytest.param(
            MonthlyByWeekday(MON, LAST, NINE, also=(1,), every=2),
            "every 2 months on the first and last Monday at 09:00",
            id="first-and-last-monday-every-2-months",
        ),
        pytest.param(
            MonthlyByWeekday(FRI, -2, NINE),
            "every second to last Friday of the month at 09:00",
            id="second-to-last-friday",
        ),
        pytest.param(
            MonthlyByDay((10,), NINE, every=24, anchor=date(2026, 3, 10)),
            "every 2 years on 10 March at 09:00",
            id="every-24-months-reads-as-years",
        ),
        pytest.param(Yearly(3, 3, NINE), "every year on 3 March at 09:00", id="yearly"),
        pytest.param(Cron("0  7 * * 1-5"), "cron 0 7 * * 1-5", id="cron"),
        pytest.param(
            Once(datetime(2026, 3, 6, 0, 0, tzinfo=UTC)), "Thu 5 Mar 2026 at 19:00", id="once"
        ),
    ],
)
def test_a_rule_reads_as_short_words(rule: Rule, expected: str) -> None:
    assert describe(Recurrence(rule, NY, START)) == expected


def test_bounds_follow_the_rule() -> None:
    until = datetime(2026, 3, 18, 23, 59, tzinfo=ZoneInfo(NY))
    rec = Recurrence(Daily((time(7, 0),)), NY, START, until=until, count=2)
    assert describe(rec) == "every day at 07:00, until 18 Mar, 2 times"


def test_an_until_in_another_year_names_the_year() -> None:
    until = datetime(2027, 1, 5, 23, 59, tzinfo=ZoneInfo(NY))
    rec = Recurrence(Daily((time(7, 0),)), NY, START, until=until)
    assert describe(rec) == "every day at 07:00, until 5 Jan 2027"


def test_a_start_at_the_beginning_of_a_day_reads_as_from() -> None:
    start = datetime.combine(date(2026, 3, 9), time(0), tzinfo=ZoneInfo(NY))
    rec = Recurrence(Weekly(frozenset({MON}), NINE), NY, start)
    assert describe(rec) == "every Monday at 09:00, from Mon 9 Mar"


def test_a_start_one_microsecond_before_midnight_reads_as_from() -> None:
    # The parser stores a `starting Monday` bound as an exclusive start just before 00:00.
    midnight = datetime.combine(date(2026, 3, 9), time(0), tzinfo=ZoneInfo(NY))
    start = midnight.astimezone(UTC) - timedelta(microseconds=1)
    until = datetime(2026, 12, 31, 23, 59, tzinfo=ZoneInfo(NY))
    rec = Recurrence(Weekly(frozenset({MON}), NINE), NY, start, until=until)
    assert describe(rec) == "every Monday at 09:00, from Mon 9 Mar, until 31 Dec"


def test_a_start_before_a_new_year_midnight_counts_from_the_new_year() -> None:
    midnight = datetime.combine(date(2027, 1, 1), time(0), tzinfo=ZoneInfo(NY))
    start = midnight - timedelta(microseconds=1)
    until = datetime(2027, 3, 1, 23, 59, tzinfo=ZoneInfo(NY))
    rec = Recurrence(Daily(NINE), NY, start, until=until)
    assert describe(rec) == "every day at 09:00, from Fri 1 Jan, until 1 Mar"


def test_a_start_at_an_ordinary_time_names_no_day() -> None:
    assert describe(Recurrence(Daily(NINE), NY, START)) == "every day at 09:00"


def test_the_day_start_is_found_where_the_zone_shifts_at_midnight() -> None:
    # Santiago turns its clocks back at midnight: the hour before 2026-04-05 00:00 happens
    # twice, and the start lies in its second pass (UTC-4), one microsecond before 00:00.
    zone = "America/Santiago"
    midnight = datetime.combine(date(2026, 4, 5), time(0), tzinfo=ZoneInfo(zone))
    start = midnight.astimezone(UTC) - timedelta(microseconds=1)
    rec = Recurrence(Daily(NINE), zone, start)
    assert describe(rec) == "every day at 09:00, from Sun 5 Apr"


def test_fixed_offset_zones_are_named_with_the_sign_people_write() -> None:
    rec = Recurrence(Daily(NINE), "Etc/GMT-2", START)
    assert describe(rec, viewer_zone=NY) == "every day at 09:00 (UTC+2 time)"
    assert describe(Recurrence(Daily(NINE), "Etc/GMT+5", START), viewer_zone=NY) == (
        "every day at 09:00 (UTC-5 time)"
    )


def test_the_zone_is_named_when_the_viewer_lives_elsewhere() -> None:
    rec = Recurrence(Daily(NINE), "America/Los_Angeles", START)
    assert describe(rec, viewer_zone="Europe/Berlin") == (
        "every day at 09:00 (America/Los_Angeles time)"
    )
    assert describe(rec, viewer_zone="America/Los_Angeles") == "every day at 09:00"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (31, "31st")],
)  # fmt: skip
def test_ordinals_take_english_suffixes(n: int, expected: str) -> None:
    assert ordinal(n) == expected


def test_lists_join_with_commas_and_a_final_and() -> None:
    assert [join([]), join(["a"]), join(["a", "b"]), join(["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]


def test_spans_use_the_largest_whole_unit() -> None:
    assert [span(timedelta(days=2)), span(timedelta(seconds=90))] == ["2 days", "90 seconds"]
