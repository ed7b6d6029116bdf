"""The habit kind: prompt with Done and Skip today, unless the day or period needs nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from core.habits import Frequency, HabitPayload, Period, on_break, period_met
from core.kinds.base import Due
from core.replies import Reply
from core.schedules import Schedule
from core.services import tracker_actions

if TYPE_CHECKING:
    from core.services.context import Deps


class HabitKind:
    name = "habit"

    def load(self, data: Mapping[str, Any]) -> HabitPayload:
        frequency = Frequency(times=data.get("times", 1), period=Period(data.get("period", "day")),
                              every=data.get("every", 1),
                              weekdays=frozenset(data.get("weekdays", ())))
        return HabitPayload(name=data["name"], frequency=frequency)

    def dump(self, payload: HabitPayload) -> dict[str, Any]:
        freq = payload.frequency
        return {"name": payload.name, "times": freq.times, "period": freq.period.value,
                "every": freq.every, "weekdays": sorted(freq.weekdays)}

    def title(self, schedule: Schedule) -> str:
        return f"Habit {schedule.number}: {schedule.payload.name}"

    async def when_due(self, deps: Deps, due: Due) -> Reply | None:
        schedule = due.schedule
        assert schedule.id is not None
        payload: HabitPayload = schedule.payload
        today = due.occurrence.instant.astimezone(ZoneInfo(schedule.recurrence.zone)).date()
        async with deps.uow() as uow:
            days = [c.day for c in await uow.habits.checkins(schedule.id)]
            breaks = await uow.habits.breaks(schedule.id)
        if today in days or on_break(breaks, today):
            return None  # done already, or a paused, vacation or skipped day
        if period_met(payload.frequency, days, start=_start(schedule, today), today=today):
            return None  # an N-times habit that has its count for this period
        return Reply(f"🔁 Time to {payload.name}? (Habit {schedule.number})",
                     tracker_actions.prompt_choices(schedule.id))


def _start(schedule: Schedule, today: date) -> date:
    if schedule.created_at is None:
        return today
    return schedule.created_at.astimezone(ZoneInfo(schedule.recurrence.zone)).date()


HABIT = HabitKind()
