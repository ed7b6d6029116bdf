"""Multi-workspace installs: Bolt's OAuth settings, the encrypted store, a Redis state store."""

from __future__ import annotations

import logging
import secrets
from typing import Final

from redis import Redis
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from sqlalchemy import URL, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.settings import Settings
from bot.slack.installations import Cipher, EncryptedInstallationStore
from core.errors import ConfigError

logger = logging.getLogger(__name__)

BOT_SCOPES: Final = (
    "commands", "chat:write", "app_mentions:read", "im:history", "im:read", "im:write",
    "users:read", "channels:read", "groups:read",
)
STATE_TTL: Final = 600  # seconds a person has to finish the install page
STATE_PREFIX: Final = "nudge:slack:oauth-state:"


def installation_store(settings: Settings, cipher: Cipher | None) -> EncryptedInstallationStore:
    """slack_sdk's SQL store on our database (migration 0003), tokens encrypted."""
    if not settings.slack_client_id:
        raise ConfigError("SLACK_CLIENT_ID: needed for installs in many workspaces")
    if cipher is None:
        raise ConfigError("NUDGE_ENCRYPTION_KEYS: OAuth tokens are stored encrypted; set a key")
    # NullPool: no connection outlives a lookup, so the store works from any event loop
    # (web server or worker) and needs no disposing; a lookup costs one connect.
    engine = create_async_engine(_async_url(settings.sqlalchemy_url), poolclass=NullPool)
    inner = AsyncSQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
    return EncryptedInstallationStore(inner, cipher)


def oauth_settings(settings: Settings, redis: Redis, cipher: Cipher | None) -> AsyncOAuthSettings:
    secret = settings.slack_client_secret
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=secret.get_secret_value() if secret else None,
        scopes=list(BOT_SCOPES),
        redirect_uri=settings.slack_redirect_uri,
        installation_store=installation_store(settings, cipher),
        state_store=RedisStateStore(redis),
    )


class RedisStateStore(AsyncOAuthStateStore):
    """OAuth `state` values: issued with an expiry, consumed once (GETDEL)."""

    def __init__(self, redis: Redis, *, ttl: int = STATE_TTL) -> None:
        self.redis = redis
        self.ttl = ttl

    @property
    def logger(self) -> logging.Logger:
        return logger

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        state = secrets.token_urlsafe(24)
        self.redis.set(f"{STATE_PREFIX}{state}", 1, ex=self.ttl)
        return state

    async def async_consume(self, state: str) -> bool:
        return self.redis.getdel(f"{STATE_PREFIX}{state}") is not None


def _async_url(url: str) -> URL:
    # As integrations.sql.engine.to_async_url; adapters may not import integrations.
    parsed = make_url(url)
    drivers = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg",
               "postgres": "postgresql+asyncpg"}
    driver = drivers.get(parsed.drivername)
    return parsed.set(drivername=driver) if driver else parsed
