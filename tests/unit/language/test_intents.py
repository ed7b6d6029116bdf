"""The verb table and the chatter around a command."""

import pytest

from core.language.intents import trim, verb_at
from core.language.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "intent", "first_rest_word"),
    [
        pytest.param("remind me", "remind", "me", id="remind"),
        pytest.param("/nudge remind me", "remind", "me", id="slash nudge"),
        pytest.param("/remind@NudgeBot me", "remind", "me", id="bot suffix"),
        pytest.param("@Nudge remind me", "remind", "me", id="at mention"),
        pytest.param("<@U0BOT> remind me", "remind", "me", id="slack mention"),
        pytest.param("please remind me", "remind", "me", id="please"),
        pytest.param("can you remind me", "remind", "me", id="can you"),
        pytest.param("set a reminder for me", "remind", "for", id="set a reminder"),
        pytest.param("schedule message to #general", "post", "to", id="schedule message"),
        pytest.param("new habit read", "habit", "read", id="new habit"),
        pytest.param("my timezone is PST", "timezone", "is", id="my timezone"),
        pytest.param("my habits", "list", "habits", id="my habits"),
        pytest.param("what's on my calendar tomorrow", "agenda", "tomorrow", id="agenda"),
        pytest.param("add event dentist", "event", "dentist", id="add event"),
        pytest.param("meeting with Bob", "event", "meeting", id="meeting stays in the task"),
        pytest.param("delete reminder 3", "cancel", "reminder", id="delete"),
    ],
)
def test_the_leading_words_name_the_intent(text: str, intent: str, first_rest_word: str) -> None:
    words, lo, hi = trim(tokenize(text))

    verb = verb_at(words, lo, hi)

    assert verb is not None
    assert verb.intent == intent
    assert words[verb.rest] == first_rest_word


def test_trailing_thanks_and_please_are_cut() -> None:
    words, lo, hi = trim(tokenize("remind me at 5, thanks!"))

    assert words[lo:hi] == ["remind", "me", "at", "5"]


def test_a_text_without_command_word_has_no_verb() -> None:
    words, lo, hi = trim(tokenize("call mom in 2 hours"))

    assert verb_at(words, lo, hi) is None


@pytest.mark.parametrize(("text", "command"), [
    ("remind me to call mom at 5pm", "remind me to call mom at 5pm"),
    ("hey nudge, remind me at 5", "remind me at 5"),
    ("/remind@NudgeBot me at 5", "remind me at 5"),
    ("good morning, remind me at 5", "remind me at 5"),
    ("ok remind me at 5", "remind me at 5"),
    ("@nudgebot remind me at 5", "remind me at 5"),
    ("can you remind me at 5", "remind me at 5"),
    ("remind me at 5 please", "remind me at 5"),
    ("remind me at 5 thank you so much nudge", "remind me at 5"),
    ("remind me at 5 🎉", "remind me at 5"),
    ("remind me at 5 ...", "remind me at 5"),
    ("remind me at 5 thanks a lot", "remind me at 5"),
    ("remind me to thank bob", "remind me to thank bob"),
    ("remind me in 5", "remind me in 5"),
])
def test_chatter_is_cut_at_either_end_and_the_command_kept(text: str, command: str) -> None:
    """Ordinary first and last words end the search for chatter at once; anything that may
    be chatter (a greeting, `/cmd@bot`, a mention, thanks, `please`, an emoji) is looked at."""
    words, lo, hi = trim(tokenize(text))

    assert " ".join(words[lo:hi]) == command
