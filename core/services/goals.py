"""Goal use cases: create, record progress (and undo it), list."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from core.errors import NotFound, UserError
from core.goals import (
    MAX_TARGET,
    UNDO_WINDOW,
    GoalPayload,
    summary,
    total,
    with_unit,
)
from core.i18n import _, format_date_year
from core.ids import Actor, ScheduleId
from core.kinds.goals import final_tally
from core.language.commands import ME, Progress
from core.language.commands import Goal as GoalCommand
from core.occurrences import Occurrence
from core.recurrence import next_instant, to_utc
from core.recurrence.rules import Daily, Once, Recurrence
from core.replies import Reply
from core.schedules import Schedule, State
from core.services import named
from core.services import tracker_actions as buttons
from core.services.deps import Deps

KIND: Final = "goal"
WORD_AT: Final = time(9, 0)  # deadline reminders and the final tally go out in the morning
_PERIOD: Final = re.compile(r"\b(?:this|by the end of (?:the|this)|by end of(?: the| this)?)\s+"
                            r"(?P<period>year|month|week)\b")


def with_period_deadline(command: GoalCommand, text: str, today: date) -> GoalCommand:
    """`goal read 12 books this year`: the deadline the language leaves out (end of period)."""
    found = _PERIOD.search(text.lower())
    if command.deadline is not None or found is None:
        return command
    period = found["period"]
    if period == "year":
        end = date(today.year, 12, 31)
    elif period == "month":
        end = date(today.year + today.month // 12, today.month % 12 + 1, 1) - timedelta(days=1)
    else:
        end = today + timedelta(days=6 - today.weekday())
    return replace(command, deadline=end)


async def create(deps: Deps, actor: Actor, command: GoalCommand, zone: str) -> Reply:
    target = command.target_value
    if target is None:
        raise UserError(_("How much, and by when? For example: goal run 100 km by Dec 31"))
    if not 0 < target <= MAX_TARGET:
        raise UserError(_("A goal's target is a positive amount, like 'goal read 12 books'."))
    name = " ".join(command.what.split())
    if not name or await _named(deps, actor, name):
        raise UserError(_("You already have a goal called '{name}'. Type 'goals' to see them.",
                          name=name))
    today = _today(deps, zone)
    if command.deadline is not None and command.deadline < today:
        raise UserError(_("That deadline has already passed."))
    payload = GoalPayload(name, float(target), command.unit, command.deadline, today)
    recurrence = _recurrence(payload, deps.clock.now(), zone)
    draft = Schedule(owner=actor.user, chat=await deps.access.resolve(actor, ME), kind=KIND,
                     payload=payload, recurrence=recurrence,
                     next_at=next_instant(recurrence, deps.clock.now()),
                     created_at=deps.clock.now())
    async with deps.uow() as uow:
        goal = await uow.schedules.add(draft)
        await uow.commit()
    await _queue_if_soon(deps, goal)
    return Reply(line(goal, 0.0, today) + "\n" + _("Log it with 'progress {name} {amount}'.",
                                                    name=name, amount=with_unit(1, command.unit)),
                 (buttons.drop_choice(goal.id),))


def _recurrence(goal: GoalPayload, now: datetime, zone: str) -> Recurrence:
    """Mornings from a week before the deadline to the day after it (the engine's instants).

    Only 7 days before, 1 day before and the day after say anything (core.kinds.goals); the
    days between go by without a message. A goal without a deadline has no instants.
    """
    if goal.deadline is None:
        return Recurrence(Once(now), zone, now, count=0)
    week_before = to_utc(datetime.combine(goal.deadline - timedelta(days=7), WORD_AT), zone)
    after = to_utc(datetime.combine(goal.deadline + timedelta(days=1), WORD_AT), zone)
    start = max(now, week_before - timedelta(minutes=1))
    return Recurrence(Daily((WORD_AT,)), zone, start, until=after)


async def progress(deps: Deps, actor: Actor, command: Progress, zone: str) -> Reply:
    goal = await find(deps, actor, command.ref)
    payload: GoalPayload = goal.payload
    _check_amount(payload, command)
    assert goal.id is not None
    async with deps.uow() as uow:
        entry = await uow.goals.add_progress(goal.id, float(command.amount), deps.clock.now())
        done = total(await uow.goals.progress(goal.id))
        reached = done >= payload.target
        if reached:
            await uow.schedules.save(replace(goal, state=State.DONE, next_at=None))
        await uow.commit()
    today = _today(deps, zone)
    undo = (buttons.unprogress_choice(goal.id, entry),)
    if reached:
        return replace(final_tally(goal, done, today), choices=undo)
    return Reply(_("Logged {amount} for {name}. {summary}.",
                   amount=with_unit(command.amount, payload.unit), name=payload.name,
                   summary=summary(payload, done, today)), undo)


def _check_amount(goal: GoalPayload, command: Progress) -> None:
    if command.unit and goal.unit and _unit(command.unit) != _unit(goal.unit):
        raise UserError(_("'{name}' counts {unit}, not {other}. For example: progress {name} "
                          "{amount}", name=goal.name, unit=goal.unit, other=command.unit,
                          amount=with_unit(1, goal.unit)))
    if command.amount <= 0:
        raise UserError(_("Progress is a positive amount, like 'progress run 5 km'."))
    if command.amount > max(goal.target * 10, 1):
        raise UserError(_("{amount} is far more than the whole goal ({target}); nothing was "
                          "logged.", amount=with_unit(command.amount, goal.unit),
                          target=with_unit(goal.target, goal.unit)))


def _unit(word: str) -> str:
    low = word.lower().rstrip(".")
    return low[:-1] if low.endswith("s") and len(low) > 2 else low


async def undo(deps: Deps, actor: Actor, zone: str) -> Reply:
    """Take back the latest progress entry, if it is less than 10 minutes old."""
    goals = {g.id: g for g in await goals_of(deps, actor, reached=True) if g.id is not None}
    if not goals:
        raise NotFound(_("Nothing to undo."))
    async with deps.uow() as uow:
        latest = await uow.goals.latest(goals.keys()) if goals else None
    if latest is None or latest[1].at < deps.clock.now() - UNDO_WINDOW:
        raise NotFound(_("Nothing to undo: no progress was logged in the last 10 minutes."))
    return await _take_back(deps, goals[latest[0]], latest[1].id, zone)


async def undo_entry(deps: Deps, actor: Actor, schedule_id: ScheduleId, entry_id: int,
                     zone: str) -> Reply:
    """The Undo button of a progress reply."""
    goal = next((g for g in await goals_of(deps, actor, reached=True) if g.id == schedule_id),
                None)
    if goal is None:
        raise NotFound(_("That goal is gone."))
    async with deps.uow() as uow:
        entries = await uow.goals.progress(schedule_id)
    entry = next((e for e in entries if e.id == entry_id), None)
    if entry is None or entry.at < deps.clock.now() - UNDO_WINDOW:
        raise UserError(_("That progress can no longer be undone (10 minutes have passed)."))
    return await _take_back(deps, goal, entry_id, zone)


async def _take_back(deps: Deps, goal: Schedule, entry_id: int, zone: str) -> Reply:
    assert goal.id is not None
    payload: GoalPayload = goal.payload
    now = deps.clock.now()
    async with deps.uow() as uow:
        await uow.goals.remove(entry_id)
        done = total(await uow.goals.progress(goal.id))
        if goal.state is State.DONE and done < payload.target:
            await uow.schedules.save(replace(goal, state=State.ACTIVE,
                                             next_at=next_instant(goal.recurrence, now)))
        await uow.commit()
    return Reply(_("Undone. {name}: {summary}.", name=payload.name,
                   summary=summary(payload, done, _today(deps, zone))))


async def goals_of(deps: Deps, actor: Actor, *, reached: bool = False) -> list[Schedule]:
    """The actor's live goals; with `reached`, those already met or past their deadline too."""
    async with deps.uow() as uow:
        found = await uow.schedules.list_for(actor.user, kinds={KIND}, live_only=not reached)
    keep = (State.ACTIVE, State.PAUSED, State.DONE) if reached else (State.ACTIVE, State.PAUSED)
    return [g for g in found if g.state in keep]


async def _named(deps: Deps, actor: Actor, name: str) -> Schedule | None:
    low = name.lower()
    return next((g for g in await goals_of(deps, actor) if g.payload.name.lower() == low), None)


async def find(deps: Deps, actor: Actor, ref: str) -> Schedule:
    found = await lookup(deps, actor, ref)
    if found is None:
        raise NotFound(_("You have no goal '{ref}'. Type 'goals' to see yours.", ref=ref))
    return found


async def lookup(deps: Deps, actor: Actor, ref: str) -> Schedule | None:
    """A live goal by number or name (a unique start of a name will do)."""
    return named.by_name_or_number(await goals_of(deps, actor), ref)


async def listing(deps: Deps, actor: Actor, zone: str) -> Reply:
    goals = await goals_of(deps, actor, reached=True)
    if not goals:
        return Reply(_("You have no goals. Try: goal run 100 km by Dec 31"))
    today = _today(deps, zone)
    lines = []
    for goal in goals:
        assert goal.id is not None
        async with deps.uow() as uow:
            done = total(await uow.goals.progress(goal.id))
        lines.append(line(goal, done, today))
    return Reply(_("Your goals:") + "\n" + "\n".join(lines))


def line(goal: Schedule, done: float, today: date) -> str:
    """'Goal 4: run, by Thu 31 Dec: 42 of 100 km, 58% of the time left: on track'."""
    payload: GoalPayload = goal.payload
    named = _("Goal {number}: {name}", number=goal.number, name=payload.name)
    if payload.deadline:
        named += ", " + _("by {day}", day=format_date_year(payload.deadline))
    return f"{named}: {summary(payload, done, today)}"


def _today(deps: Deps, zone: str) -> date:
    return deps.clock.now().astimezone(ZoneInfo(zone)).date()


async def _queue_if_soon(deps: Deps, schedule: Schedule) -> None:
    if schedule.id is None or schedule.next_at is None:
        return
    if schedule.next_at <= deps.clock.now() + deps.horizon:
        await deps.queue.schedule([Occurrence(schedule.id, schedule.next_at)])
