"""Reminder: a task text, where it goes, its recurrence, and its state changes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from core.ids import ChatRef, ScheduleId, UserRef
from core.recurrence.rules import Recurrence


class State(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"  # a one-shot that was delivered, or a series that ran out
    CANCELLED = "cancelled"
    INACTIVE = "inactive"  # the target chat is gone (bot blocked or removed)


class Kind(StrEnum):
    REMINDER = "reminder"
    POST = "post"


@dataclass(frozen=True)
class Reminder:
    """A scheduled message. `number` is the short id its owner types ("cancel 2")."""

    owner: UserRef
    chat: ChatRef
    target: str  # as the person wrote it: "me", "@maria", "#team"
    what: str
    recurrence: Recurrence
    next_at: datetime | None
    state: State = State.ACTIVE
    kind: Kind = Kind.REMINDER
    number: int = 0
    schedule_id: ScheduleId | None = None
    created_at: datetime | None = None

    @property
    def is_live(self) -> bool:
        return self.state in (State.ACTIVE, State.PAUSED)

    def cancelled(self) -> Reminder:
        return replace(self, state=State.CANCELLED, next_at=None)

    def paused(self) -> Reminder:
        return replace(self, state=State.PAUSED)

    def resumed(self, next_at: datetime | None) -> Reminder:
        return replace(self, state=State.ACTIVE if next_at else State.DONE, next_at=next_at)

    def advanced(self, next_at: datetime | None) -> Reminder:
        """After a delivery: the next instant, or done when the series has no more."""
        if next_at is None:
            return replace(self, state=State.DONE, next_at=None)
        return replace(self, next_at=next_at)
