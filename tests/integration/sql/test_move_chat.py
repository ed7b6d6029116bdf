"""ReminderRepository.move_chat on SQLite and PostgreSQL: a group that became a supergroup."""

from __future__ import annotations

from core.ids import ChatRef
from tests.integration.sql.builders import ACME, ANA, ANA_DM, BEN, TEAM, a_reminder

SUPERGROUP = ChatRef(ACME, "C-TEAM-SUPER")


async def test_move_chat_points_every_reminder_of_the_old_chat_at_the_new(uow_factory):
    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder(chat=TEAM, what="standup"))
        await uow.reminders.add(a_reminder(BEN, chat=TEAM, what="retro"))
        await uow.reminders.add(a_reminder(chat=ANA_DM, what="private"))
        await uow.commit()

    async with uow_factory() as uow:
        moved = await uow.reminders.move_chat(TEAM, SUPERGROUP)
        await uow.commit()
    async with uow_factory() as uow:
        chats = {r.what: r.chat for r in [*await uow.reminders.list_for(ANA),
                                           *await uow.reminders.list_for(BEN)]}

    assert moved == 2
    assert chats == {"standup": SUPERGROUP, "retro": SUPERGROUP, "private": ANA_DM}


async def test_moving_twice_or_from_an_unknown_chat_moves_nothing(uow_factory):
    async with uow_factory() as uow:
        await uow.reminders.add(a_reminder(chat=TEAM))
        first = await uow.reminders.move_chat(TEAM, SUPERGROUP)
        second = await uow.reminders.move_chat(TEAM, SUPERGROUP)
        unknown = await uow.reminders.move_chat(ChatRef(ACME, "C-NOWHERE"), TEAM)
        await uow.commit()

    assert (first, second, unknown) == (1, 0, 0)
