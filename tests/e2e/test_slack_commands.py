"""Slack e2e: the slash command over HTTP through Bolt, signed as Slack signs it, answered by
the worker that picks up the job the web side queued."""

from __future__ import annotations

import time
from typing import Any

from tests.servers import slack_harness
from tests.servers import slack_signing as signing
from tests.servers.slack_harness import ALICE, ALICE_DM, SlackHarness

# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack = slack_harness.slack
slack_server = slack_harness.slack_server


def _section_texts(message: dict[str, Any]) -> str:
    return "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")


def _buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["text"]["text"], e["value"])
            for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_the_ack_is_empty_and_the_work_waits_for_a_worker(slack: SlackHarness) -> None:
    answer = slack.command("remind me to stretch in 1 hour")

    assert answer.status_code == 200
    assert answer.content == b""
    assert slack.queued() == 1
    # Bolt checks its token once (auth.test); users.info and the answer are the worker's.
    assert [call.method for call in slack.api.calls] == ["auth.test"]
    assert slack.api.responses == []
    assert slack.reminders() == []


def test_slash_command_creates_a_reminder_and_offers_undo(slack: SlackHarness) -> None:
    slack.command("remind me to stretch in 1 hour")

    slack.work()

    [response] = slack.api.responses
    [reminder] = slack.reminders()
    assert response["response_type"] == "ephemeral"
    assert "Reminder 1: stretch; next" in _section_texts(response)
    [(label, token)] = _buttons(response)
    assert label == "Undo"
    assert token.startswith("b.undo.")
    assert len(token) <= 64
    assert reminder.what == "stretch"
    assert reminder.chat.chat_id == ALICE  # "me" is Alice's DM with the app
    assert slack.queued() == 0


def test_slash_help_explains_with_examples(slack: SlackHarness) -> None:
    slack.command("help")

    slack.work()

    [response] = slack.api.responses
    assert "remind me to stretch in 20 minutes" in _section_texts(response)
    assert slack.reminders() == []


def test_an_empty_slash_command_answers_with_help(slack: SlackHarness) -> None:
    slack.command("")

    slack.work()

    [response] = slack.api.responses
    assert "I'm Nudge" in _section_texts(response)


def test_a_bad_command_answers_kindly_and_stores_nothing(slack: SlackHarness) -> None:
    slack.command("remind me to pay rent on February 30")

    slack.work()

    [response] = slack.api.responses
    assert _section_texts(response)
    assert slack.reminders() == []


def test_a_bad_signature_is_refused_with_401(slack: SlackHarness) -> None:
    body = "command=%2Fnudge&text=help&user_id=U0ALICE01&team_id=T0NUDGE01"

    answer = slack.post(body, secret="not-the-secret")
    slack.work()

    assert answer.status_code == 401
    assert slack.api.calls == []
    assert slack.api.responses == []


def test_a_timestamp_older_than_five_minutes_is_refused_with_401(
    slack: SlackHarness,
) -> None:

    body = "command=%2Fnudge&text=help&user_id=U0ALICE01&team_id=T0NUDGE01"

    answer = slack.post(body, timestamp=int(time.time()) - 6 * 60)
    slack.work()

    assert answer.status_code == 401
    assert slack.api.calls == []
    assert slack.api.responses == []


def test_the_profile_time_zone_is_used_for_times(slack: SlackHarness) -> None:
    slack.command("remind me to call mom tomorrow at 9am", channel=ALICE_DM)

    slack.work()

    [response] = slack.api.responses
    [reminder] = slack.reminders()
    [lookup] = slack.api.calls_to("users.info")
    assert lookup.params["user"] == ALICE
    assert reminder.recurrence.zone == "America/New_York"
    assert "09:00 E" in _section_texts(response)  # EST or EDT


def test_a_zone_the_person_set_wins_over_the_profile(slack: SlackHarness) -> None:
    slack.command("timezone Europe/Berlin", name="tz")
    slack.command("remind me to call mom tomorrow at 9am")

    slack.work()  # jobs run in the order they were queued

    [_, response] = slack.api.responses
    [reminder] = slack.reminders()
    assert reminder.recurrence.zone == "Europe/Berlin"
    assert "09:00 CE" in _section_texts(response)


def test_a_command_that_cannot_be_queued_is_answered_from_the_web_process(
    slack: SlackHarness,
) -> None:
    slack.break_chat_queue()

    answer = slack.command("remind me to stretch in 1 hour")
    slack.settle()

    [response] = slack.api.responses
    [reminder] = slack.reminders()
    assert answer.status_code == 200
    assert answer.content == b""  # the same empty ack as when a worker answers
    assert slack.queued() == 0
    assert response["response_type"] == "ephemeral"
    assert "Reminder 1: stretch; next" in _section_texts(response)
    assert reminder.what == "stretch"


def test_a_non_integer_timestamp_is_refused_with_401(slack: SlackHarness) -> None:
    body = "command=%2Fnudge&text=help&user_id=U0ALICE01&team_id=T0NUDGE01"
    headers = signing.signed_headers(body) | {"x-slack-request-timestamp": "12ab"}

    answer = slack.post_raw(body, headers)
    slack.work()

    assert answer.status_code == 401
    assert slack.api.calls == []
    assert slack.api.responses == []
    assert slack.reminders() == []
