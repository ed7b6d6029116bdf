"""Slack e2e in Socket Mode: Bolt's aiohttp client against a fake Socket Mode server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from bot.main import Nudge, build, slack_app
from bot.slack.runner import run_socket_mode
from tests.servers import slack_harness
from tests.servers.slack_api import TEAM_ID, FakeSlackApi
from tests.servers.slack_harness import ALICE, ALICE_DM, burst, slack_settings, start_clock

# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack_server = slack_harness.slack_server


class FakeSocketMode:
    """Says hello, hands over queued envelopes, and records what the client sends back."""

    def __init__(self) -> None:
        self.envelopes: list[dict[str, Any]] = []
        self.acks: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "A0NUDGE01"}})
        for envelope in self.envelopes:
            await ws.send_json(envelope)
        async for message in ws:
            if message.type is WSMsgType.TEXT:
                self.acks.put_nowait(json.loads(message.data))
        return ws


@asynccontextmanager
async def socket_server() -> AsyncIterator[tuple[FakeSocketMode, str]]:
    fake = FakeSocketMode()
    app = web.Application()
    app.router.add_get("/link", fake.link)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield fake, f"ws://127.0.0.1:{port}/link"
    finally:
        await runner.cleanup()


def _slash_command(response_url: str) -> dict[str, Any]:
    return {
        "envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
        "payload": {"team_id": TEAM_ID, "user_id": ALICE, "channel_id": ALICE_DM,
                    "command": "/nudge", "text": "remind me to stretch in 1 hour",
                    "response_url": response_url, "trigger_id": "1.2.3",
                    "api_app_id": "A0NUDGE01"},
    }


async def _connect_and_ack(nudge: Nudge, api: FakeSlackApi) -> dict[str, Any]:
    """Hold the Socket Mode link until the command's ack comes back; return the ack."""
    async with socket_server() as (fake, url):
        api.socket_url = url
        fake.envelopes.append(_slash_command(api.response_url("socket")))
        stop = asyncio.Event()
        running = asyncio.create_task(run_socket_mode(slack_app(nudge), nudge.settings, stop=stop))
        try:
            return await asyncio.wait_for(fake.acks.get(), timeout=5)
        finally:
            stop.set()
            await running
            await nudge.aclose()


def test_socket_mode_acknowledges_and_a_worker_answers_a_slash_command(
    tmp_path: Path, sqlite_url: str, redis_url: str, fake_slack: FakeSlackApi,
) -> None:

    settings = slack_settings(tmp_path, database_url=sqlite_url, redis_url=redis_url,
                              api_url=fake_slack.base_url, slack_app_token="xapp-test")
    clock = start_clock()

    ack = asyncio.run(_connect_and_ack(build(settings, redis_url=redis_url, clock=clock),
                                       fake_slack))
    burst(redis_url, lambda: build(settings, redis_url=redis_url, clock=clock))

    [opened] = fake_slack.calls_to("apps.connections.open")
    [response] = fake_slack.responses
    assert opened.token == "xapp-test"
    assert ack["envelope_id"] == "env-1"
    assert "Reminder 1: stretch" in response["blocks"][0]["text"]["text"]
