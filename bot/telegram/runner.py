"""The Telegram side of `nudge run`: polling on a person's machine, or the webhook route.

Wiring (bot/commands.py owns it):

    runtime = TelegramRuntime.from_nudge(nudge, redis_url=redis_url)
    web = build_web_app(runtime.routes())     # [] in polling mode
    async with runtime:                       # getMe, setMyCommands, then polling or setWebhook
        ...serve `web` with uvicorn, or run the console chat, until stopped...
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from types import TracebackType
from typing import Final, Protocol

from redis.asyncio import Redis
from starlette.routing import BaseRoute
from telegram import Update

from bot.settings import Settings
from bot.telegram.app import build_telegram_app, register_commands
from bot.telegram.webhook import webhook_route
from core.errors import ConfigError
from core.ports import Pacer
from core.services.context import Deps
from core.services.dispatch import Dispatcher

logger = logging.getLogger(__name__)

POLL_TIMEOUT: Final = timedelta(seconds=10)  # how long one getUpdates long poll waits


class NudgeParts(Protocol):
    """What the runtime needs of bot.main.Nudge."""

    settings: Settings
    deps: Deps
    dispatcher: Dispatcher
    pacer: Pacer | None  # the limits deliveries share; replies take their slots too


class TelegramRuntime:
    """One PTB Application started and stopped around the rest of `nudge run`."""

    def __init__(self, *, settings: Settings, dispatcher: Dispatcher, deps: Deps,
                 redis_url: str, pacer: Pacer | None = None) -> None:
        self.settings = settings
        self.webhook_url = settings.telegram_webhook_url
        self._redis = Redis.from_url(redis_url)
        self.app = build_telegram_app(settings=settings, handle=dispatcher.handle, deps=deps,
                                      redis=self._redis, polling=self.webhook_url is None,
                                      pacer=pacer)

    @classmethod
    def from_nudge(cls, nudge: NudgeParts, *, redis_url: str) -> TelegramRuntime:
        return cls(settings=nudge.settings, dispatcher=nudge.dispatcher, deps=nudge.deps,
                   redis_url=redis_url, pacer=nudge.pacer)

    def routes(self) -> list[BaseRoute]:
        """The webhook route in webhook mode; nothing in polling mode."""
        if self.webhook_url is None:
            return []
        return [webhook_route(self.app, self._secret())]

    async def start(self) -> None:
        await self.app.initialize()
        await register_commands(self.app.bot)
        await self.app.start()
        if self.webhook_url is not None:
            await self.app.bot.set_webhook(self.webhook_url, secret_token=self._secret(),
                                           allowed_updates=Update.ALL_TYPES)
            logger.info("Telegram webhook mode: updates arrive at the web server")
            return
        assert self.app.updater is not None  # built with one in polling mode
        await self.app.updater.start_polling(timeout=POLL_TIMEOUT,
                                             allowed_updates=Update.ALL_TYPES)
        logger.info("Telegram polling as @%s", self.app.bot.username)

    async def stop(self) -> None:
        try:
            if self.app.updater is not None and self.app.updater.running:
                await self.app.updater.stop()
            if self.app.running:
                await self.app.stop()
            await self.app.shutdown()
        finally:
            await self._redis.aclose()

    async def __aenter__(self) -> TelegramRuntime:
        try:
            await self.start()
        except BaseException:
            await self.stop()  # a failed start (bad token, no network) still closes Redis
            raise
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()

    def _secret(self) -> str:
        secret = self.settings.telegram_webhook_secret
        if secret is None:
            raise ConfigError("TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_WEBHOOK_URL")
        return secret.get_secret_value()


def telegram_routes(runtime: TelegramRuntime) -> list[BaseRoute]:
    return runtime.routes()


async def run_polling(nudge: NudgeParts, *, redis_url: str,
                      stop: asyncio.Event | None = None) -> None:
    """Poll Telegram until `stop` is set (or the task is cancelled)."""
    async with TelegramRuntime.from_nudge(nudge, redis_url=redis_url):
        await (stop or asyncio.Event()).wait()
