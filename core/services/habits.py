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
from core.ids import Actor, ScheduleId
from core.kinds.registry import handler_for
from core.language.commands import ME
from core.language.commands import Habit as HabitCommand
from core.occurrences import Occurrence
from core.recurrence import describe, next_instant
from core.recurrence.rules import Daily, Recurrence, Weekly
from core.replies import Choice, Reply, format_instant
from core.schedules import Schedule, State
from core.services import named, tracker_words
from core.services import tracker_actions as buttons
from core.services.deps import Deps

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
        raise UserError(f"You already have a habit called '{name}'. Type 'habits' to see them.")
    chat = await deps.access.resolve(actor, ME)
    draft = Schedule(owner=actor.user, chat=chat, kind=KIND,
                     payload=HabitPayload(name, frequency), recurrence=recurrence,
                     next_at=next_instant(recurrence, now), created_at=now)
    async with deps.uow() as uow:
        habit = await uow.schedules.add(draft)
        await uow.commit()
    await _queue_if_soon(deps, habit)
    return Reply(f"{line(habit, zone)}\nCheck in with 'done {name}'; 'stats {name}' shows "
                 "your streak.", (buttons.drop_choice(habit.id),))


MAX_PER_MONTH = 31


def _name_and_frequency(command: HabitCommand) -> tuple[str, Frequency]:
    name = " ".join(command.what.split())
    if command.per_week:
        return _checked_name(name), Frequency(command.per_week, Period.WEEK)
    if command.per_month:
        if not 1 <= command.per_month <= MAX_PER_MONTH:
            raise UserError(f"A habit can ask for 1 to {MAX_PER_MONTH} check-ins a month.")
        return _checked_name(name), Frequency(command.per_month, Period.MONTH)
    found = _COUNTED.match(name)
    if found:
        n = {"once": 1, "twice": 2}.get(found["n"]) or int(found["n"])
        limit = 7 if found["period"] == "week" else 31
        if not 1 <= n <= limit:
            raise UserError(f"A habit can ask for 1 to {limit} check-ins a {found['period']}.")
        return _checked_name(found["name"]), Frequency(n, Period(found["period"]))
    return _checked_name(name), Frequency()


def _checked_name(name: str) -> str:
    if not name or name.isdigit() or len(name) > MAX_NAME:
        raise UserError(f"Give the habit a short name (up to {MAX_NAME} characters), like "
                        "'habit meditate every morning'.")
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
    raise UserError("A habit's reminder repeats by the day or the week, like 'habit read on "
                    "weekdays at 21:00' or 'habit stretch every 2 days'.")


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
        raise NotFound(f"You have no habit '{ref}'. Type 'habits' to see yours.")
    return found


async def lookup(deps: Deps, actor: Actor, ref: str) -> Schedule | None:
    """A live habit by number or name (a unique start of a name will do)."""
    return named.by_name_or_number(await habits_of(deps, actor), ref)


async def owned(deps: Deps, actor: Actor, schedule_id: ScheduleId) -> Schedule:
    """The habit or goal behind a button; only its owner may press it."""
    async with deps.uow() as uow:
        schedule = await uow.schedules.get(schedule_id)
    if schedule is None or schedule.owner != actor.user or schedule.kind not in ("habit", "goal"):
        raise NotFound("That habit or goal is gone.")
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
        raise UserError(f"Check-ins reach back {BACKFILL_DAYS} days at most.")
    now = deps.clock.now()
    day = _today(deps, zone) - timedelta(days=days_back)
    async with deps.uow() as uow:
        added = await uow.habits.check_in(habit.id, day, now)
        await uow.commit()
    name, when = habit.payload.name, _day_words(day, _today(deps, zone))
    if not added:
        return Reply(f"{name} is already checked in for {when}; nothing changed.")
    report = await report_for(deps, habit, zone)
    choices = [buttons.undone_choice(habit.id, day)]
    text = f"✓ {name} done {when}. {streak_words(habit.payload.frequency, report)}"
    if days_back == 0 and (move := await _better_slot(deps, habit, zone)) is not None:
        text += (f"\nYou usually check in around {move:%H:%M}. Move the reminder there?")
        choices.insert(0, buttons.move_choice(habit.id, move))
    return Reply(text, tuple(choices))


async def uncheck(deps: Deps, habit: Schedule, day: date) -> Reply:
    assert habit.id is not None
    async with deps.uow() as uow:
        removed = await uow.habits.uncheck(habit.id, day)
        await uow.commit()
    if not removed:
        return Reply(f"{habit.payload.name} had no check-in on {day:%a %d %b}; nothing changed.")
    return Reply(f"Check-in of {habit.payload.name} on {day:%a %d %b} taken back.")


async def skip(deps: Deps, habit: Schedule, days_ahead: int, zone: str) -> Reply:
    assert habit.id is not None
    day = _today(deps, zone) + timedelta(days=days_ahead)
    async with deps.uow() as uow:
        await uow.habits.add_break(habit.id, Break(day, day, BreakReason.SKIP))
        await uow.commit()
    return Reply(f"Skipped {habit.payload.name} {_day_words(day, _today(deps, zone))}: "
                 "your streak neither breaks nor grows.")


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
        raise UserError("That habit's reminder cannot be moved.")
    now = deps.clock.now()
    recurrence = replace(habit.recurrence, rule=replace(rule, times=(wall,)), start=now)
    moved = replace(habit, recurrence=recurrence, next_at=next_instant(recurrence, now))
    await _save(deps, moved)
    return Reply(f"Moved. {line(moved, zone)}")


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
        return Reply(f"Paused {title(habit)} until you type 'resume {habit.payload.name}'. "
                     "Paused days neither break nor extend the streak.")
    return Reply(f"Paused {title(habit)} through {last:%a %d %b}; it is back on "
                 f"{last + timedelta(days=1):%a %d %b}. Your streak waits.")


