"""A fake Telegram Bot API on loopback: the methods Nudge calls, scripted failures, a call log.

Serve `FakeTelegramApi().app` with tests.servers.serve_in_thread and point PTB at
`{base_url}/bot` (platform-notes: no trailing slash). Requests arrive form-encoded as PTB
sends them: scalar values as text, lists and objects as JSON.
"""

from __future__ import annotations

import asyncio
import email.policy
import itertools
import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from typing import Any, Final
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

BOT_ID: Final = 777000111
BOT_USERNAME: Final = "NudgeTestBot"
TOKEN: Final = f"{BOT_ID}:AAHsecret-test-token_xyz987"
LONG_POLL_WAIT: Final = 0.2  # getUpdates waits at most this long for an update
JSON_FIELDS: Final = {"reply_markup", "commands", "allowed_updates", "scope", "entities"}
NUMBER_FIELDS: Final = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id"}
_DATE: Final = 1_700_000_000
FLOOD_METHODS: Final = {"sendMessage", "editMessageText", "editMessageReplyMarkup"}


@dataclass(frozen=True)
class Call:
    """One request: its decoded parameters, and what the fake answered (None on failure)."""

    method: str
    params: dict[str, Any]
    result: Any = None
    at: float = field(default_factory=time.monotonic)  # when the fake answered


@dataclass(frozen=True)
class Failure:
    """A scripted error answer: HTTP status, description and optional parameters."""

    status: int
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def too_many_requests(cls, retry_after: int) -> Failure:
        return cls(429, f"Too Many Requests: retry after {retry_after}",
                   {"retry_after": retry_after})

    @classmethod
    def blocked(cls) -> Failure:
        return cls(403, "Forbidden: bot was blocked by the user")

    @classmethod
    def migrated(cls, new_chat_id: int) -> Failure:
        return cls(400, "Bad Request: group chat was upgraded to a supergroup chat",
                   {"migrate_to_chat_id": new_chat_id})

    @classmethod
    def chat_not_found(cls) -> Failure:
        return cls(400, "Bad Request: chat not found")


