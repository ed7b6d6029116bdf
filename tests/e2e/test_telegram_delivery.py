"""Telegram end to end with the real RQ worker: delivery, buttons, a blocked chat, a 429."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from core.reminders import State
from jobs.worker import run_worker
from tests.e2e.telegram_harness import TelegramWorld, close, telegram_world
from tests.servers.telegram_api import Failure, buttons, callback_update, message_update


@pytest.fixture
def world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url) as world:
        yield world


class ClosingServices:
    """The worker's services (Nudge's), closing the Telegram adapters' HTTP clients too."""

    def __init__(self, world: TelegramWorld) -> None:
        self.nudge = world.build()

    def __getattr__(self, name: str):
        return getattr(self.nudge, name)

    async def aclose(self) -> None:
        await close(self.nudge)


def work(world: TelegramWorld) -> None:
    run_worker(redis_url=world.redis_url, services_factory=lambda: ClosingServices(world),
               burst=True)


def chat(world: TelegramWorld, *updates: dict, replies: int = 1) -> list:
    async def go() -> list:
        async with world.running():
            sent = []
            for update in updates:
                sent += await world.say(update, replies=replies)
            return sent

    return asyncio.run(go())


def press(world: TelegramWorld, data: str, message: dict) -> tuple:
    async def go() -> tuple:
        async with world.running():
            world.api.push_update(callback_update(data, message=message))
            [answered] = await world.api.wait_for_async("answerCallbackQuery")
            return world.api.calls_to("editMessageText"), answered

    return asyncio.run(go())


def delivered(world: TelegramWorld) -> list:
    return [c for c in world.api.calls_to("sendMessage") if c.params["text"].startswith("⏰")]


def test_the_worker_delivers_a_reminder_with_its_keyboard(world: TelegramWorld) -> None:
    chat(world, message_update("remind me to stretch in 1 minute"))
    world.clock.advance(minutes=1)

    work(world)

    [sent] = delivered(world)
    [reminder] = asyncio.run(world.reminders())
    sid = reminder.schedule_id
    assert sent.params["chat_id"] == 42
    assert sent.params["text"] == "⏰ stretch"
    assert [label for label, _ in buttons(sent)] == [
        "Done", "20 min", "1 hour", "Tomorrow morning", "Delete"]
    # Sealed tokens that fit callback_data, never typeable `act:done:1` strings.
    assert [data.split(".")[1:4] for _, data in buttons(sent)] == [
        ["done", str(sid), ""], ["snooze", str(sid), "20m"], ["snooze", str(sid), "1h"],
        ["snooze", str(sid), "tomorrow"], ["delete", str(sid), ""]]
    assert all(len(data.encode()) <= 64 for _, data in buttons(sent))


def test_snooze_edits_the_message_in_place_and_moves_the_reminder(world: TelegramWorld) -> None:
    chat(world, message_update("remind me to stretch in 1 minute"))
    world.clock.advance(minutes=1)
    work(world)
    [sent] = delivered(world)

    [edited], answered = press(world, dict(buttons(sent))["20 min"], sent.result)

    [reminder] = asyncio.run(world.reminders())
    assert edited.params["message_id"] == sent.result["message_id"]
    assert edited.params["text"].startswith("Snoozed Reminder 1: stretch until")
    assert answered.params["text"].startswith("Snoozed")
    assert reminder.state is State.ACTIVE
    assert reminder.next_at == world.clock.now() + timedelta(minutes=20)


