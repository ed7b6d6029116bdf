"""Telegram end to end for habits: the engine's prompt, its Done button, the stats picture."""

from __future__ import annotations

import asyncio
import io

import pytest
from PIL import Image

from core import habit_chart
from core.services.delivery import deliver_due
from tests.e2e.telegram_harness import TelegramWorld, close, telegram_world
from tests.servers.telegram_api import buttons, callback_update, message_update


@pytest.fixture
def world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url) as world:
        yield world


def deliver_at_next_prompt(world: TelegramWorld) -> None:
    """Move the clock to the habit's next prompt and run the engine's due sweep."""
    async def go() -> None:
        nudge = world.build()
        try:
            async with nudge.deps.uow() as uow:
                [habit] = await uow.schedules.list_for(world.user(), kinds={"habit"})
            world.clock.current = habit.next_at
            await deliver_due(nudge.deps)
        finally:
            await close(nudge)

    asyncio.run(go())


def test_the_prompts_done_button_checks_the_habit_in(world: TelegramWorld) -> None:
    async def create() -> None:
        async with world.running():
            await world.say(message_update("habit meditate every morning"))

    asyncio.run(create())
    deliver_at_next_prompt(world)
    [prompt] = [c for c in world.api.calls_to("sendMessage") if "🔁" in c.params["text"]]
    labels = dict(buttons(prompt))

    async def press() -> list:
        async with world.running():
            world.api.push_update(callback_update(labels["Done"], message=prompt.result))
            await world.api.wait_for_async("answerCallbackQuery")
            [listed] = await world.say(message_update("habits"))
            return [*world.api.calls_to("editMessageText"), listed]

    edited, listed = asyncio.run(press())

    assert prompt.params["text"] == "🔁 Time to meditate? (Habit 1)"
    assert list(labels) == ["Done", "Skip today"]
    assert edited.params["text"].startswith("✓ meditate done today. Streak: 1 day")
    assert "Habit 1: meditate (daily): ✓ done today" in listed.params["text"]


def test_stats_arrives_as_a_photo_with_the_numbers_as_caption(world: TelegramWorld) -> None:
    async def go() -> list:
        async with world.running():
            await world.say(message_update("habit meditate every morning"))
            await world.say(message_update("done meditate"))
            await world.say(message_update("done meditate yesterday"))
            world.api.push_update(message_update("stats meditate"))
            return await world.api.wait_for_async("sendPhoto")

    [photo] = asyncio.run(go())

    with Image.open(io.BytesIO(photo.params["photo"])) as image:
        assert image.format == "PNG"
        assert image.size == (habit_chart.WIDTH, habit_chart.HEIGHT)
    assert photo.params["caption"].startswith("Habit 1: meditate (daily)\nStreak: 2 days")
