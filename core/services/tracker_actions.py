"""Habit and goal buttons: every verb they use, built and performed in this one place.

Each button is a typed action (core.buttons), sealed into a token when its reply leaves core;
the verbs are listed here and in core.buttons.Verb.
"""

from __future__ import annotations

from datetime import date, time
from typing import Final

from core.buttons import DELIVERED_TTL, ButtonAction, Grant, Verb
from core.errors import UserError
from core.i18n import _
from core.ids import Actor, ScheduleId
from core.replies import Choice, Reply
from core.services.deps import Deps

DONE: Final = Verb.HABIT_DONE.value  # check in today
SKIP: Final = Verb.HABIT_SKIP.value  # skip today: neither breaks nor extends the streak
UNDONE: Final = Verb.HABIT_UNDONE.value  # take back a check-in (arg: YYYYMMDD)
MOVE: Final = Verb.HABIT_MOVE.value  # move the prompt to another time of day (arg: HHMM)
DROP: Final = Verb.TRACKER_DROP.value  # undo creating a habit or goal: cancel it
RESTORE: Final = Verb.TRACKER_RESTORE.value  # undo a cancel
UNPROGRESS: Final = Verb.GOAL_UNDO.value  # take back a progress entry (arg: its id)
VERBS: Final = frozenset({DONE, SKIP, UNDONE, MOVE, DROP, RESTORE, UNPROGRESS})


def _choice(label: str, verb: str, schedule_id: ScheduleId | None, arg: str = "", *,
            delivered: bool = False) -> Choice:
    grant = Grant(ttl=DELIVERED_TTL) if delivered else None
    return Choice.act(label, ButtonAction(Verb(verb), int(schedule_id or 0), arg), grant)


def prompt_choices(schedule_id: ScheduleId) -> tuple[Choice, ...]:
    return (_choice(_("Done"), DONE, schedule_id, delivered=True),
            _choice(_("Skip today"), SKIP, schedule_id, delivered=True))


def done_choice(schedule_id: ScheduleId | None, name: str) -> Choice:
    return _choice(_("Done: {name}", name=name), DONE, schedule_id)


def undone_choice(schedule_id: ScheduleId, day: date) -> Choice:
    return _choice(_("Undo"), UNDONE, schedule_id, f"{day:%Y%m%d}")


def move_choice(schedule_id: ScheduleId, wall: time) -> Choice:
    return _choice(_("Move to {time}", time=f"{wall:%H:%M}"), MOVE, schedule_id, f"{wall:%H%M}")


def drop_choice(schedule_id: ScheduleId | None) -> Choice:
    return _choice(_("Undo"), DROP, schedule_id)


def restore_choice(schedule_id: ScheduleId | None) -> Choice:
    return _choice(_("Undo"), RESTORE, schedule_id)


def unprogress_choice(schedule_id: ScheduleId, entry_id: int) -> Choice:
    return _choice(_("Undo"), UNPROGRESS, schedule_id, str(entry_id))


async def perform(deps: Deps, actor: Actor, verb: str, schedule_id: ScheduleId, arg: str,
                  zone: str) -> Reply:
    """Run one habit or goal button for `actor` (only its owner may press it)."""
    # Imported here: those services build these buttons, so they import this module.
    from core.services import goals, habits

    if verb == UNPROGRESS and arg.isdigit():
        return await goals.undo_entry(deps, actor, schedule_id, int(arg), zone)
    schedule = await habits.owned(deps, actor, schedule_id)
    if verb == DONE:
        return await habits.check_in(deps, schedule, 0, zone)
    if verb == SKIP:
        return await habits.skip(deps, schedule, 0, zone)
    if verb == UNDONE and len(arg) == 8 and arg.isdigit():
        return await habits.uncheck(deps, schedule, date(int(arg[:4]), int(arg[4:6]),
                                                          int(arg[6:])))
    if verb == MOVE and len(arg) == 4 and arg.isdigit():
        return await habits.move(deps, schedule, time(int(arg[:2]), int(arg[2:])), zone)
    if verb == DROP:
        return await habits.cancel(deps, schedule)
    if verb == RESTORE:
        return await habits.restore(deps, schedule, zone)
    raise UserError(_("That button has expired."))
