"""The Telegram side of `nudge run`: polling on a person's machine, or the webhook route.

Wiring (bot/main.py builds it, bot/serve.py runs it):

    runtime = telegram_runtime(nudge)         # bot.main: the root hands over the narrow parts
    web = build_web_app(runtime.routes())     # [] in polling mode
    async with runtime:                       # getMe, setMyCommands, then polling or setWebhook
        ...serve `web` with uvicorn, or run the console chat, until stopped...
"""

from __future__ import annotations

import logging
from datetime import timedelta
from types import TracebackType
from typing import Final

from starlette.routing import BaseRoute
from telegram import Update

from bot.ports import Deduper
from bot.settings import Settings
from bot.telegram.app import build_telegram_app, register_commands
from bot.telegram.handlers import Handle
from bot.telegram.keyboards import CommandStore
from bot.telegram.webhook import webhook_route
from core.errors import ConfigError
from core.ports import Pacer
from core.services.deps import Deps

logger = logging.getLogger(__name__)

POLL_TIMEOUT: Final = timedelta(seconds=10)  # how long one getUpdates long poll waits


class TelegramRuntime:
    """One PTB Application started and stopped around the rest of `nudge run`."""

    def __init__(self, *, settings: Settings, handle: Handle, deps: Deps, updates: Deduper,
                 buttons: CommandStore, press: Handle | None = None,
                 pacer: Pacer | None = None) -> None:
        self.settings = settings
        self.webhook_url = settings.telegram_webhook_url
        self.app = build_telegram_app(settings=settings, handle=handle, deps=deps,
                                      updates=updates, buttons=buttons,
                                      polling=self.webhook_url is None, press=press,
                                      pacer=pacer)

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
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    async def __aenter__(self) -> TelegramRuntime:
        try:
            await self.start()
        except BaseException:
            await self.stop()  # a failed start (bad token, no network) still shuts PTB down
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
