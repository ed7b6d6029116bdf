"""What a worker holds while it sends (a claimed occurrence) and what a pass did (a report)."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.occurrences import Occurrence
from core.schedules import Schedule


@dataclass(frozen=True)
class Claimed:
    """An occurrence this worker holds the claim of, ready to send."""

    schedule: Schedule
    occurrence: Occurrence
    attempts: int  # failed attempts before this one
    late_by: float  # seconds
    # Taken over from a failed or dead worker: its last attempt may have reached the chat.
    in_doubt: bool = False


@dataclass
class Report:
    """What a delivery pass did; `windows` are the unclosable windows it measured."""

    sent: int = 0
    skipped: int = 0
    retrying: int = 0
    gone: int = 0
    exhausted: list[Occurrence] = field(default_factory=list)
    # Seconds from the platform's accept to our commit of that send, one per send: a crash
    # inside this window is the one case that can post an occurrence twice.
    windows: list[float] = field(default_factory=list)

    def add(self, other: Report) -> None:
        self.sent += other.sent
        self.skipped += other.skipped
        self.retrying += other.retrying
        self.gone += other.gone
        self.exhausted += other.exhausted
        self.windows += other.windows


