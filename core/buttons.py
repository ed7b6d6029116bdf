"""Buttons: the typed action a button stands for, and the one codec that seals it into a token.

A button never carries a command that typing could reproduce. Its payload is a token:

    b.<verb>.<schedule id, base 36>.<arg>.<expiry, base 36 seconds>.<scope>.<mac>

where the MAC (HMAC-SHA256, 96 bits) covers the fields and the identity of whoever may press
it: the person (scope "u") or the chat (scope "c"). Typed text is never opened as a token
(only `Dispatcher.press` opens them), and a token opened by anyone else, or after its expiry,
is refused. Why signed rather than stored: nothing to write per message, nothing to clean up,
the same answer in every process that shares the key, and at most 64 bytes, which is what
Telegram allows in callback_data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from core.errors import UserError
from core.i18n import N_, _
from core.ids import Actor, ChatRef, UserRef

if TYPE_CHECKING:
    from core.ports import ChatSender, Clock
    from core.replies import Reply, SentMessage

PREFIX: Final = "b."
MAX_BYTES: Final = 64  # Telegram's callback_data limit; Slack allows 2,000
UNDO_TTL: Final = timedelta(days=1)  # Undo, "use the other time", paging, confirmations
DELIVERED_TTL: Final = timedelta(days=7)  # Done, snooze and delete under a delivered message
_MAC_BYTES: Final = 12
_ARG: Final = re.compile(r"[A-Za-z0-9_-]{0,12}")
EXPIRED: Final = N_("That button has expired. Type 'list' to see your reminders.")
NOT_YOURS: Final = N_("That button isn't yours to press.")


class Verb(StrEnum):
    DONE = "done"
    SNOOZE = "snooze"
    DELETE = "delete"
    UNDO = "undo"
    RESTORE = "restore"
    PAUSE = "pause"
    RESUME = "resume"
    UNSNOOZE = "unsnooze"
    ALT = "alt"
    READING = "reading"  # the other reading of a vague frequency: a whole rule (rule_codes)
    PAGE = "page"
    CANCEL_ALL = "cancelall"
    # Habits and goals (core.services.tracker_actions)
    HABIT_DONE = "hdone"
    HABIT_SKIP = "hskip"
    HABIT_UNDONE = "hundone"
    HABIT_MOVE = "hmove"
    TRACKER_DROP = "tdrop"
    TRACKER_RESTORE = "trestore"
    GOAL_UNDO = "gundo"


@dataclass(frozen=True)
class ButtonAction:
    """What pressing a button does: a verb on one schedule (0: none), with its argument."""

    verb: Verb
    schedule_id: int = 0
    arg: str = ""

    def __post_init__(self) -> None:
        if not _ARG.fullmatch(self.arg) or self.schedule_id < 0:
            raise ValueError(f"a button argument is up to 12 of [A-Za-z0-9_-]: {self!r}")


Presser = UserRef | ChatRef


@dataclass(frozen=True)
class Grant:
    """Who may press a button and for how long; no presser: whoever the reply answers."""

    ttl: timedelta = UNDO_TTL
    presser: Presser | None = None


@dataclass(frozen=True)
class Pressed:
    """An opened token: the action, and whom the MAC matched (the actor, or their chat)."""

    action: ButtonAction
    by: Presser


class ButtonCodec:
    """Seals actions into tokens and opens them again; one key for every process."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a button key needs at least 16 bytes")
        self._key = key

    @classmethod
    def with_random_key(cls) -> ButtonCodec:
        """Buttons that only this process can open (the composition root passes a shared key)."""
        return cls(secrets.token_bytes(32))

    def seal(self, action: ButtonAction, presser: Presser, *, expires: datetime) -> str:
        body = ".".join((action.verb.value, _b36(action.schedule_id), action.arg,
                         _b36(int(expires.timestamp())), _scope(presser)))
        token = f"{PREFIX}{body}.{self._mac(body, presser)}"
        if len(token.encode()) > MAX_BYTES:
            raise ValueError(f"a button token over {MAX_BYTES} bytes: {action!r}")
        return token

    def seal_reply(self, reply: Reply, default: Presser, *, now: datetime) -> Reply:
        """The reply with each action choice's token in its `command`, for the platforms."""
        if not any(c.action for c in reply.choices):
            return reply
        sealed = []
        for choice in reply.choices:
            if choice.action is not None:
                grant = choice.grant
                presser = grant.presser or default
                choice = replace(choice, command=self.seal(
                    choice.action, presser, expires=now + grant.ttl))
            sealed.append(choice)
        return replace(reply, choices=tuple(sealed))

    def open(self, token: str, actor: Actor, *, now: datetime) -> Pressed:
        """The action behind a token this actor may press now. Raises UserError otherwise."""
        fields = token.removeprefix(PREFIX).split(".")
        if not token.startswith(PREFIX) or len(fields) != 6:
            raise UserError(_(EXPIRED))
        verb, sid, arg, expiry, scope, mac = fields
        body = ".".join(fields[:5])
        matched = next((p for p in _candidates(actor, scope)
                        if hmac.compare_digest(mac, self._mac(body, p))), None)
        if matched is None:
            raise UserError(_(NOT_YOURS))
        if _from_b36(expiry) <= now.timestamp():
            raise UserError(_(EXPIRED))
        try:
            return Pressed(ButtonAction(Verb(verb), _from_b36(sid), arg), matched)
        except ValueError as exc:  # a MAC we made over fields this version cannot read
            raise UserError(_(EXPIRED)) from exc

    def _mac(self, body: str, presser: Presser) -> str:
        message = f"{body}|{_identity(presser)}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()[:_MAC_BYTES]
        return base64.urlsafe_b64encode(digest).decode()


class SealingSender:
    """A ChatSender that seals a delivered message's buttons, then hands it on."""

    def __init__(self, inner: ChatSender, codec: ButtonCodec, clock: Clock) -> None:
        self._inner = inner
        self._codec = codec
        self._clock = clock

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        sealed = self._codec.seal_reply(reply, chat, now=self._clock.now())
        return await self._inner.send(chat, sealed)

    async def find_sent(self, chat: ChatRef, key: str, since: datetime) -> SentMessage | None:
        """The inner sender's lookup (core.ports.SentLookup); None where it has none."""
        find = getattr(self._inner, "find_sent", None)
        return None if find is None else await find(chat, key, since)


def is_token(payload: str) -> bool:
    return payload.startswith(PREFIX)


def _candidates(actor: Actor, scope: str) -> tuple[Presser, ...]:
    """Who the actor can be for a token of this scope: themselves, or a chat they are in.

    A chat-scoped token also opens for the person whose own id names the chat: Slack posts
    "me" and "@user" items to a user id, while presses arrive from the DM's D-id.
    """
    if scope == "u":
        return (actor.user,)
    if scope == "c":
        return (actor.chat, ChatRef(actor.user.tenant, actor.user.user_id))
    return ()


def _scope(presser: Presser) -> str:
    return "u" if isinstance(presser, UserRef) else "c"


def _identity(presser: Presser) -> str:
    tenant = presser.tenant
    own = presser.user_id if isinstance(presser, UserRef) else presser.chat_id
    return f"{_scope(presser)}|{tenant.platform.value}|{tenant.workspace}|{own}"


_DIGITS: Final = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36(number: int) -> str:
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
        if number == 0:
            return text


def _from_b36(text: str) -> int:
    try:
        return int(text, 36)
    except ValueError as exc:
        raise UserError(_(EXPIRED)) from exc
