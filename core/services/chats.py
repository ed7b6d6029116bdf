"""Chat-level changes the platforms report: a chat moved to a new id, or the bot is gone."""

from __future__ import annotations

import logging

from core.ids import ChatRef
from core.services.deps import Deps

logger = logging.getLogger(__name__)


async def move(deps: Deps, old: ChatRef, new: ChatRef) -> int:
    """Schedules delivered to `old` follow it to `new` (a group became a supergroup)."""
    async with deps.uow() as uow:
        moved = await uow.schedules.move_chat(old, new)
        await uow.commit()
    logger.info("chat %s became %s: moved %d schedules", old.chat_id, new.chat_id, moved)
    return moved


async def deactivate(deps: Deps, chat: ChatRef) -> int:
    """The bot was blocked, kicked or removed: that chat's schedules stop."""
    async with deps.uow() as uow:
        count = await uow.schedules.deactivate_chat(chat)
        await uow.commit()
    logger.info("chat %s is gone: deactivated %d schedules", chat.chat_id, count)
    return count
