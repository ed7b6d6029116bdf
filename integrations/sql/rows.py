"""Row <-> entity conversion, explicit: entities stay plain dataclasses."""

from __future__ import annotations

import json
from typing import Any, Final

from sqlalchemy import ColumnElement, RowMapping, Select, select

from core.ids import ChatRef, Platform, ScheduleId, Tenant, UserRef
from core.occurrences import Delivery, DeliveryState, Occurrence
from core.people import Person
from core.recurrence.codec import rule_from_dict, rule_to_dict
from core.recurrence.rules import Recurrence
from core.reminders import Kind, Reminder, State
from integrations.sql.tables import chats, deliveries, identities, reminders, schedules

_owners: Final = identities.alias("owners")


def select_reminders() -> Select[Any]:
    """Reminders joined with their schedule, owner and chat, labelled for `to_reminder`."""
    return (
        select(
            reminders.c.number, reminders.c.target, reminders.c.what, reminders.c.kind,
            reminders.c.created_at, reminders.c.schedule_id,
            schedules.c.rule, schedules.c.zone, schedules.c.start, schedules.c.until,
            schedules.c.count, schedules.c.next_at, schedules.c.state,
            _owners.c.platform, _owners.c.workspace, _owners.c.user_id,
            chats.c.chat_id.label("chat"),
        )
        .select_from(reminders)
        .join(schedules, schedules.c.id == reminders.c.schedule_id)
        .join(_owners, _owners.c.id == reminders.c.owner_id)
        .join(chats, chats.c.id == reminders.c.chat_id)
    )


def owner_matches(user: UserRef) -> ColumnElement[bool]:
    """A WHERE clause for `select_reminders` keeping only `user`'s reminders."""
    return (
        (_owners.c.platform == user.tenant.platform.value)
        & (_owners.c.workspace == user.tenant.workspace)
        & (_owners.c.user_id == user.user_id)
    )


def to_reminder(row: RowMapping) -> Reminder:
    tenant = Tenant(Platform(row["platform"]), row["workspace"])
    return Reminder(
        owner=UserRef(tenant, row["user_id"]),
        chat=ChatRef(tenant, row["chat"]),
        target=row["target"],
        what=row["what"],
        recurrence=to_recurrence(row),
        next_at=row["next_at"],
        state=State(row["state"]),
        kind=Kind(row["kind"]),
        number=row["number"],
        schedule_id=ScheduleId(row["schedule_id"]),
        created_at=row["created_at"],
    )


def to_recurrence(row: RowMapping) -> Recurrence:
    return Recurrence(
        rule=rule_from_dict(json.loads(row["rule"])),
        zone=row["zone"],
        start=row["start"],
        until=row["until"],
        count=row["count"],
    )


def schedule_values(reminder: Reminder) -> dict[str, object]:
    """The schedules row's values for `reminder` (its rule, bounds, next instant and state)."""
    rec = reminder.recurrence
    return {
        "rule": json.dumps(rule_to_dict(rec.rule), separators=(",", ":")),
        "zone": rec.zone,
        "start": rec.start,
        "until": rec.until,
        "count": rec.count,
        "next_at": reminder.next_at,
        "state": reminder.state.value,
    }


def tenant_values(tenant: Tenant) -> dict[str, object]:
    return {"platform": tenant.platform.value, "workspace": tenant.workspace}


def to_person(row: RowMapping) -> Person:
    user = UserRef(Tenant(Platform(row["platform"]), row["workspace"]), row["user_id"])
    return Person(user=user, zone=row["zone"], display_name=row["display_name"])


def person_values(person: Person) -> dict[str, object]:
    return {
        **tenant_values(person.user.tenant),
        "user_id": person.user.user_id,
        "zone": person.zone,
        "display_name": person.display_name,
    }


def to_delivery(row: RowMapping) -> Delivery:
    return Delivery(
        occurrence=Occurrence(ScheduleId(row["schedule_id"]), row["instant"]),
        state=DeliveryState(row["state"]),
        claimed_at=row["claimed_at"],
        sent_at=row["sent_at"],
        late_seconds=row["late_seconds"],
        message_id=row["message_id"],
        attempts=row.get("attempts", 0),
    )


def occurrence_matches(occurrence: Occurrence) -> ColumnElement[bool]:
    """A WHERE clause for the deliveries row of `occurrence`."""
    return (deliveries.c.schedule_id == occurrence.schedule_id) & (
        deliveries.c.instant == occurrence.instant
    )
