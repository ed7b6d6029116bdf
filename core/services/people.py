"""A person's time zone: set it, and resolve the zone a message is read in."""

from __future__ import annotations

from dataclasses import replace

from core.ids import Actor
from core.people import Person
from core.replies import Reply
from core.services.deps import Deps


async def zone_for(deps: Deps, actor: Actor) -> str:
    """The zone they set, else the one their platform reports, else the default."""
    async with deps.uow() as uow:
        person = await uow.people.get(actor.user)
    if person and person.zone:
        return person.zone
    return actor.zone or deps.default_zone


async def set_zone(deps: Deps, actor: Actor, zone: str) -> Reply:
    async with deps.uow() as uow:
        person = await uow.people.get(actor.user) or Person(actor.user, None, actor.display_name)
        await uow.people.save(replace(person, zone=zone))
        await uow.commit()
    return Reply(f"Time zone set to {zone}. Times you type are now read in {zone}.")
