"""Requests signed the way Slack signs them: slash commands, events and button presses."""

from __future__ import annotations

import itertools
import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from tests.servers.slack_api import TEAM_ID

SIGNING_SECRET = "test-signing-secret"
_triggers = itertools.count(1)


def trigger_id() -> str:
    """A fresh trigger id, shaped like Slack's: every command and button press has its own."""
    return f"{int(time.time())}.{next(_triggers)}.{uuid.uuid4().hex[:20]}"


def signed_headers(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None,
                   content_type: str = "application/x-www-form-urlencoded") -> dict[str, str]:
    """v0 HMAC-SHA256 over 'v0:{timestamp}:{body}', as Slack sends it."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {"content-type": content_type, "x-slack-request-timestamp": stamp,
            "x-slack-signature": str(signature)}


def slash_command(text: str, *, user: str, channel: str, response_url: str,
                  command: str = "/nudge", team: str = TEAM_ID) -> str:
    return urlencode({
        "token": "legacy", "team_id": team, "team_domain": "nudge-test", "channel_id": channel,
        "channel_name": "x", "user_id": user, "user_name": user.lower(), "command": command,
        "text": text, "api_app_id": "A0NUDGE01", "response_url": response_url,
        "trigger_id": trigger_id(),
    })


def event(inner: dict[str, Any], *, event_id: str, team: str = TEAM_ID) -> str:
    return json.dumps({
        "token": "legacy", "team_id": team, "api_app_id": "A0NUDGE01", "event": inner,
        "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": "U0NUDGEBOT", "is_bot": True}],
    })


def button_press(value: str, *, user: str, channel: str, response_url: str,
                 message_ts: str = "1700000000.000001", team: str = TEAM_ID) -> str:
    payload = {
        "type": "block_actions", "team": {"id": team, "domain": "nudge-test"},
        "user": {"id": user, "team_id": team}, "api_app_id": "A0NUDGE01",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
        "channel": {"id": channel}, "message": {"ts": message_ts, "text": "x"},
        "response_url": response_url, "trigger_id": trigger_id(),
        "actions": [{"type": "button", "action_id": "nudge_choice_1", "block_id": "b",
                     "value": value, "action_ts": "1700000001.000000"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def home_button_press(value: str, *, user: str, team: str = TEAM_ID) -> str:
    payload = {
        "type": "block_actions", "team": {"id": team, "domain": "nudge-test"},
        "user": {"id": user, "team_id": team}, "api_app_id": "A0NUDGE01",
        "container": {"type": "view", "view_id": "V0HOME"},
        "view": {"id": "V0HOME", "type": "home", "team_id": team},
        "trigger_id": trigger_id(),
        "actions": [{"type": "button", "action_id": "nudge_choice_0", "block_id": "r1",
                     "value": value, "action_ts": "1700000001.000000"}],
    }
    return urlencode({"payload": json.dumps(payload)})
