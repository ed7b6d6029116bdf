"""The Bolt AsyncApp: one bot token, or OAuth installs for many workspaces."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from redis import Redis
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import Settings
from bot.slack.dedupe import EventDedupe, RedisEventDedupe
from bot.slack.installations import Cipher
from bot.slack.listeners import HandOff, SlackListeners
from core.errors import ConfigError

if TYPE_CHECKING:
    from bot.main import Nudge

logger = logging.getLogger(__name__)


def build_slack_app(nudge: Nudge, *, dedupe: EventDedupe | None = None,
                    cipher: Cipher | None = None, hand_off: HandOff | None = None) -> AsyncApp:
    """Bolt in Nudge's idiom: verify, queue the work for a worker, ack; nothing else here.

    hand_off: how the work is queued; by default the composition root's RQ chat queue.
    """
    settings = nudge.settings
    client, oauth = _auth(settings, nudge.redis, cipher)
    app = AsyncApp(
        # process_before_response: the ack function runs inline and the answer goes back at
        # once; with False, Bolt polls every 10 ms for the ack, which costs every request.
        process_before_response=True,
        signing_secret=_secret(settings.slack_signing_secret),
        logger=logging.getLogger("slack_bolt"),
        name="nudge",
        client=client,
        oauth_settings=oauth,
    )
    listeners = SlackListeners(
        hand_off=hand_off or partial(nudge.hand_off_chat, "slack"),
        dedupe=dedupe or RedisEventDedupe(nudge.redis), command=settings.slack_command,
    )
    listeners.register(app)
    return app


def _auth(settings: Settings, redis: Redis,
          cipher: Cipher | None) -> tuple[AsyncWebClient, AsyncOAuthSettings | None]:
    """Single workspace: a client with the bot token. Many: the OAuth flow and its store."""
    if settings.slack_client_id and settings.slack_client_secret:
        from bot.slack.oauth import oauth_settings

        oauth = oauth_settings(settings, redis, cipher)
        return AsyncWebClient(base_url=settings.slack_api_url), oauth
    token = _secret(settings.slack_bot_token)
    if not token:
        raise ConfigError("SLACK_BOT_TOKEN: set it (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET "
                          "for installs in many workspaces)")
    return AsyncWebClient(token=token, base_url=settings.slack_api_url), None


def _secret(value: object) -> str:
    getter = getattr(value, "get_secret_value", None)
    return str(getter()) if getter else ""
