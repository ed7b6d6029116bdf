"""Quota checks before a use case runs: commands per minute, active items, channel intervals.

Each raises UserError with a friendly refusal, before anything is stored.
"""

from __future__ import annotations

from core.errors import UserError
from core.i18n import _
from core.ids import Actor, ChatRef
from core.language.commands import Post, Remind, TargetKind
from core.quotas import minutes, shortest_gap
from core.services.deps import Deps


async def may_command(deps: Deps, actor: Actor) -> None:
    """Count one command (typed or pressed); refuse past the person's rate."""
    limit = deps.quotas.commands_per_minute
    if deps.rate is None or limit <= 0:
        return
    if not await deps.rate.allow(actor.user, now=deps.clock.now(), per_minute=limit):
        raise UserError(_("Slow down a little: I take up to {limit} messages a minute from "
                          "one person. Try again in a minute; nothing was changed.", limit=limit))


async def may_create(deps: Deps, actor: Actor, command: Remind | Post, chat: ChatRef) -> None:
    """Refuse a new item past the person's or the channel's quota, or repeating too often."""
    shared = command.target.kind is TargetKind.CHANNEL or (actor.is_group and chat == actor.chat)
    if shared:
        _often_enough(deps, command)
    quotas = deps.quotas
    async with deps.uow() as uow:
        mine = await uow.schedules.count_live(owner=actor.user)
        theirs = await uow.schedules.count_live(chat=chat) if shared else 0
    if mine >= quotas.active_per_person:
        raise UserError(_("You have {count} active reminders and posts, the most one person "
                          "may have. Cancel some first (type 'list' to see them).", count=mine))
    if theirs >= quotas.active_per_channel:
        raise UserError(_("{channel} already has {count} active reminders and posts, the most "
                          "one channel may have. Cancel some there first.",
                          channel=str(command.target), count=theirs))


def _often_enough(deps: Deps, command: Remind | Post) -> None:
    floor = deps.quotas.channel_min_interval
    gap = shortest_gap(command.recurrence, deps.clock.now())
    if gap is None or gap >= floor:
        return
    raise UserError(_("In a channel, a reminder may repeat at most every {floor}; this one "
                      "would repeat every {gap}. Choose a longer interval, or set it for "
                      "yourself with 'remind me'.", floor=minutes(floor), gap=minutes(gap)))
