"""Streak and strength arithmetic: pure, on local dates, hand-computed."""

from __future__ import annotations

import math
from datetime import date, time, timedelta

import pytest

from core.habits import (
    FOREVER,
    Break,
    BreakReason,
    Frequency,
    Period,
    period_met,
    standing,
    suggested_time,
)

DAILY = Frequency()
THRICE_WEEKLY = Frequency(3, Period.WEEK)
MON = date(2026, 3, 2)  # a Monday
KEEP_DAILY = 0.5 ** (1 / 13)  # Loop's multiplier for a daily habit


def days(first: date, n: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(n)]


def test_a_daily_streak_counts_days_in_a_row_and_today_open_does_not_break_it():
    done = days(MON, 5)  # Mon..Fri, today Saturday not done yet

    report = standing(DAILY, done, [], start=MON, today=MON + timedelta(days=5))

    assert (report.current, report.longest, report.done_today) == (5, 5, False)


def test_a_missed_day_breaks_a_daily_streak_but_longest_is_kept():
    done = days(MON, 4) + days(MON + timedelta(days=5), 2)  # Fri missed

    report = standing(DAILY, done, [], start=MON, today=MON + timedelta(days=6))

    assert (report.current, report.longest) == (2, 4)


def test_yesterday_missed_means_the_current_streak_is_zero():
    report = standing(DAILY, [MON], [], start=MON, today=MON + timedelta(days=2))

    assert (report.current, report.longest) == (0, 1)


def test_paused_and_skipped_days_neither_break_nor_extend():
    done = [MON, MON + timedelta(days=1), MON + timedelta(days=4)]
    breaks = [Break(MON + timedelta(days=2), MON + timedelta(days=2), BreakReason.SKIP),
              Break(MON + timedelta(days=3), MON + timedelta(days=3), BreakReason.PAUSE)]

    report = standing(DAILY, done, breaks, start=MON, today=MON + timedelta(days=4))

    assert report.current == 3  # Mon, Tue, (skip), (pause), Fri


def test_a_check_in_on_a_break_day_counts():
    breaks = [Break(MON, FOREVER, BreakReason.PAUSE)]

    report = standing(DAILY, [MON + timedelta(days=1)], breaks, start=MON,
                      today=MON + timedelta(days=1))

    assert report.current == 1


def test_weeks_that_met_the_target_make_the_streak_of_an_n_times_habit():
    done = [MON, MON + timedelta(days=2), MON + timedelta(days=4),  # week 1: 3
            MON + timedelta(days=7), MON + timedelta(days=8), MON + timedelta(days=13)]  # week 2: 3
    today = MON + timedelta(days=14)  # Monday of week 3, nothing yet

    report = standing(THRICE_WEEKLY, done, [], start=MON, today=today)

    assert (report.current, report.longest) == (2, 2)
    assert (report.period_count, report.period_target) == (0, 3)


def test_the_current_week_breaks_the_streak_only_once_it_cannot_be_met():
    done = [MON, MON + timedelta(days=1), MON + timedelta(days=2)]  # week 1 met
    thursday, saturday = MON + timedelta(days=10), MON + timedelta(days=12)
    week2 = [MON + timedelta(days=7)]  # one in week 2

    assert standing(THRICE_WEEKLY, done + week2, [], start=MON, today=thursday).current == 1
    # Saturday: 1 done, Sat and Sun left: 3 is still possible.
    assert standing(THRICE_WEEKLY, done + week2, [], start=MON, today=saturday).current == 1
    # Sunday: 1 done, only Sunday left: 3 can no longer be met.
    sunday = MON + timedelta(days=13)
    assert standing(THRICE_WEEKLY, done + week2, [], start=MON, today=sunday).current == 0


def test_a_week_boundary_is_monday():
    sunday, monday = MON + timedelta(days=6), MON + timedelta(days=7)
    done = [MON + timedelta(days=4), MON + timedelta(days=5), sunday]  # Fri, Sat, Sun

    assert standing(THRICE_WEEKLY, done, [], start=MON, today=monday).current == 1
    assert period_met(THRICE_WEEKLY, done, start=MON, today=sunday)
    assert not period_met(THRICE_WEEKLY, done, start=MON, today=monday)


