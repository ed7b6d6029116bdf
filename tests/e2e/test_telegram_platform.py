"""Telegram end to end: webhook vs polling, repeated updates, removal, and no token in logs."""

from __future__ import annotations

import logging

import httpx
import pytest

from bot.web import build_web_app
from core.reminders import State
from tests.e2e.telegram_harness import SECRET, TelegramWorld, telegram_world
from tests.servers.telegram_api import TOKEN, bot_user, chat, message_update, user

WEBHOOK_URL = "https://nudge.example.org/telegram/webhook"


@pytest.fixture
def world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url) as world:
        yield world


@pytest.fixture
def webhook_world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url, telegram_webhook_url=WEBHOOK_URL) as w:
        yield w


def web_client(runtime) -> httpx.AsyncClient:
    app = build_web_app(runtime.routes())
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://nudge")


async def post_update(client: httpx.AsyncClient, update: dict, secret: str = SECRET):
    return await client.post("/telegram/webhook", json=update,
                             headers={"X-Telegram-Bot-Api-Secret-Token": secret})


async def test_polling_mode_clears_the_webhook_and_receives_through_get_updates(
        world: TelegramWorld) -> None:
    async with world.running() as runtime:
        [reply] = await world.say(message_update("/list"))
        routes = runtime.routes()

    assert routes == []
    assert world.api.calls_to("deleteWebhook")
    assert world.api.calls_to("getUpdates")
    assert world.api.calls_to("setWebhook") == []
    assert reply.params["text"].startswith("You have no reminders")


async def test_webhook_mode_registers_the_webhook_with_its_secret(
        webhook_world: TelegramWorld) -> None:
    async with webhook_world.running():
        [registered] = webhook_world.api.calls_to("setWebhook")

    assert registered.params["url"] == WEBHOOK_URL
    assert registered.params["secret_token"] == SECRET
    assert webhook_world.api.calls_to("getUpdates") == []


async def test_a_webhook_call_with_the_right_secret_is_handled(
        webhook_world: TelegramWorld) -> None:
    async with webhook_world.running() as runtime, web_client(runtime) as client:
        response = await post_update(client, message_update("remind me to stretch in 1 hour"))
        [reply] = await webhook_world.api.wait_for_async("sendMessage")

    assert response.status_code == 200
    assert reply.params["text"].startswith("Reminder 1: stretch")


@pytest.mark.parametrize("secret", ["wrong-secret", ""])
async def test_a_webhook_call_with_a_wrong_or_missing_secret_is_refused(
        webhook_world: TelegramWorld, secret: str) -> None:
    async with webhook_world.running() as runtime, web_client(runtime) as client:
        refused = await post_update(client, message_update("remind me to stretch in 1 hour"),
                                    secret=secret)
        # A right one after it shows that the refused update was never queued.
        await post_update(client, message_update("/list"))
        [reply] = await webhook_world.api.wait_for_async("sendMessage")

    assert refused.status_code == 403
    assert reply.params["text"].startswith("You have no reminders")
    assert await webhook_world.reminders() == []


async def test_a_repeated_webhook_update_does_nothing_twice(webhook_world: TelegramWorld) -> None:
    update = message_update("remind me to stretch in 1 hour")
    async with webhook_world.running() as runtime, web_client(runtime) as client:
        first = await post_update(client, update)
        again = await post_update(client, update)
        await post_update(client, message_update("/list"))
        await webhook_world.api.wait_for_async("sendMessage", 2)

    assert (first.status_code, again.status_code) == (200, 200)
    assert len(webhook_world.api.calls_to("sendMessage")) == 2
    assert len(await webhook_world.reminders()) == 1


async def test_a_repeated_polled_update_does_nothing_twice(world: TelegramWorld) -> None:
    update = message_update("remind me to stretch in 1 hour")
    async with world.running():
        world.api.push_update(update)
        world.api.push_update(update)
        await world.say(message_update("/list"), replies=2)

    assert len(world.api.calls_to("sendMessage")) == 2
    assert len(await world.reminders()) == 1


async def test_being_blocked_deactivates_the_chats_schedules_at_once(world: TelegramWorld) -> None:
    kicked = {"update_id": 90001, "my_chat_member": {
        "chat": chat(42), "from": user(42), "date": 1_700_000_000,
        "old_chat_member": {"status": "member", "user": bot_user()},
        "new_chat_member": {"status": "kicked", "user": bot_user(), "until_date": 0}}}
    async with world.running():
        await world.say(message_update("remind me to stretch every day at 9"))
        world.api.push_update(kicked)
        await world.say(message_update("/list"))

    [reminder] = await world.reminders()
    assert reminder.state is State.INACTIVE


async def test_the_bot_token_never_appears_in_any_log_line(
        world: TelegramWorld, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("telegram", "telegram.ext", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)

    async with world.running():
        # Loud on purpose: even a DEBUG httpx logger, which prints every URL, is redacted.
        logging.getLogger("httpx").setLevel(logging.DEBUG)
        await world.say(message_update("remind me to stretch in 1 hour"))
        await world.say(message_update("/start"), replies=2)

    lines = [caplog.text, *(r.getMessage() for r in caplog.records)]
    assert any("<telegram-token>" in line for line in lines)  # URLs were logged, redacted
    assert not any(TOKEN in line for line in lines)
    assert not any(TOKEN.split(":")[1] in line for line in lines)
