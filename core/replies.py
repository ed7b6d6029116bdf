"""Reply: platform-neutral text with optional quick choices; times formatted for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from core.buttons import ButtonAction, Grant


@dataclass(frozen=True)
class Choice:
    """A quick choice: a button label, and either the command text it stands for or an action.

    An action choice gets its `command` (a sealed token, see core.buttons) when its reply
    leaves core; adapters put `command` on the button either way, and a press goes back
    through `Dispatcher.press`.
    """

    label: str
    command: str = ""
    action: ButtonAction | None = None
    grant: Grant = Grant()

    @classmethod
    def act(cls, label: str, action: ButtonAction, grant: Grant | None = None) -> Choice:
        return cls(label, action=action, grant=grant or Grant())


@dataclass(frozen=True)
class Reply:
    """What to say. `image` is a PNG to show with it (a habit's heat map): Slack and
    Telegram upload it, the console saves it as `image_name` and prints the path."""

    text: str
    choices: tuple[Choice, ...] = ()
    is_error: bool = False
    # A delivery's occurrence key ("deliver:12:1772708400"): a sender that can attach it to
    # the message (Slack's metadata) lets an in-doubt resend find the first copy instead.
    key: str | None = None
    zone: str | None = None  # a delivery's owner's zone, for a stamp such as the console's
    image: bytes | None = field(default=None, repr=False)
    image_name: str = "image.png"


@dataclass(frozen=True)
class SentMessage:
    """What a platform returned for a sent message, so it can be edited later."""

    chat_id: str
    message_id: str


def format_instant(instant: datetime, zone: str) -> str:
    """'Thu 5 Mar 07:00 EST': an instant as a person in `zone` reads it."""
    from core.i18n import format_instant as in_language

    return in_language(instant, zone)
