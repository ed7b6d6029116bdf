"""Numbers as people type them: digits, decimals, words ("twenty five"), "a", "half"."""

from __future__ import annotations

import re
from functools import lru_cache

from core.language.lexicon import NUMBER_WORDS, ORDINAL_WORDS, TENS

# Twelve digits at most: longer "numbers" are ids or noise, not counts (and overflow dates).
_DECIMAL = re.compile(r"^\d{1,12}(?:\.\d{1,6})?$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


# Word-level readings are pure and people reuse their words: cached.
@lru_cache(maxsize=4096)
def word_number(low: str) -> int | None:
    """A number written as one word or a hyphenated pair ("twenty-five")."""
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    head, _, tail = low.partition("-")
    if head in TENS and tail in NUMBER_WORDS and NUMBER_WORDS[tail] < 10:
        return NUMBER_WORDS[head] + NUMBER_WORDS[tail]
    return None


@lru_cache(maxsize=4096)
def is_number(low: str) -> bool:
    """Digits or a number word: what number_at reads without its neighbours' help."""
    return _DECIMAL.match(low) is not None or word_number(low) is not None


def number_at(words: list[str], i: int, *, articles: bool = True) -> tuple[float, int] | None:
    """The number that starts at words[i] and the index after it, or None."""
    if i >= len(words):
        return None
    low = words[i]
    if _DECIMAL.match(low):
        return float(low), i + 1
    if articles and low in ("a", "an"):
        if words[i + 1:i + 2] == ["couple"]:  # `a couple of hours`, `a couple hours`
            return 2.0, i + 3 if words[i + 2:i + 3] == ["of"] else i + 2
        return 1.0, i + 1
    if low == "half":
        return 0.5, i + 1
    if low == "couple" and words[i + 1:i + 2] == ["of"]:
        return 2.0, i + 2
    value = word_number(low)
    if value is None:
        return None
    if low in TENS and i + 1 < len(words):
        unit = NUMBER_WORDS.get(words[i + 1])
        if unit is not None and 0 < unit < 10:
            return float(value + unit), i + 2
    return float(value), i + 1


@lru_cache(maxsize=4096)
def ordinal(low: str) -> int | None:
    """`3rd`, `third`, `last` (LAST) -> the number; None if the word is no ordinal."""
    match = _ORDINAL.match(low)
    if match:
        return int(match.group(1))
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    head, _, tail = low.partition("-")
    if head in TENS and tail in ORDINAL_WORDS and 0 < ORDINAL_WORDS[tail] < 10:
        return NUMBER_WORDS[head] + ORDINAL_WORDS[tail]
    return None


def as_number(value: float) -> int | float:
    """1.0 -> 1 for JSON; other values stay floats."""
    return int(value) if value == int(value) else value
