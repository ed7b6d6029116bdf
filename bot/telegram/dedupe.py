"""Repeated updates (same update_id) do nothing twice; the deduper's store is the root's choice."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

from bot.ports import Deduper

logger = logging.getLogger(__name__)

# Telegram keeps an unconfirmed update for 24 hours, so a redelivery comes within a day.
SEEN_FOR: Final = timedelta(hours=25)


class UpdateLog:
    """Remembers which updates of which bot were handled."""

    def __init__(self, deduper: Deduper) -> None:
        self._deduper = deduper

    async def first_time(self, bot_id: int, update_id: int) -> bool:
        """True exactly once per (bot, update); True as well when the store cannot be reached.

        Letting an update in when Redis is away risks a rare double answer (only if Telegram
        also redelivers it); refusing it would drop what the person asked.
        """
        try:
            return await self._deduper.first_time(f"{bot_id}:{update_id}")
        except Exception as exc:
            logger.warning("update dedupe unavailable (%s); handling update %s anyway",
                           type(exc).__name__, update_id)
            return True
