"""Row <-> entity conversion, explicit: entities stay plain dataclasses."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import ColumnElement, RowMapping, Select, select

from core.ids import ChatRef, Platform, ScheduleId, Tenant, UserRef
from core.kinds.registry import dump_payload, load_payload
from core.occurrences import Delivery, DeliveryState, Occurrence
from core.people import Person
from core.recurrence.codec import rule_from_dict, rule_to_dict
from core.recurrence.rules import Recurrence
from core.schedules import Schedule, State
from integrations.sql.tables import chats, deliveries, identities, schedules

_owners: Final = identities.alias("owners")


def select_schedules() -> Select[Any]:
    """Schedules joined with their owner and chat, labelled for `to_schedule`."""
    return (
        select(
            schedules.c.id, schedules.c.kind, schedules.c.number, schedules.c.payload,
            schedules.c.rule, schedules.c.zone, schedules.c.start, schedules.c.until,
            schedules.c.count, schedules.c.next_at, schedules.c.state, schedules.c.skipped,
            schedules.c.created_at,
            _owners.c.platform, _owners.c.workspace, _owners.c.user_id,
            chats.c.chat_id.label("chat"),
        )
        .select_from(schedules)
        .join(_owners, _owners.c.id == schedules.c.owner_id)
        .join(chats, chats.c.id == schedules.c.chat_id)
    )


def owner_matches(user: UserRef) -> ColumnElement[bool]:
    """A WHERE clause for `select_schedules` keeping only `user`'s schedules."""
    return (
        (_owners.c.platform == user.tenant.platform.value)
        & (_owners.c.workspace == user.tenant.workspace)
        & (_owners.c.user_id == user.user_id)
    )


def to_schedule(row: RowMapping) -> Schedule:
    tenant = Tenant(Platform(row["platform"]), row["workspace"])
    return Schedule(
        owner=UserRef(tenant, row["user_id"]),
        chat=ChatRef(tenant, row["chat"]),
        kind=row["kind"],
        payload=load_payload(row["kind"], row["payload"]),
        recurrence=to_recurrence(row),
        next_at=row["next_at"],
        state=State(row["state"]),
        number=row["number"],
        id=ScheduleId(row["id"]),
        skipped=_instants(row["skipped"]),
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


def schedule_values(schedule: Schedule) -> dict[str, object]:
    """The schedules row's values that a save may change (all but owner, chat and number)."""
    rec = schedule.recurrence
    return {
        "payload": dump_payload(schedule.kind, schedule.payload),
        "rule": json.dumps(rule_to_dict(rec.rule), separators=(",", ":")),
        "zone": rec.zone,
        "start": rec.start,
        "until": rec.until,
        "count": rec.count,
        "next_at": schedule.next_at,
        "state": schedule.state.value,
        "skipped": _instants_json(schedule.skipped),
    }


def _instants(text: str | None) -> frozenset[datetime]:
    if not text:
        return frozenset()
    return frozenset(datetime.fromtimestamp(second, UTC) for second in json.loads(text))


def _instants_json(instants: frozenset[datetime]) -> str | None:
    return json.dumps(sorted(int(i.timestamp()) for i in instants)) if instants else None


def tenant_values(tenant: Tenant) -> dict[str, object]:
    return {"platform": tenant.platform.value, "workspace": tenant.workspace}


def to_person(row: RowMapping) -> Person:
    user = UserRef(Tenant(Platform(row["platform"]), row["workspace"]), row["user_id"])
    return Person(user=user, zone=row["zone"], display_name=row["display_name"],
                  language=row["language"])


def person_values(person: Person) -> dict[str, object]:
    return {
        **tenant_values(person.user.tenant),
        "user_id": person.user.user_id,
        "zone": person.zone,
        "display_name": person.display_name,
        "language": person.language,
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
