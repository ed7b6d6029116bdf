from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text
from sqlalchemy.exc import StatementError

from integrations.sql.engine import create_engine, to_async_url
from integrations.sql.tables import UtcDateTime


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        pytest.param("sqlite:///data/nudge.db", "sqlite+aiosqlite", id="sqlite"),
        pytest.param("sqlite+aiosqlite:///data/nudge.db", "sqlite+aiosqlite", id="aiosqlite"),
        pytest.param("postgresql://u@db/nudge", "postgresql+asyncpg", id="postgresql"),
        pytest.param("postgres://u@db/nudge", "postgresql+asyncpg", id="postgres"),
        pytest.param("postgresql+asyncpg://u@db/nudge", "postgresql+asyncpg", id="asyncpg"),
    ],
)
def test_plain_urls_are_rewritten_to_the_async_drivers(url, driver):
    assert to_async_url(url).drivername == driver


async def test_sqlite_pragmas_are_in_effect_on_every_connection(sqlite_url):
    engine = create_engine(sqlite_url)
    try:
        async with engine.connect() as one, engine.connect() as two:
            seen = [await _pragmas(one), await _pragmas(two)]
    finally:
        await engine.dispose()

    # synchronous 1 is NORMAL
    expected = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000, "synchronous": 1}
    assert seen == [expected, expected]


async def _pragmas(connection):
    names = ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
    values = {n: (await connection.exec_driver_sql(f"PRAGMA {n}")).scalar() for n in names}
    # Every SQLite transaction is BEGIN IMMEDIATE: end it so the other connection may begin.
    await connection.commit()
    return values


async def test_sqlite_enforces_foreign_keys(sqlite_url):
    engine = create_engine(sqlite_url)
    try:
        async with engine.begin() as connection:
            with pytest.raises(Exception, match="FOREIGN KEY"):
                await connection.execute(text(
                    "INSERT INTO deliveries (schedule_id, instant, state, claimed_at)"
                    " VALUES (999, '2026-01-01 00:00:00', 'claimed', '2026-01-01 00:00:00')"))
    finally:
        await engine.dispose()


async def test_the_parent_folder_of_a_new_sqlite_file_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "nudge.db"
    engine = create_engine(f"sqlite:///{path}")
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()

    assert path.exists()


stamps = Table("stamps", MetaData(), Column("id", Integer, primary_key=True),
               Column("at", UtcDateTime()))


async def test_utc_datetimes_come_back_aware_and_in_utc(db_url):
    engine = create_engine(db_url)
    written = datetime(2026, 3, 29, 1, 30, 0, 123456, tzinfo=timezone(timedelta(hours=5)))
    try:
        async with engine.begin() as connection:
            await connection.run_sync(stamps.create)
            await connection.execute(insert(stamps).values(at=written))
            read = (await connection.execute(select(stamps.c.at))).scalar_one()
            await connection.run_sync(stamps.drop)
    finally:
        await engine.dispose()

    assert read == written
    assert read.tzinfo is UTC


async def test_a_naive_datetime_is_refused(sqlite_url):
    engine = create_engine(sqlite_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(stamps.create)
            with pytest.raises(StatementError, match="naive datetime"):
                await connection.execute(insert(stamps).values(at=datetime(2026, 1, 1)))
    finally:
        await engine.dispose()
