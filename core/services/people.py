"""A person's settings: their time zone and reply language; the zone a message is read in."""

from __future__ import annotations

from dataclasses import replace

from core.i18n import _, using
from core.ids import Actor
from core.people import Person
from core.replies import Reply
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
    async with deps.uow() as uow:
        person = await uow.people.get(actor.user) or Person(actor.user, None, actor.display_name)
        await uow.people.save(replace(person, zone=zone))
        await uow.commit()
    return Reply(_("Time zone set to {zone}. Times you type are now read in {zone}.", zone=zone))


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
