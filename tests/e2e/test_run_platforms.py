"""`nudge run` as a person runs it with Slack and Telegram configured: one process tree, the
one web server for Slack's requests, Telegram by polling, fake platforms on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from tests.servers import loopback_socket, serve_in_thread
from tests.servers import slack_signing as signing
from tests.servers import telegram_api as tg
from tests.servers.slack_api import BOT_TOKEN, FakeSlackApi

T = TypeVar("T")
DEADLINE = 30.0


def eventually(check: Callable[[], T | None], what: str, timeout: float = DEADLINE) -> T:
    """Poll every 50 ms until check() answers, or fail naming what never happened."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        answer = check()
        if answer:
            return answer
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def free_port() -> int:
    sock = loopback_socket()
    port = sock.getsockname()[1]
    sock.close()
    return int(port)


@pytest.fixture
def platforms() -> Iterator[tuple[FakeSlackApi, tg.FakeTelegramApi]]:
    slack, telegram = FakeSlackApi(), tg.FakeTelegramApi()
    slack.add_user("U0ALICE01", "alice", tz="Europe/Berlin")
    with serve_in_thread(slack.app()) as slack_url, serve_in_thread(telegram.app) as tg_url:
        slack.base_url = slack_url
        telegram.base_url = tg_url  # type: ignore[attr-defined]
        yield slack, telegram


@pytest.fixture
def nudge_run(tmp_path: Path, platforms, redis_url: str) -> Iterator[tuple[int, subprocess.Popen]]:
    slack, telegram = platforms
    port = free_port()
    ours = ("NUDGE_", "SLACK_", "TELEGRAM_", "REDIS_URL", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env |= {
        "NUDGE_DATA_DIR": str(tmp_path), "REDIS_URL": redis_url, "PORT": str(port),
        "NUDGE_LOG_FILE": str(tmp_path / "nudge.log"),
        "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": signing.SIGNING_SECRET,
        "SLACK_API_URL": f"{slack.base_url}/api/",
        "TELEGRAM_BOT_TOKEN": tg.TOKEN, "TELEGRAM_API_URL": f"{telegram.base_url}/bot",
    }
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env,
                            stdin=subprocess.DEVNULL)
    try:
        eventually(lambda: _healthy(port), "the web server answering /health")
        yield port, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=20)


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as answer:
            return bool(json.load(answer)["ok"])
    except OSError:
        return False


def _post_slash_command(port: int, slack: FakeSlackApi, text: str) -> int:
    body = signing.slash_command(text, user="U0ALICE01", channel="D0ALICE01",
                                 response_url=slack.response_url())
    request = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=body.encode(),
                                     headers=signing.signed_headers(body), method="POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        return int(answer.status)


@pytest.mark.slow
def test_nudge_run_serves_slack_and_telegram_from_one_process_tree(nudge_run, platforms) -> None:
    port, proc = nudge_run
    slack, telegram = platforms

    status = _post_slash_command(port, slack, "remind me to stretch tomorrow at 9am")
    telegram.push_update(tg.message_update("remind me to run daily at 7"))

    assert status == 200
    slack_reply = eventually(lambda: slack.responses, "a response_url post from Slack's command")
    assert "Reminder 1" in json.dumps(slack_reply[0])
    assert "stretch" in json.dumps(slack_reply[0])
    assert "CET" in json.dumps(slack_reply[0])  # Alice's zone came from users.info
    sent = eventually(lambda: [c for c in telegram.calls_to("sendMessage")
                               if "run" in str(c.params.get("text"))], "a Telegram answer")
    assert "every day at 07:00" in sent[0].params["text"]
    assert telegram.calls_to("setMyCommands")
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 0

