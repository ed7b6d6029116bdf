"""Button actions: 'act:<verb>:<schedule id>[:<arg>]' payloads that quick choices carry."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.errors import UserError
from core.ids import Actor, ScheduleId
from core.recurrence import to_utc
from core.reminders import Reminder
from core.replies import Reply
from core.services import reminders, replies, tracker_actions
from core.services.context import Deps

PREFIX = "act:"
MORNING = time(9, 0)


def is_action(text: str) -> bool:
    return text.startswith(PREFIX)


async def perform(deps: Deps, actor: Actor, payload: str, zone: str) -> Reply:
    verb, _, rest = payload.removeprefix(PREFIX).partition(":")
    sid_text, _, arg = rest.partition(":")
    if not sid_text.isdigit():
        raise UserError("That button has expired.")
    if verb in tracker_actions.VERBS:
        return await tracker_actions.perform(deps, actor, verb, ScheduleId(int(sid_text)), arg,
                                             zone)
    reminder = await reminders.by_schedule(deps, actor, ScheduleId(int(sid_text)))
    if verb == "done":
        return Reply(f"✓ Done: {reminder.what}")
    if verb in ("delete", "undo"):
        if not reminder.is_live:
            return Reply(f"{replies.title(reminder)} was already removed.")
        return await reminders.cancel(deps, reminder)
    if verb == "snooze":
        return await reminders.snooze(deps, reminder, snooze_until(arg, deps, zone), zone)
    if verb == "unsnooze" and arg.isdigit():
        return await reminders.unsnooze(deps, reminder, int(arg), zone)
    if verb == "alt" and len(arg) == 4 and arg.isdigit():
        return await reminders.retime(deps, reminder, arg, zone)
    return await _toggle(deps, reminder, verb, zone)


async def _toggle(deps: Deps, reminder: Reminder, verb: str, zone: str) -> Reply:
    if verb == "restore":
        return await reminders.restore(deps, reminder, zone)
    if verb == "pause":
        return await reminders.pause(deps, reminder)
    if verb == "resume":
        return await reminders.resume(deps, reminder, zone)
    raise UserError("That button has expired.")


def snooze_until(code: str, deps: Deps, zone: str) -> datetime:
    """'20m', '1h' or 'tomorrow' (tomorrow morning) from now."""
    now = deps.clock.now()
    if code == "tomorrow":
        local_day = now.astimezone(ZoneInfo(zone)).date() + timedelta(days=1)
        return to_utc(datetime.combine(local_day, MORNING), zone)
    units = {"m": 60, "h": 3600}
    if code[:-1].isdigit() and code[-1:] in units:
        return now + timedelta(seconds=int(code[:-1]) * units[code[-1]])
    raise UserError("That snooze button has expired.")


