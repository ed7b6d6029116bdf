"""Reminder use cases: create, list, find, cancel, pause, resume, snooze, retime."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.buttons import ButtonAction, Presser, Verb
from core.errors import NotFound, UserError
from core.i18n import _
from core.ids import Actor, ScheduleId
from core.language.commands import Post, Remind
from core.occurrences import Occurrence
from core.recurrence import next_instant, to_utc
from core.recurrence.rules import (
    Daily,
    MonthlyByDay,
    MonthlyByWeekday,
    Once,
    Recurrence,
    Rule,
    Weekly,
    Yearly,
)
from core.reminders import Kind, Reminder, State
from core.replies import Choice, Reply, format_instant
from core.services import guards, rule_codes, wording
from core.services.deps import Deps


async def create(deps: Deps, actor: Actor, command: Remind | Post, zone: str) -> Reply:
    now = deps.clock.now()
    next_at = next_instant(command.recurrence, now)
    if next_at is None:
        raise UserError(_("That time has already passed, so there is nothing to schedule."))
    chat = await deps.access.resolve(actor, command.target)
    await guards.may_create(deps, actor, command, chat)
    kind = Kind.POST if isinstance(command, Post) else Kind.REMINDER
    draft = Reminder(owner=actor.user, chat=chat, target=str(command.target), what=command.what,
                     recurrence=command.recurrence, next_at=next_at, kind=kind)
    async with deps.uow() as uow:
        reminder = await uow.reminders.add(draft)
        await uow.commit()
    await enqueue_if_due_soon(deps, reminder)
    return wording.created(reminder, zone, command.alternative, command.assumption)


async def listing(deps: Deps, actor: Actor, zone: str, page: int = 1) -> Reply:
    return wording.listing(await live(deps, actor), zone, page)


async def live(deps: Deps, actor: Actor) -> list[Reminder]:
    """The actor's active and paused reminders and posts, by number."""
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor.user)


async def find(deps: Deps, actor: Actor, ref: str, *, live_only: bool = True) -> Reminder:
    """The actor's reminder by number ("3") or by words of its text ("standup")."""
    async with deps.uow() as uow:
        if ref.isdigit():
            found = await uow.reminders.get(actor.user, int(ref))
            if found and (found.is_live or not live_only):
                return found
            raise NotFound(_("You have no reminder {ref}. Type 'list' to see yours.", ref=ref))
        candidates = await uow.reminders.list_for(actor.user, live_only=live_only)
    return _by_words(candidates, ref)


async def cancel(deps: Deps, reminder: Reminder) -> Reply:
    await _store(deps, reminder.cancelled(), previous=reminder)
    return Reply(_("Cancelled {title}.", title=wording.title(reminder)),
                 _undo(reminder, Verb.RESTORE))


async def restore(deps: Deps, reminder: Reminder, zone: str) -> Reply:
    """Undo a cancel: the reminder carries on from its next instant after now."""
    if reminder.state is not State.CANCELLED:
        raise UserError(_("{title} is not cancelled.", title=wording.title(reminder)))
    restored = reminder.resumed(next_instant(reminder.recurrence, deps.clock.now()))
    await _store(deps, restored, previous=reminder)
    return Reply(_("Restored. {line}", line=wording.line(restored, zone)),
                 _undo(reminder, Verb.DELETE))


async def pause(deps: Deps, reminder: Reminder) -> Reply:
    if reminder.state is not State.ACTIVE:
        raise UserError(_("{title} is not active, so it cannot be paused.",
                          title=wording.title(reminder)))
    await _store(deps, reminder.paused(), previous=reminder)
    text = _("Paused {title}. Type 'resume {number}' to resume.",
             title=wording.title(reminder), number=reminder.number)
    return Reply(text, _undo(reminder, Verb.RESUME))


async def resume(deps: Deps, reminder: Reminder, zone: str) -> Reply:
    if reminder.state is not State.PAUSED:
        raise UserError(_("{title} is not paused.", title=wording.title(reminder)))
    resumed = reminder.resumed(next_instant(reminder.recurrence, deps.clock.now()))
    await _store(deps, resumed, previous=reminder)
    return Reply(_("Resumed. {line}", line=wording.line(resumed, zone)),
                 _undo(reminder, Verb.PAUSE))


