"""Sql*Repository classes: core.ports' repositories over one AsyncSession.

The schedule and person repositories live here; deliveries and the habit and goal logs
have modules of their own, re-exported below."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, Final

from sqlalchemy import bindparam, func, select, update

from core.ids import ChatRef, ScheduleId, UserRef
from core.occurrences import DeliveryState, Occurrence
from core.people import Person
from core.schedules import Schedule, State
from integrations.sql import rows
from integrations.sql.delivery_repository import SqlDeliveryRepository
from integrations.sql.repository_base import (
    SqlRepository,
    chat_matches,
    identity_matches,
    ignore_duplicate,
)
from integrations.sql.tables import (
    UtcDateTime,
    chats,
    deliveries,
    identities,
    schedules,
)
from integrations.sql.tracker_repositories import SqlGoalLogRepository, SqlHabitLogRepository

LIVE_STATES: Final = (State.ACTIVE.value, State.PAUSED.value)


class SqlScheduleRepository(SqlRepository):
    async def add(self, schedule: Schedule) -> Schedule:
        owner_id = await self._lock_identity(schedule.owner)
        created = {"created_at": schedule.created_at} if schedule.created_at else {}
        result = await self._session.execute(schedules.insert().values(
            **rows.schedule_values(schedule), **created, kind=schedule.kind,
            owner_id=owner_id, chat_id=await self._chat_id(schedule.chat),
            number=await self._next_number(owner_id),
        ))
        schedule_id = ScheduleId(result.inserted_primary_key[0])  # type: ignore[attr-defined]
        stored = await self.get(schedule_id)
        assert stored is not None  # just inserted in this transaction
        return stored

    async def get(self, schedule_id: ScheduleId) -> Schedule | None:
        return await self._one(rows.select_schedules().where(schedules.c.id == schedule_id))

    async def by_number(self, owner: UserRef, number: int) -> Schedule | None:
        query = rows.select_schedules().where(rows.owner_matches(owner),
                                              schedules.c.number == number)
        return await self._one(query)

    async def list_for(
        self, owner: UserRef, *, kinds: Collection[str] | None = None, live_only: bool = True
    ) -> list[Schedule]:
        query = rows.select_schedules().where(rows.owner_matches(owner))
        if kinds is not None:
            query = query.where(schedules.c.kind.in_(sorted(kinds)))
        if live_only:
            query = query.where(schedules.c.state.in_(LIVE_STATES))
        return await self._all(query.order_by(schedules.c.number))

    async def count_live(self, *, owner: UserRef | None = None, chat: ChatRef | None = None) -> int:
        query = select(func.count()).select_from(schedules).where(
            schedules.c.state.in_(LIVE_STATES))
        if owner is not None:
            query = query.where(schedules.c.owner_id.in_(
                select(identities.c.id).where(*identity_matches(owner))))
        if chat is not None:
            query = query.where(schedules.c.chat_id.in_(
                select(chats.c.id).where(*chat_matches(chat))))
        return int((await self._session.execute(query)).scalar_one())

    async def save(self, schedule: Schedule) -> None:
        if schedule.id is None:
            raise ValueError("only a stored schedule (with an id) can be saved")
        statement = (update(schedules).where(schedules.c.id == schedule.id)
                     .values(**rows.schedule_values(schedule)))
        if await self._write(statement) != 1:
            raise LookupError(f"no schedule {schedule.id}")

    async def due(self, until: datetime, *, limit: int = 10_000) -> list[Schedule]:
        return await self._all(_due_query(until, limit))

    async def claimable(self, until: datetime, *, limit: int) -> list[Schedule]:
        query = _due_query(until, limit)
        if self._session.get_bind().dialect.name == "postgresql":
            # Two workers sweeping at once take disjoint rows instead of waiting on each
            # other; SQLite needs nothing here, its BEGIN IMMEDIATE already serialises them.
            query = query.with_for_update(of=schedules, skip_locked=True)
        return await self._all(query)

    async def due_occurrences(self, until: datetime) -> list[Occurrence]:
        query = select(schedules.c.id, schedules.c.next_at).where(
            schedules.c.state == State.ACTIVE.value, schedules.c.next_at <= until)
        result = await self._session.execute(query)
        return [Occurrence(ScheduleId(sid), at) for sid, at in result]

    async def save_many(self, many: Sequence[Schedule]) -> None:
        params = [{"b_id": s.id, "b_next_at": s.next_at, "b_state": s.state.value}
                  for s in many if s.id is not None]
        if not params:
            return
        statement = (update(schedules).where(schedules.c.id == bindparam("b_id"))
                     .values(next_at=bindparam("b_next_at", type_=UtcDateTime()),
                             state=bindparam("b_state")))
        await self._session.execute(statement, params)  # executemany: one round of statements

    async def last_delivered(self, owner: UserRef, *, kinds: Collection[str]) -> Schedule | None:
        query = (
            rows.select_schedules()
            .join(deliveries, deliveries.c.schedule_id == schedules.c.id)
            .where(rows.owner_matches(owner), schedules.c.kind.in_(sorted(kinds)),
                   deliveries.c.state == DeliveryState.SENT.value)
            .order_by(deliveries.c.sent_at.desc(), deliveries.c.instant.desc())
            .limit(1)
        )
        return await self._one(query)

    async def deactivate_chat(self, chat: ChatRef) -> int:
        chat_ids = select(chats.c.id).where(*chat_matches(chat))
        await self._session.execute(update(chats).where(*chat_matches(chat)).values(active=False))
        statement = (
            update(schedules)
            .where(schedules.c.chat_id.in_(chat_ids), schedules.c.state.in_(LIVE_STATES))
            .values(state=State.INACTIVE.value)
        )
        return await self._write(statement)

    async def move_chat(self, old: ChatRef, new: ChatRef) -> int:
        new_id = await self._chat_id(new)
        old_ids = select(chats.c.id).where(*chat_matches(old))
        return await self._write(
            update(schedules).where(schedules.c.chat_id.in_(old_ids)).values(chat_id=new_id))

    async def _one(self, query: Any) -> Schedule | None:
        row = (await self._session.execute(query)).mappings().one_or_none()
        return rows.to_schedule(row) if row else None

    async def _all(self, query: Any) -> list[Schedule]:
        return [rows.to_schedule(r) for r in (await self._session.execute(query)).mappings()]

    async def _lock_identity(self, user: UserRef) -> int:
        """The owner's identity id, created if missing and row-locked until commit."""
        # The lock serialises concurrent adds for one owner on PostgreSQL, so max+1 below
        # cannot hand out a number twice (SQLite's BEGIN IMMEDIATE already serialises).
        await self._session.execute(ignore_duplicate(
            self._insert(identities).values(**rows.tenant_values(user.tenant),
                                            user_id=user.user_id)))
        query = (select(identities.c.id).where(*identity_matches(user)).with_for_update())
        return int((await self._session.execute(query)).scalar_one())

    async def _chat_id(self, chat: ChatRef) -> int:
        await self._session.execute(ignore_duplicate(
            self._insert(chats).values(**rows.tenant_values(chat.tenant), chat_id=chat.chat_id)))
        query = select(chats.c.id).where(*chat_matches(chat))
        return int((await self._session.execute(query)).scalar_one())

    async def _next_number(self, owner_id: int) -> int:
        # Rows are never deleted, so max+1 never reuses a number the owner has seen.
        query = select(func.coalesce(func.max(schedules.c.number), 0) + 1).where(
            schedules.c.owner_id == owner_id)
        return int((await self._session.execute(query)).scalar_one())


