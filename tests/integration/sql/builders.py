"""Reminders and people to store in the SQL tests."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from core.ids import ChatRef, Platform, Tenant, UserRef
from core.recurrence.rules import Daily, Once, Recurrence
from core.reminders import Reminder

ACME = Tenant(Platform.SLACK, "T-ACME")
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
ANA = UserRef(ACME, "U-ANA")
BEN = UserRef(ACME, "U-BEN")
ANA_DM = ChatRef(ACME, "D-ANA")
TEAM = ChatRef(ACME, "C-TEAM")


def a_reminder(
    owner: UserRef = ANA, *, chat: ChatRef = ANA_DM, what: str = "stretch",
    next_at: datetime | None = T0 + timedelta(hours=1), daily: bool = False,
) -> Reminder:
    rule = Daily(times=(time(9, 0),)) if daily else Once(at=next_at or T0)
    return Reminder(
        owner=owner, chat=chat, target="me", what=what,
        recurrence=Recurrence(rule=rule, zone="Europe/Lisbon", start=T0),
        next_at=next_at,
    )
