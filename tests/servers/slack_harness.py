"""Slack e2e harness: the fake Web API per session, and Nudge's web app with Bolt on top."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from bot.main import Nudge, build
from bot.settings import Settings
from bot.slack.identity import slack_tenant
from bot.slack.runner import slack_routes
from bot.web import build_web_app
from core.ids import UserRef
from core.reminders import Reminder
from tests.fakes.clock import FakeClock
from tests.servers import serve_in_thread
from tests.servers import slack_signing as signing
from tests.servers.slack_api import BOT_TOKEN, BOT_USER_ID, TEAM_ID, FakeSlackApi

ALICE, BOB, ADMIN = "U0ALICE01", "U0BOB0001", "U0ADMIN01"
TEAM, RANDOM, SECRET = "C0TEAM0001", "C0RANDOM01", "C0SECRET01"
ALICE_DM = "D0ALICE01"


@pytest.fixture(scope="session")
def slack_server() -> Iterator[FakeSlackApi]:
    api = FakeSlackApi()
    with serve_in_thread(api.app()) as url:
        api.base_url = url
        yield api


@pytest.fixture
def fake_slack(slack_server: FakeSlackApi) -> Iterator[FakeSlackApi]:
    """The fake API with three people and three channels: #team has Alice and the app,
    #random has Alice but not the app, #secret has Bob and the app."""
    slack_server.reset()
    slack_server.add_user(ALICE, "alice", tz="America/New_York")
    slack_server.add_user(BOB, "bob", tz="Europe/Berlin")
    slack_server.add_user(ADMIN, "admin", tz="UTC", is_admin=True)
    slack_server.add_channel(TEAM, "team", ALICE, ADMIN, BOT_USER_ID)
    slack_server.add_channel(RANDOM, "random", ALICE)
    slack_server.add_channel(SECRET, "secret", BOB, BOT_USER_ID)
    yield slack_server
    slack_server.reset()


def slack_settings(tmp_path: Path, *, database_url: str, redis_url: str, api_url: str,
                   **extra: Any) -> Settings:
    return Settings(data_dir=tmp_path, database_url=database_url, redis_url=redis_url,
                    slack_bot_token=SecretStr(BOT_TOKEN),
                    slack_signing_secret=SecretStr(signing.SIGNING_SECRET),
                    slack_api_url=f"{api_url}/api/", **extra)


class SlackHarness:
    """Nudge's one web app with the Slack routes, driven over ASGI with signed requests."""

    def __init__(self, nudge: Nudge, api: FakeSlackApi, clock: FakeClock) -> None:
        self.nudge = nudge
        self.api = api
        self.clock = clock
        transport = httpx.ASGITransport(app=build_web_app(slack_routes(nudge)))
        self.http = httpx.AsyncClient(transport=transport, base_url="http://nudge.test")

    async def post(self, body: str, *, retry: int | None = None, json: bool = False,
                   **sign: Any) -> httpx.Response:
        content_type = "application/json" if json else "application/x-www-form-urlencoded"
        headers = signing.signed_headers(body, content_type=content_type, **sign)
        if retry is not None:
            headers |= {"x-slack-retry-num": str(retry), "x-slack-retry-reason": "http_timeout"}
        return await self.http.post("/slack/events", content=body, headers=headers)

    async def command(self, text: str, *, user: str = ALICE, channel: str = ALICE_DM,
                      name: str = "cmd") -> httpx.Response:
        body = signing.slash_command(text, user=user, channel=channel,
                                     response_url=self.api.response_url(name))
        return await self.post(body)

    async def event(self, inner: dict[str, Any], *, event_id: str,
                    retry: int | None = None) -> httpx.Response:
        return await self.post(signing.event(inner, event_id=event_id), retry=retry, json=True)

    async def dm(self, text: str, *, event_id: str = "Ev0DM0001", user: str = ALICE,
                 retry: int | None = None) -> httpx.Response:
        inner = {"type": "message", "channel_type": "im", "channel": ALICE_DM, "user": user,
                 "text": text, "ts": "1700000000.000100", "team": TEAM_ID}
        return await self.event(inner, event_id=event_id, retry=retry)

    async def press(self, value: str, *, user: str = ALICE, channel: str = ALICE_DM,
                    name: str = "press") -> httpx.Response:
        body = signing.button_press(value, user=user, channel=channel,
                                    response_url=self.api.response_url(name))
        return await self.post(body)

    async def reminders(self, user: str = ALICE) -> list[Reminder]:
        async with self.nudge.deps.uow() as uow:
            owner = UserRef(slack_tenant(TEAM_ID), user)
            return await uow.reminders.list_for(owner, live_only=False)

    async def settle(self) -> None:
        """Wait until every lazy listener still running has finished."""
        await _settle()

    async def close(self) -> None:
        await _settle()
        await self.http.aclose()
        await self.nudge.aclose()


def start_clock() -> FakeClock:
    # An hour behind the wall clock, so that RQ's scheduler (which reads the real clock)
    # finds a job due at once while our services see the time we set.
    return FakeClock(datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))


@pytest.fixture
async def slack(tmp_path: Path, sqlite_url: str, redis_url: str,
                fake_slack: FakeSlackApi) -> AsyncIterator[SlackHarness]:
    clock = start_clock()
    settings = slack_settings(tmp_path, database_url=sqlite_url, redis_url=redis_url,
                              api_url=fake_slack.base_url)
    harness = SlackHarness(build(settings, redis_url=redis_url, clock=clock), fake_slack, clock)
    yield harness
    await harness.close()


async def _settle(timeout: float = 3.0) -> None:
    """Let Bolt's lazy listeners still running finish before the engine closes."""
    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    if pending:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait(pending, timeout=timeout)


__all__ = ["fake_slack", "slack", "slack_server"]
