"""Habit use cases: create, check in (and back-fill), skip, pause, vacation, list, stats, move."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from core import habit_chart
from core.errors import NotFound, UserError
from core.habits import (
    BACKFILL_DAYS,
    FOREVER,
    Break,
    BreakReason,
    Frequency,
    HabitPayload,
    Period,
    Streaks,
    standing,
    suggested_time,
)
from core.i18n import _, format_day
from core.ids import Actor, ScheduleId
from core.kinds.registry import handler_for
from core.language.commands import ME
from core.language.commands import Habit as HabitCommand
from core.occurrences import Occurrence
from core.recurrence import next_instant
from core.recurrence.rules import Daily, Recurrence, Weekly
from core.replies import Choice, Reply
from core.schedules import Schedule, State
from core.services import named, tracker_words
from core.services import tracker_actions as buttons
from core.services.deps import Deps
from core.services.habit_words import day_words as _day_words
from core.services.habit_words import frequency_words, line, streak_words, title

KIND: Final = "habit"
PROMPT_AT: Final = time(9, 0)  # a habit named without a time is prompted at 9 in the morning
MAX_NAME: Final = 80
_COUNTED: Final = re.compile(r"^(?P<name>.+?)\s+(?P<n>\d+|once|twice)\s*(?:times?|x)?\s+"
                             r"(?:a|per|each|every)\s+(?P<period>week|month)$")


# -- creating --------------------------------------------------------------------------

async def create(deps: Deps, actor: Actor, command: HabitCommand, zone: str) -> Reply:
    name, frequency = _name_and_frequency(command)
    now = deps.clock.now()
    recurrence = command.recurrence or Recurrence(Daily((PROMPT_AT,)), zone, now)
    frequency = _with_rule_days(frequency, recurrence)
    if await _named(deps, actor, name):
        raise UserError(_("You already have a habit called '{name}'. Type 'habits' to see them.",
                          name=name))
    chat = await deps.access.resolve(actor, ME)
    draft = Schedule(owner=actor.user, chat=chat, kind=KIND,
                     payload=HabitPayload(name, frequency), recurrence=recurrence,
                     next_at=next_instant(recurrence, now), created_at=now)
    async with deps.uow() as uow:
        habit = await uow.schedules.add(draft)
        await uow.commit()
    await _queue_if_soon(deps, habit)
    return Reply(line(habit, zone) + "\n" + _("Check in with 'done {name}'; 'stats {name}' "
                                               "shows your streak.", name=name),
                 (buttons.drop_choice(habit.id),))


MAX_PER_MONTH = 31


def _name_and_frequency(command: HabitCommand) -> tuple[str, Frequency]:
    name = " ".join(command.what.split())
    if command.per_week:
        return _checked_name(name), Frequency(command.per_week, Period.WEEK)
    if command.per_month:
        if not 1 <= command.per_month <= MAX_PER_MONTH:
            raise UserError(_("A habit can ask for 1 to {n} check-ins a month.", n=MAX_PER_MONTH))
        return _checked_name(name), Frequency(command.per_month, Period.MONTH)
    found = _COUNTED.match(name)
    if found:
        n = {"once": 1, "twice": 2}.get(found["n"]) or int(found["n"])
        limit = 7 if found["period"] == "week" else 31
        if not 1 <= n <= limit:
            raise UserError(_("A habit can ask for 1 to {n} check-ins a week.", n=limit)
                            if found["period"] == "week" else
                            _("A habit can ask for 1 to {n} check-ins a month.", n=limit))
        return _checked_name(found["name"]), Frequency(n, Period(found["period"]))
    return _checked_name(name), Frequency()


def _checked_name(name: str) -> str:
    if not name or name.isdigit() or len(name) > MAX_NAME:
        raise UserError(_("Give the habit a short name (up to {n} characters), like "
                          "'habit meditate every morning'.", n=MAX_NAME))
    return name


def _with_rule_days(frequency: Frequency, recurrence: Recurrence) -> Frequency:
    """The frequency a daily-period habit takes from its prompts: weekdays, every N days."""
    if frequency.period is not Period.DAY:
        return frequency
    rule = recurrence.rule
    if isinstance(rule, Weekly) and rule.every == 1:
        return replace(frequency, weekdays=rule.weekdays)
    if isinstance(rule, Daily):
        return replace(frequency, every=rule.every)
    raise UserError(_("A habit's reminder repeats by the day or the week, like 'habit read on "
                      "weekdays at 21:00' or 'habit stretch every 2 days'."))


# -- finding ---------------------------------------------------------------------------

async def habits_of(deps: Deps, actor: Actor) -> list[Schedule]:
    async with deps.uow() as uow:
        return await uow.schedules.list_for(actor.user, kinds={KIND})


async def _named(deps: Deps, actor: Actor, name: str) -> Schedule | None:
    return next((h for h in await habits_of(deps, actor) if h.payload.name.lower() == name.lower()),
                None)


async def find(deps: Deps, actor: Actor, ref: str) -> Schedule:
    """The actor's live habit by number or name (a unique start of a name will do)."""
    found = await lookup(deps, actor, ref)
    if found is None:
        raise NotFound(_("You have no habit '{ref}'. Type 'habits' to see yours.", ref=ref))
    return found


