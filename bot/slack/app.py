"""The Bolt AsyncApp: one bot token, or OAuth installs for many workspaces."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.ports import ChatHandOff, Deduper
from bot.settings import Settings
from bot.slack.listeners import SlackListeners
from bot.slack.oauth import is_multi_workspace, oauth_settings
from core.errors import ConfigError

logger = logging.getLogger(__name__)


def build_slack_app(settings: Settings, *, hand_off: ChatHandOff, dedupe: Deduper,
                    installations: AsyncInstallationStore | None = None,
                    states: AsyncOAuthStateStore | None = None) -> AsyncApp:
    """Bolt in Nudge's idiom: verify, hand the work off, ack; nothing else here.

    installations and states: the OAuth stores, needed with SLACK_CLIENT_ID.
    """
    client, oauth = _auth(settings, installations, states)
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
    SlackListeners(hand_off=hand_off, dedupe=dedupe, command=settings.slack_command).register(app)
    return app


def _auth(settings: Settings, installations: AsyncInstallationStore | None,
          states: AsyncOAuthStateStore | None,
          ) -> tuple[AsyncWebClient, AsyncOAuthSettings | None]:
    """Single workspace: a client with the bot token. Many: the OAuth flow and its stores."""
    if is_multi_workspace(settings):
        if installations is None or states is None:
            raise ConfigError("SLACK_CLIENT_ID: installs in many workspaces need "
                              "NUDGE_ENCRYPTION_KEYS for the installation store")
        oauth = oauth_settings(settings, installations=installations, states=states)
        return AsyncWebClient(base_url=settings.slack_api_url), oauth
    token = _secret(settings.slack_bot_token)
    if not token:
        raise ConfigError("SLACK_BOT_TOKEN: set it (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET "
                          "for installs in many workspaces)")
    return AsyncWebClient(token=token, base_url=settings.slack_api_url), None


def _secret(value: object) -> str:
    getter = getattr(value, "get_secret_value", None)
    return str(getter()) if getter else ""
