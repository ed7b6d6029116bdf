"""Cleaning and tokens that keep the original words."""

from hypothesis import given, settings
from hypothesis import strategies as st

from core.language.tokens import _matched, _spaced_words, clean, read, span_text, tokenize


def test_curly_quotes_and_a_trailing_full_stop_are_cleaned() -> None:
    assert clean("remind #finance \u201cclose the books\u201d every 27th.") == (
        'remind #finance "close the books" every 27th'
    )


def test_tokens_keep_quotes_markup_and_clock_times_whole() -> None:
    words = [t.low for t in tokenize('post "a b" to <#C1|ops> at 9:30pm: hi, @ 7')]

    assert words == ["post", '"a b"', "to", "<#c1|ops>", "at", "9:30pm", ":", "hi", ",", "at", "7"]


def test_span_text_returns_the_words_as_written() -> None:
    text = "remind me to Call Mom\nnow"
    tokens = tokenize(text)

    assert span_text(text, tokens, 3, 6) == "Call Mom\nnow"


def test_am_pm_with_dots_fold_to_am_pm() -> None:
    assert [t.low for t in tokenize("5 p.m. 6a.m.")] == ["5", "pm", "6am"]


def test_faces_are_single_tokens_and_glued_ones_split_off() -> None:
    words = [t.low for t in tokenize("hi :) call mom at 5pm:) :thumbsup: <3 reminder: x")]

    assert words == ["hi", ":)", "call", "mom", "at", "5pm", ":)", ":thumbsup:", "<3",
                     "reminder", ":", "x"]


def test_chat_spellings_fold_to_time_words_but_keep_their_text() -> None:
    tokens = tokenize("nxt wk tonite")

    assert [t.low for t in tokens] == ["next", "week", "tonight"]
    assert [t.text for t in tokens] == ["nxt", "wk", "tonite"]


# Text made of the characters that decide where tokens fall: letters (x starts faces),
# digits, spaces, the marks _TOKEN splits at, faces' marks, dots and non-ASCII ones.
_PIECES = st.sampled_from(list("abcmxXdD059 .:;,&@<>\"`'#()-=^_!?/+") +
                          ["  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\u2019",
                           "\u2026", ":)", "=)", "^^", "xD", "5pm", "9:30", "\u00e9"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_plain_spaced_words_are_split_as_the_token_pattern_splits_them(text: str) -> None:
    """read's shortcut for ASCII words one space apart gives exactly the tokens (words, folds
    and spans) that the token pattern gives."""
    assert read(text) == _matched(text)


def test_the_shortcut_is_taken_for_plain_words_only() -> None:
    assert _spaced_words("remind me to call mom tomorrow at 5pm")
    assert _spaced_words("standup every weekday at 9:30")
    for text in ("at 5pm, call mom", "call @sam", "note: hi", "hi :)", 'say "hi"', "a  b", " a",
                 "a ", "a\x1cb", "a\nb", ""):
        assert not _spaced_words(text)
    assert [(t.text, t.start, t.end) for t in read("call Mom at 5pm")] == [
        ("call", 0, 4), ("Mom", 5, 8), ("at", 9, 11), ("5pm", 12, 15)]
