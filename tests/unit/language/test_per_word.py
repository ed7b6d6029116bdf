"""PerWord: a pure function of a word, kept per word, and started again when full."""

from __future__ import annotations

import pytest

from core.language import per_word
from core.language.per_word import PerWord


def test_each_word_is_worked_out_once_and_a_full_table_starts_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def shout(word: str) -> str:
        asked.append(word)
        return word.upper()

    monkeypatch.setattr(per_word, "KEPT", 3)
    table = PerWord(shout)

    assert [table[w] for w in ("at", "nine", "at", "nine")] == ["AT", "NINE", "AT", "NINE"]
    assert asked == ["at", "nine"]
    assert table["pm"] == "PM"
    assert sorted(table) == ["at", "nine", "pm"]
    assert table["am"] == "AM"  # a fourth word: the full table starts again
    assert sorted(table) == ["am"]
    assert asked == ["at", "nine", "pm", "am"]
