"""Friendly refusals."""

from core.language.suggest import EXAMPLES, closest_example, not_a_command, suggestions


def test_a_mistyped_verb_gets_suggestions() -> None:
    assert suggestions(["remnd"])[0] == "remind"
    assert suggestions(["xyzzy"]) == []


def test_the_hint_is_one_of_the_examples() -> None:
    assert closest_example("post something to #eng friday") in EXAMPLES


def test_the_refusal_carries_reply_hint_and_suggestions() -> None:
    error = not_a_command("agnda", ["agnda"])

    assert "Did you mean 'agenda'?" in error.reply
    assert error.hint in EXAMPLES
    assert error.suggestions[0] == "agenda"
