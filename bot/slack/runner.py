"""How `nudge run` serves Slack: routes for the one web app (HTTP mode), or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Final

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.slack.app import build_slack_app
from bot.slack.installations import Cipher
from core.errors import ConfigError

if TYPE_CHECKING:
    from bot.main import Nudge

logger = logging.getLogger(__name__)

EVENTS_PATH: Final = "/slack/events"
INSTALL_PATH: Final = "/slack/install"
REDIRECT_PATH: Final = "/slack/oauth_redirect"


def is_configured(nudge: Nudge) -> bool:
    settings = nudge.settings
    return bool(settings.slack_bot_token or settings.slack_client_id)


def slack_routes(nudge: Nudge, app: AsyncApp | None = None, *,
                 cipher: Cipher | None = None) -> list[BaseRoute]:
    """Routes for HTTP mode: events, commands and interactions, plus the OAuth pair.

    cipher: integrations.crypto.TokenCipher, needed with SLACK_CLIENT_ID (OAuth installs).
    """
    if not is_configured(nudge):
        return []
    if not nudge.settings.slack_signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET: HTTP mode needs it to verify Slack's requests")
    handler = AsyncSlackRequestHandler(app or build_slack_app(nudge, cipher=cipher))

    async def endpoint(request: Request) -> Response:
        return await handler.handle(request)

    routes: list[BaseRoute] = [Route(EVENTS_PATH, endpoint, methods=["POST"])]
    if handler.app.oauth_flow is not None:
        routes += [Route(INSTALL_PATH, endpoint, methods=["GET"]),
                   Route(REDIRECT_PATH, endpoint, methods=["GET"])]
    return routes


async def run_socket_mode(nudge: Nudge, app: AsyncApp | None = None, *,
                          stop: asyncio.Event | None = None,
                          cipher: Cipher | None = None) -> None:
    """Hold a Socket Mode connection (SLACK_APP_TOKEN) until cancelled or `stop` is set."""
    token = nudge.settings.slack_app_token
    if token is None:
        raise ConfigError("SLACK_APP_TOKEN: Socket Mode needs an app-level token (xapp-...)")
    handler = AsyncSocketModeHandler(app or build_slack_app(nudge, cipher=cipher),
                                     token.get_secret_value())
    await handler.connect_async()  # type: ignore[no-untyped-call]
    logger.info("Slack Socket Mode connected")
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
