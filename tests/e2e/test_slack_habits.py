"""Slack e2e for habits: DMs, the Done button, and the stats picture through files_upload_v2."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from core import habit_chart
from tests.servers import slack_harness
from tests.servers.slack_harness import ALICE_DM, SlackHarness

fake_slack = slack_harness.fake_slack
slack = slack_harness.slack
slack_server = slack_harness.slack_server


def _text(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {e["text"]["text"]: e["value"]
            for b in blocks if b["type"] == "actions" for e in b["elements"]}


def test_the_done_button_of_habits_checks_in(slack: SlackHarness) -> None:
    slack.dm("habit meditate every morning", event_id="Ev0H1")
    slack.dm("habits", event_id="Ev0H2")
    slack.work()
    listed = slack.api.calls_to("chat.postMessage")[-1]

    slack.press(_buttons(listed.params["blocks"])["Done: meditate"])
    slack.work()

    [answer] = slack.api.responses
    assert answer["replace_original"] is True
    assert _text(answer["blocks"]).startswith("✓ meditate done today. Streak: 1 day")


def test_stats_in_a_dm_uploads_the_heat_map(slack: SlackHarness) -> None:
    slack.dm("habit meditate every morning", event_id="Ev0S1")
    slack.dm("done meditate", event_id="Ev0S2")
    slack.dm("stats meditate", event_id="Ev0S3")
    slack.work()

    [complete] = slack.api.calls_to("files.completeUploadExternal")
    [(file_id, png)] = slack.api.uploads.items()
    assert complete.params["channel_id"] == ALICE_DM
    assert file_id in str(complete.params["files"])
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (habit_chart.WIDTH, habit_chart.HEIGHT)
    stats = slack.api.calls_to("chat.postMessage")[-1]
    assert "Streak: 1 day" in _text(stats.params["blocks"])
