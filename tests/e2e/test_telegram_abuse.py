"""Telegram e2e: a typed action string in a group is plain text; `list` paged with buttons."""

from __future__ import annotations

import pytest

from core.reminders import State
from tests.e2e.telegram_harness import TelegramWorld, telegram_world
from tests.servers.telegram_api import buttons, callback_update, message_update

GROUP = -200
MALLORY = 66


@pytest.fixture
def world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url) as world:
        yield world


async def test_a_typed_action_string_in_a_group_is_plain_text(world: TelegramWorld) -> None:
    async with world.running():
        await world.say(message_update("/remind@NudgeTestBot me to water the plants every "
                                       "day at 9", chat_id=GROUP))
        [before] = await world.reminders()
        answers = [await world.say(message_update(f"@NudgeTestBot {typed}", chat_id=GROUP,
                                                  user_id=MALLORY))
                   for typed in (f"act:pause:{before.schedule_id}",
                                 f"act:alt:{before.schedule_id}:0315",
                                 f"act:unsnooze:{before.schedule_id}:4102444800")]

    [after] = await world.reminders()
    assert after == before
    assert after.state is State.ACTIVE
    assert all("didn't get that" in reply.params["text"] for [reply] in answers)


async def test_a_group_members_undo_is_only_for_them(world: TelegramWorld) -> None:
    async with world.running():
        [created] = await world.say(message_update(
            "/remind@NudgeTestBot me to water the plants every day at 9", chat_id=GROUP))
        undo = dict(buttons(created))["Undo"]
        world.api.push_update(callback_update(undo, message=created.result, user_id=MALLORY))
        [answered] = await world.api.wait_for_async("answerCallbackQuery")

    [after] = await world.reminders()
    assert answered.params["text"] == "That button isn't yours to press."
    assert world.api.calls_to("editMessageText") == []
    assert after.state is State.ACTIVE


async def test_list_pages_with_buttons_that_edit_the_message(world: TelegramWorld) -> None:
    async with world.running():
        for i in range(11):
            await world.say(message_update(f"remind me to task {i:02} in {i + 1} hours"))
        [listed] = await world.say(message_update("/list"))
        world.api.push_update(callback_update(dict(buttons(listed))["Next ▶"],
                                              message=listed.result))
        [edited] = await world.api.wait_for_async("editMessageText")

    assert listed.params["text"].startswith("Your reminders, page 1 of 2 (11 in all):")
    assert [label for label, _ in buttons(listed)] == ["Next ▶"]
    assert edited.params["text"].startswith("Your reminders, page 2 of 2 (11 in all):")
    assert "task 10" in edited.params["text"]
    assert [b["text"] for row in edited.params["reply_markup"]["inline_keyboard"]
            for b in row] == ["◀ Previous"]
