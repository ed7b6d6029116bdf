from core.people import Person
from tests.integration.sql.builders import ANA, BEN, a_reminder


async def test_a_saved_person_reads_back(uow_factory):
    async with uow_factory() as uow:
        await uow.people.save(Person(ANA, zone="Europe/Lisbon", display_name="Ana"))
        await uow.commit()

    async with uow_factory() as uow:
        ana = await uow.people.get(ANA)
        ben = await uow.people.get(BEN)

    assert ana == Person(ANA, zone="Europe/Lisbon", display_name="Ana")
    assert ben is None


async def test_saving_again_updates_zone_and_name(uow_factory):
    async with uow_factory() as uow:
        await uow.people.save(Person(ANA, zone="Europe/Lisbon", display_name="Ana"))
        await uow.people.save(Person(ANA, zone="Asia/Tokyo", display_name="Ana S."))
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.people.get(ANA) == Person(ANA, zone="Asia/Tokyo", display_name="Ana S.")


async def test_a_reminders_owner_becomes_a_person_without_a_zone(uow_factory):
    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder(ANA))
        await uow.people.save(Person(ANA, zone="America/Recife"))
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.people.get(ANA) == Person(ANA, zone="America/Recife")
        [still_hers] = await uow.reminders.list_for(ANA)
    assert still_hers.number == 1
