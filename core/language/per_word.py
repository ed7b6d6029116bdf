"""A pure function of one word, kept per word: people reuse their words, and the parser asks
about each word of each command. A dict's lookup, not lru_cache's call, on the hot path."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

V = TypeVar("V")
KEPT = 8192  # a flood of new words only starts the table again


class PerWord(dict[str, V]):
    """word -> of(word), filled as words come (`table[word]`)."""

    __slots__ = ("_of",)

    def __init__(self, of: Callable[[str], V]) -> None:
        super().__init__()
        self._of = of

    def __missing__(self, word: str) -> V:
        if len(self) >= KEPT:
            self.clear()
        value = self[word] = self._of(word)
        return value
