"""A Slack DM reply keeps to the channel's limit (about one message a second): it takes its
slot in the limits deliveries share, and a 429 is waited out and the reply sent, not lost."""

from __future__ import annotations

import time

from tests.servers import slack_harness
from tests.servers.slack_api import Failure
from tests.servers.slack_harness import ALICE_DM, SlackHarness

fake_slack = slack_harness.fake_slack
slack = slack_harness.slack
slack_server = slack_harness.slack_server


def test_a_dm_reply_refused_with_429_is_sent_after_its_retry_after(slack: SlackHarness) -> None:
    slack.api.fail_next("chat.postMessage",
                        Failure("ratelimited", status=429, headers={"Retry-After": "1"}))
    slack.dm("remind me to run daily at 7")
    started = time.monotonic()
    slack.work()

    refused, sent = slack.api.calls_to("chat.postMessage")
    assert refused.params["channel"] == sent.params["channel"] == ALICE_DM
    assert "Reminder 1: run" in sent.params["text"]
    assert time.monotonic() - started >= 1.0


def test_dm_replies_in_one_channel_are_spaced_by_its_limit(slack: SlackHarness) -> None:
    slack.dm("remind me to run daily at 7", event_id="Ev0DM0001")
    slack.dm("list", event_id="Ev0DM0002")
    started = time.monotonic()
    slack.work()

    assert len(slack.api.calls_to("chat.postMessage")) == 2
    assert time.monotonic() - started >= 1.0  # the second waited for the channel's next slot
