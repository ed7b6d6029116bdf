"""The everyday loop on Telegram: HTML replies with typed text escaped, the idiom of help."""

from __future__ import annotations

import asyncio

import pytest

from core.reminders import State
from tests.e2e.telegram_harness import TelegramWorld, telegram_world
from tests.e2e.test_telegram_delivery import chat, delivered, press, work
from tests.servers.telegram_api import buttons, message_update


@pytest.fixture
def world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url) as world:
        yield world


async def test_replies_are_html_with_what_people_typed_escaped(world: TelegramWorld) -> None:
    async with world.running():
        [created] = await world.say(message_update("remind me to check <b>x</b> & y in 1 hour"))
        [refused] = await world.say(message_update("remind me"))

    assert created.params["parse_mode"] == "HTML"
    assert "check &lt;b&gt;x&lt;/b&gt; &amp; y" in created.params["text"]
    assert "`" not in refused.params["text"]  # the shared text's backticks became <code>
    assert "<code>" in refused.params["text"]


async def test_the_greeting_shows_what_works_in_telegram(world: TelegramWorld) -> None:
    async with world.running():
        replies = await world.say(message_update("/start"))

    greeting = replies[0].params["text"]
    assert "#team" not in greeting
    assert "/habit meditate every morning" in greeting


async def test_done_by_number_marks_a_reminder_done(world: TelegramWorld) -> None:
    async with world.running():
        await world.say(message_update("remind me to stretch in 1 hour"))
        [done] = await world.say(message_update("/done 1"))

    assert "✓ Done: Reminder 1: stretch" in done.params["text"]
    assert "not available" not in done.params["text"]


def test_the_done_button_finishes_a_delivered_one_shot(world: TelegramWorld) -> None:
    chat(world, message_update("remind me to stretch in 1 minute"))
    world.clock.advance(minutes=1)
    work(world)
    [sent] = delivered(world)

    [edited], _ = press(world, dict(buttons(sent))["Done"], sent.result)

    [reminder] = asyncio.run(world.reminders())
    assert edited.params["text"] == ("✓ Done: Reminder 1: stretch. Nothing more will be "
                                     "sent for it.")
    assert reminder.state is State.DONE
