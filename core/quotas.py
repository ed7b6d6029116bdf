"""Quotas: how much one person or one channel may schedule, and how often they may ask.

The values come from settings (NUDGE_MAX_ACTIVE_PER_PERSON and friends, see README);
the command rate is counted by a CommandRate port (Redis in production).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Protocol

from core.i18n import _
from core.ids import UserRef
from core.recurrence import next_instants
from core.recurrence.rules import Interval, Recurrence

_SAMPLE: Final = 50  # instants looked at to find a schedule's shortest gap


@dataclass(frozen=True)
class Quotas:
    active_per_person: int = 200
    active_per_channel: int = 100
    commands_per_minute: int = 30
    channel_min_interval: timedelta = timedelta(minutes=15)


class CommandRate(Protocol):
    async def allow(self, user: UserRef, *, now: datetime, per_minute: int) -> bool:
        """Count one command of `user` at `now`; False when over `per_minute` (a burst of
        that many, refilled evenly over the minute)."""
        ...


def shortest_gap(recurrence: Recurrence, now: datetime) -> timedelta | None:
    """The shortest time between two occurrences coming up; None for a one-shot."""
    if isinstance(recurrence.rule, Interval):
        return recurrence.rule.every
    instants = next_instants(recurrence, now, _SAMPLE)
    gaps = [later - earlier for earlier, later in zip(instants, instants[1:], strict=False)]
    return min(gaps, default=None)


def minutes(span: timedelta) -> str:
    """'15 minutes', '1 hour', '2 hours' for a refusal."""
    if span < timedelta(minutes=1):
        return _("{n} seconds", n=int(span.total_seconds()))
    total = int(span.total_seconds() // 60)
    if total % 60 == 0:
        hours = total // 60
        return _("1 hour") if hours == 1 else _("{n} hours", n=hours)
    return _("1 minute") if total == 1 else _("{n} minutes", n=total)
