"""Multi-workspace installs: Bolt's OAuth settings over the stores the composition root built."""

from __future__ import annotations

from typing import Final

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from bot.settings import Settings

BOT_SCOPES: Final = (
    "commands", "chat:write", "app_mentions:read", "im:history", "im:read", "im:write",
    "users:read", "channels:read", "groups:read",
    # conversations.history: an in-doubt resend first looks for its first copy in the chat.
    "channels:history", "groups:history",
)


def oauth_settings(settings: Settings, *, installations: AsyncInstallationStore,
                   states: AsyncOAuthStateStore) -> AsyncOAuthSettings:
    secret = settings.slack_client_secret
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=secret.get_secret_value() if secret else None,
        scopes=list(BOT_SCOPES),
        redirect_uri=settings.slack_redirect_uri,
        installation_store=installations,
        state_store=states,
    )


def is_multi_workspace(settings: Settings) -> bool:
    """OAuth installs (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET) rather than one bot token."""
    return bool(settings.slack_client_id and settings.slack_client_secret)
