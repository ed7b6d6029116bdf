"""Web API clients per workspace (one bot token, or installs), on one HTTP session per loop."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Final, Protocol

import aiohttp
import orjson
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.settings import Settings
from bot.slack.oauth import is_multi_workspace
from core.errors import ConfigError, TargetGone
from core.services.sends import CONCURRENCY

TIMEOUT: Final = 30  # seconds per call, slack_sdk's default


class SlackClients(Protocol):
    async def for_team(self, team_id: str) -> AsyncWebClient:
        """A client holding the bot token of that workspace. Raises TargetGone if none."""
        ...

    def webhook(self, url: str) -> AsyncWebhookClient:
        """A client for a response_url (no token: the URL is the credential)."""
        ...

    async def aclose(self) -> None:
        """Close the HTTP session of the running loop."""
        ...


@dataclass
class _LoopClients:
    session: aiohttp.ClientSession
    by_token: dict[str, AsyncWebClient] = field(default_factory=dict)


class ClientPool:
    """One aiohttp session per running event loop, opened inside it; one client per token.

    Without a session slack_sdk opens a connection (and a TLS handshake) per call. A session
    binds to the loop that opened it, so each loop (the web server's, a worker's) gets its own.
    """

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._loops: dict[asyncio.AbstractEventLoop, _LoopClients] = {}

    def client(self, token: str) -> AsyncWebClient:
        here = self._here()
        client = here.by_token.get(token)
        if client is None:
            client = AsyncWebClient(token=token, base_url=self.base_url, session=here.session,
                                    timeout=TIMEOUT)
            here.by_token[token] = client
        return client

    def webhook(self, url: str) -> AsyncWebhookClient:
        return AsyncWebhookClient(url, session=self._here().session, timeout=TIMEOUT)

    async def aclose(self) -> None:
        here = self._loops.pop(asyncio.get_running_loop(), None)
        if here is not None:
            await here.session.close()

    def _here(self) -> _LoopClients:
        loop = asyncio.get_running_loop()
        here = self._loops.get(loop)
        if here is None or here.session.closed:
            # aiohttp's default of 100 connections halved a worker's sends in flight (bench
            # .burst at 1 s latency: 101/s with 200 sends allowed); sized with them instead.
            connector = aiohttp.TCPConnector(limit=CONCURRENCY)
            session = aiohttp.ClientSession(connector=connector, json_serialize=_dumps,
                                            timeout=aiohttp.ClientTimeout(total=TIMEOUT))
            here = self._loops[loop] = _LoopClients(session)
        return here


def _dumps(value: object) -> str:
    """JSON request bodies for slack_sdk's calls: orjson (8x json.dumps on a delivered
    Block Kit message, measured)."""
    return orjson.dumps(value).decode()


class SingleWorkspace:
    """One bot token (SLACK_BOT_TOKEN): every team id gets the same client."""

    def __init__(self, token: str, *, base_url: str) -> None:
        self.token = token
        self.pool = ClientPool(base_url)

    async def for_team(self, team_id: str) -> AsyncWebClient:
        return self.pool.client(self.token)

    def webhook(self, url: str) -> AsyncWebhookClient:
        return self.pool.webhook(url)

    async def aclose(self) -> None:
        await self.pool.aclose()


class InstalledWorkspaces:
    """Tokens from the OAuth installation store (multi-workspace mode)."""

    def __init__(self, store: AsyncInstallationStore, *, base_url: str) -> None:
        self.store = store
        self.pool = ClientPool(base_url)

    async def for_team(self, team_id: str) -> AsyncWebClient:
        bot = await self.store.async_find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            raise TargetGone(f"Nudge is not installed in Slack workspace {team_id}")
        return self.pool.client(bot.bot_token)

    def webhook(self, url: str) -> AsyncWebhookClient:
        return self.pool.webhook(url)

    async def aclose(self) -> None:
        await self.pool.aclose()


def slack_clients(settings: Settings,
                  installations: AsyncInstallationStore | None = None) -> SlackClients:
    """OAuth installs when a client id and secret are set, else the one bot token."""
    if is_multi_workspace(settings):
        if installations is None:
            raise ConfigError("NUDGE_ENCRYPTION_KEYS: OAuth tokens are stored encrypted; "
                              "set a key")
        return InstalledWorkspaces(installations, base_url=settings.slack_api_url)
    if settings.slack_bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN: set it, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    return SingleWorkspace(settings.slack_bot_token.get_secret_value(),
                           base_url=settings.slack_api_url)
