"""Habit: a frequency, check-ins and breaks; streaks and strength computed from them (pure).

A habit is a schedule of the kind "habit" (core.kinds.habits): its recurrence is when the
prompt goes out, its payload names the habit and its frequency. Check-ins and breaks
(pauses, vacations, skipped days) are kept per local day, in the owner's zone, so that the
arithmetic here works on dates only and a daylight-saving change cannot move a day.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from statistics import median
from typing import Final

FOREVER: Final = date(9999, 12, 31)  # the last day of a pause without an end
BACKFILL_DAYS: Final = 7  # `done meditate yesterday` reaches this many days back at most
SLOT_MIN_CHECKINS: Final = 10  # check-ins before Nudge suggests moving the prompt
SLOT_MIN_OFFSET: Final = timedelta(minutes=45)
MONTH_DAYS: Final = 30  # Loop Habit Tracker's window for a monthly frequency
WEEKDAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"  # Monday to Sunday
    MONTH = "month"  # a calendar month


@dataclass(frozen=True)
class Frequency:
    """How often a habit asks to be done: `times` per period.

    `every` > 1 makes a day period N days long ("every 2 days"); `weekdays`, when given,
    are the only days that are periods ("on weekdays"); both only with Period.DAY.
    """

    times: int = 1
    period: Period = Period.DAY
    every: int = 1
    weekdays: frozenset[int] = frozenset()

    def describe(self) -> str:
        if self.period is not Period.DAY:
            count = {1: "once", 2: "twice"}.get(self.times, f"{self.times} times")
            return f"{count} a {self.period.value}"
        if self.weekdays == frozenset(range(5)):
            return "on weekdays"
        if self.weekdays:
            return "on " + ", ".join(WEEKDAY_NAMES[d] for d in sorted(self.weekdays))
        return "daily" if self.every == 1 else f"every {self.every} days"

    @property
    def unit(self) -> str:
        """What a streak counts: 'day', 'week', 'month'."""
        return "day" if self.period is Period.DAY and self.every == 1 else self.period.value

    def rate(self) -> tuple[int, int]:
        """(check-ins, days): the frequency as Loop Habit Tracker's numerator/denominator."""
        if self.period is Period.WEEK:
            return self.times, 7
        if self.period is Period.MONTH:
            return self.times, MONTH_DAYS
        if self.weekdays:
            return len(self.weekdays), 7
        return 1, self.every


@dataclass(frozen=True)
class HabitPayload:
    """The habit kind's payload: its name as typed and its frequency."""

    name: str
    frequency: Frequency = Frequency()


@dataclass(frozen=True)
class CheckIn:
    """One done day. `at` is when it was recorded (a back-fill's `at` is after its day)."""

    day: date
    at: datetime


class BreakReason(StrEnum):
    PAUSE = "pause"
    VACATION = "vacation"
    SKIP = "skip"


@dataclass(frozen=True)
class Break:
    """Days that neither break nor extend a streak: first..last, both included."""

    first: date
    last: date
    reason: BreakReason = BreakReason.PAUSE

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class HabitLog:
    """What a prompt needs to know of a habit: recent check-in days and breaks."""

    days: tuple[date, ...] = ()
    breaks: tuple[Break, ...] = ()


@dataclass(frozen=True)
class Streaks:
    """A habit's standing on `today`: streaks in the frequency's unit, strength in 0..1."""

    current: int
    longest: int
    strength: float
    done_today: bool
    period_count: int  # check-ins in the current period
    period_target: int  # what the current period asks for (after breaks)


@dataclass(frozen=True)
class _Days:
    """Check-ins and breaks as fast lookups."""

    done: list[date]  # sorted, unique
    done_set: frozenset[date]
    breaks: Sequence[Break] = field(default_factory=tuple)

    def count(self, first: date, last: date) -> int:
        return bisect.bisect_right(self.done, last) - bisect.bisect_left(self.done, first)

    def is_break(self, day: date) -> bool:
        # A check-in wins over a break: a person who did it that day did not skip it.
        if not self.breaks or day in self.done_set:
            return False
        return any(b.covers(day) for b in self.breaks)


def _days(checkins: Iterable[date], breaks: Sequence[Break]) -> _Days:
    done = sorted(set(checkins))
    return _Days(done, frozenset(done), tuple(breaks))


