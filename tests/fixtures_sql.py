"""pytest plugin: a migrated SQLite file per test, PostgreSQL under a marker, units of work.

SQLite tests copy a template file migrated once per session (about 5 ms a copy instead of
about 19 ms to build a schema). PostgreSQL runs when NUDGE_TEST_POSTGRES_URL names a
database that the suite may wipe; each test starts from empty tables.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final, TypeVar

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from integrations.sql import migrate
from integrations.sql.engine import create_engine
from integrations.sql.tables import metadata
from integrations.sql.unit_of_work import SqlUnitOfWork, make_uow_factory

POSTGRES_ENV: Final = "NUDGE_TEST_POSTGRES_URL"
T = TypeVar("T")


def _in_thread(fn: Callable[[], T]) -> T:
    # migrate.upgrade calls asyncio.run; a thread keeps it away from pytest-asyncio's loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head, built once per session; copy it, never open it."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    _in_thread(lambda: migrate.upgrade(f"sqlite:///{path}"))
    # WAL mode: fold the log into the main file so that copying that one file is enough.
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh, migrated SQLite file for this test."""
    path = tmp_path / "nudge.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
def postgres_database() -> str:
    """The PostgreSQL that NUDGE_TEST_POSTGRES_URL names, emptied and migrated to head."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV}, "
                    "e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    _in_thread(lambda: asyncio.run(_drop_everything(url)))
    _in_thread(lambda: migrate.upgrade(url))
    return url


@pytest.fixture
async def postgres_url(postgres_database: str) -> str:
    """The test PostgreSQL at head with every table empty."""
    engine = create_engine(postgres_database)
    try:
        # DELETE beats TRUNCATE on tables this small (26 ms against 40, connection included).
        async with engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                await connection.execute(table.delete())
    finally:
        await engine.dispose()
    return postgres_database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test that uses it runs once on SQLite and once on PostgreSQL."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
async def sql_engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def uow_factory(sql_engine: AsyncEngine) -> Callable[[], SqlUnitOfWork]:
    return make_uow_factory(sql_engine)


async def _drop_everything(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.drop_all)
            await connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        await engine.dispose()
