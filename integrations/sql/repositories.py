"""Sql*Repository classes: core.ports' repositories over one AsyncSession."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Final

from sqlalchemy import CursorResult, Insert, Table, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from core.ids import ChatRef, ScheduleId, UserRef
from core.occurrences import Delivery, DeliveryState, Occurrence
from core.people import Person
from core.reminders import Reminder, State
from integrations.sql import rows
from integrations.sql.tables import chats, deliveries, identities, reminders, schedules

logger = logging.getLogger(__name__)

LIVE_STATES: Final = (State.ACTIVE.value, State.PAUSED.value)


class _Repository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _insert(self, table: Table) -> sqlite.Insert | postgresql.Insert:
        """An INSERT with ON CONFLICT support; both backends speak the same clause."""
        if self._session.get_bind().dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    async def _write(self, statement: Any) -> int:
        """Run an INSERT/UPDATE and return the number of rows it changed."""
        result: CursorResult[Any] = await self._session.execute(statement)  # type: ignore[assignment]
        return result.rowcount


class SqlReminderRepository(_Repository):
    async def add(self, reminder: Reminder) -> Reminder:
        owner_id = await self._lock_identity(reminder.owner)
        chat_id = await self._chat_id(reminder.chat)
        created = {"created_at": reminder.created_at} if reminder.created_at else {}
        result = await self._session.execute(
            schedules.insert().values(**rows.schedule_values(reminder), **created)
        )
        schedule_id = ScheduleId(result.inserted_primary_key[0])  # type: ignore[attr-defined]
        await self._session.execute(reminders.insert().values(
            schedule_id=schedule_id, owner_id=owner_id, chat_id=chat_id,
            target=reminder.target, what=reminder.what, kind=reminder.kind.value,
            number=await self._next_number(owner_id), **created,
        ))
        stored = await self.get_by_schedule(schedule_id)
        assert stored is not None  # just inserted in this transaction
        return stored

    async def get(self, owner: UserRef, number: int) -> Reminder | None:
        query = rows.select_reminders().where(rows.owner_matches(owner),
                                              reminders.c.number == number)
        return await self._one(query)

    async def get_by_schedule(self, schedule_id: ScheduleId) -> Reminder | None:
        return await self._one(rows.select_reminders().where(schedules.c.id == schedule_id))

    async def list_for(self, owner: UserRef, *, live_only: bool = True) -> list[Reminder]:
        query = rows.select_reminders().where(rows.owner_matches(owner))
        if live_only:
            query = query.where(schedules.c.state.in_(LIVE_STATES))
        return await self._all(query.order_by(reminders.c.number))

    async def save(self, reminder: Reminder) -> None:
        if reminder.schedule_id is None:
            raise ValueError("only a stored reminder (with a schedule_id) can be saved")
        statement = (update(schedules).where(schedules.c.id == reminder.schedule_id)
                     .values(**rows.schedule_values(reminder)))
        if await self._write(statement) != 1:
            raise LookupError(f"no schedule {reminder.schedule_id}")

    async def due(self, until: datetime, *, limit: int = 10_000) -> list[Reminder]:
        query = (
            rows.select_reminders()
            .where(schedules.c.state == State.ACTIVE.value, schedules.c.next_at <= until)
            .order_by(schedules.c.next_at, schedules.c.id)
            .limit(limit)
        )
        return await self._all(query)

    async def last_delivered(self, owner: UserRef) -> Reminder | None:
        query = (
            rows.select_reminders()
            .join(deliveries, deliveries.c.schedule_id == schedules.c.id)
            .where(rows.owner_matches(owner), deliveries.c.state == DeliveryState.SENT.value)
            .order_by(deliveries.c.sent_at.desc(), deliveries.c.instant.desc())
            .limit(1)
        )
        return await self._one(query)

    async def deactivate_chat(self, chat: ChatRef) -> int:
        chat_ids = select(chats.c.id).where(*_chat_matches(chat))
        await self._session.execute(update(chats).where(*_chat_matches(chat)).values(active=False))
        statement = (
            update(schedules)
            .where(schedules.c.id.in_(
                select(reminders.c.schedule_id).where(reminders.c.chat_id.in_(chat_ids))))
            .where(schedules.c.state.in_(LIVE_STATES))
            .values(state=State.INACTIVE.value)
        )
        return await self._write(statement)

    async def _one(self, query: Any) -> Reminder | None:
        row = (await self._session.execute(query)).mappings().one_or_none()
        return rows.to_reminder(row) if row else None

    async def _all(self, query: Any) -> list[Reminder]:
        return [rows.to_reminder(r) for r in (await self._session.execute(query)).mappings()]

    async def _lock_identity(self, user: UserRef) -> int:
        """The owner's identity id, created if missing and row-locked until commit."""
        # The lock serialises concurrent adds for one owner on PostgreSQL, so max+1 below
        # cannot hand out a number twice (SQLite's BEGIN IMMEDIATE already serialises).
        await self._session.execute(_ignore_duplicate(
            self._insert(identities).values(**rows.tenant_values(user.tenant),
                                            user_id=user.user_id)))
        query = (select(identities.c.id).where(*_identity_matches(user)).with_for_update())
        return int((await self._session.execute(query)).scalar_one())

    async def _chat_id(self, chat: ChatRef) -> int:
        await self._session.execute(_ignore_duplicate(
            self._insert(chats).values(**rows.tenant_values(chat.tenant), chat_id=chat.chat_id)))
        query = select(chats.c.id).where(*_chat_matches(chat))
        return int((await self._session.execute(query)).scalar_one())

    async def _next_number(self, owner_id: int) -> int:
        # Rows are never deleted, so max+1 never reuses a number the owner has seen.
        query = select(func.coalesce(func.max(reminders.c.number), 0) + 1).where(
            reminders.c.owner_id == owner_id)
        return int((await self._session.execute(query)).scalar_one())


