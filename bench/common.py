"""Shared by the benchmarks and the fault tests: a fake chat API on loopback and its sender.

FakeChatApi speaks the Bot API's sendMessage (JSON, or the form bodies python-telegram-bot
posts) and Slack's chat.postMessage on 127.0.0.1, so that the production senders
(bot/telegram/sender.py, bot/slack/sender.py) can be pointed at it. It records every message
it accepts with its arrival time, answers scripted failures (500, 429, 403), waits `latency`
seconds before each answer (a real platform's round trip), and can enforce Telegram's limits
(30/s per bot, 1/s per chat, 20/min per group), answering 429 with retry_after past them.
BotApiSender is the bench's own ChatSender over aiohttp: only a labelled ceiling now.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import aiohttp
from aiohttp import web

from core.errors import RetryLater, TargetGone
from core.ids import ChatRef
from core.replies import Reply, SentMessage

TOKEN: Final = "123456:bench-token"
LIMITS: Final = {"bot": (30, 1.0), "chat": (1, 1.0), "group": (20, 60.0)}


@dataclass
class FakeChatApi:
    """The server side; run it with `serve()` (a thread) or `python -m bench.common`."""

    enforce_limits: bool = False
    latency: float = 0.0  # seconds before each answer, as a platform's round trip
    arrivals: list[tuple[str, str, float]] = field(default_factory=list)  # chat, text, time
    failures: dict[str, deque[int]] = field(default_factory=lambda: defaultdict(deque))
    refused: int = 0  # 429s answered for limits
    _windows: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def fail(self, chat_id: str, *statuses: int) -> None:
        """Answer the next sends to chat_id with these HTTP statuses, in order."""
        self.failures[chat_id].extend(statuses)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/bot{token}/sendMessage", self._send_message)
        app.router.add_post("/bot{token}/getMe", self._get_me)
        app.router.add_post("/api/chat.postMessage", self._post_message)
        app.router.add_post("/api/auth.test", self._auth_test)
        app.router.add_get("/arrivals", self._arrivals)
        app.router.add_get("/count", self._count)
        return app

    async def _send_message(self, request: web.Request) -> web.Response:
        now = time.time()
        body = await _params(request)
        chat_id, text = str(body["chat_id"]), str(body["text"])
        scripted = self.failures[chat_id].popleft() if self.failures[chat_id] else None
        if scripted is not None:
            return _error(scripted)
        if self.enforce_limits:
            wait = self._over_limit(chat_id, now)
            if wait:
                self.refused += 1
                return _error(429, retry_after=max(1, round(wait)))
        self.arrivals.append((chat_id, text, now))
        if self.latency:
            await asyncio.sleep(self.latency)
        kind = "group" if chat_id.startswith("-") else "private"
        result = {"message_id": len(self.arrivals), "date": int(now), "text": text,
                  "chat": {"id": int(chat_id), "type": kind}}
        return web.json_response({"ok": True, "result": result})

    async def _post_message(self, request: web.Request) -> web.Response:
        """Slack's chat.postMessage: JSON or form body; answers channel and ts."""
        now = time.time()
        body = await _params(request)
        channel, text = str(body["channel"]), str(body.get("text", ""))
        self.arrivals.append((channel, text, now))
        if self.latency:
            await asyncio.sleep(self.latency)
        return web.json_response({"ok": True, "channel": channel,
                                  "ts": f"{int(now)}.{len(self.arrivals):06d}"})

    async def _get_me(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": {
            "id": int(TOKEN.split(":")[0]), "is_bot": True, "first_name": "Nudge",
            "username": "nudge_bench_bot"}})

    async def _auth_test(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "team_id": "T0BENCH", "user_id": "U0BOT",
                                  "bot_id": "B0BOT"})

    async def _arrivals(self, request: web.Request) -> web.Response:
        return web.json_response({"arrivals": self.arrivals, "refused": self.refused})

    async def _count(self, request: web.Request) -> web.Response:
        """How many have arrived: what a waiting bench polls (the full list is fetched once)."""
        return web.json_response({"arrived": len(self.arrivals)})

    def _over_limit(self, chat_id: str, now: float) -> float:
        """Sliding windows, as strict as Telegram's published limits; seconds to wait or 0."""
        keys = [("bot", "bot"), ("chat", f"chat:{chat_id}")]
        if chat_id.startswith("-"):
            keys.append(("group", f"group:{chat_id}"))
        for kind, key in keys:
            count, per = LIMITS[kind]
            window = self._windows[key]
            while window and window[0] <= now - per:
                window.popleft()
            if len(window) >= count:
                return window[0] + per - now
        for _, key in keys:
            self._windows[key].append(now)
        return 0.0


async def _params(request: web.Request) -> dict[str, Any]:
    """A JSON body (our sender, slack_sdk) or a form one (python-telegram-bot)."""
    if request.content_type == "application/json":
        return dict(await request.json())
    return dict(await request.post())


def _error(status: int, *, retry_after: int | None = None) -> web.Response:
    descriptions = {403: "Forbidden: bot was blocked by the user", 429: "Too Many Requests",
                    500: "Internal Server Error"}
    body: dict[str, Any] = {"ok": False, "error_code": status,
                            "description": descriptions.get(status, "error")}
    if status == 429:
        body["parameters"] = {"retry_after": retry_after or 1}
    return web.json_response(body, status=status)


