"""The one ASGI app (Starlette): platform webhooks mount their routes here, plus health."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

RedisCheck = Callable[[], Awaitable[bool]]


def health_endpoint(redis_up: RedisCheck | None) -> Callable[[Request], Awaitable[JSONResponse]]:
    """/health: 200 when everything answers; 503 naming Redis when it does not (in < 1 s)."""

    async def health(request: Request) -> JSONResponse:
        if redis_up is None:
            return JSONResponse({"ok": True})
        if await redis_up():
            return JSONResponse({"ok": True, "redis": "up"})
        return JSONResponse({"ok": False, "redis": "down"}, status_code=503)

    return health


def build_web_app(routes: Sequence[BaseRoute], *,
                  redis_up: RedisCheck | None = None) -> Starlette:
    """Slack's /slack/*, Telegram's /telegram/webhook and whatever else, under one server."""
    return Starlette(routes=[Route("/health", health_endpoint(redis_up)), *routes])
