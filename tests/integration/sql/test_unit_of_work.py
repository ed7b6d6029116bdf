import pytest

from tests.integration.sql.builders import ANA, a_reminder


async def test_work_not_committed_is_rolled_back(uow_factory):
    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder())

    async with uow_factory() as uow:
        assert await uow.reminders.list_for(ANA) == []


async def test_an_exception_rolls_back(uow_factory):
    async def fail_half_way():
        async with uow_factory() as uow:
            await uow.reminders.add(a_reminder())
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await fail_half_way()

    async with uow_factory() as uow:
        assert await uow.reminders.list_for(ANA) == []


async def test_explicit_rollback_drops_the_work_since_the_last_commit(uow_factory):
    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder(what="kept"))
        await uow.commit()
        await uow.reminders.add(a_reminder(what="dropped"))
        await uow.rollback()

    async with uow_factory() as uow:
        [kept] = await uow.reminders.list_for(ANA)
    assert kept.what == "kept"


async def test_repositories_are_only_usable_inside_async_with(uow_factory):
    uow = uow_factory()

    with pytest.raises(RuntimeError, match="async with"):
        await uow.commit()
