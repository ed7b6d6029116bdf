"""The reminder and channel-post kinds: send the text, with Done and Snooze buttons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from core.i18n import using
from core.kinds.base import Due
from core.reminders import Kind, Reminder, TextPayload
from core.replies import Reply
from core.schedules import Schedule
from core.services import wording

if TYPE_CHECKING:
    from core.services.deps import Deps


class TextKind:
    """A reminder or a post: the same payload, worded differently when delivered."""

    def __init__(self, kind: Kind) -> None:
        self.name = kind.value

    def load(self, data: Mapping[str, Any]) -> TextPayload:
        return TextPayload(text=data["text"], target=data["target"])

    def dump(self, payload: TextPayload) -> dict[str, Any]:
        return {"text": payload.text, "target": payload.target}

    def title(self, schedule: Schedule) -> str:
        return wording.title(Reminder.of(schedule))

    async def when_due(self, deps: Deps, due: Due) -> Reply | None:
        late = due.late_by > deps.grace.total_seconds()
        with using(due.language):  # the owner's setting words the buttons
            return wording.delivered(Reminder.of(due.schedule), late_by=due.late_by,
                                     due_at=due.occurrence.instant if late else None)


REMINDER = TextKind(Kind.REMINDER)
POST = TextKind(Kind.POST)
