"""Slack mrkdwn text: escaping for output, and broadcast mentions neutralised on input."""

from __future__ import annotations

import re
from typing import Final

# Slack markup a person may have written (links, user/channel mentions, dates); kept as is.
_MARKUP: Final = re.compile(
    r"<(?:https?://|mailto:|tel:|@[UW]|#[CG]|!subteam\^|!date\^|!here|!channel|!everyone)"
    r"[^<>\n]*>"
)
_TOKEN: Final = re.compile(r"<[^<>\n]*>|&(?:amp|lt|gt);|[&<>]")
_ESCAPES: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Bare ids as the parser writes targets ("@U024BE7LH", "#C024BE91L"), linked back on output.
_BARE_ID: Final = re.compile(r"(?<![<\w])(@[UW]|#[CG])([A-Z0-9]{6,})\b")
_BROADCAST_MARKUP: Final = re.compile(r"<!(channel|here|everyone)(?:\|[^<>]*)?>")
_BROADCAST_WORD: Final = re.compile(r"(?<![\w<])@(channel|here|everyone)\b", re.IGNORECASE)
WORD_JOINER: Final = "\u2060"  # between "@" and the word: reads the same, never notifies


def to_mrkdwn(text: str) -> str:
    """Escape &, < and > for Slack, keeping entities and link markup already in the text."""
    escaped = _TOKEN.sub(_escape_token, text)
    return _BARE_ID.sub(lambda m: f"<{m.group(1)}{m.group(2)}>", escaped)


def neutralise_broadcasts(text: str) -> str:
    """'<!channel>', '<!here>', '@everyone' and the like, turned into words that notify nobody."""
    text = _BROADCAST_MARKUP.sub(lambda m: f"@{WORD_JOINER}{m.group(1)}", text)
    return _BROADCAST_WORD.sub(lambda m: f"@{WORD_JOINER}{m.group(1)}", text)


def has_broadcast(text: str) -> bool:
    return bool(_BROADCAST_MARKUP.search(text) or _BROADCAST_WORD.search(text))


def _escape_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if token.startswith("&") and len(token) > 1 or _MARKUP.fullmatch(token):
        return token
    return "".join(_ESCAPES.get(char, char) for char in token)