async def lookup(deps: Deps, actor: Actor, ref: str) -> Schedule | None:
    """A live habit by number or name (a unique start of a name will do)."""
    return named.by_name_or_number(await habits_of(deps, actor), ref)


async def owned(deps: Deps, actor: Actor, schedule_id: ScheduleId) -> Schedule:
    """The habit or goal behind a button; only its owner may press it."""
    async with deps.uow() as uow:
        schedule = await uow.schedules.get(schedule_id)
    if schedule is None or schedule.owner != actor.user or schedule.kind not in ("habit", "goal"):
        raise NotFound(_("That habit or goal is gone."))
    return schedule


# -- checking in -----------------------------------------------------------------------

async def done(deps: Deps, actor: Actor, ref: str, zone: str) -> Reply:
    name, back = tracker_words.days_back(ref)
    habit = await find(deps, actor, name)
    today = _today(deps, zone)
    days = tracker_words.weekday_back(back, today) if isinstance(back, str) else back
    return await check_in(deps, habit, days, zone)


async def check_in(deps: Deps, habit: Schedule, days_back: int, zone: str) -> Reply:
    assert habit.id is not None
    if days_back > BACKFILL_DAYS:
        raise UserError(_("Check-ins reach back {n} days at most.", n=BACKFILL_DAYS))
    now = deps.clock.now()
    day = _today(deps, zone) - timedelta(days=days_back)
    async with deps.uow() as uow:
        added = await uow.habits.check_in(habit.id, day, now)
        await uow.commit()
    name, when = habit.payload.name, _day_words(day, _today(deps, zone))
    if not added:
        return Reply(_("{name} is already checked in for {when}; nothing changed.", name=name,
                       when=when))
    report = await report_for(deps, habit, zone)
    choices = [buttons.undone_choice(habit.id, day)]
    text = _("✓ {name} done {when}.", name=name, when=when) + " " + streak_words(
        habit.payload.frequency, report)
    if days_back == 0 and (move := await _better_slot(deps, habit, zone)) is not None:
        text += "\n" + _("You usually check in around {time}. Move the reminder there?",
                         time=f"{move:%H:%M}")
        choices.insert(0, buttons.move_choice(habit.id, move))
    return Reply(text, tuple(choices))


async def uncheck(deps: Deps, habit: Schedule, day: date) -> Reply:
    assert habit.id is not None
    async with deps.uow() as uow:
        removed = await uow.habits.uncheck(habit.id, day)
        await uow.commit()
    if not removed:
        return Reply(_("{name} had no check-in on {day}; nothing changed.",
                       name=habit.payload.name, day=format_day(day)))
    return Reply(_("Check-in of {name} on {day} taken back.", name=habit.payload.name,
                   day=format_day(day)))


async def skip(deps: Deps, habit: Schedule, days_ahead: int, zone: str) -> Reply:
    assert habit.id is not None
    day = _today(deps, zone) + timedelta(days=days_ahead)
    async with deps.uow() as uow:
        await uow.habits.add_break(habit.id, Break(day, day, BreakReason.SKIP))
        await uow.commit()
    return Reply(_("Skipped {name} {when}: your streak neither breaks nor grows.",
                   name=habit.payload.name, when=_day_words(day, _today(deps, zone))))


