"""Control characters: a clear answer and nothing stored, on SQLite and PostgreSQL alike.

PostgreSQL refuses a NUL in text with a DBAPIError, which used to escape the dispatcher.
"""

from __future__ import annotations

import pytest

from tests.services.conftest import actor


async def stored(deps):
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor().user, live_only=False)


@pytest.mark.parametrize("text", [
    "remind me to pay\x00 rent in 1 hour",
    "remind me to \x00 in 1 hour",
    "remind me to ring\x07 the bell in 1 hour",
    "remind me to esc\x1b[31m red in 1 hour",
    "remind me to broken \ud800 surrogate in 1 hour",
    "timezone Europe/Ber\x00lin",
])
async def test_control_characters_get_a_clear_answer_and_change_nothing(
        dispatcher, deps, text):
    reply = await dispatcher.handle(text, actor())

    assert reply.is_error
    assert "control character" in reply.text
    assert await stored(deps) == []


async def test_tabs_and_line_breaks_are_fine(dispatcher, deps):
    reply = await dispatcher.handle("remind me to pack:\tsocks\r\nand shoes in 1 hour", actor())

    assert not reply.is_error
    [reminder] = await stored(deps)
    assert "socks" in reminder.what