async def resume(deps: Deps, habit: Schedule, zone: str) -> Reply:
    assert habit.id is not None
    now = deps.clock.now()
    resumed = replace(habit, state=State.ACTIVE, next_at=next_instant(habit.recurrence, now))
    async with deps.uow() as uow:
        await uow.habits.end_breaks(habit.id, _today(deps, zone) - timedelta(days=1))
        await uow.schedules.save(resumed)
        await uow.commit()
    await _queue_if_soon(deps, resumed)
    return Reply(f"Resumed. {line(resumed, zone)}")


async def vacation(deps: Deps, actor: Actor, until: str, zone: str) -> Reply:
    if not until:
        raise UserError("Until when? For example: vacation until Jan 5")
    last = _day_before(deps, until, zone)
    habits = await habits_of(deps, actor)
    if not habits:
        raise NotFound("You have no habits to pause. Try: habit meditate every morning")
    async with deps.uow() as uow:
        for habit in habits:
            assert habit.id is not None
            await uow.habits.add_break(habit.id, Break(_today(deps, zone), last,
                                                       BreakReason.VACATION))
        await uow.commit()
    return Reply(f"Enjoy your vacation! All {len(habits)} habits rest through {last:%a %d %b} "
                 "and your streaks wait for you.")


def _day_before(deps: Deps, words: str, zone: str) -> date:
    """The last day of a break 'until <words>': the day before the one named."""
    back_on = tracker_words.until_date(words, deps.clock.now(), zone)
    if back_on <= _today(deps, zone):
        raise UserError("That day is not in the future, so there is nothing to pause.")
    return back_on - timedelta(days=1)


async def cancel(deps: Deps, item: Schedule) -> Reply:
    """Cancel a habit or a goal (its check-ins or progress stay, for a restore)."""
    if not item.is_live and item.state is not State.DONE:
        return Reply(f"{handler_for(item.kind).title(item)} was already removed.")
    await _save(deps, replace(item, state=State.CANCELLED, next_at=None))
    return Reply(f"Cancelled {handler_for(item.kind).title(item)}.",
                 (buttons.restore_choice(item.id),))


async def restore(deps: Deps, item: Schedule, zone: str) -> Reply:
    """Undo a cancel of a habit or a goal: it carries on from its next instant after now."""
    name = handler_for(item.kind).title(item)
    if item.state is not State.CANCELLED:
        raise UserError(f"{name} is not cancelled.")
    now = deps.clock.now()
    restored = replace(item, state=State.ACTIVE, next_at=next_instant(item.recurrence, now))
    await _save(deps, restored)
    words = line(restored, zone) if item.kind == KIND else name
    return Reply(f"Restored. {words}", (buttons.drop_choice(item.id),))


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
        return Reply("You have no habits. Try: habit meditate every morning")
    lines, choices = [], []
    for habit in habits:
        report = await report_for(deps, habit, zone)
        mark = "✓ done today" if report.done_today else "not done yet today"
        lines.append(f"{title(habit)} ({habit.payload.frequency.describe()}): {mark}; "
                     f"{streak_words(habit.payload.frequency, report)}")
        if not report.done_today and habit.state is State.ACTIVE:
            choices.append(buttons.done_choice(habit.id, habit.payload.name))
    return Reply("Your habits:\n" + "\n".join(lines), tuple(choices))


async def stats(deps: Deps, actor: Actor, ref: str, zone: str) -> Reply:
    habit = await find(deps, actor, ref)
    days, breaks = await _log(deps, habit)
    today = _today(deps, zone)
    report = _standing(habit, days, breaks, today, zone)
    image = habit_chart.heat_map(set(days), breaks, today=today)
    text = (f"{title(habit)} ({habit.payload.frequency.describe()})\n"
            f"{streak_words(habit.payload.frequency, report)}\n"
            f"Check-ins: {len(days)} in all, "
            f"{sum(1 for d in days if d > today - timedelta(days=28))} in the last 4 weeks")
    choices: tuple[Choice, ...] = () if report.done_today else (
        buttons.done_choice(habit.id, habit.payload.name),)
    return Reply(text, choices, image=image, image_name=f"habit-{habit.number}.png")


def streak_words(frequency: Frequency, report: Streaks) -> str:
    """'Streak: 5 days (longest 9); strength 63%'."""
    unit = frequency.unit

    def count(n: int) -> str:
        if frequency.every > 1 or frequency.weekdays:
            return f"{n} in a row"
        return f"{n} {unit}" + ("" if n == 1 else "s")

    text = f"Streak: {count(report.current)} (longest {count(report.longest)}); "
    text += f"strength {round(report.strength * 100)}%"
    if frequency.period is not Period.DAY:
        text += f"; this {unit}: {report.period_count} of {report.period_target}"
    return text + "."


def title(habit: Schedule) -> str:
    return f"Habit {habit.number}: {habit.payload.name}"


def line(habit: Schedule, zone: str) -> str:
    """'Habit 3: meditate, daily; reminder every day at 09:00, next Thu 5 Mar 09:00 EST'."""
    if habit.state is State.PAUSED:
        nxt = "paused"
    elif habit.next_at is None:
        nxt = "no more reminders"
    else:
        nxt = f"next {format_instant(habit.next_at, zone)}"
    return (f"{title(habit)}, {habit.payload.frequency.describe()}; reminder "
            f"{describe(habit.recurrence)}, {nxt}")


def _day_words(day: date, today: date) -> str:
    back = (today - day).days
    return {0: "today", 1: "yesterday", -1: "tomorrow"}.get(back, f"on {day:%a %d %b}")


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
