"""Habit and goal buttons: every verb they use, built and performed in this one place.

Buttons carry 'act:<verb>:<schedule id>[:<arg>]' as core.services.actions' do; the verbs
are listed here so that a change of encoding (opaque tokens) touches one module.
"""

from __future__ import annotations

from datetime import date, time
from typing import Final

from core.errors import UserError
from core.ids import Actor, ScheduleId
from core.replies import Choice, Reply
from core.services.context import Deps

DONE: Final = "hdone"  # check in today
SKIP: Final = "hskip"  # skip today: neither breaks nor extends the streak
UNDONE: Final = "hundone"  # take back a check-in (arg: YYYYMMDD)
MOVE: Final = "hmove"  # move the prompt to another time of day (arg: HHMM)
DROP: Final = "tdrop"  # undo creating a habit or goal: cancel it
RESTORE: Final = "trestore"  # undo a cancel
UNPROGRESS: Final = "gundo"  # take back a progress entry (arg: its id)
VERBS: Final = frozenset({DONE, SKIP, UNDONE, MOVE, DROP, RESTORE, UNPROGRESS})


def _command(verb: str, schedule_id: ScheduleId | None, arg: str = "") -> str:
    return f"act:{verb}:{schedule_id}" + (f":{arg}" if arg else "")


def prompt_choices(schedule_id: ScheduleId) -> tuple[Choice, ...]:
    return (Choice("Done", _command(DONE, schedule_id)),
            Choice("Skip today", _command(SKIP, schedule_id)))


def done_choice(schedule_id: ScheduleId | None, name: str) -> Choice:
    return Choice(f"Done: {name}", _command(DONE, schedule_id))


def undone_choice(schedule_id: ScheduleId, day: date) -> Choice:
    return Choice("Undo", _command(UNDONE, schedule_id, f"{day:%Y%m%d}"))


def move_choice(schedule_id: ScheduleId, wall: time) -> Choice:
    return Choice(f"Move to {wall:%H:%M}", _command(MOVE, schedule_id, f"{wall:%H%M}"))


def drop_choice(schedule_id: ScheduleId | None) -> Choice:
    return Choice("Undo", _command(DROP, schedule_id))


def restore_choice(schedule_id: ScheduleId | None) -> Choice:
    return Choice("Undo", _command(RESTORE, schedule_id))


def unprogress_choice(schedule_id: ScheduleId, entry_id: int) -> Choice:
    return Choice("Undo", _command(UNPROGRESS, schedule_id, str(entry_id)))


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
    raise UserError("That button has expired.")
