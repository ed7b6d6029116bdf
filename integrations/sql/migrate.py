"""Run Alembic migrations from code: upgrade, downgrade, current revision."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection

import migrations
from integrations.sql.engine import create_engine

logger = logging.getLogger(__name__)


def script_location() -> Path:
    """The migrations folder, found through the importable package (works from a wheel)."""
    return Path(migrations.__file__).resolve().parent


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic Config built in code; the URL travels in attributes, not the ini text."""
    # Attributes, not set_main_option: configparser would read a '%' in a password.
    config = Config()
    config.set_main_option("script_location", str(script_location()))
    config.attributes["url"] = url
    config.attributes["connection"] = connection
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at `url` up to `revision`. Not for use inside a running loop."""
    asyncio.run(upgrade_async(url, revision))


def downgrade(url: str, revision: str) -> None:
    """Migrate the database at `url` down to `revision` ("base" empties it)."""
    asyncio.run(downgrade_async(url, revision))


def current(url: str) -> str | None:
    """The revision the database at `url` is at; None when it was never migrated."""
    return asyncio.run(current_async(url))


async def upgrade_async(url: str, revision: str = "head") -> None:
    logger.info("migrating the database up to %s", revision)
    await _run(url, lambda config: command.upgrade(config, revision))


async def downgrade_async(url: str, revision: str) -> None:
    logger.info("migrating the database down to %s", revision)
    await _run(url, lambda config: command.downgrade(config, revision))


async def current_async(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_current_revision)
    finally:
        await engine.dispose()


async def _run(url: str, alembic_command: Callable[[Config], Any]) -> None:
    # Alembic is synchronous: hand env.py a live connection through run_sync, so that it
    # never starts an event loop of its own inside ours.
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda sync: alembic_command(alembic_config(url, sync)))
    finally:
        await engine.dispose()


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
