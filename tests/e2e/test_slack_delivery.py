"""Slack e2e: a reminder made with /nudge is delivered by the real RQ worker to the fake API."""

from __future__ import annotations

from pathlib import Path

from bot.main import Nudge, build
from bot.settings import Settings
from core.reminders import Reminder
from jobs.worker import run_worker
from tests.fakes.clock import FakeClock
from tests.servers import slack_harness
from tests.servers.slack_api import FakeSlackApi
from tests.servers.slack_harness import ALICE, TEAM, SlackHarness, slack_settings, start_clock

# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack_server = slack_harness.slack_server


class Installation:
    """Settings, a clock shared by the web side and the worker, and the fake API."""

    def __init__(self, settings: Settings, clock: FakeClock, api: FakeSlackApi) -> None:
        self.settings, self.clock, self.api = settings, clock, api

    def build(self) -> Nudge:
        return build(self.settings, redis_url=str(self.settings.redis_url), clock=self.clock)

    def command(self, text: str) -> None:
        """Post the slash command, then let a worker answer it (and queue its wake-up)."""
        harness = SlackHarness(self.settings, self.api, self.clock)
        try:
            harness.command(text)
            harness.work()
        finally:
            harness.close()

    def live(self) -> list[Reminder]:
        harness = SlackHarness(self.settings, self.api, self.clock)
        try:
            return [r for r in harness.reminders() if r.is_live]
        finally:
            harness.close()

    def work(self) -> None:
        run_worker(redis_url=str(self.settings.redis_url), services_factory=self.build,
                   burst=True)


def _installation(tmp_path: Path, sqlite_url: str, redis_url: str,
                  api: FakeSlackApi) -> Installation:
    settings = slack_settings(tmp_path, database_url=sqlite_url, redis_url=redis_url,
                              api_url=api.base_url)
    return Installation(settings, start_clock(), api)


def test_a_reminder_arrives_in_the_dm_with_its_buttons(
    tmp_path: Path, sqlite_url: str, redis_url: str, fake_slack: FakeSlackApi
) -> None:
    nudge = _installation(tmp_path, sqlite_url, redis_url, fake_slack)
    nudge.command("remind me to stretch in 1 minute")
    nudge.clock.advance(minutes=1)

    nudge.work()
    nudge.work()

    [post] = fake_slack.calls_to("chat.postMessage")
    assert post.params["channel"] == ALICE
    assert post.params["text"] == "⏰ stretch"
    labels = [e["text"]["text"] for b in post.params["blocks"] if b["type"] == "actions"
              for e in b["elements"]]
    assert labels == ["Done", "20 min", "1 hour", "Tomorrow morning", "Delete"]


def test_a_post_to_an_archived_channel_deactivates_it(
    tmp_path: Path, sqlite_url: str, redis_url: str, fake_slack: FakeSlackApi
) -> None:

    nudge = _installation(tmp_path, sqlite_url, redis_url, fake_slack)
    nudge.command("remind <#C0TEAM0001|team> standup in 1 minute")
    fake_slack.channels[TEAM].is_archived = True
    nudge.clock.advance(minutes=1)

    nudge.work()

    attempt, notice = fake_slack.calls_to("chat.postMessage")
    assert attempt.params["channel"] == TEAM
    assert notice.params["channel"] == ALICE  # the owner hears why, once
    assert notice.params["text"].startswith("I can no longer post there")
    assert nudge.live() == []
