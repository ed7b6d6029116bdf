"""Reply: platform-neutral text with optional quick choices; times formatted for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Choice:
    """A quick choice: a button label and the command text it stands for."""

    label: str
    command: str


@dataclass(frozen=True)
class Reply:
    """What to say. `image` is a PNG to show with it (a habit's heat map): Slack and
    Telegram upload it, the console saves it as `image_name` and prints the path."""

    text: str
    choices: tuple[Choice, ...] = ()
    is_error: bool = False
    image: bytes | None = field(default=None, repr=False)
    image_name: str = "image.png"


@dataclass(frozen=True)
class SentMessage:
    """What a platform returned for a sent message, so it can be edited later."""

    chat_id: str
    message_id: str


def format_instant(instant: datetime, zone: str) -> str:
    """'Thu 5 Mar 07:00 EST': an instant as a person in `zone` reads it."""
    local = instant.astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %H:%M} {local.tzname()}"