async def snooze(deps: Deps, reminder: Reminder, until: datetime, zone: str, *,
                 by: timedelta | None = None, typed: bool = False) -> Reply:
    """Snooze: a press or a bare `snooze 20m` brings back what was just delivered at `until`;
    a typed `snooze 3 ...` on a recurring reminder moves its next time later, never earlier
    (`for 1 hour` shifts it by the hour, `until <time>` must be after it). A paused reminder
    stays paused: snoozing it changes nothing and says how to resume it."""
    now = deps.clock.now()
    if reminder.state is State.PAUSED:
        raise UserError(_("{title} is paused, and stays paused; nothing was snoozed. Type "
                          "'resume {number}' to have it back.", title=wording.title(reminder),
                          number=reminder.number))
    upcoming = reminder.next_at if reminder.is_live and reminder.next_at else None
    recurring = not isinstance(reminder.recurrence.rule, Once)
    if typed and recurring and upcoming is not None and upcoming > now:
        if by is not None:
            until = upcoming + by
        elif until <= upcoming:
            raise UserError(_("{title} is next due {when}, after that time; a snooze only "
                              "moves it later. Try 'snooze {number} for 1 hour'.",
                              title=wording.title(reminder), when=_when(upcoming, zone),
                              number=reminder.number))
    if until <= now:
        raise UserError(_("That snooze time has already passed."))
    snoozed = replace(reminder, state=State.ACTIVE, next_at=until)
    await _store(deps, snoozed, previous=reminder)
    before = int(upcoming.timestamp()) if upcoming else 0
    text = _("Snoozed {title} until {when}.", title=wording.title(reminder),
             when=_when(until, zone))
    return Reply(text, _undo(reminder, Verb.UNSNOOZE, str(before)))


async def mark_done(deps: Deps, reminder: Reminder, zone: str) -> Reply:
    """Done: a one-shot is finished (nothing more is sent); a recurring one has this
    occurrence done and carries on with its next time."""
    if reminder.state is State.CANCELLED:
        raise UserError(_("{title} was cancelled, so there is nothing to do.",
                          title=wording.title(reminder)))
    if isinstance(reminder.recurrence.rule, Once):
        if reminder.is_live:
            await _store(deps, reminder.advanced(None), previous=reminder)
        return Reply(_("✓ Done: {title}. Nothing more will be sent for it.",
                       title=wording.title(reminder)))
    return Reply(_("✓ Done: {title}. It carries on: {next}.", title=wording.title(reminder),
                   next=wording.next_words(reminder, zone)))


async def unsnooze(deps: Deps, reminder: Reminder, before: int, zone: str) -> Reply:
    """Undo a snooze: back to the instant it had (or to done, for a finished one-shot)."""
    now = deps.clock.now()
    if before == 0:
        back = reminder.advanced(None)
    else:
        previous = datetime.fromtimestamp(before, UTC)
        back = replace(reminder, next_at=previous if previous > now else
                       next_instant(reminder.recurrence, now))
    await _store(deps, back, previous=reminder)
    return Reply(_("Snooze undone. {line}", line=wording.line(back, zone)))


async def retime(deps: Deps, reminder: Reminder, hhmm: str, zone: str) -> Reply:
    """Give the reminder another wall-clock time of day (the one-tap fix of a bare hour)."""
    wall = time(int(hhmm[:2]), int(hhmm[2:]))
    now = deps.clock.now()
    recurrence = replace(reminder.recurrence, rule=_with_time(reminder.recurrence, wall, now))
    next_at = next_instant(recurrence, now)
    if next_at is None:
        raise UserError(_("{time} has already passed for that reminder.", time=f"{wall:%H:%M}"))
    changed = replace(reminder, recurrence=recurrence, next_at=next_at, state=State.ACTIVE)
    await _store(deps, changed, previous=reminder)
    undo = _undo(reminder, Verb.ALT, wording.wall_time(reminder.recurrence))
    return Reply(_("Changed. {line}", line=wording.line(changed, zone)), undo)


