"""Telegram end to end in a private chat: text and slash commands through the real PTB app."""

from __future__ import annotations

import pytest

from tests.e2e.telegram_harness import TelegramWorld, telegram_world
from tests.servers.telegram_api import buttons, callback_update, location_update, message_update


@pytest.fixture
def world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url) as world:
        yield world


async def test_a_private_message_becomes_a_reminder_for_that_chat(world: TelegramWorld) -> None:
    async with world.running():
        [reply] = await world.say(message_update("remind me to stretch in 1 hour"))

    [reminder] = await world.reminders()
    assert reply.params["chat_id"] == 42
    assert reply.params["text"].startswith("Reminder 1: stretch; next")
    assert reminder.chat == world.chat(42)
    assert reminder.what == "stretch"


async def test_slash_commands_mean_the_words_typed(world: TelegramWorld) -> None:
    async with world.running():
        [created] = await world.say(message_update("/remind me to run daily at 7"))
        [listed] = await world.say(message_update("/list"))
        [helped] = await world.say(message_update("/help"))

    assert created.params["text"].startswith("Reminder 1: run, every day at 07:00")
    assert "Reminder 1: run" in listed.params["text"]
    assert "remind me to stretch in 20 minutes" in helped.params["text"]


async def test_the_command_menu_is_registered_at_start_up_in_every_language(
        world: TelegramWorld) -> None:
    async with world.running():
        registered = await world.api.wait_for_async("setMyCommands", count=6)

    menus = {call.params.get("language_code"): call.params["commands"] for call in registered}
    assert set(menus) == {None, "es", "de", "fr", "pt", "ru"}  # None: everyone else's
    names = [c["command"] for c in menus[None]]
    assert {"remind", "list", "habit", "done", "goal", "post", "timezone",
            "help"} <= set(names)
    assert "digest" not in names  # digests answer "not available yet": not offered
    english = {c["description"] for c in menus[None]}
    for code in ("es", "de", "fr", "pt", "ru"):
        assert [c["command"] for c in menus[code]] == names
        assert english.isdisjoint(c["description"] for c in menus[code]), code
    assert menus["es"][0]["description"].startswith("Crear un recordatorio")


async def test_a_reminder_without_a_time_asks_when_and_a_button_answers(
        world: TelegramWorld) -> None:
    text = "remind me to call the insurance company about the broken kitchen window"
    async with world.running():
        [asked] = await world.say(message_update(text))
        labels = dict(buttons(asked))
        world.api.push_update(callback_update(labels["Tomorrow morning"], message=asked.result))
        [edited] = await world.api.wait_for_async("editMessageText")
        [answered] = await world.api.wait_for_async("answerCallbackQuery")

    [reminder] = await world.reminders()
    assert "When should I remind you?" in asked.params["text"]
    assert list(labels) == ["In 1 hour", "This evening", "Tomorrow morning"]
    assert all(len(data.encode()) <= 64 for data in labels.values())
    assert labels["Tomorrow morning"].startswith("k:")  # too long to travel as it is
    assert edited.params["message_id"] == asked.result["message_id"]
    assert edited.params["text"].startswith("Reminder 1: call the insurance company")
    assert answered.params["callback_query_id"]
    assert reminder.what == "call the insurance company about the broken kitchen window"


async def test_start_greets_offers_zones_and_a_zone_button_sets_it(world: TelegramWorld) -> None:
    async with world.running():
        greeting, question = await world.say(message_update("/start"), replies=2)
        zones = dict(buttons(question))
        world.api.push_update(callback_update(zones["Berlin"], message=question.result))
        [edited] = await world.api.wait_for_async("editMessageText")

    assert greeting.params["text"].startswith("Hi Ann!")
    assert "remind me to stretch in 20 minutes" in greeting.params["text"]
    [[location_button]] = greeting.params["reply_markup"]["keyboard"]
    assert location_button["request_location"] is True
    assert "Which time zone are you in?" in question.params["text"]
    assert zones["Berlin"] == "timezone Europe/Berlin"
    assert edited.params["text"].startswith("Time zone set to Europe/Berlin")
    assert await world.zone() == "Europe/Berlin"


async def test_a_typed_zone_name_sets_the_zone(world: TelegramWorld) -> None:
    async with world.running():
        [answer] = await world.say(message_update("America/New_York"))
        [via_command] = await world.say(message_update("/timezone PST"))

    assert answer.params["text"].startswith("Time zone set to America/New_York")
    assert via_command.params["text"].startswith("Time zone set to America/Los_Angeles")
    assert await world.zone() == "America/Los_Angeles"


async def test_a_shared_location_sets_the_zone_found_offline(world: TelegramWorld) -> None:
    async with world.running():
        [answer] = await world.say(location_update(latitude=35.68, longitude=139.69))

    assert answer.params["text"].startswith("Time zone set to Asia/Tokyo")
    assert answer.params["reply_markup"] == {"remove_keyboard": True}
    assert await world.zone() == "Asia/Tokyo"


async def test_a_location_at_sea_asks_for_the_zone_by_name(world: TelegramWorld) -> None:
    async with world.running():
        [answer] = await world.say(location_update(latitude=-40.0, longitude=-30.0))

    assert "can't tell the time zone there" in answer.params["text"]
    assert await world.zone() is None
