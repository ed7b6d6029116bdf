"""Friendly refusals: the closest example, and "did you mean" for a mistyped command word."""

from __future__ import annotations

import difflib

from core.errors import ParseError
from core.language.intents import all_verbs

EXAMPLES: tuple[str, ...] = (
    "remind me to call mom tomorrow at 5pm",
    "remind #team standup every weekday at 9:30",
    "call mom in 2 hours",
    'post "release freeze starts" to #eng on Friday at 5pm',
    "habit meditate every morning",
    "done meditate",
    "goal run 100 km by Dec 31",
    "progress run 5 km",
    "list reminders",
    "cancel 3",
    "snooze 10m",
    "pause 3",
    "resume standup",
    "digest #team every weekday at 9",
    "agenda tomorrow",
    "add event dentist tomorrow 3pm for 1h",
    "timezone Europe/Berlin",
    "help",
)
_SINGLE_VERBS = tuple(v for v in all_verbs() if " " not in v and len(v) > 2)


def closest_example(text: str) -> str:
    """The example most like `text` (the first one when nothing is close)."""
    found = difflib.get_close_matches(text.lower()[:200], EXAMPLES, n=1, cutoff=0.0)
    return found[0] if found else EXAMPLES[0]


def suggestions(words: list[str]) -> list[str]:
    """Command words close to the first word typed (`remnd` -> `remind`)."""
    if not words:
        return []
    return difflib.get_close_matches(words[0], _SINGLE_VERBS, n=3, cutoff=0.75)


def not_a_command(text: str, words: list[str]) -> ParseError:
    """The refusal for text that is not a command: a short reply, a hint and suggestions."""
    hint = closest_example(text)
    close = suggestions(words)
    reply = "Sorry, I didn't get that."
    if close:
        reply += f" Did you mean '{close[0]}'?"
    reply += f" Try: `{hint}` (or `help`)."
    return ParseError(reply, hint=hint, suggestions=close)
