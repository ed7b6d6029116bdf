"""The habit kind: prompt with Done and Skip today, unless the day or period needs nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from core.habits import Frequency, HabitLog, HabitPayload, Period, on_break, period_met
from core.i18n import _, using
from core.ids import ScheduleId
from core.kinds.base import Due
from core.replies import Reply
from core.schedules import Schedule
from core.services import tracker_actions

if TYPE_CHECKING:
    from core.services.deps import Deps

LOOKBACK = timedelta(days=31)  # the longest period (a month) a prompt looks back over


class _LogLoader:
    """Reads the logs of habits being prompted at the same moment in one transaction.

    Why: the engine sends up to 200 occurrences at once, and one read transaction each
    would queue 200 transactions behind SQLite's single writer lock (a day's 10,000
    prompts then missed their grace window in bench.habits). Lookups made while the
    event loop is busy starting those sends wait for one batched read instead.
    """

    def __init__(self) -> None:
        self._waiting: dict[int, _Batch] = {}
        self._running: set[asyncio.Future[None]] = set()  # strong references to batches

    async def load(self, deps: Deps, schedule_id: ScheduleId, since: date) -> HabitLog:
        key = id(deps)
        batch = self._waiting.get(key)
        if batch is None:
            batch = self._waiting[key] = _Batch(deps, since)
            asyncio.get_running_loop().call_soon(self._start, key)
        future: asyncio.Future[HabitLog] = asyncio.get_running_loop().create_future()
        batch.add(schedule_id, since, future)
        return await future

    def _start(self, key: int) -> None:
        batch = self._waiting.pop(key)
        task = asyncio.ensure_future(batch.run())
        self._running.add(task)
        task.add_done_callback(self._running.discard)


class _Batch:
    def __init__(self, deps: Deps, since: date) -> None:
        self.deps = deps
        self.since = since
        self.futures: dict[ScheduleId, list[asyncio.Future[HabitLog]]] = {}

    def add(self, schedule_id: ScheduleId, since: date,
            future: asyncio.Future[HabitLog]) -> None:
        self.since = min(self.since, since)
        self.futures.setdefault(schedule_id, []).append(future)

    async def run(self) -> None:
        try:
            async with self.deps.uow() as uow:
                logs = await uow.habits.recent(self.futures.keys(), self.since)
        except Exception as exc:  # each waiting send fails (and is retried) as it would alone
            for futures in self.futures.values():
                for future in futures:
                    if not future.done():  # a send may have been cancelled meanwhile
                        future.set_exception(exc)
            return
        for sid, futures in self.futures.items():
            for future in futures:
                if not future.done():
                    future.set_result(logs.get(sid, HabitLog()))


class HabitKind:
    name = "habit"

    def __init__(self) -> None:
        self._logs = _LogLoader()

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
        return _("Habit {number}: {name}", number=schedule.number, name=schedule.payload.name)

    async def when_due(self, deps: Deps, due: Due) -> Reply | None:
        schedule = due.schedule
        assert schedule.id is not None
        payload: HabitPayload = schedule.payload
        today = due.occurrence.instant.astimezone(ZoneInfo(schedule.recurrence.zone)).date()
        log = await self._logs.load(deps, schedule.id, today - LOOKBACK)
        days, breaks = log.days, log.breaks
        if today in days or on_break(breaks, today):
            return None  # done already, or a paused, vacation or skipped day
        if period_met(payload.frequency, days, start=_start(schedule, today), today=today):
            return None  # an N-times habit that has its count for this period
        with using(due.language):  # the owner's setting words the prompt and its buttons
            return Reply(_("🔁 Time to {name}? (Habit {number})", name=payload.name,
                           number=schedule.number), tracker_actions.prompt_choices(schedule.id))


def _start(schedule: Schedule, today: date) -> date:
    if schedule.created_at is None:
        return today
    return schedule.created_at.astimezone(ZoneInfo(schedule.recurrence.zone)).date()


HABIT = HabitKind()
