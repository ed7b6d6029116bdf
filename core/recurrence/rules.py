"""Rule value objects: what a schedule repeats, in its own zone's wall-clock time.

Every rule is frozen and holds only local dates and times (except Once and Interval,
which are elapsed time and hold UTC instants). `Recurrence` adds the zone and bounds.
Weekdays are ints, Monday 0 .. Sunday 6, as in `datetime.weekday()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

LAST = -1  # "the last" day of a month, or the last such weekday in MonthlyByWeekday


@dataclass(frozen=True)
class Once:
    """A single instant (aware, UTC)."""

    at: datetime


@dataclass(frozen=True)
class Interval:
    """Elapsed-time repetition: first, first + every, first + 2*every, ... (aware, UTC)."""

    every: timedelta
    first: datetime


@dataclass(frozen=True)
class Daily:
    """Every `every` days counted from `anchor`, at each of `times`."""

    times: tuple[time, ...]
    every: int = 1
    anchor: date | None = None


@dataclass(frozen=True)
class Weekly:
    """On `weekdays` of every `every`-th week (weeks start Monday, counted from `anchor`'s week)."""

    weekdays: frozenset[int]
    times: tuple[time, ...]
    every: int = 1
    anchor: date | None = None


@dataclass(frozen=True)
class MonthlyByDay:
    """On the given days of the month (LAST = the last day); a month lacking a day skips it."""

    days: tuple[int, ...]
    times: tuple[time, ...]
    every: int = 1
    anchor: date | None = None


@dataclass(frozen=True)
class MonthlyByWeekday:
    """On the nth (1..5, or LAST) `weekday` of every `every`-th month from `anchor`'s month.

    `also` holds more ordinals of the same weekday (`every 2nd and 4th Tuesday` is nth=2,
    also=(4,)); a rule stored before `also` existed reads as also=().
    """

    weekday: int
    nth: int
    times: tuple[time, ...]
    every: int = 1
    anchor: date | None = None
    also: tuple[int, ...] = ()

    @property
    def nths(self) -> tuple[int, ...]:
        """Every ordinal of the rule, `nth` first."""
        return (self.nth, *(n for n in self.also if n != self.nth))


@dataclass(frozen=True)
class Yearly:
    """Every year on month/day (Feb 29 only in leap years)."""

    month: int
    day: int
    times: tuple[time, ...]


@dataclass(frozen=True)
class Cron:
    """A standard 5-field cron expression, read in the recurrence's zone."""

    expression: str


Rule = Once | Interval | Daily | Weekly | MonthlyByDay | MonthlyByWeekday | Yearly | Cron


@dataclass(frozen=True)
class Recurrence:
    """A rule in a zone, with bounds.

    Instants fall strictly after `start` and at or before `until`; `count` caps how many
    instants after `start` the series has in all.
    """

    rule: Rule
    zone: str
    start: datetime
    until: datetime | None = None
    count: int | None = None

    @property
    def is_once(self) -> bool:
        return isinstance(self.rule, Once)
