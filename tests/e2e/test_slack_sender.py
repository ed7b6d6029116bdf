"""SlackSender against the fake Web API: Block Kit posts, Slack errors become ours, one session."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.errors import SlackApiError

from bot.slack.clients import SingleWorkspace
from bot.slack.identity import slack_tenant
from bot.slack.sender import SlackSender
from core.buttons import ButtonAction, Verb
from core.errors import RetryLater, TargetGone
from core.ids import ChatRef
from core.replies import Choice, Reply, SentMessage
from core.services.sends import CONCURRENCY
from tests.servers import slack_harness
from tests.servers.slack_api import BOT_TOKEN, TEAM_ID, Failure, FakeSlackApi
from tests.servers.slack_harness import ALICE, TEAM

# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack_server = slack_harness.slack_server


# Sealed as core.buttons seals them; the sender only carries the token and styles by verb.
REPLY = Reply("⏰ stretch", (Choice("Done", "b.done.1.tok", action=ButtonAction(Verb.DONE, 1)),
                            Choice("Delete", "b.delete.1.tok",
                                   action=ButtonAction(Verb.DELETE, 1))))


@pytest.fixture
async def clients(fake_slack: FakeSlackApi) -> AsyncIterator[SingleWorkspace]:
    """One token's clients on one HTTP session, closed after the test."""
    workspace = SingleWorkspace(BOT_TOKEN, base_url=f"{fake_slack.base_url}/api/")
    yield workspace
    await workspace.aclose()


def _sender(clients: SingleWorkspace) -> SlackSender:
    return SlackSender(clients)


def _chat(chat_id: str) -> ChatRef:
    return ChatRef(slack_tenant(TEAM_ID), chat_id)


async def test_a_reply_is_posted_as_blocks_with_buttons(
    fake_slack: FakeSlackApi, clients: SingleWorkspace
) -> None:
    sent = await _sender(clients).send(_chat(ALICE), REPLY)

    [call] = fake_slack.calls_to("chat.postMessage")
    assert sent == SentMessage(chat_id=ALICE, message_id=sent.message_id)
    assert call.token == BOT_TOKEN
    assert call.params["text"] == "⏰ stretch"
    [section, actions] = call.params["blocks"]
    assert section["text"]["text"] == "⏰ stretch"
    assert [(e["text"]["text"], e["value"], e.get("style")) for e in actions["elements"]] == [
        ("Done", "b.done.1.tok", "primary"), ("Delete", "b.delete.1.tok", "danger")]


async def test_a_429_becomes_retry_later_after_retry_after(
    fake_slack: FakeSlackApi, clients: SingleWorkspace
) -> None:
    fake_slack.fail_next("chat.postMessage",
                         Failure("ratelimited", status=429, headers={"Retry-After": "7"}))

    with pytest.raises(RetryLater) as caught:
        await _sender(clients).send(_chat(TEAM), REPLY)

    assert caught.value.after == 7.0
    assert isinstance(caught.value.__cause__, SlackApiError)


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived",
                                   "account_inactive", "invalid_auth"])
async def test_a_lost_target_becomes_target_gone(
    fake_slack: FakeSlackApi, clients: SingleWorkspace, error: str
) -> None:
    fake_slack.fail_next("chat.postMessage", Failure(error))

    with pytest.raises(TargetGone) as caught:
        await _sender(clients).send(_chat(TEAM), REPLY)

    assert error in str(caught.value)
    assert isinstance(caught.value.__cause__, SlackApiError)


async def test_a_server_error_becomes_retry_later(
    fake_slack: FakeSlackApi, clients: SingleWorkspace
) -> None:
    fake_slack.fail_next("chat.postMessage", Failure("internal_error", status=500))

    with pytest.raises(RetryLater):
        await _sender(clients).send(_chat(TEAM), REPLY)


async def test_an_unreachable_slack_becomes_retry_later() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    unreachable = SingleWorkspace(BOT_TOKEN, base_url=f"http://127.0.0.1:{port}/api/")

    try:
        with pytest.raises(RetryLater):
            await SlackSender(unreachable).send(_chat(TEAM), REPLY)
    finally:
        await unreachable.aclose()


async def test_calls_share_one_http_session_per_event_loop(
    fake_slack: FakeSlackApi, clients: SingleWorkspace
) -> None:
    first = await clients.for_team(TEAM_ID)
    second = await clients.for_team("T0OTHER01")
    await SlackSender(clients).send(_chat(ALICE), REPLY)
    await SlackSender(clients).send(_chat(ALICE), REPLY)

    assert first is second
    assert first.session is not None
    assert not first.session.closed
    assert clients.webhook(fake_slack.response_url()).session is first.session
    assert len(fake_slack.calls_to("chat.postMessage")) == 2
    # As many connections as a delivery pass has sends in flight (aiohttp's default is 100).
    assert first.session.connector is not None
    assert first.session.connector.limit == CONCURRENCY


async def test_aclose_closes_the_session(clients: SingleWorkspace) -> None:
    client = await clients.for_team(TEAM_ID)

    await clients.aclose()

    assert client.session is not None
    assert client.session.closed
    assert (await clients.for_team(TEAM_ID)).session is not client.session  # a fresh one


async def test_a_keyed_delivery_can_be_found_again_by_its_key(
    fake_slack: FakeSlackApi, clients: SingleWorkspace
) -> None:
    since = datetime.now(UTC) - timedelta(minutes=1)
    sender = _sender(clients)
    sent = await sender.send(_chat(ALICE), replace(REPLY, key="deliver:7:1772708400"))

    found = await sender.find_sent(_chat(ALICE), "deliver:7:1772708400", since)
    other = await sender.find_sent(_chat(ALICE), "deliver:8:1772708400", since)
    later = await sender.find_sent(_chat(ALICE), "deliver:7:1772708400",
                                   datetime.now(UTC) + timedelta(minutes=1))

    [post] = fake_slack.calls_to("chat.postMessage")
    assert post.params["metadata"] == {
        "event_type": "nudge_delivery", "event_payload": {"key": "deliver:7:1772708400"}}
    assert found == SentMessage(chat_id="D" + ALICE, message_id=sent.message_id)
    assert other is None
    assert later is None


async def test_an_unreadable_history_answers_none_so_the_delivery_is_sent(
    fake_slack: FakeSlackApi, clients: SingleWorkspace
) -> None:
    fake_slack.fail_next("conversations.history", Failure("missing_scope"))

    found = await _sender(clients).find_sent(_chat("C0TEAM"), "deliver:7:1", datetime.now(UTC))

    assert found is None
