"""Slack e2e with a stalled Redis (SIGSTOP): acks stay fast, the answer still comes, once;
/health says Redis is down. The web app runs under uvicorn on this test's event loop."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import httpx
import uvicorn
from redis import Redis

from bot.main import Nudge, build, slack_app
from bot.slack.identity import slack_tenant
from bot.slack.runner import slack_routes
from bot.web import build_web_app
from core.ids import UserRef
from jobs.chat_tasks import CHAT_QUEUE
from jobs.embedded_redis import EmbeddedRedis
from tests.servers import loopback_socket, slack_harness
from tests.servers import slack_signing as signing
from tests.servers.slack_api import TEAM_ID, FakeSlackApi
from tests.servers.slack_harness import (
    ALICE,
    ALICE_DM,
    SlackHarness,
    slack_settings,
    start_clock,
)

# Fixtures shared by the Slack e2e modules (pytest finds them as module attributes).
fake_slack = slack_harness.fake_slack
slack_server = slack_harness.slack_server
slack = slack_harness.slack

SLACK_ACK_LIMIT = 3.0  # Slack's; we hold ourselves to a third of it


@asynccontextmanager
async def serving(nudge: Nudge) -> AsyncIterator[httpx.AsyncClient]:
    """Nudge's web app under uvicorn on this loop, and a client of it."""
    web = build_web_app(slack_routes(slack_app(nudge), nudge.settings), redis_up=nudge.redis_up)
    sock = loopback_socket()
    server = uvicorn.Server(uvicorn.Config(web, lifespan="off", ws="none",
                                           log_level="warning", access_log=False))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        await asyncio.sleep(0.01)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            yield client
    finally:
        server.should_exit = True
        await task
        sock.close()


@contextmanager
def stalled(redis: EmbeddedRedis) -> Iterator[None]:
    """Redis alive but answering nothing, as a hung or swapped-out server does."""
    assert redis.pid is not None
    os.kill(redis.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(redis.pid, signal.SIGCONT)


async def _command(web: httpx.AsyncClient, api: FakeSlackApi, text: str,
                   name: str) -> tuple[httpx.Response, float]:
    body = signing.slash_command(text, user=ALICE, channel=ALICE_DM,
                                 response_url=api.response_url(name))
    started = time.perf_counter()
    answer = await web.post("/slack/events", content=body, headers=signing.signed_headers(body))
    return answer, time.perf_counter() - started


async def _answers(api: FakeSlackApi, count: int, *,
                   timeout: float = 10.0) -> list[dict[str, object]]:
    deadline = time.monotonic() + timeout
    while len(api.responses) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return list(api.responses)


async def test_a_command_is_acked_fast_and_answered_while_redis_is_stalled(
    tmp_path: Path, sqlite_url: str, private_redis: EmbeddedRedis, fake_slack: FakeSlackApi,
) -> None:
    settings = slack_settings(tmp_path, database_url=sqlite_url, redis_url=private_redis.url,
                              api_url=fake_slack.base_url)
    clock = start_clock()
    nudge = build(settings, redis_url=private_redis.url, clock=clock)
    try:
        async with serving(nudge) as web:
            await web.get("/health")  # pooled connections, as in a process that has run a while
            with stalled(private_redis):
                health_started = time.perf_counter()
                health = await web.get("/health")
                health_took = time.perf_counter() - health_started
                answer, took = await _command(web, fake_slack, "remind me to stretch in 1 hour",
                                              "stalled")
                answers = await _answers(fake_slack, 1)
                # Due within the look-ahead: its wake-up would go to Redis at once.
                soon, soon_took = await _command(web, fake_slack,
                                                 "remind me to drink water in 5 minutes", "soon")
                answers = await _answers(fake_slack, 2)
            async with nudge.deps.uow() as uow:
                reminders = await uow.reminders.list_for(UserRef(slack_tenant(TEAM_ID), ALICE),
                                                         live_only=False)
            missing = await nudge.reconcile()  # Redis is back: the wake-up is made up for
    finally:
        await nudge.aclose()
    # Redis is back: no chat job waits for a worker, so nothing is answered twice.
    with Redis.from_url(private_redis.url) as redis:
        queued = redis.llen(f"rq:queue:{CHAT_QUEUE}")

    assert answer.status_code == 200
    assert answer.content == b""
    assert took < 1.0 < SLACK_ACK_LIMIT
    assert soon.status_code == 200
    assert soon_took < 1.0
    [first, second] = answers
    assert "Reminder 1: stretch; next" in first["blocks"][0]["text"]["text"]
    assert "Reminder 2: drink water; next" in second["blocks"][0]["text"]["text"]
    assert [r.what for r in reminders] == ["stretch", "drink water"]
    assert missing == 1
    assert fake_slack.responses == answers
    assert queued == 0
    assert health.status_code == 503
    assert health.json() == {"ok": False, "redis": "down"}
    assert health_took < 1.0


def test_health_says_redis_is_up(slack: SlackHarness) -> None:
    answer = slack.get("/health")

    assert answer.status_code == 200
    assert answer.json() == {"ok": True, "redis": "up"}
