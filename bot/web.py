"""The one ASGI app (Starlette): platform webhooks mount their routes here, plus health."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


def build_web_app(routes: Sequence[BaseRoute]) -> Starlette:
    """Slack's /slack/*, Telegram's /telegram/webhook and whatever else, under one server."""
    return Starlette(routes=[Route("/health", health), *routes])
