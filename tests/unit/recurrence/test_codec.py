import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.recurrence.codec import from_dict, rule_from_dict, rule_to_dict, to_dict
from core.recurrence.rules import (
    LAST,
    Cron,
    Daily,
    Interval,
    MonthlyByDay,
    MonthlyByWeekday,
    Once,
    Recurrence,
    Weekly,
    Yearly,
)

START = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
NINE = time(9, 0)

RULES = [
    pytest.param(Once(at=datetime(2026, 3, 2, 17, 0, tzinfo=UTC)), id="once"),
    pytest.param(Interval(every=timedelta(minutes=90), first=START), id="interval"),
    pytest.param(Interval(every=timedelta(seconds=1.5), first=START), id="interval-fraction"),
    pytest.param(Daily(times=(NINE, time(18, 30, 15))), id="daily"),
    pytest.param(Daily(times=(NINE,), every=3, anchor=date(2026, 3, 1)), id="daily-every-3"),
    pytest.param(Weekly(weekdays=frozenset({4, 0, 2}), times=(NINE,)), id="weekly"),
    pytest.param(
        Weekly(weekdays=frozenset({1}), times=(NINE,), every=2, anchor=date(2026, 1, 5)),
        id="every-2-weeks",
    ),
    pytest.param(MonthlyByDay(days=(1, 15, LAST), times=(NINE,)), id="monthly-by-day"),
    pytest.param(MonthlyByWeekday(weekday=0, nth=LAST, times=(NINE,), every=3), id="by-weekday"),
    pytest.param(MonthlyByWeekday(weekday=1, nth=2, times=(NINE,), also=(4,)),
                 id="by-weekday-several-ordinals"),
    pytest.param(Yearly(month=2, day=29, times=(time(7, 0, 0, 250),)), id="yearly"),
    pytest.param(Cron(expression="*/15 9-17 * * 1-5"), id="cron"),
]


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_type_survives_a_trip_through_json(rule):
    rec = Recurrence(rule=rule, zone="Europe/Berlin", start=START, until=START + timedelta(days=90),
                     count=12)

    back = from_dict(json.loads(json.dumps(to_dict(rec))))

    assert back == rec


def test_the_dict_is_versioned_and_readable():
    rec = Recurrence(rule=Weekly(weekdays=frozenset({4, 0}), times=(NINE,)), zone="UTC",
                     start=START)

    data = to_dict(rec)

    assert data == {
        "v": 1,
        "rule": {"v": 1, "type": "weekly", "weekdays": [0, 4], "times": ["09:00:00"],
                 "every": 1, "anchor": None},
        "zone": "UTC",
        "start": "2026-03-01T08:30:00+00:00",
        "until": None,
        "count": None,
    }


def test_a_one_ordinal_rule_is_stored_as_before_several_ordinals_existed():
    data = rule_to_dict(MonthlyByWeekday(weekday=1, nth=2, times=(NINE,)))

    assert data == {"v": 1, "type": "monthly_by_weekday", "weekday": 1, "nth": 2,
                    "times": ["09:00:00"], "every": 1, "anchor": None}


def test_a_rule_stored_before_several_ordinals_existed_still_reads():
    old = {"v": 1, "type": "monthly_by_weekday", "weekday": 4, "nth": -1,
           "times": ["17:00:00"], "every": 1, "anchor": None}

    assert rule_from_dict(old) == MonthlyByWeekday(weekday=4, nth=LAST, times=(time(17, 0),))


def test_several_ordinals_are_stored_under_also():
    rule = MonthlyByWeekday(weekday=1, nth=2, times=(NINE,), also=(4,))

    data = rule_to_dict(rule)

    assert data["nth"] == 2
    assert data["also"] == [4]
    assert rule_from_dict(json.loads(json.dumps(data))) == rule


def test_a_wrongly_typed_also_is_refused():
    data = {**rule_to_dict(MonthlyByWeekday(weekday=1, nth=2, times=(NINE,))), "also": ["4"]}

    with pytest.raises(ValueError, match="'also' must be a list of integers"):
        rule_from_dict(data)


def test_interval_stores_total_seconds():
    data = rule_to_dict(Interval(every=timedelta(hours=2), first=START))

    assert data["every"] == 7200


def test_an_unknown_version_is_refused():
    data = to_dict(Recurrence(rule=Cron(expression="0 9 * * *"), zone="UTC", start=START))

    with pytest.raises(ValueError, match="version"):
        from_dict({**data, "v": 2})


def test_an_unknown_rule_type_is_refused():
    with pytest.raises(ValueError, match="unknown rule type"):
        rule_from_dict({"v": 1, "type": "fortnightly"})


def test_a_wrongly_typed_field_is_refused():
    with pytest.raises(ValueError, match="'month' must be an integer"):
        rule_from_dict({"v": 1, "type": "yearly", "month": "2", "day": 1, "times": []})


instants = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
times = st.lists(st.times(), min_size=1, max_size=4, unique=True).map(tuple)
anchors = st.none() | st.dates()
everies = st.integers(min_value=1, max_value=52)
rules = st.one_of(
    st.builds(Once, at=instants),
    st.builds(Interval, first=instants,
              every=st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=3650))),
    st.builds(Daily, times=times, every=everies, anchor=anchors),
    st.builds(Weekly, weekdays=st.frozensets(st.integers(0, 6), min_size=1), times=times,
              every=everies, anchor=anchors),
    st.builds(MonthlyByDay, days=st.lists(st.integers(1, 31) | st.just(LAST), min_size=1)
              .map(tuple), times=times, every=everies, anchor=anchors),
    st.builds(MonthlyByWeekday, weekday=st.integers(0, 6), nth=st.integers(1, 5) | st.just(LAST),
              times=times, every=everies, anchor=anchors,
              also=st.lists(st.integers(1, 5) | st.just(LAST), max_size=3).map(tuple)),
    st.builds(Yearly, month=st.integers(1, 12), day=st.integers(1, 31), times=times),
    st.builds(Cron, expression=st.text()),
)
recurrences = st.builds(
    Recurrence, rule=rules, zone=st.sampled_from(["UTC", "America/New_York", "Asia/Kolkata"]),
    start=instants, until=st.none() | instants, count=st.none() | st.integers(1, 10_000),
)


@given(recurrences)
def test_any_recurrence_round_trips_exactly(rec):
    back = from_dict(json.loads(json.dumps(to_dict(rec))))

    assert back == rec
    assert to_dict(back) == to_dict(rec)
