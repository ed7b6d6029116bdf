"""`nudge run` with chat platforms: Slack (HTTP or Socket Mode) and Telegram (polling or
webhook) on the one web server, until Ctrl-C or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import uvicorn
from starlette.routing import BaseRoute

from bot.main import Nudge, slack_app, telegram_runtime
from bot.web import build_web_app

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

logger = logging.getLogger(__name__)


async def serve_platforms(nudge: Nudge) -> None:
    """Start every configured platform, serve the web app, and stop them all on exit."""
    settings = nudge.settings
    telegram = telegram_runtime(nudge) if settings.telegram_bot_token else None
    slack = _slack_app(nudge)
    routes = [*_slack_routes(nudge, slack), *(telegram.routes() if telegram else [])]
    web = build_web_app(routes, redis_up=nudge.redis_up)
    server = uvicorn.Server(uvicorn.Config(web, host=settings.web_host, port=settings.web_port,
                                           log_config=None))
    stop = asyncio.Event()
    async with telegram or contextlib.nullcontext():
        background = _socket_mode(nudge, slack, stop)
        logger.info("serving on http://%s:%s", settings.web_host, settings.web_port)
        try:
            await server.serve()  # returns on SIGINT or SIGTERM
        finally:
            stop.set()
            await asyncio.gather(*background, return_exceptions=True)


def _slack_app(nudge: Nudge) -> AsyncApp | None:
    from bot.slack.runner import is_configured

    return slack_app(nudge) if is_configured(nudge.settings) else None


def _slack_routes(nudge: Nudge, app: AsyncApp | None) -> list[BaseRoute]:
    if app is None or not nudge.settings.slack_signing_secret:
        return []  # Socket Mode only: Slack never calls us
    from bot.slack.runner import slack_routes

    return slack_routes(app, nudge.settings)


def _socket_mode(
    nudge: Nudge, app: AsyncApp | None, stop: asyncio.Event
) -> list[asyncio.Task[None]]:
    if app is None or not nudge.settings.slack_app_token:
        return []
    from bot.slack.runner import run_socket_mode

    return [asyncio.create_task(run_socket_mode(app, nudge.settings, stop=stop))]
