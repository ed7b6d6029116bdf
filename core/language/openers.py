"""Which matchers may begin a chunk at a word: a cheap test on the first word, kept per word,
so that chunk_at skips the matchers that would only return -1 there (`at`, `the`, `tomorrow`
never begin a count or a span)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from core.language.numbers import is_number
from core.language.per_word import PerWord

M = TypeVar("M")
_NUMERIC_WORDS = frozenset({"a", "an", "couple", "few", "several", "half", "once", "twice",
                            "thrice"})


def numeric(low: str) -> bool:
    """A word a count or a span may begin with: digits, a number word, `a`, `few`, `twice`."""
    return low in _NUMERIC_WORDS or is_number(low)


class Planner(Generic[M]):
    """The matchers, in order, less those whose opener rules the word out: `plans[word]`."""

    def __init__(self, matchers: Sequence[M], opens: dict[M, Callable[[str], bool]]) -> None:
        self.matchers = tuple(matchers)
        self._opens = opens
        self.plans: PerWord[tuple[M, ...]] = PerWord(self._plan)

    def _plan(self, low: str) -> tuple[M, ...]:
        opens = self._opens
        return tuple(m for m in self.matchers if m not in opens or opens[m](low))