async def _better_slot(deps: Deps, habit: Schedule, zone: str) -> time | None:
    """Slot optimisation: a time to suggest for the prompt, from same-day check-ins."""
    assert habit.id is not None
    prompt = _prompt_time(habit)
    if prompt is None:
        return None
    async with deps.uow() as uow:
        checkins = await uow.habits.checkins(habit.id)
    local = ZoneInfo(zone)
    times = [c.at.astimezone(local).time() for c in checkins
             if c.at.astimezone(local).date() == c.day]  # back-fills say nothing of the hour
    return suggested_time(times, prompt)


def _prompt_time(habit: Schedule) -> time | None:
    times: tuple[time, ...] = getattr(habit.recurrence.rule, "times", ())
    return times[0] if len(times) == 1 else None


async def move(deps: Deps, habit: Schedule, wall: time, zone: str) -> Reply:
    """Move the prompt to `wall` (the slot suggestion's one button)."""
    rule = habit.recurrence.rule
    if not isinstance(rule, Daily | Weekly):
        raise UserError(_("That habit's reminder cannot be moved."))
    now = deps.clock.now()
    recurrence = replace(habit.recurrence, rule=replace(rule, times=(wall,)), start=now)
    moved = replace(habit, recurrence=recurrence, next_at=next_instant(recurrence, now))
    await _save(deps, moved)
    return Reply(_("Moved. {line}", line=line(moved, zone)))


# -- pausing ---------------------------------------------------------------------------

async def pause(deps: Deps, actor: Actor, ref: str, zone: str) -> Reply:
    """`pause meditate` (until resumed) or `pause meditate until Monday`."""
    name, until = tracker_words.split_until(ref)
    habit = await find(deps, actor, name)
    assert habit.id is not None
    today = _today(deps, zone)
    last = FOREVER if not until else _day_before(deps, until, zone)
    async with deps.uow() as uow:
        await uow.habits.add_break(habit.id, Break(today, last, BreakReason.PAUSE))
        if last == FOREVER:
            await uow.schedules.save(replace(habit, state=State.PAUSED))
        await uow.commit()
    if last == FOREVER:
        return Reply(_("Paused {title} until you type 'resume {name}'. Paused days neither "
                       "break nor extend the streak.", title=title(habit),
                       name=habit.payload.name))
    return Reply(_("Paused {title} through {last}; it is back on {back}. Your streak waits.",
                   title=title(habit), last=format_day(last),
                   back=format_day(last + timedelta(days=1))))


async def resume(deps: Deps, habit: Schedule, zone: str) -> Reply:
    assert habit.id is not None
    now = deps.clock.now()
    resumed = replace(habit, state=State.ACTIVE, next_at=next_instant(habit.recurrence, now))
    async with deps.uow() as uow:
        await uow.habits.end_breaks(habit.id, _today(deps, zone) - timedelta(days=1))
        await uow.schedules.save(resumed)
        await uow.commit()
    await _queue_if_soon(deps, resumed)
    return Reply(_("Resumed. {line}", line=line(resumed, zone)))


async def vacation(deps: Deps, actor: Actor, until: str, zone: str) -> Reply:
    if not until:
        raise UserError(_("Until when? For example: vacation until Jan 5"))
    last = _day_before(deps, until, zone)
    habits = await habits_of(deps, actor)
    if not habits:
        raise NotFound(_("You have no habits to pause. Try: habit meditate every morning"))
    async with deps.uow() as uow:
        for habit in habits:
            assert habit.id is not None
            await uow.habits.add_break(habit.id, Break(_today(deps, zone), last,
                                                       BreakReason.VACATION))
        await uow.commit()
    return Reply(_("Enjoy your vacation! All {count} habits rest through {last} and your "
                   "streaks wait for you.", count=len(habits), last=format_day(last)))


def _day_before(deps: Deps, words: str, zone: str) -> date:
    """The last day of a break 'until <words>': the day before the one named."""
    back_on = tracker_words.until_date(words, deps.clock.now(), zone)
    if back_on <= _today(deps, zone):
        raise UserError(_("That day is not in the future, so there is nothing to pause."))
    return back_on - timedelta(days=1)


