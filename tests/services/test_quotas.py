"""Quotas: active items per person and per channel, commands per minute, channel intervals.

Each refusal is friendly and changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from redis.asyncio import Redis as AsyncRedis

from core.ids import Actor, ChatRef
from core.quotas import Quotas
from core.services.dispatch import Dispatcher
from integrations.command_rate import RedisCommandRate
from tests.services.conftest import TENANT, actor


def in_team(user: str = "U1") -> Actor:
    return Actor(actor(user).user, ChatRef(TENANT, "D" + user), zone="America/New_York")


async def live(deps, user: str = "U1"):
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor(user).user)


@pytest.fixture
async def async_redis(redis_url):
    client = AsyncRedis.from_url(redis_url)
    yield client
    await client.aclose()


def limited(deps, **quotas) -> Dispatcher:
    return Dispatcher(replace(deps, quotas=Quotas(**quotas)))


async def test_a_person_past_their_active_items_is_refused(deps):
    dispatcher = limited(deps, active_per_person=3)
    for minutes in (10, 20, 30):
        await dispatcher.handle(f"remind me to stretch in {minutes} minutes", actor())

    refused = await dispatcher.handle("remind me to run in 1 hour", actor())
    await dispatcher.handle("cancel 1", actor())
    after_cancel = await dispatcher.handle("remind me to run in 1 hour", actor())

    assert refused.is_error
    assert "You have 3 active reminders and posts, the most one person may have" in refused.text
    assert not after_cancel.is_error
    assert [r.what for r in await live(deps)] == ["stretch", "stretch", "run"]


async def test_a_channel_past_its_active_items_is_refused(deps):
    dispatcher = limited(deps, active_per_channel=2)
    await dispatcher.handle("remind #team standup every weekday at 9:30", in_team("U1"))
    await dispatcher.handle("remind #team retro every friday at 15:00", in_team("U2"))

    refused = await dispatcher.handle("remind #team lunch every day at 12", in_team("U3"))
    for_herself = await dispatcher.handle("remind me to eat lunch every day at 12", in_team("U3"))

    assert refused.is_error
    assert "#team already has 2 active reminders and posts" in refused.text
    assert not for_herself.is_error
    assert [r.target for r in await live(deps, "U3")] == ["me"]


@pytest.mark.parametrize("text", [
    "remind #team to drink water every minute",
    "remind #team ping every 5 minutes",
    "remind #team check every day at 9:00 and 9:05",
    "remind #team tick cron */10 * * * *",
])
async def test_a_channel_reminder_may_not_repeat_too_often(dispatcher, deps, text):
    reply = await dispatcher.handle(text, actor())

    assert reply.is_error
    assert "In a channel, a reminder may repeat at most every 15 minutes" in reply.text
    assert await live(deps) == []


async def test_a_channel_reminder_every_quarter_hour_and_a_personal_one_every_minute_are_fine(
        dispatcher, deps):
    channel = await dispatcher.handle("remind #team ping every 15 minutes", actor())
    personal = await dispatcher.handle("remind me to blink every minute", actor())

    assert not channel.is_error
    assert not personal.is_error
    assert len(await live(deps)) == 2


async def test_commands_past_the_rate_are_refused_until_the_minute_refills(
        deps, async_redis, clock):
    dispatcher = Dispatcher(replace(deps, rate=RedisCommandRate(async_redis),
                                    quotas=Quotas(commands_per_minute=5)))
    answers = [await dispatcher.handle(f"remind me to sip {i} in 1 hour", actor())
               for i in range(6)]
    other = await dispatcher.handle("list", actor("U2"))
    clock.advance(seconds=12)  # one command's worth of a 5-a-minute bucket
    later = await dispatcher.handle("remind me to sip again in 1 hour", actor())

    assert [a.is_error for a in answers] == [False] * 5 + [True]
    assert "Slow down a little: I take up to 5 messages a minute" in answers[-1].text
    assert not other.is_error  # counted per person
    assert not later.is_error
    assert [r.what for r in await live(deps)] == [f"sip {i}" for i in range(5)] + ["sip again"]


async def test_button_presses_count_too(deps, async_redis, clock):
    dispatcher = Dispatcher(replace(deps, rate=RedisCommandRate(async_redis),
                                    quotas=Quotas(commands_per_minute=2)))
    created = await dispatcher.handle("remind me to run daily at 7", actor())
    await dispatcher.handle("list", actor())

    pressed = await dispatcher.press(created.choices[0].command, actor())

    assert pressed.is_error
    assert (await live(deps))[0].is_live


async def test_the_rate_lets_commands_through_when_redis_is_away(deps, clock):
    away = AsyncRedis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    dispatcher = Dispatcher(replace(deps, rate=RedisCommandRate(away)))
    try:
        reply = await dispatcher.handle("remind me to run in 1 hour", actor())
    finally:
        await away.aclose()

    assert not reply.is_error
    assert clock.now() + timedelta(hours=1) == (await live(deps))[0].next_at
