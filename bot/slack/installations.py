"""Installations stored with their tokens encrypted (rule 9), over slack_sdk's SQL store."""

from __future__ import annotations

import copy
import logging
from typing import Final, Protocol, TypeVar

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

logger = logging.getLogger(__name__)

TOKEN_FIELDS: Final = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
T = TypeVar("T", Bot, Installation)


class Cipher(Protocol):
    """What the store needs of integrations.crypto.TokenCipher (built by the composition root)."""

    def encrypt(self, plaintext: str) -> str: ...

    def decrypt(self, ciphertext: str) -> str: ...

    def rotate(self, ciphertext: str) -> str: ...


class EncryptedInstallationStore(AsyncInstallationStore):
    """Encrypts tokens on the way into the inner store, decrypts them on the way out."""

    def __init__(self, inner: AsyncSQLAlchemyInstallationStore, cipher: Cipher) -> None:
        self.inner = inner
        self.cipher = cipher

    @property
    def logger(self) -> logging.Logger:
        return logger

    async def async_save(self, installation: Installation) -> None:
        # The inner store saves installation.to_bot() as well: that copy is encrypted too.
        await self.inner.async_save(self._sealed(installation))

    async def async_save_bot(self, bot: Bot) -> None:
        await self.inner.async_save_bot(self._sealed(bot))

    async def async_find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                             is_enterprise_install: bool | None = False) -> Bot | None:
        bot = await self.inner.async_find_bot(enterprise_id=enterprise_id, team_id=team_id,
                                              is_enterprise_install=is_enterprise_install)
        return self._opened(bot) if bot else None

    async def async_find_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        found = await self.inner.async_find_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id,
            is_enterprise_install=is_enterprise_install)
        return self._opened(found) if found else None

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.inner.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id: str | None,
                                        team_id: str | None, user_id: str | None = None) -> None:
        await self.inner.async_delete_installation(enterprise_id=enterprise_id,
                                                   team_id=team_id, user_id=user_id)

    def _sealed(self, item: T) -> T:
        return _map_tokens(item, self.cipher.encrypt)

    def _opened(self, item: T) -> T:
        return _map_tokens(item, self.cipher.decrypt)


async def rotate_tokens(store: EncryptedInstallationStore) -> int:
    """Re-encrypt every stored token with the newest key; returns how many rows changed."""
    changed = 0
    engine: AsyncEngine = store.inner.engine
    async with engine.begin() as connection:
        for table in (store.inner.bots, store.inner.installations):
            columns = [table.c[name] for name in TOKEN_FIELDS if name in table.c]
            rows = (await connection.execute(select(table.c.id, *columns))).mappings().all()
            for row in rows:
                values = {c.name: store.cipher.rotate(row[c.name]) for c in columns if row[c.name]}
                if values:
                    await connection.execute(update(table).where(table.c.id == row["id"])
                                             .values(**values))
                    changed += 1
    return changed


def _map_tokens(item: T, transform: object) -> T:
    copied = copy.copy(item)
    for name in TOKEN_FIELDS:
        value = getattr(copied, name, None)
        if value:
            setattr(copied, name, transform(value))  # type: ignore[operator]
    return copied