@pytest.mark.parametrize(("label", "says", "state", "keyboard"), [
    ("Done", "✓ Done: Reminder 1: stretch. It carries on: next", State.ACTIVE, None),
    ("Delete", "Cancelled Reminder 1: stretch.", State.CANCELLED, ["Undo"]),
])
def test_done_and_delete_edit_the_message_in_place(world: TelegramWorld, label: str, says: str,
                                                   state: State, keyboard: object) -> None:
    chat(world, message_update("remind me to stretch every 2 minutes"))
    world.clock.advance(minutes=2)
    work(world)
    [sent] = delivered(world)

    [edited], answered = press(world, dict(buttons(sent))[label], sent.result)

    [reminder] = asyncio.run(world.reminders())
    assert edited.params["message_id"] == sent.result["message_id"]
    assert edited.params["text"].startswith(says)  # a recurring one carries on
    markup = edited.params.get("reply_markup")
    labels = [b["text"] for row in markup["inline_keyboard"] for b in row] if markup else None
    assert labels == keyboard
    assert answered.params["text"].startswith(says)
    assert reminder.state is state


def test_a_button_of_someone_elses_reminder_changes_nothing(world: TelegramWorld) -> None:
    chat(world, message_update("remind me to stretch in 1 minute"))
    world.clock.advance(minutes=1)
    work(world)
    [sent] = delivered(world)
    stranger = {**sent.result, "chat": {"id": 99, "type": "private", "first_name": "Eve"}}

    async def go() -> tuple:
        async with world.running():
            world.api.push_update(callback_update(dict(buttons(sent))["20 min"],
                                                  message=stranger, user_id=99))
            [answered] = await world.api.wait_for_async("answerCallbackQuery")
            return world.api.calls_to("editMessageText"), answered

    edits, answered = asyncio.run(go())
    [reminder] = asyncio.run(world.reminders())
    assert edits == []
    assert answered.params["show_alert"] == "true"
    assert answered.params["text"] == "That button isn't yours to press."
    assert reminder.state is State.DONE


def test_a_blocked_chat_deactivates_its_schedules(world: TelegramWorld) -> None:
    chat(world, message_update("remind me to stretch every 2 minutes"),
         message_update("remind me to drink water in 1 hour"))
    world.clock.advance(minutes=2)
    world.api.fail_next("sendMessage", Failure.blocked())

    work(world)

    states = {r.what: r.state for r in asyncio.run(world.reminders())}
    [refused] = delivered(world)
    assert refused.result is None  # the fake answered 403
    assert states == {"stretch": State.INACTIVE, "drink water": State.INACTIVE}


def test_a_429_is_honoured_and_the_retry_delivers_once(world: TelegramWorld) -> None:
    chat(world, message_update("remind me to stretch in 1 minute"))
    world.clock.advance(minutes=1)
    world.api.fail_next("sendMessage", Failure.too_many_requests(1))

    work_until(world, lambda: len(delivered(world)) >= 2)
    work(world)  # and nothing more arrives

    [attempt, sent] = delivered(world)
    assert attempt.result is None  # the fake answered 429
    assert sent.result["text"] == "⏰ stretch"
    assert sent.at - attempt.at >= 1.0  # retry_after was honoured


def test_a_group_that_became_a_supergroup_gets_its_reminder_there(world: TelegramWorld) -> None:
    chat(world, message_update("/remind me to water the plants in 1 minute", chat_id=-200))
    world.clock.advance(minutes=1)
    world.api.fail_next("sendMessage", Failure.migrated(-1001234567890))

    work_until(world, lambda: len(delivered(world)) >= 2)

    [refused, sent] = delivered(world)
    [reminder] = asyncio.run(world.reminders())
    assert refused.params["chat_id"] == -200
    assert sent.params["chat_id"] == -1001234567890
    assert reminder.chat == world.chat(-1001234567890)


def work_until(world: TelegramWorld, done, *, timeout: float = 10.0) -> None:
    """Burst workers until `done()` (a retry runs when RQ's real clock says so), with a deadline."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"not done within {timeout}s: {world.api.calls}")
        work(world)


def test_a_group_reminder_is_delivered_to_the_group(world: TelegramWorld) -> None:
    chat(world, message_update("/remind@NudgeTestBot me to water the plants in 1 minute",
                               chat_id=-200))
    world.clock.advance(minutes=1)

    work(world)

    [sent] = delivered(world)
    assert sent.params["chat_id"] == -200
    assert sent.params["text"] == "⏰ water the plants"
