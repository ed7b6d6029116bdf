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
WORD_JOINER: Final = "\u2060"  # between "@" and the word: reads the same, never notifies
# Zero-width characters and spaces someone may slip into a broadcast to get it past a check.
_HIDDEN: Final = "\u200b\u200c\u200d\u2060\u2061\u2063\ufeff\u00ad\u180e"
_GAP: Final = f"[\\s{_HIDDEN}]*"
# In plain "@here", the word joiner is our own neutral form, so it does not count as hiding.
_WORD_HIDDEN: Final = _HIDDEN.replace(WORD_JOINER, "")


def _spelled(word: str, hidden: str = _HIDDEN) -> str:
    """The word, with hidden characters allowed between its letters."""
    return f"[{hidden}]*".join(re.escape(letter) for letter in word)


_BROADCASTS: Final = ("channel", "here", "everyone")
# <!channel>, <!here|here>, <!subteam^S0123|@devs>, and spaced or zero-width variants of them.
_BROADCAST_MARKUP: Final = re.compile(
    rf"<{_GAP}!{_GAP}(?:(?P<word>{'|'.join(_spelled(w) for w in _BROADCASTS)})"
    rf"|{_spelled('subteam')}{_GAP}\^{_GAP}(?P<group>[A-Z0-9]+))"
    rf"{_GAP}(?:\|(?P<label>[^<>]*))?{_GAP}>",
    re.IGNORECASE,
)
_BROADCAST_WORD: Final = re.compile(
    rf"(?<![\w<])@[{_WORD_HIDDEN}]*"
    rf"(?P<word>{'|'.join(_spelled(w, _WORD_HIDDEN) for w in _BROADCASTS)})\b",
    re.IGNORECASE,
)


def to_mrkdwn(text: str) -> str:
    """Escape &, < and > for Slack, keeping entities and link markup already in the text."""
    escaped = _TOKEN.sub(_escape_token, text)
    return _BARE_ID.sub(lambda m: f"<{m.group(1)}{m.group(2)}>", escaped)


def neutralise_broadcasts(text: str) -> str:
    """'<!channel>', '<!subteam^…>', '@everyone' and the like, as words that notify nobody."""
    text = _BROADCAST_MARKUP.sub(_neutral_markup, text)
    return _BROADCAST_WORD.sub(lambda m: f"@{WORD_JOINER}{_visible(m.group('word'))}", text)


def has_broadcast(text: str) -> bool:
    return bool(_BROADCAST_MARKUP.search(text) or _BROADCAST_WORD.search(text))


def _neutral_markup(match: re.Match[str]) -> str:
    if match.group("word"):
        return f"@{WORD_JOINER}{_visible(match.group('word')).lower()}"
    label = _visible(match.group("label") or "").strip().lstrip("@")
    return f"@{WORD_JOINER}{label or 'group'}"


def _visible(text: str) -> str:
    return "".join(char for char in text if char not in _HIDDEN)


def _escape_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if token.startswith("&") and len(token) > 1 or _MARKUP.fullmatch(token):
        return token
    return "".join(_ESCAPES.get(char, char) for char in token)
