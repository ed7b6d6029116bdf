"""Friendly refusals: the closest example, and "did you mean" for a mistyped command word."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Final

from core.errors import ParseError
from core.i18n import ENGLISH, N_, _, language
from core.language.detect import foreign_command
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


# Where to start when nothing typed is close to an example.
STARTERS: tuple[str, ...] = (N_("remind me to stretch in 1 hour"), "list", "help")
NOT_UNDERSTOOD: Final = N_("Sorry, I didn't get that. To start, try `remind me to stretch in 1 "
                           "hour`, `list`, `help`.")
EXAMPLE_CUTOFF: Final = 0.6  # below this an example is a guess, not a suggestion
VERB_CUTOFF: Final = 0.8  # `remnd` -> `remind`, `canel` -> `cancel`; not `call` -> `cancel`
_GREETINGS: Final = frozenset({"hi", "hello", "hey", "hiya", "howdy", "good morning",
                               "good afternoon", "good evening", "hi there", "hello there",
                               "hey there", "yo", "hallo"})
_THANKS: Final = frozenset({"thanks", "thank you", "thx", "ty", "cheers", "thanks a lot",
                            "thank you so much", "many thanks", "great thanks", "ok thanks"})
GREETING: Final = ("Hello! I'm Nudge. Try `remind me to stretch in 1 hour`, `list`, "
                   "or `help` for more.")
WELCOME: Final = "You're welcome!"


def small_talk(text: str) -> str | None:
    """The answer to a greeting or a thanks; None for anything else."""
    plain = " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())
    if plain in _GREETINGS or plain.removesuffix(" nudge") in _GREETINGS:
        return GREETING
    if plain in _THANKS or plain.removesuffix(" nudge") in _THANKS:
        return WELCOME
    return None


def closest_example(text: str) -> str:
    """The example most like `text`, or "" when none is close: what
    difflib.get_close_matches(text, EXAMPLES, n=1, cutoff=EXAMPLE_CUTOFF) finds, with one more
    bound before its costly ratio: the letters common in order (the matched blocks are some)."""
    typed = text.lower()[:200]
    matcher = difflib.SequenceMatcher(None, "", typed)
    masks: dict[str, int] | None = None
    best: tuple[float, str] | None = None
    for example in EXAMPLES:
        matcher.set_seq1(example)
        if matcher.real_quick_ratio() < EXAMPLE_CUTOFF or matcher.quick_ratio() < EXAMPLE_CUTOFF:
            continue
        masks = masks or _letter_masks(typed)
        if 2.0 * _in_order(example, masks, len(typed)) / (len(example) + len(typed)) \
                < EXAMPLE_CUTOFF:
            continue
        score = matcher.ratio()
        if score >= EXAMPLE_CUTOFF and (best is None or (score, example) > best):
            best = (score, example)
    return best[1] if best else ""


def _letter_masks(text: str) -> dict[str, int]:
    """Each letter of text -> the bits of the places it stands at."""
    masks: dict[str, int] = {}
    for place, letter in enumerate(text):
        masks[letter] = masks.get(letter, 0) | 1 << place
    return masks


def _in_order(word: str, masks: dict[str, int], size: int) -> int:
    """How many letters `word` has in common, in order, with the text of `masks` (`size`
    letters): the longest common subsequence, by Allison and Dix's bit vectors (a row of
    the classic table is one integer)."""
    row = (1 << size) - 1
    for letter in word:
        common = row & masks.get(letter, 0)
        row = (row + common) | (row - common)
    return size - (row & ((1 << size) - 1)).bit_count()


def misspelt_verb(text: str) -> tuple[str, str] | None:
    """(typed, meant) when the first word is a near miss of a command word: `remnd`."""
    first, _, rest = text.strip().partition(" ")
    word = first.lower()
    if len(word) < 4 or not word.isalpha() or word in _SINGLE_VERBS or word in _WORDS_OK:
        return None
    if foreign_command(word):  # `cancelar 2`, `pausa 2`: Spanish, not a misspelt `cancel`
        return None
    close = difflib.get_close_matches(word, _MAIN_VERBS, n=1, cutoff=VERB_CUTOFF)
    return (first, close[0]) if close else None


_MAIN_VERBS: Final = ("remind", "cancel", "pause", "resume", "snooze", "delete", "timezone",
                      "habit", "goal", "progress", "post", "digest", "help", "unpause")
_WORDS_OK: Final = frozenset({"remains", "remain", "listen", "posts", "poster", "pauses",
                              "mark", "stop", "hold", "show", "view", "done", "call", "email"})


def suggestions(words: list[str]) -> list[str]:
    """Command words close to the first word typed (`remnd` -> `remind`)."""
    return list(_close_verbs(words[0])) if words else []


# Pure, and the first words of what is not a command repeat (`what`, `hello`, `good`);
# difflib weighs each word against every command word (~50 us).
@lru_cache(maxsize=1024)
def _close_verbs(word: str) -> tuple[str, ...]:
    return tuple(difflib.get_close_matches(word, _SINGLE_VERBS, n=3, cutoff=VERB_CUTOFF))


def did_you_mean(text: str) -> tuple[str, str] | None:
    """("Did you mean 'remind'?", the corrected text) for a misspelt command word."""
    found = misspelt_verb(text)
    if found is None:
        return None
    typed, meant = found
    asked = _("Did you mean '{meant}'? Nothing was set up yet.", meant=meant)
    return asked, meant + text.strip()[len(typed):]


def not_a_command(text: str, words: list[str]) -> ParseError:
    """The refusal for text that is not a command: a short reply, a hint and suggestions."""
    if language() != ENGLISH:  # the examples and command words below are English ones
        return ParseError(_(NOT_UNDERSTOOD), hint=_(STARTERS[0]))
    hint = closest_example(text)
    close = suggestions(words)
    reply = "Sorry, I didn't get that."
    if close:
        reply += f" Did you mean '{close[0]}'?"
    if hint:
        reply += f" Try: `{hint}` (or `help`)."
    else:  # nothing close: real starting points rather than a wild guess
        reply += " To start, try " + ", ".join(f"`{s}`" for s in STARTERS) + "."
        hint = STARTERS[0]
    return ParseError(reply, hint=hint, suggestions=close)