async def cancel(deps: Deps, item: Schedule) -> Reply:
    """Cancel a habit or a goal (its check-ins or progress stay, for a restore)."""
    if not item.is_live and item.state is not State.DONE:
        return Reply(_("{title} was already removed.", title=handler_for(item.kind).title(item)))
    await _save(deps, replace(item, state=State.CANCELLED, next_at=None))
    return Reply(_("Cancelled {title}.", title=handler_for(item.kind).title(item)),
                 (buttons.restore_choice(item.id),))


async def restore(deps: Deps, item: Schedule, zone: str) -> Reply:
    """Undo a cancel of a habit or a goal: it carries on from its next instant after now."""
    name = handler_for(item.kind).title(item)
    if item.state is not State.CANCELLED:
        raise UserError(_("{title} is not cancelled.", title=name))
    now = deps.clock.now()
    restored = replace(item, state=State.ACTIVE, next_at=next_instant(item.recurrence, now))
    await _save(deps, restored)
    words = line(restored, zone) if item.kind == KIND else name
    return Reply(_("Restored. {line}", line=words), (buttons.drop_choice(item.id),))


# -- reporting -------------------------------------------------------------------------

async def report_for(deps: Deps, habit: Schedule, zone: str) -> Streaks:
    days, breaks = await _log(deps, habit)
    return _standing(habit, days, breaks, _today(deps, zone), zone)


async def _log(deps: Deps, habit: Schedule) -> tuple[list[date], list[Break]]:
    assert habit.id is not None
    async with deps.uow() as uow:
        return await uow.habits.days(habit.id), await uow.habits.breaks(habit.id)


def _standing(habit: Schedule, days: list[date], breaks: list[Break], today: date,
              zone: str) -> Streaks:
    start = habit.created_at.astimezone(ZoneInfo(zone)).date() if habit.created_at else today
    return standing(habit.payload.frequency, days, breaks, start=start, today=today)


async def listing(deps: Deps, actor: Actor, zone: str) -> Reply:
    habits = await habits_of(deps, actor)
    if not habits:
        return Reply(_("You have no habits. Try: habit meditate every morning"))
    lines, choices = [], []
    for habit in habits:
        report = await report_for(deps, habit, zone)
        mark = _("✓ done today") if report.done_today else _("not done yet today")
        lines.append(f"{title(habit)} ({frequency_words(habit.payload.frequency)}): {mark}; "
                     f"{streak_words(habit.payload.frequency, report)}")
        if not report.done_today and habit.state is State.ACTIVE:
            choices.append(buttons.done_choice(habit.id, habit.payload.name))
    return Reply(_("Your habits:") + "\n" + "\n".join(lines), tuple(choices))


async def stats(deps: Deps, actor: Actor, ref: str, zone: str) -> Reply:
    habit = await find(deps, actor, ref)
    days, breaks = await _log(deps, habit)
    today = _today(deps, zone)
    report = _standing(habit, days, breaks, today, zone)
    image = habit_chart.heat_map(set(days), breaks, today=today)
    recent = sum(1 for d in days if d > today - timedelta(days=28))
    text = (f"{title(habit)} ({frequency_words(habit.payload.frequency)})\n"
            f"{streak_words(habit.payload.frequency, report)}\n"
            + _("Check-ins: {count} in all, {recent} in the last 4 weeks", count=len(days),
                recent=recent))
    choices: tuple[Choice, ...] = () if report.done_today else (
        buttons.done_choice(habit.id, habit.payload.name),)
    return Reply(text, choices, image=image, image_name=f"habit-{habit.number}.png")


def _today(deps: Deps, zone: str) -> date:
    return deps.clock.now().astimezone(ZoneInfo(zone)).date()


async def _save(deps: Deps, habit: Schedule) -> None:
    async with deps.uow() as uow:
        await uow.schedules.save(habit)
        await uow.commit()
    await _queue_if_soon(deps, habit)


async def _queue_if_soon(deps: Deps, schedule: Schedule) -> None:
    if schedule.id is None or schedule.next_at is None or schedule.state is not State.ACTIVE:
        return
    if schedule.next_at <= deps.clock.now() + deps.horizon:
        await deps.queue.schedule([Occurrence(schedule.id, schedule.next_at)])
