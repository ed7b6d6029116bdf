"""PacedRequests: PTB's rate-limiter hook, so every message the app sends (replies, edits,
apologies) takes its slot in the limits the workers' deliveries share, and a 429 is waited
out and retried instead of lost."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, Final

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.telegram.identity import chat_ref
from bot.telegram.sender import retry_after_seconds
from core.errors import RetryLater
from core.ports import Pacer

Result = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, Result]]

# Methods that post into a chat and count against its limits (Telegram's FAQ: per chat, per
# group, per bot). Others (answerCallbackQuery, getChat...) go at once; a 429 is still retried.
PACED_PREFIXES: Final = ("send", "edit", "copy", "forward")
BUDGET: Final = 30.0  # seconds a request may spend waiting out 429s, as jobs.limits replies


class PacedRequests(BaseRateLimiter[None]):
    """Requests of one bot, paced by the shared limiter; RetryAfter waited out within BUDGET."""

    def __init__(self, pacer: Pacer, bot_id: int) -> None:
        self._pacer = pacer
        self._bot_id = bot_id

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(self, callback: Callback, args: Any, kwargs: dict[str, Any],
                              endpoint: str, data: dict[str, Any],
                              rate_limit_args: None) -> Result:
        async def attempt() -> Result:
            with retry_later_on_429():
                return await callback(*args, **kwargs)

        chat_id = data.get("chat_id")
        try:
            if chat_id is not None and endpoint.startswith(PACED_PREFIXES):
                return await self._pacer.call(chat_ref(self._bot_id, chat_id), attempt)
            return await _retried(attempt)
        except RetryLater as exc:  # given up: the caller sees the platform's own error
            if isinstance(exc.__cause__, RetryAfter):
                raise exc.__cause__ from None
            raise RetryAfter(timedelta(seconds=max(1, round(exc.after)))) from exc


def bot_id_of(token: str) -> int:
    """A Bot API token starts with the bot's id ('123456:ABC...'), the id Telegram's getMe gives."""
    return int(token.split(":", 1)[0])


@contextmanager
def retry_later_on_429() -> Iterator[None]:
    try:
        yield
    except RetryAfter as exc:
        raise RetryLater("Telegram flood control", after=retry_after_seconds(exc)) from exc


async def _retried(attempt: Callable[[], Coroutine[Any, Any, Result]]) -> Result:
    deadline = time.monotonic() + BUDGET
    while True:
        try:
            return await attempt()
        except RetryLater as exc:
            if time.monotonic() + exc.after > deadline:
                raise
            await asyncio.sleep(exc.after)