@contextmanager
def serve(api: FakeChatApi) -> Iterator[str]:
    """Serve `api` on 127.0.0.1 (port 0) from a thread; yields its base URL."""
    loop = asyncio.new_event_loop()
    started: list[str] = []
    ready = threading.Event()

    async def start() -> web.AppRunner:
        runner = web.AppRunner(api.app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        started.append(f"http://127.0.0.1:{port}")
        ready.set()
        return runner

    def run() -> None:
        asyncio.set_event_loop(loop)
        runner = loop.run_until_complete(start())
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(5)
    try:
        yield started[0]
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


@contextmanager
def serve_in_process(*, enforce_limits: bool = False, latency: float = 0.0) -> Iterator[str]:
    """The fake API in its own process (its own core), for benchmarks; yields its base URL."""
    args = [sys.executable, "-m", "bench.common", f"--latency={latency}"] + (
        ["--limits"] if enforce_limits else [])
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    try:
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            proc.wait(5)
        proc.kill()


async def arrived_count(url: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(f"{url}/count") as resp:
        return int((await resp.json())["arrived"])


async def fetch_arrivals(url: str) -> tuple[list[tuple[str, str, float]], int]:
    async with aiohttp.ClientSession() as session, session.get(f"{url}/arrivals") as resp:
        body = await resp.json()
    return [tuple(a) for a in body["arrivals"]], body["refused"]


class BotApiSender:
    """ChatSender posting sendMessage over aiohttp; errors become RetryLater / TargetGone."""

    def __init__(self, base_url: str, *, token: str = TOKEN, connections: int = 100) -> None:
        self._url = f"{base_url}/bot{token}/sendMessage"
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        session = self._session or self._open()
        payload = {"chat_id": chat.chat_id, "text": reply.text}
        try:
            async with session.post(self._url, json=payload) as response:
                body = await response.json(loads=json.loads)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise RetryLater(f"network: {exc}", after=1.0) from exc
        if body.get("ok"):
            return SentMessage(chat.chat_id, str(body["result"]["message_id"]))
        raise _translate(response.status, body)

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(limit=self._connections)
        # A send that times out after the fake recorded it is retried and arrives twice, as
        # on a real platform. The fault tests' fake shares the test process; under load it
        # may answer past 10 s, the likeliest cause of a round doubled once in test_siblings
        # (a retry then resends it). 60 s keeps a slow answer from passing for a lost one.
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=aiohttp.ClientTimeout(total=60))
        return self._session

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


def _translate(status: int, body: dict[str, Any]) -> Exception:
    if status == 429:
        return RetryLater(body.get("description", ""),
                          after=float(body.get("parameters", {}).get("retry_after", 1)))
    if status == 403:
        return TargetGone(body.get("description", "forbidden"))
    return RetryLater(f"HTTP {status}", after=1.0)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _main() -> None:
    latency = next((float(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--latency=")),
                   0.0)
    api = FakeChatApi(enforce_limits="--limits" in sys.argv, latency=latency)
    with serve(api) as url:
        sys.stdout.write(url + "\n")
        sys.stdout.flush()
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        stop.wait()
        os._exit(0)


if __name__ == "__main__":
    _main()


# -- setting up a benchmark installation ------------------------------------------------


def bulk_insert(db_path: Path, instants: list[float], *, chats: int, platform: str = "telegram",
                workspace: str = "777", first_chat: int = 1000) -> None:
    """One-shot reminders at `instants` (epoch seconds) over `chats` chats, by executemany."""
    import sqlite3
    from datetime import UTC, datetime

    from core.recurrence.codec import rule_to_dict
    from core.recurrence.rules import Once

    def text(epoch: float) -> str:  # the UtcDateTime storage form on SQLite
        return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("INSERT INTO identities (platform, workspace, user_id) "
                           "VALUES (?, ?, '1')", (platform, workspace))
        connection.executemany(
            "INSERT INTO chats (platform, workspace, chat_id) VALUES (?, ?, ?)",
            [(platform, workspace, str(first_chat + c)) for c in range(chats)])
        start_id = connection.execute("SELECT coalesce(max(id), 0) FROM schedules").fetchone()[0]
        connection.executemany(
            "INSERT INTO schedules (id, owner_id, chat_id, kind, number, payload, rule, zone, "
            "start, next_at, state) VALUES (?, 1, ?, 'reminder', ?, ?, ?, 'UTC', ?, ?, 'active')",
            ((start_id + i + 1, 1 + i % chats, start_id + i + 1,
              json.dumps({"text": f"task {i}", "target": "me"}),
              json.dumps(rule_to_dict(Once(datetime.fromtimestamp(at, UTC))),
                         separators=(",", ":")),
              text(at), text(at)) for i, at in enumerate(instants)))
    connection.close()


def new_database(directory: Path) -> Path:
    from integrations.sql.migrate import upgrade

    path = directory / "nudge.db"
    upgrade(f"sqlite:///{path}")
    return path


def stop_workers(procs: list[subprocess.Popen[bytes]], *, grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL past `grace`: the figures are in; a slow stop must not lose them."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            print(f"  (worker {proc.pid} still running {grace:.0f} s after SIGTERM: killed)")
            proc.kill()
            proc.wait()
