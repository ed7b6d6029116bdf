"""Friendly refusals."""

from core.language.suggest import EXAMPLES, STARTERS, closest_example, not_a_command, suggestions


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