def test_a_paused_week_neither_breaks_nor_extends_a_weekly_streak():
    week1 = days(MON, 3)
    week3 = days(MON + timedelta(days=14), 3)
    paused = [Break(MON + timedelta(days=7), MON + timedelta(days=13), BreakReason.VACATION)]

    report = standing(THRICE_WEEKLY, week1 + week3, paused, start=MON,
                      today=MON + timedelta(days=20))

    assert report.current == 2


def test_a_partly_paused_week_asks_for_its_share():
    # 4 of 7 days paused: 3 free days ask for ceil(3 * 3 / 7) = 2 check-ins.
    paused = [Break(MON, MON + timedelta(days=3), BreakReason.PAUSE)]
    done = [MON + timedelta(days=4), MON + timedelta(days=5)]

    report = standing(THRICE_WEEKLY, done, paused, start=MON, today=MON + timedelta(days=7))

    assert report.current == 1


def test_weekday_habits_ignore_weekends():
    weekdays = Frequency(weekdays=frozenset(range(5)))
    done = days(MON, 5) + [MON + timedelta(days=7)]  # Mon..Fri, then next Monday

    report = standing(weekdays, done, [], start=MON, today=MON + timedelta(days=7))

    assert report.current == 6


def test_every_two_days_needs_one_check_in_per_pair_of_days():
    every2 = Frequency(every=2)
    # Pairs: Mon-Tue, Wed-Thu, Fri-Sat.
    done = [MON, MON + timedelta(days=3), MON + timedelta(days=4)]

    report = standing(every2, done, [], start=MON, today=MON + timedelta(days=5))

    assert report.current == 3


def test_monthly_target_counts_calendar_months():
    monthly = Frequency(2, Period.MONTH)
    done = [date(2026, 1, 5), date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 28)]

    report = standing(monthly, done, [], start=date(2026, 1, 1), today=date(2026, 3, 1))

    assert report.current == 2


def test_strength_of_a_daily_habit_is_loops_exponential_average():
    done = [MON, MON + timedelta(days=2)]  # done, missed, done; today (Wed) is done
    m = KEEP_DAILY

    report = standing(DAILY, done, [], start=MON, today=MON + timedelta(days=2))

    expected = ((0 * m + (1 - m)) * m + 0) * m + (1 - m)
    assert report.strength == pytest.approx(expected, abs=1e-12)
    # by hand: m = 0.5 ** (1/13) = 0.948078; 0.051922 * 0.948078 ** 2 + 0.051922 = 0.098592
    assert round(report.strength, 4) == 0.0986


def test_a_single_miss_dents_strength_but_does_not_zero_it():
    done = days(MON, 30)
    today = MON + timedelta(days=30)  # today open

    before = standing(DAILY, done, [], start=MON, today=today).strength
    after = standing(DAILY, done, [], start=MON, today=today + timedelta(days=1)).strength

    assert before == pytest.approx(1 - KEEP_DAILY ** 30)
    assert after == pytest.approx(before * KEEP_DAILY)
    assert 0.7 < after < before


def test_strength_of_a_weekly_habit_uses_a_seven_day_window():
    done = [MON]
    m = 0.5 ** (math.sqrt(3 / 7) / 13)

    report = standing(THRICE_WEEKLY, done, [], start=MON, today=MON)

    assert report.strength == pytest.approx((1 / 3) * (1 - m))


def test_slot_suggestion_needs_ten_check_ins_and_45_minutes():
    late = [time(7, 40)] * 9

    assert suggested_time(late, time(9, 0)) is None
    assert suggested_time(late + [time(7, 42)], time(9, 0)) == time(7, 40)
    assert suggested_time([time(8, 20)] * 10, time(9, 0)) is None  # 40 min: close enough


def test_a_back_filled_day_before_the_habit_started_counts():
    report = standing(DAILY, [MON - timedelta(days=1), MON], [], start=MON, today=MON)

    assert report.current == 2
