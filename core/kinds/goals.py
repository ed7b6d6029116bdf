"""The goal kind: a word 7 days and 1 day before the deadline, and the final tally after it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from core.goals import (
    REMIND_DAYS_BEFORE,
    GoalPayload,
    amount_text,
    days_left,
    percent,
    summary,
    total,
    with_unit,
)
from core.i18n import N_, _, using
from core.kinds.base import Due
from core.replies import Reply
from core.schedules import Schedule

if TYPE_CHECKING:
    from core.services.deps import Deps


class GoalKind:
    name = "goal"

    def load(self, data: Mapping[str, Any]) -> GoalPayload:
        deadline = data.get("deadline")
        return GoalPayload(name=data["name"], target=float(data["target"]), unit=data.get("unit"),
                           deadline=date.fromisoformat(deadline) if deadline else None,
                           started=date.fromisoformat(data["started"]))

    def dump(self, payload: GoalPayload) -> dict[str, Any]:
        return {"name": payload.name, "target": payload.target, "unit": payload.unit,
                "deadline": payload.deadline.isoformat() if payload.deadline else None,
                "started": payload.started.isoformat()}

    def title(self, schedule: Schedule) -> str:
        return _("Goal {number}: {name}", number=schedule.number, name=schedule.payload.name)

    async def when_due(self, deps: Deps, due: Due) -> Reply | None:
        schedule = due.schedule
        assert schedule.id is not None
        goal: GoalPayload = schedule.payload
        today = due.occurrence.instant.astimezone(ZoneInfo(schedule.recurrence.zone)).date()
        left = days_left(goal, today)
        if left is None or (left >= 0 and left not in REMIND_DAYS_BEFORE):
            return None  # the days between the reminders send nothing
        async with deps.uow() as uow:
            done = total(await uow.goals.progress(schedule.id))
        with using(due.language):  # the owner's setting words the nudge
            if left < 0:
                return final_tally(schedule, done, today)
            if done >= goal.target:
                return None  # reached: its tally went out with the progress that reached it
            text = (_("🎯 {title}: 1 day left. {summary}.", title=self.title(schedule),
                      summary=summary(goal, done, today)) if left == 1 else
                    _("🎯 {title}: {days} days left. {summary}.", title=self.title(schedule),
                      days=left, summary=summary(goal, done, today)))
            return Reply(text)


def final_tally(schedule: Schedule, done: float, today: date) -> Reply:
    goal: GoalPayload = schedule.payload
    tally = _("{done} of {target}", done=amount_text(done),
              target=with_unit(goal.target, goal.unit))
    message = (N_("🏁 Goal {number}: {name}, reached 🎉. Final tally: {tally} ({percent}).")
               if done >= goal.target else
               N_("🏁 Goal {number}: {name}, the deadline has passed. Final tally: {tally} "
                  "({percent})."))
    return Reply(_(message, number=schedule.number, name=goal.name, tally=tally,
                   percent=percent(done, goal.target)))


GOAL = GoalKind()
