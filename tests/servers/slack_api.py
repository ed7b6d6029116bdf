"""A fake Slack Web API (and response_url endpoint) on loopback that records every call."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

TEAM_ID = "T0NUDGE01"
BOT_USER_ID = "U0NUDGEBOT"
BOT_TOKEN = "xoxb-test-token"


@dataclass(frozen=True)
class ApiCall:
    method: str
    params: dict[str, Any]
    token: str | None
    http_method: str


@dataclass
class FakeUser:
    id: str
    name: str
    tz: str | None = "UTC"
    is_admin: bool = False


@dataclass
class FakeChannel:
    id: str
    name: str
    members: set[str] = field(default_factory=set)
    is_archived: bool = False
    is_private: bool = False

    @property
    def has_bot(self) -> bool:
        return BOT_USER_ID in self.members


@dataclass(frozen=True)
class Failure:
    """A scripted answer for the next call to a method: HTTP status, Slack error, headers."""

    error: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlackApi:
    """Answers what Nudge calls (GET and POST), records calls and response_url posts."""

    def __init__(self) -> None:
        self.base_url = ""  # set by the fixture once the server listens
        self.calls: list[ApiCall] = []
        self.responses: list[dict[str, Any]] = []  # JSON bodies posted to response URLs
        self.users: dict[str, FakeUser] = {}
        self.channels: dict[str, FakeChannel] = {}
        self.failures: dict[str, list[Failure]] = {}
        self.installed_tokens: dict[str, str] = {}  # oauth code -> bot token handed out
        self.history: dict[str, list[dict[str, Any]]] = {}  # conversation -> messages
        self._ts = itertools.count(1)
        self._lock = threading.Lock()
        self._handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post,
            "chat.postEphemeral": lambda p: {"message_ts": self._next_ts()},
            "chat.update": lambda p: {"channel": p.get("channel"), "ts": p.get("ts")},
            "views.publish": lambda p: {"view": {"id": "V0HOME"}},
            "users.info": self._users_info,
            "conversations.info": self._conversations_info,
            "conversations.list": self._conversations_list,
            "conversations.members": self._conversations_members,
            "conversations.open": lambda p: {"channel": {"id": "D" + str(p.get("users"))}},
            "conversations.history": self._history,
            "oauth.v2.access": self._oauth_access,
            "apps.connections.open": lambda p: {"url": self.socket_url},
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
        }
        self.uploads: dict[str, bytes] = {}  # file id -> the bytes posted to its upload URL
        self.socket_url = ""  # where apps.connections.open sends Socket Mode clients

    # --- what tests arrange and assert on ---

    def reset(self) -> None:
        """Forget calls, people, channels and scripted failures (the server keeps running)."""
        with self._lock:
            self.calls.clear()
            self.responses.clear()
            self.users.clear()
            self.channels.clear()
            self.failures.clear()
            self.installed_tokens.clear()
            self.history.clear()
            self.uploads.clear()

    def add_user(self, user_id: str, name: str, *, tz: str | None = "UTC",
                 is_admin: bool = False) -> FakeUser:
        self.users[user_id] = FakeUser(user_id, name, tz, is_admin)
        return self.users[user_id]

    def add_channel(self, channel_id: str, name: str, *members: str, **flags: bool) -> FakeChannel:
        self.channels[channel_id] = FakeChannel(channel_id, name, set(members), **flags)
        return self.channels[channel_id]

    def fail_next(self, method: str, failure: Failure) -> None:
        self.failures.setdefault(method, []).append(failure)

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.base_url}/response/{name}"

    def calls_to(self, method: str) -> list[ApiCall]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 3.0) -> list[ApiCall]:
        """Poll (every 20 ms, up to `timeout`) until `count` calls to method were recorded."""
        deadline = time.monotonic() + timeout
        while len(self.calls_to(method)) < count:
            if time.monotonic() > deadline:
                seen = [call.method for call in self.calls]
                raise AssertionError(f"expected {count} {method} call(s); saw {seen}")
            await asyncio.sleep(0.02)
        return self.calls_to(method)

    async def wait_for_responses(
        self, count: int = 1, timeout: float = 3.0
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.responses) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} response_url post(s); saw {self.responses}")
            await asyncio.sleep(0.02)
        return list(self.responses)

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/api/{method}", self._api, methods=["GET", "POST"]),
            Route("/response/{name}", self._respond, methods=["POST"]),
            Route("/upload/{file_id}", self._upload, methods=["POST"]),
        ])

    # --- HTTP ---

    async def _api(self, request: Request) -> Response:
        method = request.path_params["method"]
        params = {**dict(request.query_params), **await _body_params(request)}
        token = request.headers.get("authorization", "").removeprefix("Bearer ") or None
        with self._lock:
            self.calls.append(ApiCall(method, params, token, request.method))
            failures = self.failures.get(method)
            failure = failures.pop(0) if failures else None
        if failure is not None:
            return JSONResponse({"ok": False, "error": failure.error}, status_code=failure.status,
                                headers=failure.headers)
        handler = self._handlers.get(method)
        if handler is None:
            return JSONResponse({"ok": False, "error": "unknown_method"})
        answer = handler(params)
        if "error" in answer:
            return JSONResponse({"ok": False, **answer})
        return JSONResponse({"ok": True, **answer})

    async def _upload(self, request: Request) -> Response:
        """Step 2 of files_upload_v2: the file's bytes, posted to the URL step 1 handed out."""
        with self._lock:
            self.uploads[request.path_params["file_id"]] = await request.body()
        return Response("OK - 1")

    async def _respond(self, request: Request) -> Response:
        body = json.loads(await request.body())
        with self._lock:
            self.responses.append({"url_name": request.path_params["name"], **body})
        return Response("ok")

    # --- methods ---

    def _next_ts(self) -> str:
        # Slack's ts is the epoch second of the message, made unique by the fraction.
        return f"{int(time.time())}.{next(self._ts):06d}"

    def _upload_url(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._ts):06d}"
        return {"upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, params: dict[str, Any]) -> dict[str, Any]:
        files = params["files"]
        listed = json.loads(files) if isinstance(files, str) else files
        return {"files": [{"id": f["id"], "title": f.get("title")} for f in listed]}

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": "https://nudge-test.slack.com/", "team": "Nudge Test", "user": "nudge",
                "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": "B0NUDGEBOT"}

    def _post(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel", ""))
        known = channel in self.channels or channel in self.users or channel.startswith("D")
        if not known:
            return {"error": "channel_not_found"}
        if channel in self.channels and self.channels[channel].is_archived:
            return {"error": "is_archived"}
        ts = self._next_ts()
        metadata = params.get("metadata")
        message = {"ts": ts, "text": params.get("text"),
                   "metadata": json.loads(metadata) if isinstance(metadata, str) else metadata}
        conversation = "D" + channel if channel.startswith(("U", "W")) else channel
        self.history.setdefault(conversation, []).insert(0, message)  # newest first
        return {"channel": channel, "ts": ts, "message": {"text": params.get("text")}}

    def _history(self, params: dict[str, Any]) -> dict[str, Any]:
        """Newest first, since `oldest`; metadata only with include_all_metadata, as Slack."""
        oldest = float(params.get("oldest") or 0)
        with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
        messages = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                    for m in self.history.get(str(params.get("channel")), [])
                    if float(m["ts"]) >= oldest]
        return {"messages": messages[: int(params.get("limit") or 100)], "has_more": False}

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user")))
        if user is None:
            return {"error": "user_not_found"}
        return {"user": {"id": user.id, "name": user.name, "tz": user.tz,
                         "is_admin": user.is_admin, "is_owner": False,
                         "profile": {"display_name": user.name, "real_name": user.name}}}

    def _conversations_info(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self.channels.get(str(params.get("channel")))
        if channel is None or channel.is_private and not channel.has_bot:
            return {"error": "channel_not_found"}
        return {"channel": _channel_json(channel)}

    def _conversations_list(self, params: dict[str, Any]) -> dict[str, Any]:
        visible = [c for c in self.channels.values() if not c.is_private or c.has_bot]
        return {"channels": [_channel_json(c) for c in visible],
                "response_metadata": {"next_cursor": ""}}

    def _conversations_members(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self.channels.get(str(params.get("channel")))
        if channel is None:
            return {"error": "channel_not_found"}
        return {"members": sorted(channel.members), "response_metadata": {"next_cursor": ""}}

    def _oauth_access(self, params: dict[str, Any]) -> dict[str, Any]:
        token = self.installed_tokens.get(str(params.get("code")))
        if token is None:
            return {"error": "invalid_code"}
        return {"access_token": token, "token_type": "bot", "scope": "commands,chat:write",
                "bot_user_id": BOT_USER_ID, "app_id": "A0NUDGE01",
                "team": {"id": TEAM_ID, "name": "Nudge Test"}, "enterprise": None,
                "is_enterprise_install": False,
                "authed_user": {"id": "U0ALICE01", "scope": "", "token_type": "user"}}


def _channel_json(channel: FakeChannel) -> dict[str, Any]:
    return {"id": channel.id, "name": channel.name, "is_member": channel.has_bot,
            "is_archived": channel.is_archived, "is_private": channel.is_private,
            "is_channel": not channel.is_private, "num_members": len(channel.members)}


async def _body_params(request: Request) -> dict[str, Any]:
    body = await request.body()
    if not body:
        return {}
    if request.headers.get("content-type", "").startswith("application/json"):
        return dict(json.loads(body))
    return dict(parse_qsl(body.decode()))