async def reread(deps: Deps, reminder: Reminder, code: str, zone: str) -> Reply:
    """Apply the other reading of a vague frequency (its button names the whole rule)."""
    now = deps.clock.now()
    try:
        anchor = getattr(reminder.recurrence.rule, "anchor", None) or now.astimezone(
            ZoneInfo(reminder.recurrence.zone)).date()
        rule_code, count, counted = rule_codes.split_count(code)
        rule = rule_codes.decode(rule_code, anchor)
    except ValueError:
        raise UserError(_("That button has expired.")) from None
    recurrence = replace(reminder.recurrence, rule=rule)
    if counted:  # `once on each of Mon and Wed` -> every week: the count goes too
        recurrence = replace(recurrence, count=count)
    next_at = next_instant(recurrence, now)
    if next_at is None:  # a daily, weekly or monthly rule always has a next time
        raise UserError(_("That reminder has no time of day to change."))
    changed = replace(reminder, recurrence=recurrence, next_at=next_at, state=State.ACTIVE)
    await _store(deps, changed, previous=reminder)
    back = rule_codes.encode(reminder.recurrence.rule)
    if back and counted:
        back = rule_codes.with_count(back, reminder.recurrence.count)
    undo = _undo(reminder, Verb.READING, back) if back else ()
    return Reply(_("Changed. {line}", line=wording.line(changed, zone)), undo)


async def rezone(deps: Deps, reminder: Reminder, zone: str) -> Reminder:
    """The same rule read in `zone` (07:00 stays 07:00, now Berlin's); next time recomputed."""
    recurrence = replace(reminder.recurrence, zone=zone)
    next_at = next_instant(recurrence, deps.clock.now()) if reminder.next_at else None
    moved = replace(reminder, recurrence=recurrence, next_at=next_at)
    await _store(deps, moved, previous=reminder)
    return moved


async def enqueue_if_due_soon(deps: Deps, reminder: Reminder) -> None:
    if reminder.schedule_id is None or reminder.next_at is None:
        return
    if reminder.state is State.ACTIVE and reminder.next_at <= deps.clock.now() + deps.horizon:
        await deps.queue.schedule([Occurrence(reminder.schedule_id, reminder.next_at)])


async def by_schedule(deps: Deps, presser: Presser, schedule_id: ScheduleId) -> Reminder:
    """The reminder behind a button, for whom its token was sealed: the owner or its chat."""
    async with deps.uow() as uow:
        reminder = await uow.reminders.get_by_schedule(schedule_id)
    if reminder is None or presser not in (reminder.owner, reminder.chat):
        raise NotFound(_("That reminder is gone."))
    return reminder


async def _store(deps: Deps, reminder: Reminder, *, previous: Reminder) -> None:
    """Save, then swap the queued job: the old instant's job goes, the new one comes."""
    async with deps.uow() as uow:
        await uow.reminders.save(reminder)
        await uow.commit()
    moved = previous.next_at != reminder.next_at or reminder.state is not State.ACTIVE
    if moved and previous.schedule_id is not None and previous.next_at is not None:
        await deps.queue.unschedule([Occurrence(previous.schedule_id, previous.next_at)])
    await enqueue_if_due_soon(deps, reminder)


def _undo(reminder: Reminder, verb: Verb, arg: str = "") -> tuple[Choice, ...]:
    return (Choice.act(_("Undo"), ButtonAction(verb, reminder.schedule_id or 0, arg)),)


def _by_words(candidates: list[Reminder], ref: str) -> Reminder:
    # Whole words: "all" names nothing in "call mom", "mom" nothing in "momentum".
    words = [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)") for w in ref.lower().split()]
    matches = [r for r in candidates if all(w.search(r.what.lower()) for w in words)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(_("I found no reminder matching '{ref}'. Type 'list' to see yours.",
                         ref=ref))
    numbers = ", ".join(str(r.number) for r in matches)
    raise UserError(_("Several reminders match '{ref}' ({numbers}); use its number.",
                      ref=ref, numbers=numbers))


def _with_time(recurrence: Recurrence, wall: time, now: datetime) -> Rule:
    rule = recurrence.rule
    if isinstance(rule, Once):
        # A bare hour's other reading is the next future instant of that wall time.
        today = now.astimezone(ZoneInfo(recurrence.zone)).date()
        at = to_utc(datetime.combine(today, wall), recurrence.zone)
        if at <= now:
            at = to_utc(datetime.combine(today + timedelta(days=1), wall), recurrence.zone)
        return Once(at)
    if isinstance(rule, Daily | Weekly | MonthlyByDay | MonthlyByWeekday | Yearly):
        return replace(rule, times=(wall,))
    raise UserError(_("That reminder has no time of day to change."))


def _when(instant: datetime, zone: str) -> str:
    return format_instant(instant, zone)
