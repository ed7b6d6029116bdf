"""Reply: platform-neutral text with optional quick choices; times formatted for people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Choice:
    """A quick choice: a button label and the command text it stands for."""

    label: str
    command: str


@dataclass(frozen=True)
class Reply:
    text: str
    choices: tuple[Choice, ...] = ()
    is_error: bool = False
    # A delivery's occurrence key ("deliver:12:1772708400"): a sender that can attach it to
    # the message (Slack's metadata) lets an in-doubt resend find the first copy instead.
    key: str | None = None


@dataclass(frozen=True)
class SentMessage:
    """What a platform returned for a sent message, so it can be edited later."""

    chat_id: str
    message_id: str


def format_instant(instant: datetime, zone: str) -> str:
    """'Thu 5 Mar 07:00 EST': an instant as a person in `zone` reads it."""
    local = instant.astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %H:%M} {local.tzname()}"
