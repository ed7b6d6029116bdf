"""Async engine from a URL: SQLite pragmas and transactions, PostgreSQL pool."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

from sqlalchemy import URL, Connection, event, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

logger = logging.getLogger(__name__)

_ASYNC_DRIVERS: Final = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
}
SQLITE_PRAGMAS: Final = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=NORMAL",
)


def to_async_url(url: str | URL) -> URL:
    """The same database through the async driver: sqlite -> aiosqlite, postgresql -> asyncpg."""
    parsed = make_url(url)
    driver = _ASYNC_DRIVERS.get(parsed.drivername)
    return parsed.set(drivername=driver) if driver else parsed


def create_engine(url: str | URL) -> AsyncEngine:
    """An AsyncEngine for `url`, configured for its backend."""
    parsed = to_async_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_async_engine(
        parsed, pool_size=5, max_overflow=10, pool_pre_ping=True, pool_recycle=1800
    )


def _sqlite_engine(url: URL) -> AsyncEngine:
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url)
    event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
    event.listen(engine.sync_engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    # Stop the sqlite3 module's own implicit BEGINs (it skips them before SELECTs, so a
    # read-then-write unit of work was never one transaction); _on_sqlite_begin emits ours.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: SQLite has one writer anyway, and a deferred
    # transaction that reads then writes fails at once with SQLITE_BUSY when another writer
    # committed in between, whereas IMMEDIATE waits out busy_timeout instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")