def _span(first: date, last: date) -> list[date]:
    if first == last:
        return [first]  # a day period: the common case, kept cheap for years of history
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def periods(freq: Frequency, start: date, today: date) -> list[tuple[date, date]]:
    """The frequency's periods (first, last day) from the one holding `start` to today's."""
    if freq.period is Period.WEEK:
        first = start - timedelta(days=start.weekday())
        return [(d, d + timedelta(days=6)) for d in _span(first, today)[::7]]
    if freq.period is Period.MONTH:
        found, day = [], start.replace(day=1)
        while day <= today:
            found.append((day, _month_end(day)))
            day = _month_end(day) + timedelta(days=1)
        return found
    if freq.weekdays:
        return [(d, d) for d in _span(start, today) if d.weekday() in freq.weekdays]
    step = max(freq.every, 1)
    return [(d, d + timedelta(days=step - 1)) for d in _span(start, today)[::step]]


def period_of(freq: Frequency, start: date, day: date) -> tuple[date, date]:
    """The period that holds `day` (for a weekday habit, the day itself)."""
    if freq.period is Period.WEEK:
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if freq.period is Period.MONTH:
        return day.replace(day=1), _month_end(day)
    if freq.every > 1 and day >= start:
        first = start + timedelta(days=(day - start).days // freq.every * freq.every)
        return first, first + timedelta(days=freq.every - 1)
    return day, day


def _target(freq: Frequency, days: list[date], free: list[date]) -> int:
    """What a period asks for once its break days are taken out (proportionally)."""
    if freq.period is Period.DAY:
        return 1
    return min(math.ceil(freq.times * len(free) / len(days)), len(free))


def standing(freq: Frequency, checkins: Iterable[date], breaks: Sequence[Break], *,
             start: date, today: date) -> Streaks:
    """Streaks and strength on `today` (the owner's local date)."""
    days = _days((d for d in checkins if d <= today), breaks)
    start = min([start, *days.done[:1]])
    current = longest = 0
    count = target = 0
    for first, last in periods(freq, start, today):
        span = _span(first, last)
        free = [d for d in span if not days.is_break(d)]
        if not free:
            continue  # a period on a break entirely neither breaks nor extends
        count, target = days.count(first, last), _target(freq, span, free)
        if count >= target:
            current += 1
        elif last < today or count + _left(free, days, today) < target:
            current = 0  # over, or can no longer be met
        longest = max(longest, current)
    return Streaks(current, longest, strength(freq, days, start=start, today=today),
                   today in days.done_set, count, target)


def _left(free: list[date], days: _Days, today: date) -> int:
    """Days of the period still open for a check-in (today included unless done)."""
    return sum(1 for d in free if d >= today and d not in days.done_set)


def strength(freq: Frequency, days: _Days, *, start: date, today: date) -> float:
    """Loop Habit Tracker's score: an exponential average of each day's completion.

    Each day the score moves toward that day's completion (check-ins in the last `den`
    days over `num`, at most 1) by 1 - m, where m = 0.5 ** (sqrt(num / den) / 13): a
    daily habit's score halves in 13 missed days. Break days leave it as it is; today
    counts only once it is done, so an open day does not dent it.
    """
    num, den = freq.rate()
    keep = 0.5 ** (math.sqrt(num / den) / 13)
    score = 0.0
    last = today if today in days.done_set else today - timedelta(days=1)
    for day in _span(start, last) if start <= last else []:
        if days.is_break(day):
            continue
        done = int(day in days.done_set) if den == 1 else days.count(day - timedelta(days=den - 1),
                                                                        day)
        score = score * keep + min(1.0, done / num) * (1 - keep)
    return score


def period_met(freq: Frequency, checkins: Iterable[date], *, start: date, today: date) -> bool:
    """Whether today's period has all the check-ins it asks for (its prompts then stop)."""
    first, last = period_of(freq, start, today)
    return sum(1 for d in checkins if first <= d <= last) >= freq.times


def on_break(breaks: Iterable[Break], day: date) -> Break | None:
    return next((b for b in breaks if b.covers(day)), None)


def suggested_time(checkin_times: Sequence[time], prompt: time) -> time | None:
    """Slot optimisation: the median check-in time, when it is far from the prompt's.

    Only after SLOT_MIN_CHECKINS same-day check-ins, and only when the median is more than
    SLOT_MIN_OFFSET away; rounded to 5 minutes, the way people set reminders.
    """
    if len(checkin_times) < SLOT_MIN_CHECKINS:
        return None
    minutes = median(t.hour * 60 + t.minute for t in checkin_times)
    if abs(minutes - (prompt.hour * 60 + prompt.minute)) <= SLOT_MIN_OFFSET.total_seconds() / 60:
        return None
    rounded = int(round(minutes / 5) * 5) % (24 * 60)
    return time(rounded // 60, rounded % 60)
