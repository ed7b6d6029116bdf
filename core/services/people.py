"""A person's settings: their time zone and reply language; the zone a message is read in."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core.i18n import _, using
from core.ids import Actor
from core.people import Person
from core.recurrence.rules import Once
from core.reminders import Reminder
from core.replies import Choice, Reply
from core.services import reminders, wording
from core.services.deps import Deps

LANGUAGE_NAMES = {"en": "English", "es": "español", "de": "Deutsch", "fr": "français",
                  "pt": "português", "ru": "русский"}


async def person_of(deps: Deps, actor: Actor) -> Person | None:
    async with deps.uow() as uow:
        return await uow.people.get(actor.user)


async def zone_for(deps: Deps, actor: Actor) -> str:
    """The zone they set, else the one their platform reports, else the default."""
    return zone_of(deps, actor, await person_of(deps, actor))


def zone_of(deps: Deps, actor: Actor, person: Person | None) -> str:
    if person and person.zone:
        return person.zone
    return actor.zone or deps.default_zone


async def set_zone(deps: Deps, actor: Actor, zone: str) -> Reply:
    """Set the zone; say which repeating reminders keep their own, and offer to move them."""
    async with deps.uow() as uow:
        person = await uow.people.get(actor.user) or Person(actor.user, None, actor.display_name)
        await uow.people.save(replace(person, zone=zone))
        await uow.commit()
    now = deps.clock.now().astimezone(ZoneInfo(zone))
    # The city is named even when an abbreviation was typed: `CET` is read as Europe/Paris.
    text = _("Time zone set to {zone} ({abbreviation}, UTC{offset}). Times you type are now "
             "read in {zone}.", zone=zone, abbreviation=now.tzname(), offset=_offset(now))
    kept = await _other_zones(deps, actor, zone)
    if not kept:
        return Reply(text)
    names = "; ".join(f"{wording.title(r, limit=40)} ({r.recurrence.zone})" for r in kept)
    text += "\n" + _("These keep their own zone: {names}. Type 'move my reminders to {zone}' "
                     "to move them.", names=names, zone=zone)
    return Reply(text, (Choice(_("Move them to {zone}", zone=zone),
                               f"move my reminders to {zone}"),))


async def move_reminders(deps: Deps, actor: Actor, zone: str) -> Reply:
    """Give the actor's repeating reminders `zone`: same wall-clock times, read there."""
    kept = await _other_zones(deps, actor, zone)
    if not kept:
        return Reply(_("All your repeating reminders already run in {zone}.", zone=zone))
    moved = [await reminders.rezone(deps, reminder, zone) for reminder in kept]
    lines = "\n".join(wording.line(r, zone, limit=wording.LISTED_TEXT) for r in moved)
    return Reply(_("Moved {count} to {zone}:", count=len(moved), zone=zone) + "\n" + lines)


async def _other_zones(deps: Deps, actor: Actor, zone: str) -> list[Reminder]:
    """Live repeating reminders whose rule is read in another zone (a one-shot is an instant)."""
    return [r for r in await reminders.live(deps, actor)
            if r.recurrence.zone != zone and not isinstance(r.recurrence.rule, Once)]


def _offset(local: datetime) -> str:
    minutes = int((local.utcoffset() or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"


async def set_language(deps: Deps, actor: Actor, code: str) -> Reply:
    """`language de`: answer, deliver and label buttons in German from now on."""
    async with deps.uow() as uow:
        person = await uow.people.get(actor.user) or Person(actor.user, None, actor.display_name)
        await uow.people.save(replace(person, language=code))
        await uow.commit()
    with using(code):  # the confirmation already in the new language
        return Reply(_("Language set to {name}. I will answer and send your reminders in "
                       "{name}; a message in another language is still answered in its own.",
                       name=LANGUAGE_NAMES.get(code, code)))
