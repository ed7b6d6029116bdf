"""Numbers as people type them."""

import pytest

from core.language.numbers import as_number, number_at, ordinal, word_number
from core.recurrence.rules import LAST


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("3", 3.0, id="digits"),
        pytest.param("1.5", 1.5, id="decimal"),
        pytest.param("two", 2.0, id="word"),
        pytest.param("twenty five", 25.0, id="two words"),
        pytest.param("a", 1.0, id="a"),
        pytest.param("an", 1.0, id="an"),
        pytest.param("half", 0.5, id="half"),
        pytest.param("a couple of", 2.0, id="a couple of"),
    ],
)
def test_a_number_is_read(text: str, expected: float) -> None:
    words = text.split()

    assert number_at(words, 0) == (expected, len(words))


def test_articles_can_be_turned_off() -> None:
    assert number_at(["a"], 0, articles=False) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [("3rd", 3), ("third", 3), ("21st", 21), ("last", LAST), ("twenty-first", 21), ("x", None)],
)
def test_ordinals(word: str, expected: int | None) -> None:
    assert ordinal(word) == expected


def test_hyphenated_word_numbers() -> None:
    assert word_number("forty-five") == 45
    assert word_number("forty-ten") is None


def test_whole_numbers_print_without_a_fraction() -> None:
    assert as_number(100.0) == 100
    assert isinstance(as_number(100.0), int)
    assert as_number(2.5) == 2.5
