"""The error tree of Nudge.

NudgeError
├── UserError          the request cannot be done; .reply is the friendly text; nothing was changed
│   ├── ParseError     the text is not a command; .hint, .suggestions ("Did you mean 'remind'?")
│   │   └── NeedsTimeError   a reminder without a time; .command is the rest of it
│   ├── NotFound       no such reminder, habit or goal for this person
│   └── NotAllowed     the requester may not post to that channel or change that item
├── DeliveryError      raised by ChatSender adapters in place of any platform error
│   ├── RetryLater     transient: 429, 5xx, timeouts; .after in seconds (from Retry-After)
│   └── TargetGone     permanent: blocked, kicked, chat deleted or migrated -> deactivate the target
└── ConfigError        bad settings at start-up; the message names the setting
"""

from __future__ import annotations

from collections.abc import Sequence


class NudgeError(Exception):
    """The root of every error Nudge raises on purpose."""


class UserError(NudgeError):
    """A request that cannot be done; its text is written for the person who asked."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply


class ParseError(UserError):
    """The text is not a command of the language."""

    def __init__(self, reply: str, *, hint: str = "", suggestions: Sequence[str] = ()) -> None:
        super().__init__(reply)
        self.hint = hint
        self.suggestions = tuple(suggestions)


class NeedsTimeError(ParseError):
    """A reminder, post or event that names no time; chat adapters ask "when?"."""

    def __init__(self, reply: str, *, command: object, hint: str = "") -> None:
        super().__init__(reply, hint=hint)
        self.command = command


class NotFound(UserError):
    """No such item for this person."""


class NotAllowed(UserError):
    """The requester may not do this."""


class DeliveryError(NudgeError):
    """A platform refused or failed a send."""


class RetryLater(DeliveryError):
    """Transient failure; try again after `after` seconds."""

    def __init__(self, message: str = "try again later", *, after: float = 1.0) -> None:
        super().__init__(message)
        self.after = after


class Deferred(RetryLater):
    """Not a failure: the rate limit's next slot is further off than a send waits in line.
    The occurrence goes out in that slot without spending one of its retries."""


class TargetGone(DeliveryError):
    """Permanent refusal: the chat is gone or the bot was blocked or removed."""

    def __init__(self, message: str = "target gone", *, new_chat_id: str | None = None) -> None:
        super().__init__(message)
        self.new_chat_id = new_chat_id


class ConfigError(NudgeError):
    """A setting is wrong; the message names it."""