class FakeTelegramApi:
    """Bot API subset; `calls` records every request (unknown methods fail loudly)."""

    def __init__(self, *, token: str = TOKEN, chat_interval: float = 0.0) -> None:
        self.token = token
        # Telegram's flood control: past one message per `chat_interval` seconds in a chat,
        # 429 with retry_after (0 leaves it off). `refused` counts those answers.
        self.chat_interval = chat_interval
        self.refused = 0
        self._last_in_chat: dict[object, float] = {}
        self.calls: list[Call] = []
        self.unsupported: list[str] = []
        self.wrong_token: list[str] = []
        self.failures: dict[str, list[Failure]] = {}
        self._updates: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1000)
        self.app = Starlette(routes=[Route("/bot{token}/{method}", self._endpoint,
                                           methods=["GET", "POST"])])

    # -- what tests use -------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an update for the next getUpdates."""
        with self._lock:
            self._updates.append(update)

    def fail_next(self, method: str, *failures: Failure) -> None:
        with self._lock:
            self.failures.setdefault(method, []).extend(failures)

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in list(self.calls) if call.method == method]

    def wait_for(self, method: str, count: int = 1, *, timeout: float = 5.0) -> list[Call]:
        """Poll (not sleep through) until `count` calls to `method` were made; from a thread."""
        return _poll(lambda: self._enough(method, count), timeout, f"{count} x {method}",
                     self.calls)

    async def wait_for_async(self, method: str, count: int = 1, *,
                             timeout: float = 5.0) -> list[Call]:
        """The same, yielding to the event loop the bot runs on."""
        deadline = time.monotonic() + timeout
        while (found := self._enough(method, count)) is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {count} x {method} within {timeout}s: {self.calls}")
            await asyncio.sleep(0.02)
        return found

    def _enough(self, method: str, count: int) -> list[Call] | None:
        found = self.calls_to(method)
        return found if len(found) >= count else None

    # -- the HTTP side ----------------------------------------------------------------

    async def _endpoint(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        if request.path_params["token"] != self.token:
            self.wrong_token.append(method)
            return _error(401, "Unauthorized")
        # PTB sends form-urlencoded bodies (multipart with a file); parsed here to need no
        # python-multipart.
        params = _decode(_form(request.headers.get("content-type", ""), await request.body()))
        failure = self._scripted_failure(method)
        if failure is None and method in FLOOD_METHODS:
            failure = self._flood_control(params.get("chat_id"))
        handler = self._handlers().get(method)
        if failure is None and handler is None:
            self.unsupported.append(method)
            failure = Failure(404, f"Not Found: the fake has no {method}")
        if failure is not None or handler is None:
            self.calls.append(Call(method, params))
            assert failure is not None
            return _error(failure.status, failure.description, failure.parameters)
        result = await handler(params)
        self.calls.append(Call(method, params, result))
        return JSONResponse({"ok": True, "result": result})

    def _scripted_failure(self, method: str) -> Failure | None:
        with self._lock:
            queue = self.failures.get(method)
            return queue.pop(0) if queue else None

    def _flood_control(self, chat_id: object) -> Failure | None:
        if not self.chat_interval:
            return None
        now = time.monotonic()
        with self._lock:
            last = self._last_in_chat.get(chat_id)
            if last is not None and now - last < self.chat_interval:
                self.refused += 1
                return Failure.too_many_requests(math.ceil(self.chat_interval - (now - last)))
            self._last_in_chat[chat_id] = now
        return None

    def _handlers(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {"getMe": self._get_me, "setMyCommands": _true, "deleteWebhook": _true,
                "setWebhook": _true, "getUpdates": self._get_updates,
                "sendMessage": self._send_message, "sendPhoto": self._send_photo,
                "editMessageText": self._edit_text,
                "editMessageReplyMarkup": self._edit_markup, "answerCallbackQuery": _true,
                "getChat": self._get_chat, "getChatMember": self._get_chat_member}

    async def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return bot_user()

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), LONG_POLL_WAIT)
        while True:
            with self._lock:
                batch, self._updates = self._updates, []
            if batch or time.monotonic() >= deadline:
                return batch
            await asyncio.sleep(0.01)

    async def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        return _message(next(self._message_ids), params["chat_id"], str(params["text"]),
                        params.get("reply_markup"))

    async def _send_photo(self, params: dict[str, Any]) -> dict[str, Any]:
        message = _message(next(self._message_ids), params["chat_id"], None,
                           params.get("reply_markup"))
        message["photo"] = [{"file_id": "p1", "file_unique_id": "u1", "width": 1, "height": 1}]
        if "caption" in params:
            message["caption"] = str(params["caption"])
        return message

    async def _edit_text(self, params: dict[str, Any]) -> dict[str, Any]:
        return _message(params["message_id"], params["chat_id"], str(params["text"]),
                        params.get("reply_markup"))

    async def _edit_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        return _message(params["message_id"], params["chat_id"], "", params.get("reply_markup"))

    async def _get_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        found = chat(params["chat_id"]) if isinstance(params["chat_id"], int) else {
            "id": -1009990001, "type": "channel", "title": str(params["chat_id"])}
        return {**found, "accent_color_id": 0, "max_reaction_count": 11}  # a ChatFullInfo

    async def _get_chat_member(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"status": "member", "user": user(int(params["user_id"]))}


# -- update builders (the shape of PTB's tests/auxil/build_messages.py) -------------------

_update_ids = itertools.count(1)


def bot_user() -> dict[str, Any]:
    return {"id": BOT_ID, "is_bot": True, "first_name": "Nudge", "username": BOT_USERNAME,
            "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": False}


def user(user_id: int = 42, name: str = "Ann") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name, "username": name.lower()}


