"""Occurrence = (schedule id, instant), and the misfire policy for late ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from core.ids import ScheduleId

GRACE_WINDOW: Final = timedelta(minutes=10)


@dataclass(frozen=True)
class Occurrence:
    schedule_id: ScheduleId
    instant: datetime  # aware, UTC

    @property
    def key(self) -> str:
        """Stable text id, used for job ids: 'deliver:12:1772708400'."""
        return f"deliver:{self.schedule_id}:{int(self.instant.timestamp())}"


class DeliveryState(StrEnum):
    CLAIMED = "claimed"
    SENT = "sent"
    SKIPPED = "skipped"  # too late, past its grace window
    FAILED = "failed"


@dataclass(frozen=True)
class Delivery:
    occurrence: Occurrence
    state: DeliveryState
    claimed_at: datetime
    sent_at: datetime | None = None
    late_seconds: float = 0.0
    message_id: str | None = None


def lateness(instant: datetime, now: datetime) -> timedelta:
    return max(now - instant, timedelta(0))


def is_within_grace(instant: datetime, now: datetime, grace: timedelta = GRACE_WINDOW) -> bool:
    return lateness(instant, now) <= grace
