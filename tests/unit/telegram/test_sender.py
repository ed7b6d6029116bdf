"""TelegramSender and TelegramChannelAccess against the fake Bot API: errors become core's."""

from __future__ import annotations

import socket
import warnings
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from bot.settings import Settings
from bot.telegram.app import make_bot
from bot.telegram.identity import chat_ref, tenant_of
from bot.telegram.sender import TelegramChannelAccess, TelegramSender, retry_after_seconds
from core.errors import DeliveryError, NotAllowed, NotFound, RetryLater, TargetGone
from core.ids import Actor, UserRef
from core.language.commands import ME, Target, TargetKind
from core.replies import Choice, Reply, SentMessage
from tests.servers import serve_in_thread
from tests.servers.telegram_api import BOT_ID, TOKEN, Failure, FakeTelegramApi, buttons

DM = chat_ref(BOT_ID, 42)
REPLY = Reply("⏰ stretch", (Choice("Done", "b.done.1"), Choice("20 min", "b.snooze.1.20m")))


@pytest.fixture
def api():
    fake = FakeTelegramApi()
    with serve_in_thread(fake.app) as base_url:
        fake.base_url = base_url
        yield fake


def bot_for(base_url: str):
    return make_bot(Settings(telegram_bot_token=TOKEN, telegram_api_url=f"{base_url}/bot"))


@pytest.fixture
async def sender(api):
    sender = TelegramSender(bot_for(api.base_url))
    yield sender
    await sender.aclose()


async def test_a_reply_is_sent_with_its_choices_as_buttons(api, sender) -> None:
    sent = await sender.send(DM, REPLY)

    [call] = api.calls_to("sendMessage")
    assert sent == SentMessage(chat_id="42", message_id=str(call.result["message_id"]))
    assert call.params["text"] == "⏰ stretch"
    assert buttons(call) == [("Done", "b.done.1"), ("20 min", "b.snooze.1.20m")]


async def test_a_429_becomes_retry_later_after_the_seconds_telegram_asks(api, sender) -> None:
    api.fail_next("sendMessage", Failure.too_many_requests(7))

    with pytest.raises(RetryLater) as caught:
        await sender.send(DM, REPLY)

    assert caught.value.after == 7.0
    assert isinstance(caught.value.__cause__, RetryAfter)


@pytest.mark.parametrize("failure", [Failure.blocked(), Failure.chat_not_found()],
                         ids=["blocked", "chat-not-found"])
async def test_a_permanent_refusal_becomes_target_gone(api, sender, failure) -> None:
    api.fail_next("sendMessage", failure)

    with pytest.raises(TargetGone) as caught:
        await sender.send(DM, REPLY)

    assert caught.value.new_chat_id is None


async def test_a_migrated_group_becomes_target_gone_with_the_new_chat_id(api, sender) -> None:
    api.fail_next("sendMessage", Failure.migrated(-1009876543210))

    with pytest.raises(TargetGone) as caught:
        await sender.send(chat_ref(BOT_ID, -200), REPLY)

    assert caught.value.new_chat_id == "-1009876543210"


async def test_any_other_refusal_is_a_delivery_error_and_not_a_telegram_one(api, sender) -> None:
    api.fail_next("sendMessage", Failure(400, "Bad Request: message is too long"))

    with pytest.raises(DeliveryError) as caught:
        await sender.send(DM, REPLY)

    assert type(caught.value) is DeliveryError


async def test_an_unreachable_server_becomes_retry_later() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sender = TelegramSender(bot_for(f"http://127.0.0.1:{port}"))

    with pytest.raises(RetryLater):
        await sender.send(DM, REPLY)
    await sender.aclose()


def test_retry_after_reads_an_int_or_a_timedelta_without_a_warning(monkeypatch) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        monkeypatch.delenv("PTB_TIMEDELTA", raising=False)
        as_int = RetryAfter(5)
        monkeypatch.setenv("PTB_TIMEDELTA", "1")
        as_timedelta = RetryAfter(timedelta(seconds=2.5))
    monkeypatch.delenv("PTB_TIMEDELTA")

    assert retry_after_seconds(as_int) == 5.0
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    assert retry_after_seconds(as_timedelta) == 2.5


# -- channel access ------------------------------------------------------------------------

TENANT = tenant_of(BOT_ID)


def actor(chat_id: int, *, group: bool) -> Actor:
    return Actor(UserRef(TENANT, "42"), chat_ref(BOT_ID, chat_id), is_group=group)


@pytest.fixture
async def access(api):
    access = TelegramChannelAccess(bot_for(api.base_url))
    yield access
    await access.aclose()


async def test_me_is_the_chat_the_message_came_from(access) -> None:
    assert await access.resolve(actor(-200, group=True), ME) == chat_ref(BOT_ID, -200)
    assert await access.resolve(actor(42, group=False), ME) == DM


async def test_a_person_is_reached_in_the_group_and_refused_in_private(access) -> None:
    maria = Target(TargetKind.USER, "maria")

    assert await access.resolve(actor(-200, group=True), maria) == chat_ref(BOT_ID, -200)
    with pytest.raises(NotAllowed):
        await access.resolve(actor(42, group=False), maria)


async def test_a_chat_the_requester_belongs_to_is_allowed(api, access) -> None:
    target = Target(TargetKind.CHANNEL, "-1001234")

    assert await access.resolve(actor(42, group=False), target) == chat_ref(BOT_ID, -1001234)
    [member] = api.calls_to("getChatMember")
    assert member.params["user_id"] == 42


async def test_an_unknown_chat_is_not_found(api, access) -> None:
    api.fail_next("getChat", Failure.chat_not_found())

    with pytest.raises(NotFound):
        await access.resolve(actor(42, group=False), Target(TargetKind.CHANNEL, "nowhere"))
    assert api.calls_to("getChat")[0].params["chat_id"] == "@nowhere"


async def test_a_channel_needs_the_requester_to_be_an_admin(access) -> None:
    with pytest.raises(NotAllowed):  # the fake reports a plain member
        await access.resolve(actor(42, group=False), Target(TargetKind.CHANNEL, "news"))


def test_the_composition_root_adds_telegram_when_a_token_is_set() -> None:
    from bot.main import default_access, default_senders
    from core.ids import Platform

    settings = Settings(telegram_bot_token=TOKEN)

    assert isinstance(default_senders(settings)[Platform.TELEGRAM], TelegramSender)
    assert isinstance(default_access(settings)[Platform.TELEGRAM], TelegramChannelAccess)
    assert Platform.TELEGRAM not in default_senders(Settings())
