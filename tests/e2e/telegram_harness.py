"""The Telegram e2e harness: real Nudge + real PTB Application against the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.main import Nudge, build, telegram_runtime
from bot.settings import Settings
from bot.telegram.app import make_bot
from bot.telegram.runner import TelegramRuntime
from bot.telegram.sender import TelegramChannelAccess, TelegramSender
from core.ids import ChatRef, Platform, UserRef
from core.reminders import Reminder
from tests.fakes.clock import FakeClock
from tests.servers import serve_in_thread
from tests.servers.telegram_api import BOT_ID, TOKEN, Call, FakeTelegramApi

SECRET = "webhook-secret_123"


@contextmanager
def fake_telegram() -> Iterator[tuple[FakeTelegramApi, str]]:
    api = FakeTelegramApi()
    with serve_in_thread(api.app) as base_url:
        yield api, base_url


class TelegramWorld:
    """One Nudge installation talking to one fake Telegram; the clock is ours to move."""

    def __init__(self, *, api: FakeTelegramApi, base_url: str, db_url: str, redis_url: str,
                 data_dir: Path, **overrides: Any) -> None:
        self.api = api
        self.redis_url = redis_url
        self.settings = Settings(
            data_dir=data_dir, database_url=db_url, redis_url=redis_url,
            telegram_bot_token=SecretStr(TOKEN), telegram_api_url=f"{base_url}/bot",
            telegram_webhook_secret=SecretStr(SECRET), **overrides,
        )
        # An hour behind the wall clock, so RQ's scheduler (which reads the real clock)
        # finds jobs due at once, while our services see the time we set.
        self.clock = FakeClock(datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))

    def build(self) -> Nudge:
        """Nudge with the Telegram adapters main.default_senders would make, kept to close."""
        sender = TelegramSender(make_bot(self.settings))
        access = TelegramChannelAccess(make_bot(self.settings))
        nudge = build(self.settings, redis_url=self.redis_url, clock=self.clock,
                      senders={Platform.TELEGRAM: sender},
                      access={Platform.TELEGRAM: access})
        _adapters[id(nudge)] = (sender, access)
        return nudge

    @asynccontextmanager
    async def running(self) -> AsyncIterator[TelegramRuntime]:
        """The bot started (polling, or webhook if TELEGRAM_WEBHOOK_URL is set) and stopped."""
        nudge = self.build()
        try:
            async with telegram_runtime(nudge) as runtime:
                yield runtime
        finally:
            await close(nudge)

    async def reminders(self, user_id: int = 42) -> list[Reminder]:
        nudge = self.build()
        try:
            async with nudge.deps.uow() as uow:
                return await uow.reminders.list_for(self.user(user_id), live_only=False)
        finally:
            await close(nudge)

    async def zone(self, user_id: int = 42) -> str | None:
        nudge = self.build()
        try:
            async with nudge.deps.uow() as uow:
                person = await uow.people.get(self.user(user_id))
        finally:
            await close(nudge)
        return person.zone if person else None

    async def say(self, update: dict[str, Any], *, replies: int = 1) -> list[Call]:
        """Push an update through getUpdates; wait for `replies` more sendMessage calls."""
        before = len(self.api.calls_to("sendMessage"))
        self.api.push_update(update)
        sent = await self.api.wait_for_async("sendMessage", before + replies)
        return sent[before:]

    def user(self, user_id: int = 42) -> UserRef:
        return UserRef(self.chat(0).tenant, str(user_id))

    @staticmethod
    def chat(chat_id: int) -> ChatRef:
        from bot.telegram.identity import chat_ref

        return chat_ref(BOT_ID, chat_id)


_adapters: dict[int, tuple[TelegramSender, TelegramChannelAccess]] = {}


async def close(nudge: Nudge) -> None:
    """Nudge.aclose() plus the Telegram adapters' HTTP clients."""
    for adapter in _adapters.pop(id(nudge), ()):
        await adapter.aclose()
    await nudge.aclose()


@contextmanager
def telegram_world(data_dir: Path, db_url: str, redis_url: str,
                   **overrides: Any) -> Iterator[TelegramWorld]:
    """A fake Telegram served on loopback and a Nudge configured to talk to it."""
    with fake_telegram() as (api, base_url):
        yield TelegramWorld(api=api, base_url=base_url, db_url=db_url, redis_url=redis_url,
                            data_dir=data_dir, **overrides)
        assert api.unsupported == [], f"the bot called methods the fake lacks: {api.unsupported}"
        assert api.wrong_token == []
