"""Reminder: the view of a reminder or channel-post schedule that their use cases work with.

Reminders and posts are schedules of the kinds "reminder" and "post" (core.kinds.messages);
this view names their payload's fields, so their use cases read as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from core.ids import ChatRef, ScheduleId, UserRef
from core.occurrences import Occurrence
from core.recurrence.rules import Recurrence
from core.schedules import Schedule, State

if TYPE_CHECKING:
    from core.ports import ScheduleRepository

__all__ = ["Kind", "Reminder", "ReminderBook", "State", "TextPayload"]


class Kind(StrEnum):
    REMINDER = "reminder"
    POST = "post"


KINDS: Final = frozenset(k.value for k in Kind)


@dataclass(frozen=True)
class TextPayload:
    """What a reminder or a channel post sends: the text as typed, to a target as written."""

    text: str
    target: str  # "me", "@maria", "#team"


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

    @classmethod
    def of(cls, schedule: Schedule) -> Reminder:
        payload: TextPayload = schedule.payload
        return cls(owner=schedule.owner, chat=schedule.chat, target=payload.target,
                   what=payload.text, recurrence=schedule.recurrence, next_at=schedule.next_at,
                   state=schedule.state, kind=Kind(schedule.kind), number=schedule.number,
                   schedule_id=schedule.id, created_at=schedule.created_at)

    def as_schedule(self) -> Schedule:
        return Schedule(owner=self.owner, chat=self.chat, kind=self.kind.value,
                        payload=TextPayload(self.what, self.target), recurrence=self.recurrence,
                        next_at=self.next_at, state=self.state, number=self.number,
                        id=self.schedule_id, created_at=self.created_at)

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


def _reminders(schedules: Sequence[Schedule]) -> list[Reminder]:
    return [Reminder.of(s) for s in schedules if s.kind in KINDS]


class ReminderBook:
    """core.ports.ReminderRepository over the schedule repository: reminders and posts only."""

    def __init__(self, schedules: ScheduleRepository) -> None:
        self._schedules = schedules

    async def add(self, reminder: Reminder) -> Reminder:
        return Reminder.of(await self._schedules.add(reminder.as_schedule()))

    async def get(self, owner: UserRef, number: int) -> Reminder | None:
        found = await self._schedules.by_number(owner, number)
        return Reminder.of(found) if found and found.kind in KINDS else None

    async def get_by_schedule(self, schedule_id: ScheduleId) -> Reminder | None:
        found = await self._schedules.get(schedule_id)
        return Reminder.of(found) if found and found.kind in KINDS else None

    async def list_for(self, owner: UserRef, *, live_only: bool = True) -> list[Reminder]:
        return _reminders(await self._schedules.list_for(owner, kinds=KINDS,
                                                         live_only=live_only))

    async def save(self, reminder: Reminder) -> None:
        await self._schedules.save(reminder.as_schedule())

    async def due(self, until: datetime, *, limit: int = 10_000) -> list[Reminder]:
        return _reminders(await self._schedules.due(until, limit=limit))

    async def claimable(self, until: datetime, *, limit: int) -> list[Reminder]:
        return _reminders(await self._schedules.claimable(until, limit=limit))

    async def due_occurrences(self, until: datetime) -> list[Occurrence]:
        return await self._schedules.due_occurrences(until)

    async def save_many(self, reminders: Sequence[Reminder]) -> None:
        await self._schedules.save_many([r.as_schedule() for r in reminders])

    async def last_delivered(self, owner: UserRef) -> Reminder | None:
        found = await self._schedules.last_delivered(owner, kinds=KINDS)
        return Reminder.of(found) if found else None

    async def deactivate_chat(self, chat: ChatRef) -> int:
        return await self._schedules.deactivate_chat(chat)

    async def move_chat(self, old: ChatRef, new: ChatRef) -> int:
        return await self._schedules.move_chat(old, new)
