"""Sql*Repository classes: core.ports' repositories over one AsyncSession."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import CursorResult, Insert, Table, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from core.goals import ProgressEntry
from core.habits import Break, BreakReason, CheckIn, HabitLog
from core.ids import ChatRef, ScheduleId, UserRef
from core.occurrences import Delivery, DeliveryState, Occurrence, Sent
from core.people import Person
from core.schedules import Schedule, State
from integrations.sql import rows
from integrations.sql.tables import (
    UtcDateTime,
    chats,
    deliveries,
    goal_progress,
    habit_breaks,
    habit_checkins,
    identities,
    schedules,
)

logger = logging.getLogger(__name__)

LIVE_STATES: Final = (State.ACTIVE.value, State.PAUSED.value)
UNFINISHED: Final = (DeliveryState.CLAIMED.value, DeliveryState.RETRYING.value)
# Rows per multi-row INSERT: 4 values a row stays far below SQLite's 32,766 variables.
CHUNK: Final = 500


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


class SqlScheduleRepository(_Repository):
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
                select(identities.c.id).where(*_identity_matches(owner))))
        if chat is not None:
            query = query.where(schedules.c.chat_id.in_(
                select(chats.c.id).where(*_chat_matches(chat))))
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
        chat_ids = select(chats.c.id).where(*_chat_matches(chat))
        await self._session.execute(update(chats).where(*_chat_matches(chat)).values(active=False))
        statement = (
            update(schedules)
            .where(schedules.c.chat_id.in_(chat_ids), schedules.c.state.in_(LIVE_STATES))
            .values(state=State.INACTIVE.value)
        )
        return await self._write(statement)

    async def move_chat(self, old: ChatRef, new: ChatRef) -> int:
        new_id = await self._chat_id(new)
        old_ids = select(chats.c.id).where(*_chat_matches(old))
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


    async def claim_many(
        self, occurrences: Sequence[Occurrence], *, now: datetime
    ) -> list[Occurrence]:
        won: list[Occurrence] = []
        for start in range(0, len(occurrences), CHUNK):
            chunk = occurrences[start:start + CHUNK]
            values = [{"schedule_id": o.schedule_id, "instant": o.instant,
                       "state": DeliveryState.CLAIMED.value, "claimed_at": now} for o in chunk]
            statement = (self._insert(deliveries).values(values)
                         .on_conflict_do_nothing(index_elements=["schedule_id", "instant"])
                         .returning(deliveries.c.schedule_id, deliveries.c.instant))
            result = await self._session.execute(statement)
            won += [Occurrence(ScheduleId(sid), at) for sid, at in result]
        return won

    async def take_over(
        self, occurrence: Occurrence, *, now: datetime, stale_before: datetime
    ) -> Delivery | None:
        takeable = deliveries.c.state.in_(
            (DeliveryState.RETRYING.value, DeliveryState.FAILED.value)) | (
            (deliveries.c.state == DeliveryState.CLAIMED.value)
            & (deliveries.c.claimed_at < stale_before))
        statement = (update(deliveries).where(rows.occurrence_matches(occurrence), takeable)
                     .values(state=DeliveryState.CLAIMED.value, claimed_at=now)
                     .returning(*deliveries.c))
        row = (await self._session.execute(statement)).mappings().one_or_none()
        return rows.to_delivery(row) if row else None

    async def complete_many(self, sent: Sequence[Sent]) -> None:
        if not sent:
            return
        statement = (
            update(deliveries)
            .where(deliveries.c.schedule_id == bindparam("b_sid"),
                   deliveries.c.instant == bindparam("b_instant", type_=UtcDateTime()))
            .values(state=DeliveryState.SENT.value,
                    sent_at=bindparam("b_sent_at", type_=UtcDateTime()),
                    message_id=bindparam("b_message_id"), late_seconds=bindparam("b_late"))
        )
        await self._session.execute(statement, [
            {"b_sid": s.occurrence.schedule_id, "b_instant": s.occurrence.instant,
             "b_sent_at": s.sent_at, "b_message_id": s.message_id, "b_late": s.late_seconds}
            for s in sent])

    async def skip_many(self, occurrences: Sequence[Occurrence], *, now: datetime) -> None:
        for occurrence in occurrences:  # rare (only misfires past grace): no bulk form needed
            await self.skip(occurrence, now=now)

    async def retry_later(self, occurrence: Occurrence, *, now: datetime, attempts: int) -> None:
        await self._session.execute(update(deliveries).where(
            rows.occurrence_matches(occurrence), deliveries.c.state == DeliveryState.CLAIMED.value,
        ).values(state=DeliveryState.RETRYING.value, claimed_at=now, attempts=attempts))

    async def fail(self, occurrence: Occurrence, *, now: datetime) -> None:
        await self._session.execute(update(deliveries).where(
            rows.occurrence_matches(occurrence), deliveries.c.state.in_(UNFINISHED),
        ).values(state=DeliveryState.FAILED.value, claimed_at=now))

    async def renew(self, occurrences: Sequence[Occurrence], *, now: datetime) -> None:
        if not occurrences:
            return
        statement = (
            update(deliveries)
            .where(deliveries.c.schedule_id == bindparam("b_sid"),
                   deliveries.c.instant == bindparam("b_instant", type_=UtcDateTime()),
                   deliveries.c.state == DeliveryState.CLAIMED.value)
            .values(claimed_at=bindparam("b_now", type_=UtcDateTime()))
        )
        await self._session.execute(statement, [
            {"b_sid": o.schedule_id, "b_instant": o.instant, "b_now": now} for o in occurrences])

    async def stale(self, before: datetime, *, limit: int = 1000) -> list[Delivery]:
        query = (select(deliveries)
                 .where(deliveries.c.state.in_(UNFINISHED), deliveries.c.claimed_at < before)
                 .order_by(deliveries.c.claimed_at).limit(limit))
        return [rows.to_delivery(r) for r in (await self._session.execute(query)).mappings()]


class SqlPersonRepository(_Repository):
    async def get(self, user: UserRef) -> Person | None:
        query = select(identities).where(*_identity_matches(user))
        row = (await self._session.execute(query)).mappings().one_or_none()
        return rows.to_person(row) if row else None

    async def languages(self, users: Collection[UserRef]) -> dict[UserRef, str]:
        wanted = set(users)
        found: dict[UserRef, str] = {}
        ids = sorted({u.user_id for u in wanted})
        for start in range(0, len(ids), 1000):  # well under every backend's parameter limit
            query = select(identities).where(identities.c.language.is_not(None),
                                             identities.c.user_id.in_(ids[start:start + 1000]))
            for row in (await self._session.execute(query)).mappings():
                person = rows.to_person(row)
                if person.user in wanted and person.language:
                    found[person.user] = person.language
        return found

    async def save(self, person: Person) -> None:
        insert = self._insert(identities).values(**rows.person_values(person))
        await self._session.execute(insert.on_conflict_do_update(
            index_elements=["platform", "workspace", "user_id"],
            set_={"zone": person.zone, "display_name": person.display_name,
                  "language": person.language},
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


# Habits and goals (migration 0006): check-ins, breaks and progress entries per schedule.
class SqlHabitLogRepository(_Repository):
    async def check_in(self, schedule_id: ScheduleId, day: date, at: datetime) -> bool:
        statement = (self._insert(habit_checkins)
                     .values(schedule_id=schedule_id, day=day, at=at)
                     .on_conflict_do_nothing(index_elements=["schedule_id", "day"]))
        return await self._write(statement) == 1

    async def uncheck(self, schedule_id: ScheduleId, day: date) -> bool:
        return await self._write(delete(habit_checkins).where(
            habit_checkins.c.schedule_id == schedule_id, habit_checkins.c.day == day)) == 1

    async def checkins(self, schedule_id: ScheduleId) -> list[CheckIn]:
        query = (select(habit_checkins.c.day, habit_checkins.c.at)
                 .where(habit_checkins.c.schedule_id == schedule_id)
                 .order_by(habit_checkins.c.day))
        return [CheckIn(day, at) for day, at in await self._session.execute(query)]

    async def days(self, schedule_id: ScheduleId) -> list[date]:
        query = (select(habit_checkins.c.day).where(habit_checkins.c.schedule_id == schedule_id)
                 .order_by(habit_checkins.c.day))
        return list((await self._session.execute(query)).scalars())

    async def add_break(self, schedule_id: ScheduleId, pause: Break) -> None:
        await self._session.execute(habit_breaks.insert().values(
            schedule_id=schedule_id, first_day=pause.first, last_day=pause.last,
            reason=pause.reason.value))

    async def breaks(self, schedule_id: ScheduleId) -> list[Break]:
        query = (select(habit_breaks.c.first_day, habit_breaks.c.last_day, habit_breaks.c.reason)
                 .where(habit_breaks.c.schedule_id == schedule_id)
                 .order_by(habit_breaks.c.first_day))
        return [Break(first, last, BreakReason(reason))
                for first, last, reason in await self._session.execute(query)]

    async def end_breaks(self, schedule_id: ScheduleId, last: date) -> None:
        mine = habit_breaks.c.schedule_id == schedule_id
        await self._session.execute(delete(habit_breaks).where(
            mine, habit_breaks.c.first_day > last))
        await self._session.execute(update(habit_breaks).where(
            mine, habit_breaks.c.last_day > last).values(last_day=last))


    async def recent(
        self, schedule_ids: Collection[ScheduleId], since: date
    ) -> dict[ScheduleId, HabitLog]:
        ids = sorted(schedule_ids)
        days: dict[ScheduleId, list[date]] = {sid: [] for sid in ids}
        breaks: dict[ScheduleId, list[Break]] = {sid: [] for sid in ids}
        checked = select(habit_checkins.c.schedule_id, habit_checkins.c.day).where(
            habit_checkins.c.schedule_id.in_(ids), habit_checkins.c.day >= since)
        for sid, day in await self._session.execute(checked):
            days[ScheduleId(sid)].append(day)
        resting = select(habit_breaks.c.schedule_id, habit_breaks.c.first_day,
                         habit_breaks.c.last_day, habit_breaks.c.reason).where(
            habit_breaks.c.schedule_id.in_(ids), habit_breaks.c.last_day >= since)
        for sid, first, last, reason in await self._session.execute(resting):
            breaks[ScheduleId(sid)].append(Break(first, last, BreakReason(reason)))
        return {sid: HabitLog(tuple(sorted(days[sid])), tuple(breaks[sid])) for sid in ids}


class SqlGoalLogRepository(_Repository):
    async def add_progress(self, schedule_id: ScheduleId, amount: float, at: datetime) -> int:
        result = await self._session.execute(goal_progress.insert().values(
            schedule_id=schedule_id, amount=amount, at=at))
        return int(result.inserted_primary_key[0])  # type: ignore[attr-defined]

    async def progress(self, schedule_id: ScheduleId) -> list[ProgressEntry]:
        query = (select(goal_progress.c.id, goal_progress.c.amount, goal_progress.c.at)
                 .where(goal_progress.c.schedule_id == schedule_id)
                 .order_by(goal_progress.c.at, goal_progress.c.id))
        result = await self._session.execute(query)
        return [ProgressEntry(i, amount, at) for i, amount, at in result]

    async def latest(
        self, schedule_ids: Collection[ScheduleId]
    ) -> tuple[ScheduleId, ProgressEntry] | None:
        query = (select(goal_progress.c.schedule_id, goal_progress.c.id, goal_progress.c.amount,
                        goal_progress.c.at)
                 .where(goal_progress.c.schedule_id.in_(sorted(schedule_ids)))
                 .order_by(goal_progress.c.at.desc(), goal_progress.c.id.desc()).limit(1))
        row = (await self._session.execute(query)).one_or_none()
        return None if row is None else (ScheduleId(row[0]), ProgressEntry(row[1], row[2], row[3]))

    async def remove(self, entry_id: int) -> bool:
        return await self._write(delete(goal_progress).where(goal_progress.c.id == entry_id)) == 1
