"""Habits and goals beside reminders: the words only they use, lookups by number or name, `list`."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from core.i18n import set_language
from core.ids import Actor
from core.replies import Reply
from core.schedules import Schedule
from core.services import goals, habits, reminders, tracker_words
from core.services.deps import Deps


async def words(deps: Deps, actor: Actor, text: str, zone: str) -> Reply | None:
    """The answer to stats, skip, vacation or undo; None for anything else."""
    found = tracker_words.read(text)
    if found is None:
        return None
    if found.verb == "undo":
        return await goals.undo(deps, actor, zone)
    if found.language:
        set_language(found.language)
    if found.verb == "stats":
        return await habits.stats(deps, actor, found.ref, zone)
    if found.verb == "vacation":
        return await habits.vacation(deps, actor, found.when, zone)
    if found.verb == "done":
        name, _ = tracker_words.days_back(found.ref)
        if await habits.lookup(deps, actor, name) is None:
            return None  # not a habit: the language reads it (and says what it makes of it)
        return await habits.done(deps, actor, found.ref, zone)
    habit = await habits.lookup(deps, actor, found.ref)
    if habit is None:
        return None  # `skip` of something else is the language's to read
    return await habits.skip(deps, habit, 1 if found.when == "tomorrow" else 0, zone)


async def lookup(deps: Deps, actor: Actor, ref: str) -> Schedule | None:
    """The actor's habit or goal that `ref` names (number or name), else None."""
    return await habits.lookup(deps, actor, ref) or await goals.lookup(deps, actor, ref)


async def is_habit(deps: Deps, actor: Actor, ref: str) -> bool:
    """Whether `ref` ('meditate until Monday') names one of the actor's habits."""
    name, _ = tracker_words.split_until(ref)
    return await habits.lookup(deps, actor, name) is not None


async def everything(deps: Deps, actor: Actor, zone: str) -> Reply:
    """`list`: reminders and posts, then habits and goals when there are any."""
    parts = [await reminders.listing(deps, actor, zone)]
    if await habits.habits_of(deps, actor):
        parts.append(await habits.listing(deps, actor, zone))
    if await goals.goals_of(deps, actor, reached=True):
        parts.append(await goals.listing(deps, actor, zone))
    if len(parts) > 1 and not await reminders.live(deps, actor):
        parts.pop(0)  # "You have no reminders" says nothing beside habits or goals
    text = "\n\n".join(p.text for p in parts)
    return Reply(text, tuple(c for p in parts for c in p.choices))


def today(deps: Deps, zone: str) -> date:
    return deps.clock.now().astimezone(ZoneInfo(zone)).date()


__all__ = ["everything", "is_habit", "lookup", "today", "words"]
