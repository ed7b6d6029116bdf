"""Slack e2e harness: the fake Web API per session, Nudge's web app with Bolt, a burst worker."""

from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from pydantic import SecretStr
from redis import Redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.main import Nudge, build, slack_app
from bot.settings import Settings
from bot.slack.identity import slack_tenant
from bot.slack.runner import slack_routes
from bot.web import build_web_app
from core.ids import UserRef
from core.reminders import Reminder
from jobs import worker_services
from jobs.chat_tasks import CHAT_QUEUE, RqChatQueue
from jobs.worker import build_worker
from tests.fakes.clock import FakeClock
from tests.servers import serve_in_thread
from tests.servers import slack_signing as signing
from tests.servers.slack_api import BOT_TOKEN, BOT_USER_ID, TEAM_ID, FakeSlackApi

ALICE, BOB, ADMIN = "U0ALICE01", "U0BOB0001", "U0ADMIN01"
TEAM, RANDOM, SECRET = "C0TEAM0001", "C0RANDOM01", "C0SECRET01"
ALICE_DM = "D0ALICE01"
T = TypeVar("T")


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
    """Nudge's one web app with the Slack routes, driven over ASGI with signed requests, and
    a burst worker that does the work the web side queued.

    Synchronous on purpose: RQ's worker installs signal handlers, so it runs in the main
    thread, between requests; the web side keeps one event loop of its own across calls.
    """

    def __init__(self, settings: Settings, api: FakeSlackApi, clock: FakeClock) -> None:
        self.settings = settings
        self.api = api
        self.clock = clock
        self.loop = asyncio.new_event_loop()
        self.nudge = self.build()
        routes = slack_routes(slack_app(self.nudge), settings)
        web = build_web_app(routes, redis_up=self.nudge.redis_up)
        transport = httpx.ASGITransport(app=web)
        self.http = httpx.AsyncClient(transport=transport, base_url="http://nudge.test")

    def build(self) -> Nudge:
        return build(self.settings, redis_url=str(self.settings.redis_url), clock=self.clock)

    def post(self, body: str, *, retry: int | None = None, json: bool = False,
             **sign: Any) -> httpx.Response:
        content_type = "application/json" if json else "application/x-www-form-urlencoded"
        headers = signing.signed_headers(body, content_type=content_type, **sign)
        if retry is not None:
            headers |= {"x-slack-retry-num": str(retry), "x-slack-retry-reason": "http_timeout"}
        return self._run(self.http.post("/slack/events", content=body, headers=headers))

    def get(self, path: str) -> httpx.Response:
        return self._run(self.http.get(path))

    def post_raw(self, body: str, headers: dict[str, str]) -> httpx.Response:
        """POST to /slack/events with exactly these headers (forged or broken ones)."""
        return self._run(self.http.post("/slack/events", content=body, headers=headers))

    def command(self, text: str, *, user: str = ALICE, channel: str = ALICE_DM,
                name: str = "cmd") -> httpx.Response:
        body = signing.slash_command(text, user=user, channel=channel,
                                     response_url=self.api.response_url(name))
        return self.post(body)

    def event(self, inner: dict[str, Any], *, event_id: str,
              retry: int | None = None) -> httpx.Response:
        return self.post(signing.event(inner, event_id=event_id), retry=retry, json=True)

    def dm(self, text: str, *, event_id: str = "Ev0DM0001", user: str = ALICE,
           retry: int | None = None) -> httpx.Response:
        inner = {"type": "message", "channel_type": "im", "channel": ALICE_DM, "user": user,
                 "text": text, "ts": "1700000000.000100", "team": TEAM_ID}
        return self.event(inner, event_id=event_id, retry=retry)

    def press(self, value: str, *, user: str = ALICE, channel: str = ALICE_DM,
              name: str = "press") -> httpx.Response:
        body = signing.button_press(value, user=user, channel=channel,
                                    response_url=self.api.response_url(name))
        return self.post(body)

    def settle(self) -> None:
        """Let work the web process took on itself (Redis refused it) run to its end."""
        for hand_off in self.nudge.hand_offs.values():
            self._run(hand_off.drain())

    def break_chat_queue(self) -> None:
        """From now on the hand-off to the chat queue fails at once (Redis unreachable)."""
        self.nudge.hand_offs["slack"].chat_queue = RqChatQueue(unreachable_redis())

    def work(self) -> None:
        """A burst worker (RQ's SimpleWorker, as jobs.worker builds it) runs every queued job."""
        burst(str(self.settings.redis_url), self.build)

    def queued(self) -> int:
        """How many chat jobs wait for a worker."""
        return int(self.nudge.redis.llen(f"rq:queue:{CHAT_QUEUE}"))

    def reminders(self, user: str = ALICE) -> list[Reminder]:
        async def read() -> list[Reminder]:
            async with self.nudge.deps.uow() as uow:
                owner = UserRef(slack_tenant(TEAM_ID), user)
                return await uow.reminders.list_for(owner, live_only=False)

        return self._run(read())

    def close(self) -> None:
        try:
            self._run(self.http.aclose())
            self._run(self.nudge.aclose())
        finally:
            self.loop.close()

    def _run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)


def burst(redis_url: str, services: Callable[[], Nudge]) -> None:
    """jobs.worker.run_worker(burst=True, with_scheduler=False), with the worker above."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    worker_services.install(services)
    try:
        with Redis.from_url(redis_url) as redis:
            build_worker(redis, burst=True).work(burst=True, with_scheduler=False)
    finally:
        worker_services.shutdown()
        for sig, handler in saved.items():  # RQ installs its own for a warm shutdown
            signal.signal(sig, handler)


def start_clock() -> FakeClock:
    # An hour behind the wall clock, so that RQ's scheduler (which reads the real clock)
    # finds a job due at once while our services see the time we set.
    return FakeClock(datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))


@pytest.fixture
def slack(tmp_path: Path, sqlite_url: str, redis_url: str,
          fake_slack: FakeSlackApi) -> Iterator[SlackHarness]:
    settings = slack_settings(tmp_path, database_url=sqlite_url, redis_url=redis_url,
                              api_url=fake_slack.base_url)
    harness = SlackHarness(settings, fake_slack, start_clock())
    yield harness
    harness.close()


__all__ = ["fake_slack", "slack", "slack_server"]


def unreachable_redis() -> Redis:
    """A client of a loopback port nothing listens on, failing at once (no retries)."""
    with socket.socket() as sock:  # free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return Redis(port=port, retry=Retry(NoBackoff(), 0))
