"""One command being parsed: its text, tokens, the command's token range, now and zone."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from core.language.tokens import Token, span_text


class Context(NamedTuple):
    """What every intent reader needs (a NamedTuple: one is built per message, and a tuple
    is built several times faster than a frozen dataclass)."""

    text: str
    tokens: list[Token]
    words: list[str]
    lo: int
    hi: int
    now: datetime
    zone: str
    end: int = 0  # after emoji that follow the command: chatter, unless a task ends with them

    def slice_text(self, lo: int, hi: int) -> str:
        """The original text of tokens lo..hi."""
        return span_text(self.text, self.tokens, lo, min(hi, self.hi))

    def task(self, lo: int) -> tuple[list[Token], list[str]]:
        """Tokens and words of lo.. to the end, emoji after the command included: a task may
        end with them (`celebrate 🎉`); after a closing time they are chatter (body.py)."""
        end = max(self.end, self.hi)
        return self.tokens[lo:end], self.words[lo:end]

    def sub(self, lo: int, hi: int | None = None) -> tuple[list[Token], list[str]]:
        """Tokens and words of lo..hi (default: to the end of the command)."""
        end = self.hi if hi is None else hi
        return self.tokens[lo:end], self.words[lo:end]
