"""Schedule: something that happens at times (who, where, when, state), apart from what it does.

What a schedule does when due is its kind: a small payload (core.kinds) and one handler. The
engine (due sweep, claims, retries, reconcile) knows schedules and never looks inside a payload.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from core.ids import ChatRef, ScheduleId, UserRef
from core.recurrence.rules import Recurrence


class State(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"  # a one-shot that was delivered, or a series that ran out
    CANCELLED = "cancelled"
    INACTIVE = "inactive"  # the target chat is gone (bot blocked or removed)


LIVE = (State.ACTIVE, State.PAUSED)


@dataclass(frozen=True)
class Schedule:
    """One scheduled thing. `number` is the short id its owner types ("cancel 2").

    `payload` is the kind's own frozen dataclass (core.kinds); `skipped` holds occurrences
    the owner chose to skip, which the due sweep passes over without sending.
    """

    owner: UserRef
    chat: ChatRef
    kind: str
    payload: Any
    recurrence: Recurrence
    next_at: datetime | None
    state: State = State.ACTIVE
    number: int = 0
    id: ScheduleId | None = None
    skipped: frozenset[datetime] = frozenset()
    created_at: datetime | None = None

    @property
    def is_live(self) -> bool:
        return self.state in LIVE

    def advanced(self, next_at: datetime | None) -> Schedule:
        """After an occurrence: the next instant, or done when the series has no more."""
        if next_at is None:
            return replace(self, state=State.DONE, next_at=None)
        return replace(self, next_at=next_at)
