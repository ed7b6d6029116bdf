"""Telegram end to end in groups: commands with @BotName and mentions only; migrations."""

from __future__ import annotations

import asyncio
import time

import pytest

from core.reminders import State
from tests.e2e.telegram_harness import TelegramWorld, telegram_world
from tests.servers.telegram_api import message_update, migration_update

GROUP = -200
SUPERGROUP = -1001234567890


@pytest.fixture
def world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url) as world:
        yield world


async def test_a_group_command_with_the_bot_name_sets_a_reminder_for_the_group(
        world: TelegramWorld) -> None:
    update = message_update("/remind@NudgeTestBot me to water the plants in 1 hour",
                            chat_id=GROUP)
    async with world.running():
        [reply] = await world.say(update)

    [reminder] = await world.reminders()
    assert reply.params["chat_id"] == GROUP
    assert reply.params["text"].startswith("Reminder 1: water the plants")
    assert reminder.chat == world.chat(GROUP)


async def test_plain_text_in_a_group_is_ignored_and_a_mention_is_answered(
        world: TelegramWorld) -> None:
    async with world.running():
        world.api.push_update(message_update("remind me to stretch in 1 hour", chat_id=GROUP))
        # Updates are handled in order, so the mention's answer comes after the plain text.
        [reply] = await world.say(
            message_update("@NudgeTestBot remind me to run in 2 hours", chat_id=GROUP))

    [reminder] = await world.reminders()
    assert len(world.api.calls_to("sendMessage")) == 1
    assert reply.params["text"].startswith("Reminder 1: run")
    assert reminder.what == "run"


async def test_a_command_for_another_bot_is_ignored(world: TelegramWorld) -> None:
    async with world.running():
        world.api.push_update(message_update("/list@OtherBot", chat_id=GROUP))
        [reply] = await world.say(message_update("/list@NudgeTestBot", chat_id=GROUP))

    assert len(world.api.calls_to("sendMessage")) == 1
    assert reply.params["text"].startswith("You have no reminders")


async def test_a_group_that_became_a_supergroup_takes_its_schedules_along(
        world: TelegramWorld) -> None:
    async with world.running():
        await world.say(message_update("/remind me to water the plants every day at 9",
                                       chat_id=GROUP))
        world.api.push_update(migration_update(old_chat_id=GROUP, new_chat_id=SUPERGROUP))
        [reminder] = await until(world, lambda r: r.chat == world.chat(SUPERGROUP))

    assert reminder.state is State.ACTIVE
    assert reminder.what == "water the plants"


async def until(world: TelegramWorld, check, *, timeout: float = 5.0) -> list:
    """Poll the database (with a deadline) until every reminder passes `check`."""
    deadline = time.monotonic() + timeout
    while True:
        reminders = await world.reminders()
        if reminders and all(check(r) for r in reminders):
            return reminders
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s: {reminders}")
        await asyncio.sleep(0.05)
