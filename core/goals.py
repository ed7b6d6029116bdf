"""Goal: a target amount by a deadline; progress entries and the pace they make (pure).

A goal is a schedule of the kind "goal" (core.kinds.goals) whose instants are the mornings
around its deadline: 7 days and 1 day before, and the day after (the final tally).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from core.i18n import N_, _

REMIND_DAYS_BEFORE: Final = (7, 1)
UNDO_WINDOW: Final = timedelta(minutes=10)
MAX_TARGET: Final = 1_000_000_000.0  # more than this is a typo, not a goal
NEAR: Final = 0.05  # within 5 points of the time elapsed counts as on track


@dataclass(frozen=True)
class GoalPayload:
    """The goal kind's payload. `unit` is None for a plain count ("read 12")."""

    name: str
    target: float
    unit: str | None
    deadline: date | None
    started: date


@dataclass(frozen=True)
class ProgressEntry:
    id: int
    amount: float
    at: datetime


def amount_text(value: float) -> str:
    """'42', '2.5': numbers as people write them."""
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.3g}"


def with_unit(value: float, unit: str | None) -> str:
    return f"{amount_text(value)} {unit}" if unit else amount_text(value)


def total(entries: Sequence[ProgressEntry]) -> float:
    return sum(e.amount for e in entries)


def time_left(goal: GoalPayload, today: date) -> float | None:
    """The share of the goal's time still ahead (0..1), or None without a deadline."""
    if goal.deadline is None:
        return None
    whole = (goal.deadline - goal.started).days + 1
    left = (goal.deadline - today).days + 1
    return min(max(left / whole, 0.0), 1.0) if whole > 0 else 0.0


def pace(goal: GoalPayload, done: float, today: date) -> str:
    """'on track', 'ahead', 'behind' (or 'reached'), as the share done meets the time gone."""
    if done >= goal.target:
        return "reached"
    left = time_left(goal, today)
    if left is None:
        return "no deadline"
    share, elapsed = done / goal.target, 1 - left
    if share >= elapsed + NEAR:
        return "ahead"
    return "on track" if share >= elapsed - NEAR else "behind"


def summary(goal: GoalPayload, done: float, today: date) -> str:
    """'42 of 100 km, 58% of the time left: on track'."""
    of = _("{done} of {target}", done=amount_text(done), target=with_unit(goal.target, goal.unit))
    left = time_left(goal, today)
    if done >= goal.target:
        return _("{progress}: reached", progress=of)
    if left is None:
        return f"{of} ({percent(done, goal.target)})"
    return _("{progress}, {left}% of the time left: {pace}", progress=of,
             left=round(left * 100), pace=_(_PACES[pace(goal, done, today)]))


_PACES = {"reached": N_("reached"), "no deadline": N_("no deadline"), "ahead": N_("ahead"),
          "on track": N_("on track"), "behind": N_("behind")}


def percent(done: float, target: float) -> str:
    return f"{min(done / target, 9.99) * 100:.0f}%"


def days_left(goal: GoalPayload, today: date) -> int | None:
    return None if goal.deadline is None else (goal.deadline - today).days