def _due_query(until: datetime, limit: int) -> Any:
    return (
        rows.select_schedules()
        .where(schedules.c.state == State.ACTIVE.value, schedules.c.next_at <= until)
        .order_by(schedules.c.next_at, schedules.c.id)
        .limit(limit)
    )


class SqlPersonRepository(SqlRepository):
    async def get(self, user: UserRef) -> Person | None:
        query = select(identities).where(*identity_matches(user))
        row = (await self._session.execute(query)).mappings().one_or_none()
        return rows.to_person(row) if row else None

    async def many(self, users: Collection[UserRef]) -> dict[UserRef, Person]:
        wanted = set(users)
        found: dict[UserRef, Person] = {}
        ids = sorted({u.user_id for u in wanted})
        for start in range(0, len(ids), 1000):  # well under every backend's parameter limit
            query = select(identities).where(identities.c.user_id.in_(ids[start:start + 1000]))
            for row in (await self._session.execute(query)).mappings():
                person = rows.to_person(row)
                if person.user in wanted:
                    found[person.user] = person
        return found

    async def save(self, person: Person) -> None:
        insert = self._insert(identities).values(**rows.person_values(person))
        await self._session.execute(insert.on_conflict_do_update(
            index_elements=["platform", "workspace", "user_id"],
            set_={"zone": person.zone, "display_name": person.display_name,
                  "language": person.language},
        ))


__all__ = ["SqlDeliveryRepository", "SqlGoalLogRepository", "SqlHabitLogRepository",
           "SqlPersonRepository", "SqlScheduleRepository"]
