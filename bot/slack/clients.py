"""Web API clients per workspace: one bot token, or the token an installation stored."""

from __future__ import annotations

from typing import Protocol

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import Settings
from bot.slack.installations import Cipher
from core.errors import ConfigError, TargetGone


class SlackClients(Protocol):
    async def for_team(self, team_id: str) -> AsyncWebClient:
        """A client holding the bot token of that workspace. Raises TargetGone if none."""
        ...


class SingleWorkspace:
    """One bot token (SLACK_BOT_TOKEN): every team id gets the same client."""

    def __init__(self, token: str, *, base_url: str) -> None:
        # No aiohttp session is passed: the client opens one per call, so the same object
        # works on whichever event loop calls it (web server, worker).
        self.client = AsyncWebClient(token=token, base_url=base_url)

    async def for_team(self, team_id: str) -> AsyncWebClient:
        return self.client


class InstalledWorkspaces:
    """Tokens from the OAuth installation store (multi-workspace mode)."""

    def __init__(self, store: AsyncInstallationStore, *, base_url: str) -> None:
        self.store = store
        self.base_url = base_url

    async def for_team(self, team_id: str) -> AsyncWebClient:
        bot = await self.store.async_find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            raise TargetGone(f"Nudge is not installed in Slack workspace {team_id}")
        return AsyncWebClient(token=bot.bot_token, base_url=self.base_url)


def slack_clients(settings: Settings, cipher: Cipher | None = None) -> SlackClients:
    """OAuth installs when a client id and secret are set, else the one bot token."""
    if settings.slack_client_id and settings.slack_client_secret:
        from bot.slack.oauth import installation_store

        store = installation_store(settings, cipher)
        return InstalledWorkspaces(store, base_url=settings.slack_api_url)
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN: set it, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    return SingleWorkspace(settings.slack_bot_token.get_secret_value(),
                           base_url=settings.slack_api_url)
