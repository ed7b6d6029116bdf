"""Reply choices -> InlineKeyboardMarkup, and the callback_data codec (64 bytes at most).

A choice's command travels as callback_data when it fits (the sealed tokens of
core.buttons always do). A longer one (the "when?" choices are whole sentences) is kept
in a CommandStore (Redis, built by the composition root) under a short key derived from
its text, and the button carries "k:<key>".
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Final, Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from core.replies import Choice

logger = logging.getLogger(__name__)

MAX_CALLBACK_BYTES: Final = 64  # Bot API limit for callback_data
STORED_PREFIX: Final = "k:"
STORED_TTL: Final = timedelta(days=7)
BUTTONS_PER_ROW: Final = 3


class CommandStore(Protocol):
    async def put(self, key: str, command: str, ttl: timedelta) -> None: ...

    async def get(self, key: str) -> str | None: ...


class CallbackCodec:
    """Command text <-> callback_data; without a store, only short commands can be buttons."""

    def __init__(self, store: CommandStore | None = None, *, ttl: timedelta = STORED_TTL) -> None:
        self._store = store
        self._ttl = ttl

    async def encode(self, command: str) -> str | None:
        """The callback_data for command; None if it is too long and there is no store."""
        if fits(command) and not command.startswith(STORED_PREFIX):
            return command
        if self._store is None:
            logger.warning("dropped a button: its command is over %d bytes", MAX_CALLBACK_BYTES)
            return None
        key = short_key(command)
        await self._store.put(key, command, self._ttl)
        return STORED_PREFIX + key

    async def decode(self, data: str) -> str | None:
        """The command a button stands for; None when a stored one has expired."""
        if not data.startswith(STORED_PREFIX):
            return data
        if self._store is None:
            return None
        return await self._store.get(data.removeprefix(STORED_PREFIX))

    async def markup(self, choices: Sequence[Choice]) -> InlineKeyboardMarkup | None:
        """Choices as an inline keyboard, three to a row; None when there are none."""
        buttons = []
        for choice in choices:
            if not choice.command:  # an action never sealed: nothing to press
                continue
            data = await self.encode(choice.command)
            if data is not None:
                buttons.append(InlineKeyboardButton(choice.label, callback_data=data))
        if not buttons:
            return None
        rows = [buttons[i:i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
        return InlineKeyboardMarkup(rows)


def fits(data: str) -> bool:
    return len(data.encode()) <= MAX_CALLBACK_BYTES


def short_key(command: str) -> str:
    """16 URL-safe characters derived from the command, so the same text reuses its key."""
    digest = hashlib.blake2b(command.encode(), digest_size=12).digest()
    return base64.urlsafe_b64encode(digest).decode()
