"""`nudge run` with chat platforms: Slack (HTTP or Socket Mode) and Telegram (polling or
webhook) on the one web server, until Ctrl-C or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import uvicorn
from starlette.routing import BaseRoute

from bot.web import build_web_app

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from bot.main import Nudge
    from bot.telegram.runner import TelegramRuntime

logger = logging.getLogger(__name__)


async def serve_platforms(nudge: Nudge, *, redis_url: str) -> None:
    """Start every configured platform, serve the web app, and stop them all on exit."""
    settings = nudge.settings
    telegram = _telegram(nudge, redis_url)
    slack_app = _slack_app(nudge)
    routes = [*_slack_routes(nudge, slack_app), *(telegram.routes() if telegram else [])]
    server = uvicorn.Server(uvicorn.Config(build_web_app(routes), host=settings.web_host,
                                           port=settings.web_port, log_config=None))
    stop = asyncio.Event()
    async with telegram or contextlib.nullcontext():
        background = _socket_mode(nudge, slack_app, stop)
        logger.info("serving on http://%s:%s", settings.web_host, settings.web_port)
        try:
            await server.serve()  # returns on SIGINT or SIGTERM
        finally:
            stop.set()
            await asyncio.gather(*background, return_exceptions=True)


def _telegram(nudge: Nudge, redis_url: str) -> TelegramRuntime | None:
    if not nudge.settings.telegram_bot_token:
        return None
    from bot.telegram.runner import TelegramRuntime

    return TelegramRuntime.from_nudge(nudge, redis_url=redis_url)


def _slack_app(nudge: Nudge) -> AsyncApp | None:
    from bot.slack.runner import is_configured

    if not is_configured(nudge):
        return None
    from bot.slack.app import build_slack_app

    return build_slack_app(nudge, cipher=nudge.cipher)


def _slack_routes(nudge: Nudge, app: AsyncApp | None) -> list[BaseRoute]:
    if app is None or not nudge.settings.slack_signing_secret:
        return []  # Socket Mode only: Slack never calls us
    from bot.slack.runner import slack_routes

    return slack_routes(nudge, app, cipher=nudge.cipher)


def _socket_mode(
    nudge: Nudge, app: AsyncApp | None, stop: asyncio.Event
) -> list[asyncio.Task[None]]:
    if app is None or not nudge.settings.slack_app_token:
        return []
    from bot.slack.runner import run_socket_mode

    task = run_socket_mode(nudge, app, stop=stop, cipher=nudge.cipher)
    return [asyncio.create_task(task)]
