"""The callback_data codec on a real Redis, and choices -> inline keyboards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from redis.asyncio import Redis

from bot.telegram.keyboards import MAX_CALLBACK_BYTES, CallbackCodec, short_key
from core.replies import Choice
from integrations.redis.buttons import RedisCommandStore

LONG = "remind me to call the insurance company about the broken window tomorrow morning"


@pytest.fixture
async def codec(redis_url):
    client = Redis.from_url(redis_url)
    yield CallbackCodec(RedisCommandStore(client))
    await client.aclose()


async def test_a_short_command_travels_as_it_is(codec: CallbackCodec) -> None:
    data = await codec.encode("b.snooze.123.20m")

    assert data == "b.snooze.123.20m"
    assert await codec.decode(data) == "b.snooze.123.20m"


@pytest.mark.parametrize("command", [LONG, "é" * 33, "k:looks-like-a-stored-key"])
async def test_a_long_or_ambiguous_command_is_stored_under_a_short_key(
        codec: CallbackCodec, command: str) -> None:
    data = await codec.encode(command)

    assert data is not None
    assert data.startswith("k:")
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert await codec.decode(data) == command


async def test_the_same_command_reuses_its_key(codec: CallbackCodec) -> None:
    assert await codec.encode(LONG) == await codec.encode(LONG) == "k:" + short_key(LONG)


async def test_a_stored_command_expires(redis_url) -> None:
    client = Redis.from_url(redis_url)
    codec = CallbackCodec(RedisCommandStore(client), ttl=timedelta(hours=2))
    data = await codec.encode(LONG)
    ttl = await client.ttl("nudge:telegram:cb:" + short_key(LONG))
    await client.delete("nudge:telegram:cb:" + short_key(LONG))  # what expiry does

    assert 7000 < ttl <= 7200
    assert await codec.decode(data) is None
    await client.aclose()


async def test_without_a_store_a_long_command_gets_no_button() -> None:
    codec = CallbackCodec()

    markup = await codec.markup([Choice("Long", LONG), Choice("Done", "b.done.1")])

    assert markup is not None
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [["Done"]]
    assert await codec.decode("k:whatever") is None


async def test_choices_become_rows_of_three(codec: CallbackCodec) -> None:
    choices = [Choice(str(n), f"b.done.{n}") for n in range(5)]

    markup = await codec.markup(choices)

    assert markup is not None
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [["0", "1", "2"],
                                                                          ["3", "4"]]
    assert await codec.markup([]) is None