def chat(chat_id: int | str) -> dict[str, Any]:
    number = int(chat_id)
    if number > 0:
        return {"id": number, "type": "private", "first_name": "Ann"}
    kind = "supergroup" if str(number).startswith("-100") else "group"
    return {"id": number, "type": kind, "title": "Team"}


def message_update(text: str, *, chat_id: int = 42, user_id: int = 42,
                   update_id: int | None = None) -> dict[str, Any]:
    """A text message; a leading /command gets its bot_command entity as Telegram sends it."""
    message = _message(next(_update_ids) + 5000, chat_id, text, None)
    message["from"] = user(user_id)
    if text.startswith("/"):
        length = len(text.split()[0])
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    elif f"@{BOT_USERNAME}" in text:
        offset = text.index(f"@{BOT_USERNAME}")
        message["entities"] = [{"type": "mention", "offset": offset,
                                "length": len(BOT_USERNAME) + 1}]
    return {"update_id": update_id or next(_update_ids), "message": message}


def location_update(*, latitude: float, longitude: float, chat_id: int = 42,
                    user_id: int = 42) -> dict[str, Any]:
    message = _message(next(_update_ids) + 5000, chat_id, None, None)
    message["from"] = user(user_id)
    message["location"] = {"latitude": latitude, "longitude": longitude}
    return {"update_id": next(_update_ids), "message": message}


def migration_update(*, old_chat_id: int, new_chat_id: int, user_id: int = 42) -> dict[str, Any]:
    """The service message Telegram posts in a group that became a supergroup."""
    message = _message(next(_update_ids) + 5000, old_chat_id, None, None)
    message["from"] = user(user_id)
    message["migrate_to_chat_id"] = new_chat_id
    return {"update_id": next(_update_ids), "message": message}


def callback_update(data: str, *, message: dict[str, Any], user_id: int = 42) -> dict[str, Any]:
    """A button press on `message` (a sendMessage result recorded by the fake)."""
    query = {"id": f"cb{next(_update_ids)}", "from": user(user_id), "chat_instance": "ci",
             "data": data, "message": message}
    return {"update_id": next(_update_ids), "callback_query": query}




def buttons(call: Call) -> list[tuple[str, str]]:
    """(label, callback_data) of every inline button in a recorded call."""
    markup = call.params.get("reply_markup") or {}
    rows = markup.get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


# -- internals --------------------------------------------------------------------------


def _message(message_id: int, chat_id: int | str, text: str | None,
             markup: dict[str, Any] | None) -> dict[str, Any]:
    message: dict[str, Any] = {"message_id": int(message_id), "date": _DATE,
                               "chat": chat(chat_id), "from": bot_user()}
    if text is not None:
        message["text"] = text
    if markup and "inline_keyboard" in markup:  # Telegram echoes inline keyboards only
        message["reply_markup"] = markup
    return message


def _form(content_type: str, body: bytes) -> dict[str, Any]:
    """The request's fields: text as str, an uploaded file as its bytes."""
    if not content_type.startswith("multipart/form-data"):
        return dict(parse_qsl(body.decode()))
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True)
        fields[str(name)] = data if part.get_filename() else data.decode()
    return fields


def _decode(form: dict[str, Any]) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for key, value in form.items():
        if key in JSON_FIELDS:
            decoded[key] = json.loads(value)
        elif key in NUMBER_FIELDS and str(value).lstrip("-").isdigit():
            decoded[key] = int(value)
        else:
            decoded[key] = value
    return decoded


async def _true(params: dict[str, Any]) -> bool:
    return True


def _error(status: int, description: str,
           parameters: dict[str, Any] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return JSONResponse(body, status_code=status)


def _poll(check: Callable[[], list[Call] | None], timeout: float, what: str,
          log: list[Call]) -> list[Call]:
    deadline = time.monotonic() + timeout
    while (found := check()) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {timeout}s: {log}")
        time.sleep(0.02)
    return found
