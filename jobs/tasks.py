"""RQ job functions: thin, primitive arguments (ids, ISO instants), each calls one service."""

from __future__ import annotations

from datetime import UTC, datetime

from core.ids import ScheduleId
from core.occurrences import Occurrence
from jobs import context


def deliver(schedule_id: int, instant: str) -> None:
    """Deliver the occurrence (schedule_id, instant); instant is ISO 8601 with an offset."""
    occurrence = Occurrence(
        ScheduleId(schedule_id), datetime.fromisoformat(instant).astimezone(UTC)
    )
    context.run(lambda: context.services().deliver(occurrence))


def reconcile() -> int:
    """Re-queue every due-soon occurrence that Redis lacks; returns how many."""
    return context.run(lambda: context.services().reconcile())
