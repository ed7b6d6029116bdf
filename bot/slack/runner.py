"""How `nudge run` serves Slack: routes for the one web app (HTTP mode), or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
from typing import Final

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.settings import Settings
from core.errors import ConfigError

logger = logging.getLogger(__name__)

EVENTS_PATH: Final = "/slack/events"
INSTALL_PATH: Final = "/slack/install"
REDIRECT_PATH: Final = "/slack/oauth_redirect"
TIMESTAMP_HEADER: Final = "X-Slack-Request-Timestamp"


def is_configured(settings: Settings) -> bool:
    return bool(settings.slack_bot_token or settings.slack_client_id)


def slack_routes(app: AsyncApp, settings: Settings) -> list[BaseRoute]:
    """Routes for HTTP mode: events, commands and interactions, plus the OAuth pair."""
    if not settings.slack_signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET: HTTP mode needs it to verify Slack's requests")
    handler = AsyncSlackRequestHandler(app)

    async def endpoint(request: Request) -> Response:
        if not _timestamp_is_integer(request):
            return Response(status_code=401)  # as Bolt answers any other bad signature
        return await handler.handle(request)

    routes: list[BaseRoute] = [Route(EVENTS_PATH, endpoint, methods=["POST"])]
    if app.oauth_flow is not None:
        routes += [Route(INSTALL_PATH, endpoint, methods=["GET"]),
                   Route(REDIRECT_PATH, endpoint, methods=["GET"])]
    return routes


def _timestamp_is_integer(request: Request) -> bool:
    # slack_sdk's SignatureVerifier calls int() on the header, and Bolt turns the ValueError
    # of a forged one into a 500; a missing header is left to Bolt (it answers 401).
    stamp = request.headers.get(TIMESTAMP_HEADER)
    return stamp is None or stamp.strip().isascii() and stamp.strip().isdigit()


async def run_socket_mode(app: AsyncApp, settings: Settings, *,
                          stop: asyncio.Event | None = None) -> None:
    """Hold a Socket Mode connection (SLACK_APP_TOKEN) until cancelled or `stop` is set."""
    token = settings.slack_app_token
    if token is None:
        raise ConfigError("SLACK_APP_TOKEN: Socket Mode needs an app-level token (xapp-...)")
    handler = AsyncSocketModeHandler(app, token.get_secret_value())
    await handler.connect_async()  # type: ignore[no-untyped-call]
    logger.info("Slack Socket Mode connected")
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
