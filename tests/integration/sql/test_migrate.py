from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from integrations.sql import migrate
from integrations.sql.engine import create_engine
from integrations.sql.tables import metadata

HEAD = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()


async def _table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def _schema_differences(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), metadata))
    finally:
        await engine.dispose()


async def test_down_to_base_leaves_no_tables_and_up_again_restores_them(db_url):
    try:
        await migrate.downgrade_async(db_url, "base")
        emptied = await _table_names(db_url)
        at_base = await migrate.current_async(db_url)
    finally:
        await migrate.upgrade_async(db_url)

    assert emptied <= {"alembic_version"}
    assert at_base is None
    assert await migrate.current_async(db_url) == HEAD
    assert await _table_names(db_url) >= {t.name for t in metadata.sorted_tables}


async def test_the_migrated_schema_matches_the_tables_module(db_url):
    assert await _schema_differences(db_url) == []


def test_sync_calls_migrate_a_new_file_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'fresh' / 'nudge.db'}"

    before = migrate.current(url)
    migrate.upgrade(url)
    after = migrate.current(url)
    migrate.downgrade(url, "base")

    assert (before, after) == (None, HEAD)
    assert migrate.current(url) is None


def test_the_script_location_is_the_importable_migrations_package():
    location = migrate.script_location()

    assert (location / "env.py").is_file()
    assert (location / "versions" / "0001_initial.py").is_file()
