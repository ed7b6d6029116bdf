"""ChatSender's contract, run against every implementation: the Slack and Telegram senders
against their fake platforms, and the RecordingSender that service tests rely on.

A send returns the message's id; a rate limit becomes RetryLater with the platform's wait;
a chat that is gone becomes TargetGone. A fake that drifted from the real senders fails here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest

from bot.settings import Settings
from bot.slack.clients import SingleWorkspace
from bot.slack.identity import slack_tenant
from bot.slack.sender import SlackSender
from bot.telegram.app import make_bot
from bot.telegram.identity import chat_ref
from bot.telegram.sender import TelegramSender
from core.errors import RetryLater, TargetGone
from core.ids import ChatRef, Platform, Tenant
from core.ports import ChatSender
from core.replies import Choice, Reply
from tests.fakes.sender import RecordingSender
from tests.servers import serve_in_thread, slack_api, telegram_api

REPLY = Reply("⏰ stretch", (Choice("Done", "b.done.1"),))


@dataclass
class World:
    sender: ChatSender
    chat: ChatRef
    rate_limit_next: Callable[[int], None]  # the next send is refused, retry after N s
    block_next: Callable[[], None]  # the next send finds the chat gone


async def slack_world() -> AsyncIterator[World]:
    api = slack_api.FakeSlackApi()
    api.add_channel("C0TEAM0001", "team", slack_api.BOT_USER_ID)
    with serve_in_thread(api.app()) as url:
        clients = SingleWorkspace(slack_api.BOT_TOKEN, base_url=f"{url}/api/")
        yield World(
            SlackSender(clients), ChatRef(slack_tenant(slack_api.TEAM_ID), "C0TEAM0001"),
            lambda after: api.fail_next("chat.postMessage", slack_api.Failure(
                "ratelimited", 429, {"Retry-After": str(after)})),
            lambda: api.fail_next("chat.postMessage", slack_api.Failure("channel_not_found")),
        )
        await clients.aclose()


async def telegram_world() -> AsyncIterator[World]:
    api = telegram_api.FakeTelegramApi()
    with serve_in_thread(api.app) as url:
        settings = Settings(telegram_bot_token=telegram_api.TOKEN, telegram_api_url=f"{url}/bot")
        sender = TelegramSender(make_bot(settings))
        yield World(
            sender, chat_ref(telegram_api.BOT_ID, 42),
            lambda after: api.fail_next("sendMessage",
                                        telegram_api.Failure.too_many_requests(after)),
            lambda: api.fail_next("sendMessage", telegram_api.Failure.blocked()),
        )
        await sender.aclose()


async def recording_world() -> AsyncIterator[World]:
    sender = RecordingSender()
    yield World(
        sender, ChatRef(Tenant(Platform.CONSOLE, "local"), "terminal"),
        lambda after: sender.fail_next.append(RetryLater(after=after)),
        lambda: sender.fail_next.append(TargetGone("blocked")),
    )


@pytest.fixture(params=[slack_world, telegram_world, recording_world],
                ids=["slack", "telegram", "recording"])
async def world(request: pytest.FixtureRequest) -> AsyncIterator[World]:
    async for built in request.param():
        yield built


async def test_a_send_returns_the_message_id_of_its_chat(world: World) -> None:
    first = await world.sender.send(world.chat, REPLY)
    second = await world.sender.send(world.chat, REPLY)

    assert first.chat_id == world.chat.chat_id
    assert first.message_id
    assert first.message_id != second.message_id


async def test_a_rate_limit_becomes_retry_later_with_the_platforms_wait(world: World) -> None:
    world.rate_limit_next(7)

    with pytest.raises(RetryLater) as refused:
        await world.sender.send(world.chat, REPLY)

    assert refused.value.after == 7


async def test_a_chat_that_is_gone_becomes_target_gone(world: World) -> None:
    world.block_next()

    with pytest.raises(TargetGone):
        await world.sender.send(world.chat, REPLY)


async def test_after_a_refusal_the_next_send_goes_through(world: World) -> None:
    world.rate_limit_next(1)
    with pytest.raises(RetryLater):
        await world.sender.send(world.chat, REPLY)

    sent = await world.sender.send(world.chat, REPLY)

    assert sent.message_id
