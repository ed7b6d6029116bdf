"""The app manifest asks for what the adapter uses: scopes, events, command, interactivity."""

from __future__ import annotations

import json
from pathlib import Path

from bot.slack.oauth import BOT_SCOPES

MANIFEST = Path(__file__).parents[3] / "bot" / "slack" / "manifest.json"


def test_the_manifest_matches_the_adapter() -> None:
    manifest = json.loads(MANIFEST.read_text())

    settings = manifest["settings"]
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(BOT_SCOPES)
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention", "message.im", "app_home_opened"}
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["interactivity"]["request_url"].endswith("/slack/events")
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/nudge"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
