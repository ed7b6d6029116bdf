"""What a time expression says, before it is resolved against now: the parts it named."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

LATER_TODAY_HOURS = 3  # `later today`: in 3 hours, as `every few hours` steps 3 hours


@dataclass(frozen=True, slots=True)
class Tod:
    """A time of day as written; `bare` is an hour 1..12 with no am/pm (two readings)."""

    hour: int
    minute: int = 0
    bare: bool = False
    midnight: bool = False  # 00:00 at the end of the day it names


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date phrase: `kind` says how it resolves, a/b/c hold its numbers.

    rel (a days from today), abs (a-b-c), md (month a, day b), dom (day a), month (a),
    wd (weekday a; b=1 for "next", b=2 for "of next week"), nthwd (the a-th, or LAST,
    weekday b of the month: c=0 the next such, 1..12 that month's, 13 this month's,
    14 next month's), next_week, next_month, this_weekend, next_weekend, eod, eow, eom
    (eow, eom: a=1 for "end of next week/month").
    """

    kind: str
    a: int = 0
    b: int = 0
    c: int = 0


@dataclass(slots=True)
class Span:
    """A length of time: months and days on the wall clock, seconds elapsed."""

    months: int = 0
    days: int = 0
    seconds: float = 0.0
    vague: str = ""  # `a few minutes`: the unit as written; the schedule refuses to guess

    def is_empty(self) -> bool:
        return not (self.months or self.days or self.seconds)

    def total_seconds(self) -> float:
        return self.seconds + self.days * 86400.0 + self.months * 30 * 86400.0


@dataclass(init=False)
class When:
    """Everything a time expression named; several chunks fill one When.

    Only the parts named are kept in the instance (the others read the class's defaults):
    a merge, run for each chunk of each command, then visits just the one or two parts a
    chunk named, not all twenty."""

    tods: list[Tod] = field(default_factory=list)
    part: str | None = None
    date: DateRef | None = None
    zone: str | None = None
    span: Span | None = None
    # recurrence: freq is day/week/month/year (with every), or interval (seconds)
    freq: str | None = None
    every: int = 1
    interval: float | None = None
    weekdays: frozenset[int] | None = None
    monthdays: tuple[int, ...] | None = None
    nth: tuple[tuple[int, ...], int] | None = None  # (nths, each 1..5 or LAST; weekday)
    except_days: frozenset[int] | None = None  # `every day except Sunday`
    on_the_hour: bool | None = None  # `every hour on the hour`: from the next whole hour
    window: tuple[Tod, Tod] | None = None
    starting: When | None = None
    until: When | None = None
    for_span: Span | None = None
    count: int | None = None
    cron: str | None = None
    per_week: int | None = None
    # A vague or counted frequency whose reading readings.py fills in: `day:2` (twice a day),
    # `week:2`, `month:2`, `few-hours`, `few-days`, `parts` (`every morning and evening`).
    assumed: str | None = None
    part_list: tuple[str, ...] | None = None
    chunks: int = 0

    def __init__(self, **parts: Any) -> None:
        self.tods = []
        if parts:
            unknown = parts.keys() - _FIELDS
            if unknown:
                raise TypeError(f"When() got unexpected parts {sorted(unknown)}")
            self.__dict__.update(parts)

    @property
    def recurring(self) -> bool:
        return bool(self.freq or self.interval is not None or self.weekdays is not None
                    or self.cron is not None or self.monthdays is not None
                    or self.nth is not None)

    @property
    def has_time(self) -> bool:
        return bool(self.tods or self.part or self.date or self.span or self.recurring
                    or self.starting or self.per_week)

    def merge(self, other: When) -> None:
        """Take every part `other` named that this one lacks."""
        if other.tods:
            mine = self.tods
            self.tods = mine + [t for t in other.tods if t not in mine] if mine else other.tods[:]
        if other.every > self.every:
            self.every = other.every
        self.chunks += other.chunks
        if self.date is not None and other.date is not None:
            self.end_of_day_on(other.date)
        for name, theirs in other.__dict__.items():
            if theirs is not None and name not in _NOT_PLAIN and getattr(self, name) is None:
                setattr(self, name, theirs)

    def end_of_day_on(self, other: DateRef) -> bool:
        """`tomorrow eod`, `eod Friday`: the other date at 17:00 (eod's time); False if not."""
        assert self.date is not None
        kinds = {self.date.kind, other.kind}
        if "eod" not in kinds or kinds <= _END_OF:
            return False
        self.date = other if self.date.kind == "eod" else self.date
        if not self.tods:
            self.tods = [Tod(17)]
        return True


_END_OF = frozenset({"eod", "eow", "eom"})
_FIELDS = frozenset(f.name for f in fields(When))
_NOT_PLAIN = frozenset({"tods", "every", "chunks"})
