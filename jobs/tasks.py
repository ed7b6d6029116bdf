"""RQ job functions: thin, primitive arguments (ids, ISO instants), each calls one service."""

from __future__ import annotations

from datetime import UTC, datetime

from core.ids import ScheduleId
from core.occurrences import Occurrence
from jobs import worker_services


def deliver_due(instant: str) -> int:
    """Wake-up for the second `instant`: deliver every occurrence due now; returns how many.

    The argument only names the job's second; what is due is read from SQL at run time.
    """
    return worker_services.run(lambda: worker_services.services().deliver_due())


def deliver(schedule_id: int, instant: str, attempt: int = 0) -> None:
    """Deliver one occurrence (a retry, or a dead worker's claim); instant is ISO 8601."""
    occurrence = Occurrence(
        ScheduleId(schedule_id), datetime.fromisoformat(instant).astimezone(UTC)
    )
    worker_services.run(lambda: worker_services.services().deliver(occurrence, attempt=attempt))


def reconcile() -> int:
    """Re-queue every due-soon occurrence and stale claim that Redis lacks; returns how many."""
    return worker_services.run(lambda: worker_services.services().reconcile())
