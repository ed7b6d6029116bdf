"""What every Sql*Repository shares: the session, INSERT .. ON CONFLICT, row matchers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from core.ids import ChatRef, UserRef
from integrations.sql.tables import (
    chats,
    identities,
)


class SqlRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _insert(self, table: Table) -> sqlite.Insert | postgresql.Insert:
        """An INSERT with ON CONFLICT support; both backends speak the same clause."""
        if self._session.get_bind().dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    async def _write(self, statement: Any) -> int:
        """Run an INSERT/UPDATE and return the number of rows it changed."""
        result: CursorResult[Any] = await self._session.execute(statement)  # type: ignore[assignment]
        return result.rowcount


def ignore_duplicate(insert: sqlite.Insert | postgresql.Insert) -> Insert:
    """The INSERT, doing nothing when the row's natural key exists already."""
    key = [c for c in insert.table.c if c.name in ("platform", "workspace", "user_id", "chat_id")]
    return insert.on_conflict_do_nothing(index_elements=key)


def identity_matches(user: UserRef) -> tuple[Any, ...]:
    return (identities.c.platform == user.tenant.platform.value,
            identities.c.workspace == user.tenant.workspace,
            identities.c.user_id == user.user_id)


def chat_matches(chat: ChatRef) -> tuple[Any, ...]:
    return (chats.c.platform == chat.tenant.platform.value,
            chats.c.workspace == chat.tenant.workspace,
            chats.c.chat_id == chat.chat_id)


# Habits and goals (migration 0006): check-ins, breaks and progress entries per schedule.