class SqlDeliveryRepository(_Repository):
    async def claim(self, occurrence: Occurrence, *, now: datetime) -> bool:
        # ON CONFLICT DO NOTHING instead of catching IntegrityError: a failed INSERT would
        # abort a PostgreSQL transaction, and this one must stay usable when we lose.
        statement = self._insert(deliveries).values(
            schedule_id=occurrence.schedule_id, instant=occurrence.instant,
            state=DeliveryState.CLAIMED.value, claimed_at=now,
        ).on_conflict_do_nothing(index_elements=["schedule_id", "instant"])
        return await self._write(statement) == 1

    async def complete(
        self, occurrence: Occurrence, *, now: datetime, message_id: str | None, late_seconds: float
    ) -> None:
        statement = update(deliveries).where(rows.occurrence_matches(occurrence)).values(
            state=DeliveryState.SENT.value, sent_at=now, message_id=message_id,
            late_seconds=late_seconds,
        )
        if await self._write(statement) != 1:
            raise LookupError(f"{occurrence.key} was never claimed")

    async def release(self, occurrence: Occurrence) -> None:
        # Only a claim is dropped: a sent row is the record that stops a second send.
        await self._session.execute(delete(deliveries).where(
            rows.occurrence_matches(occurrence),
            deliveries.c.state == DeliveryState.CLAIMED.value,
        ))

    async def skip(self, occurrence: Occurrence, *, now: datetime) -> None:
        # Claimed or not, it ends up skipped; a row already sent is left as it is.
        insert = self._insert(deliveries).values(
            schedule_id=occurrence.schedule_id, instant=occurrence.instant,
            state=DeliveryState.SKIPPED.value, claimed_at=now,
        )
        statement = insert.on_conflict_do_update(
            index_elements=["schedule_id", "instant"],
            set_={"state": DeliveryState.SKIPPED.value},
            where=deliveries.c.state == DeliveryState.CLAIMED.value,
        )
        await self._session.execute(statement)

    async def for_schedule(self, schedule_id: ScheduleId) -> list[Delivery]:
        query = (select(deliveries).where(deliveries.c.schedule_id == schedule_id)
                 .order_by(deliveries.c.instant))
        return [rows.to_delivery(r) for r in (await self._session.execute(query)).mappings()]


class SqlPersonRepository(_Repository):
    async def get(self, user: UserRef) -> Person | None:
        query = select(identities).where(*_identity_matches(user))
        row = (await self._session.execute(query)).mappings().one_or_none()
        return rows.to_person(row) if row else None

    async def save(self, person: Person) -> None:
        insert = self._insert(identities).values(**rows.person_values(person))
        await self._session.execute(insert.on_conflict_do_update(
            index_elements=["platform", "workspace", "user_id"],
            set_={"zone": person.zone, "display_name": person.display_name},
        ))


def _ignore_duplicate(insert: sqlite.Insert | postgresql.Insert) -> Insert:
    """The INSERT, doing nothing when the row's natural key exists already."""
    key = [c for c in insert.table.c if c.name in ("platform", "workspace", "user_id", "chat_id")]
    return insert.on_conflict_do_nothing(index_elements=key)


def _identity_matches(user: UserRef) -> tuple[Any, ...]:
    return (identities.c.platform == user.tenant.platform.value,
            identities.c.workspace == user.tenant.workspace,
            identities.c.user_id == user.user_id)


def _chat_matches(chat: ChatRef) -> tuple[Any, ...]:
    return (chats.c.platform == chat.tenant.platform.value,
            chats.c.workspace == chat.tenant.workspace,
            chats.c.chat_id == chat.chat_id)
