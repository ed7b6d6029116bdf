"""Occurrence = (schedule id, instant), its delivery record, and the misfire and lease policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from core.ids import ScheduleId

GRACE_WINDOW: Final = timedelta(minutes=10)  # later than this, a message says it is late
LATE_LIMIT: Final = timedelta(hours=12)  # later than this, the owner hears what was missed
# A claim this old that never completed belongs to a worker that died: another may take it
# over. A live worker renews its claims every LEASE / 4 while it sends (core.services.sends),
# however long a rate limit makes it wait, so only a dead one's claims age past this.
LEASE: Final = timedelta(seconds=20)


@dataclass(frozen=True)
class Occurrence:
    schedule_id: ScheduleId
    instant: datetime  # aware, UTC

    @property
    def key(self) -> str:
        """Stable text id, used in job ids and logs: 'deliver:12:1772708400'."""
        return f"deliver:{self.schedule_id}:{int(self.instant.timestamp())}"


class DeliveryState(StrEnum):
    CLAIMED = "claimed"  # a worker is sending it (or died doing so: see LEASE)
    SENT = "sent"
    SKIPPED = "skipped"  # the owner skipped it, or its chat is gone
    RETRYING = "retrying"  # a transient failure; a retry job will take it over
    FAILED = "failed"  # retries exhausted; its job waits in RQ's failed registry


@dataclass(frozen=True)
class Delivery:
    occurrence: Occurrence
    state: DeliveryState
    claimed_at: datetime
    sent_at: datetime | None = None
    late_seconds: float = 0.0
    message_id: str | None = None
    attempts: int = 0  # failed attempts so far


@dataclass(frozen=True)
class Sent:
    """A send the platform accepted, to be recorded as its delivery's completion."""

    occurrence: Occurrence
    sent_at: datetime
    message_id: str | None
    late_seconds: float


def lateness(instant: datetime, now: datetime) -> timedelta:
    return max(now - instant, timedelta(0))


def is_within_grace(instant: datetime, now: datetime, grace: timedelta = GRACE_WINDOW) -> bool:
    return lateness(instant, now) <= grace
