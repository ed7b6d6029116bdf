"""What every kind of schedule provides: its payload's codec and what to do when it is due."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from core.occurrences import Occurrence
from core.replies import Reply
from core.schedules import Schedule

if TYPE_CHECKING:
    from core.services.deps import Deps


@dataclass(frozen=True)
class Due:
    """An occurrence a worker holds the claim of, with how late it is going out."""

    schedule: Schedule
    occurrence: Occurrence
    late_by: float  # seconds
    language: str | None = None  # the owner's `language` setting, read once per batch


class KindHandler(Protocol):
    """One kind of schedule. The engine calls `when_due` for each claimed occurrence."""

    name: str

    def load(self, data: Mapping[str, Any]) -> Any:
        """The payload from its stored JSON object."""
        ...

    def dump(self, payload: Any) -> dict[str, Any]:
        """The payload as a JSON object to store."""
        ...

    def title(self, schedule: Schedule) -> str:
        """How a person names it in one line: 'Reminder 3: stretch'."""
        ...

    async def when_due(self, deps: Deps, due: Due) -> Reply | None:
        """What to send to the schedule's chat, or None when there is nothing to send."""
        ...
