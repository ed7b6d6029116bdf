"""Button actions: what a pressed (and opened) ButtonAction does, through the same use cases
that typed commands reach."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from core.buttons import ButtonAction, Pressed, Verb
from core.errors import UserError
from core.i18n import N_, _
from core.ids import Actor, ScheduleId
from core.recurrence import to_utc
from core.reminders import Reminder
from core.replies import Choice, Reply
from core.services import reminders, tracker_actions, wording
from core.services.deps import Deps

MORNING: Final = time(9, 0)
EXPIRED: Final = N_("That button has expired.")
EVERYTHING: Final = frozenset({"all", "everything", "all of them", "them all", "every one"})


async def perform(deps: Deps, actor: Actor, pressed: Pressed, zone: str) -> Reply:
    """Run the action of a button the actor was allowed to press."""
    action = pressed.action
    if action.verb is Verb.PAGE:
        return await reminders.listing(deps, actor, zone, _number(action.arg))
    if action.verb is Verb.CANCEL_ALL:
        return await cancel_all(deps, actor, up_to=_number(action.arg))
    if action.verb.value in tracker_actions.VERBS:
        return await tracker_actions.perform(deps, actor, action.verb.value,
                                             ScheduleId(action.schedule_id), action.arg, zone)
    reminder = await reminders.by_schedule(deps, pressed.by, ScheduleId(action.schedule_id))
    return await _on_item(deps, reminder, action, zone)


async def _on_item(deps: Deps, reminder: Reminder, action: ButtonAction, zone: str) -> Reply:
    verb, arg = action.verb, action.arg
    if verb is Verb.DONE:
        return await reminders.mark_done(deps, reminder, zone)
    if verb in (Verb.DELETE, Verb.UNDO):
        if not reminder.is_live:
            return Reply(_("{title} was already removed.", title=wording.title(reminder)))
        return await reminders.cancel(deps, reminder)
    if verb is Verb.SNOOZE:
        return await reminders.snooze(deps, reminder, snooze_until(arg, deps, zone), zone)
    if verb is Verb.UNSNOOZE and arg.isdigit():
        return await reminders.unsnooze(deps, reminder, int(arg), zone)
    if verb is Verb.ALT and len(arg) == 4 and arg.isdigit():
        return await reminders.retime(deps, reminder, arg, zone)
    if verb is Verb.READING:
        return await reminders.reread(deps, reminder, arg, zone)
    if verb is Verb.RESTORE:
        return await reminders.restore(deps, reminder, zone)
    if verb is Verb.PAUSE:
        return await reminders.pause(deps, reminder)
    if verb is Verb.RESUME:
        return await reminders.resume(deps, reminder, zone)
    raise UserError(_(EXPIRED))


def is_everything(ref: str) -> bool:
    """`cancel all`, `cancel everything`: every item of the person's, not one named 'all'."""
    return " ".join(ref.lower().split()) in EVERYTHING


async def confirm_cancel_all(deps: Deps, actor: Actor) -> Reply:
    """Ask before cancelling everything; the button covers the items there are now."""
    live = await reminders.live(deps, actor)
    if not live:
        return Reply(_("You have nothing to cancel."))
    newest = max(r.schedule_id or 0 for r in live)
    action = ButtonAction(Verb.CANCEL_ALL, 0, str(newest))
    question = (_("Cancel all 1 of your reminder or post? This cannot be undone in one tap.")
                if len(live) == 1 else
                _("Cancel all {count} of your reminders and posts? This cannot be undone in "
                  "one tap.", count=len(live)))
    return Reply(question, (Choice.act(_("Yes, cancel all {count}", count=len(live)), action),))


async def cancel_all(deps: Deps, actor: Actor, *, up_to: int) -> Reply:
    """Cancel the actor's live items that existed when they were asked (ids up to `up_to`)."""
    live = [r for r in await reminders.live(deps, actor) if (r.schedule_id or 0) <= up_to]
    for reminder in live:
        await reminders.cancel(deps, reminder)
    if not live:
        return Reply(_("There was nothing left to cancel."))
    return Reply(_("Cancelled all {count} of your reminders and posts.", count=len(live)))


def snooze_until(code: str, deps: Deps, zone: str) -> datetime:
    """'20m', '1h' or 'tomorrow' (tomorrow morning) from now."""
    now = deps.clock.now()
    if code == "tomorrow":
        local_day = now.astimezone(ZoneInfo(zone)).date() + timedelta(days=1)
        return to_utc(datetime.combine(local_day, MORNING), zone)
    units = {"m": 60, "h": 3600}
    if code[:-1].isdigit() and code[-1:] in units:
        return now + timedelta(seconds=int(code[:-1]) * units[code[-1]])
    raise UserError(_("That snooze button has expired."))


def _number(arg: str) -> int:
    if not arg.isdigit():
        raise UserError(_(EXPIRED))
    return int(arg)
