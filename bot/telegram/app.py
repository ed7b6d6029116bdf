"""build_telegram_app(...) -> telegram.ext.Application; make_bot(settings) for the sender."""

from __future__ import annotations

import asyncio
import os
from typing import Final

from telegram import Bot, BotCommand, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.ports import Deduper
from bot.settings import Settings
from bot.telegram.dedupe import UpdateLog
from bot.telegram.handlers import COMMANDS, Handle, Handlers
from bot.telegram.keyboards import CallbackCodec, CommandStore
from bot.telegram.pacing import PacedRequests, bot_id_of
from bot.telegram.redaction import install_redaction
from core.errors import ConfigError
from core.i18n import ENGLISH, LANGUAGES, _, using
from core.ports import Pacer
from core.services.deps import Deps

FIRST: Final = -1  # the handler group that runs before all others


def token_of(settings: Settings) -> str:
    if settings.telegram_bot_token is None:
        raise ConfigError("TELEGRAM_BOT_TOKEN: not set")
    return settings.telegram_bot_token.get_secret_value()


def file_url_of(settings: Settings) -> str:
    """TELEGRAM_FILE_URL, else the API URL's '/bot' turned into '/file/bot' (Bot API layout)."""
    if settings.telegram_file_url:
        return settings.telegram_file_url
    base = settings.telegram_api_url
    return base.removesuffix("/bot") + "/file/bot" if base.endswith("/bot") else base


def opt_into_timedeltas() -> None:
    """Durations as timedelta, as PTB 23 will have them (RetryAfter.retry_after and others).

    Without it PTB 22 warns (PTBDeprecationWarning) from inside RetryAfter's constructor on
    every 429, where no caller can catch it; the switch is an environment variable by design.
    """
    os.environ.setdefault("PTB_TIMEDELTA", "1")


def make_bot(settings: Settings) -> Bot:
    """A Bot for sending outside the Application (the worker's TelegramSender)."""
    token = token_of(settings)
    install_redaction(token)
    opt_into_timedeltas()
    return Bot(token, base_url=settings.telegram_api_url, base_file_url=file_url_of(settings))


def build_telegram_app(*, settings: Settings, handle: Handle, deps: Deps, updates: Deduper,
                       buttons: CommandStore,
                       polling: bool = True,
                       press: Handle | None = None,
                       pacer: Pacer | None = None) -> Application:  # type: ignore[type-arg]
    """The PTB Application with Nudge's handlers; polling=False leaves out the Updater.

    updates: remembers handled update ids; buttons: keeps commands too long for a button.
    With a pacer, every message the app sends takes its slot in the shared rate limits and
    waits out a 429 (bot/telegram/pacing.py).
    """
    token = token_of(settings)
    install_redaction(token)
    opt_into_timedeltas()
    builder = (ApplicationBuilder().token(token).base_url(settings.telegram_api_url)
               .base_file_url(file_url_of(settings)))
    if not polling:
        builder = builder.updater(None)
    if pacer is not None:
        builder = builder.rate_limiter(PacedRequests(pacer, bot_id_of(token)))
    app = builder.build()
    codec = CallbackCodec(buttons)
    register(app, Handlers(handle=handle, deps=deps, codec=codec, updates=UpdateLog(updates),
                           press=press))
    return app


def register(app: Application, handlers: Handlers) -> None:  # type: ignore[type-arg]
    groups = filters.ChatType.GROUPS
    app.add_handler(TypeHandler(Update, handlers.skip_repeats), group=FIRST)
    app.add_handler(CommandHandler("start", handlers.start))
    app.add_handler(CommandHandler([name for name, _ in COMMANDS], handlers.command))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.migrated))
    app.add_handler(MessageHandler(filters.LOCATION, handlers.location))
    app.add_handler(MessageHandler(
        filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, handlers.private_text))
    app.add_handler(MessageHandler(
        filters.TEXT & ~filters.COMMAND & groups & filters.Entity("mention"), handlers.group_text))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(ChatMemberHandler(handlers.membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(handlers.failed)


async def register_commands(bot: Bot) -> None:
    """The command menu Telegram shows (setMyCommands), sent at every start-up: English for
    everyone, and a menu per catalog language for people whose Telegram app is in it."""
    await asyncio.gather(bot.set_my_commands(menu(ENGLISH)), *(
        bot.set_my_commands(menu(code), language_code=code)
        for code in LANGUAGES if code != ENGLISH))


def menu(code: str) -> list[BotCommand]:
    """The command menu with its descriptions in `code`."""
    with using(code):
        return [BotCommand(name, _(about)) for name, about in COMMANDS]
