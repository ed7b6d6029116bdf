"""Habit check-ins and breaks, goal progress entries: the logs behind habits and goals."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import delete, select, update

from core.goals import ProgressEntry
from core.habits import Break, BreakReason, CheckIn, HabitLog
from core.ids import ScheduleId
from integrations.sql.repository_base import (
    SqlRepository,
)
from integrations.sql.tables import (
    goal_progress,
    habit_breaks,
    habit_checkins,
)


class SqlHabitLogRepository(SqlRepository):
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


class SqlGoalLogRepository(SqlRepository):
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
