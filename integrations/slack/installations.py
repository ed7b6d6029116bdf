"""Slack installations with their tokens encrypted at rest (rule 9), on Nudge's one engine."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from typing import Final, TypeVar

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from integrations.crypto import TokenCipher

logger = logging.getLogger(__name__)

TOKEN_FIELDS: Final = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
T = TypeVar("T", Bot, Installation)


class EncryptedInstallationStore(AsyncInstallationStore):
    """slack_sdk's SQL store (migration 0003's tables); tokens sealed in, opened on the way out."""

    def __init__(self, engine: AsyncEngine, *, client_id: str, cipher: TokenCipher) -> None:
        self.inner = AsyncSQLAlchemyInstallationStore(client_id=client_id, engine=engine)
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

    async def rotate(self) -> int:
        """Re-encrypt every stored token with the newest key; returns how many rows changed.

        One transaction: if any token opens with no configured key, nothing is rewritten.
        """
        changed = 0
        async with self.inner.engine.begin() as connection:
            for table in (self.inner.bots, self.inner.installations):
                changed += await _rotate_table(connection, table, self.cipher.rotate)
        return changed

    def _sealed(self, item: T) -> T:
        return _map_tokens(item, self.cipher.encrypt)

    def _opened(self, item: T) -> T:
        return _map_tokens(item, self.cipher.decrypt)


async def _rotate_table(connection: AsyncConnection, table: Table,
                        rotate: Callable[[str], str]) -> int:
    columns = [table.c[name] for name in TOKEN_FIELDS if name in table.c]
    rows = (await connection.execute(select(table.c.id, *columns))).mappings().all()
    changed = 0
    for row in rows:
        values = {c.name: rotate(row[c.name]) for c in columns if row[c.name]}
        if values:
            await connection.execute(update(table).where(table.c.id == row["id"]).values(**values))
            changed += 1
    return changed


def _map_tokens(item: T, transform: Callable[[str], str]) -> T:
    copied = copy.copy(item)
    for name in TOKEN_FIELDS:
        value = getattr(copied, name, None)
        if value:
            setattr(copied, name, transform(value))
    return copied
