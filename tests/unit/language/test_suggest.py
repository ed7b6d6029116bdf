"""Friendly refusals."""

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from core.language.suggest import (
    EXAMPLE_CUTOFF,
    EXAMPLES,
    STARTERS,
    _in_order,
    _letter_masks,
    closest_example,
    not_a_command,
    suggestions,
)


def test_a_mistyped_verb_gets_suggestions() -> None:
    assert suggestions(["remnd"])[0] == "remind"
    assert suggestions(["xyzzy"]) == []


def test_the_hint_is_one_of_the_examples() -> None:
    assert closest_example("post release notes to #eng on friday at 5pm") in EXAMPLES


def test_nothing_close_gives_no_example_but_starting_points() -> None:
    error = not_a_command("asdfgh", ["asdfgh"])

    assert closest_example("asdfgh") == ""
    assert "To start, try `remind me to stretch in 1 hour`, `list`, `help`." in error.reply
    assert "pause 3" not in error.reply


def test_the_refusal_carries_reply_hint_and_suggestions() -> None:
    error = not_a_command("agnda", ["agnda"])

    assert "Did you mean 'agenda'?" in error.reply
    assert error.hint in (*EXAMPLES, *STARTERS)
    assert error.suggestions[0] == "agenda"


def _common_in_order(a: str, b: str) -> int:
    """The longest common subsequence by the classic table."""
    row = [0] * (len(b) + 1)
    for letter in a:
        diagonal, row[0] = 0, 0
        for j, other in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if letter == other else max(row[j], row[j - 1])
    return row[-1]


_TEXT = st.text(alphabet="abcdem #@:059", max_size=40)


@settings(max_examples=2000, deadline=None)
@given(_TEXT, _TEXT)
def test_letters_in_order_are_the_longest_common_subsequence(a: str, b: str) -> None:
    assert _in_order(a, _letter_masks(b), len(b)) == _common_in_order(a, b)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(max_size=80), st.sampled_from(EXAMPLES).flatmap(
    lambda example: st.builds(lambda cut, tail: example[:cut] + tail, st.integers(0, 60),
                              st.text(max_size=12)))))
def test_the_closest_example_is_the_one_difflib_finds(text: str) -> None:
    """The extra bound only skips examples difflib would have found too far off."""
    found = difflib.get_close_matches(text.lower()[:200], EXAMPLES, n=1, cutoff=EXAMPLE_CUTOFF)
    assert closest_example(text) == (found[0] if found else "")
