"""Replies in a chat keep to Telegram's limits: paced by the shared limiter, and a 429 that
comes anyway is waited out and sent again, never lost (the real PTB app, the fake Bot API)."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.telegram.handlers import ASK_ZONE, SORRY
from tests.e2e.telegram_harness import TelegramWorld, telegram_world
from tests.servers.telegram_api import Call, Failure, FakeTelegramApi, buttons, message_update


@pytest.fixture
def world(tmp_path, sqlite_url, redis_url):
    with telegram_world(tmp_path, sqlite_url, redis_url) as world:
        yield world


async def _accepted(api: FakeTelegramApi, count: int, *, timeout: float) -> list[Call]:
    """The sendMessage calls the fake accepted (a 429 is recorded without a result)."""
    deadline = time.monotonic() + timeout
    while len(ok := [c for c in api.calls_to("sendMessage") if c.result]) < count:
        texts = [c.params["text"][:40] for c in api.calls_to("sendMessage")]
        assert time.monotonic() < deadline, f"only {len(ok)} accepted of {texts}"
        await asyncio.sleep(0.05)
    return ok


async def test_start_sends_all_its_messages_under_one_a_second_per_chat(
        world: TelegramWorld) -> None:
    world.api.chat_interval = 1.0  # Telegram: about one message a second per chat
    async with world.running():
        world.api.push_update(message_update("/start"))
        greeting, ask = await _accepted(world.api, 2, timeout=10)

    assert greeting.params["text"].startswith("Hi Ann!")
    assert ask.params["text"] == ASK_ZONE
    assert buttons(ask)  # the time-zone buttons arrived
    assert ask.at - greeting.at >= 1.0
    assert world.api.refused == 0  # paced beforehand, not merely retried
    assert SORRY not in [c.params["text"] for c in world.api.calls_to("sendMessage")]


async def test_a_429_on_a_reply_is_waited_out_and_the_reply_sent(world: TelegramWorld) -> None:
    world.api.fail_next("sendMessage", Failure.too_many_requests(1))
    async with world.running():
        started = time.monotonic()
        world.api.push_update(message_update("/help"))
        [helped] = await _accepted(world.api, 1, timeout=10)

    [refused, _] = world.api.calls_to("sendMessage")
    assert refused.result is None
    assert "remind me to stretch in 20 minutes" in helped.params["text"]
    assert helped.at - started >= 1.0  # after the retry_after, not before
