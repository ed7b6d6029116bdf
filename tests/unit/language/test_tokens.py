"""Cleaning and tokens that keep the original words."""

from core.language.tokens import clean, span_text, tokenize


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
