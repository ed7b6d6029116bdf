"""The Telegram webhook route of Nudge's one Starlette app: check the secret, queue the update."""

from __future__ import annotations

import hmac
import json
import logging
from typing import Final

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

logger = logging.getLogger(__name__)

PATH: Final = "/telegram/webhook"
SECRET_HEADER: Final = "X-Telegram-Bot-Api-Secret-Token"


def webhook_route(app: Application, secret: str, *, path: str = PATH) -> Route:  # type: ignore[type-arg]
    """POST updates from Telegram; a wrong or missing secret gets 403 and changes nothing."""

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            logger.warning("webhook call with a wrong secret refused")
            return Response(status_code=403)
        try:
            data = json.loads(await request.body())
            update = Update.de_json(data, app.bot)
        except (ValueError, TypeError, KeyError):
            return Response(status_code=400)
        # Queued, not awaited: Telegram gets its 200 at once and the app works in order.
        await app.update_queue.put(update)
        return Response(status_code=200)

    return Route(path, receive, methods=["POST"])
