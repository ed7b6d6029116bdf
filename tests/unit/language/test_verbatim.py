"""The task comes back exactly as typed; schedule-looking words in it stay in it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.language import parse
from core.language.commands import Cancel, Post, Remind
from core.language.tokens import read
from core.recurrence.rules import Once

NOW = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo("Europe/Berlin"))


def _remind(text: str) -> Remind:
    command = parse(text, NOW, "Europe/Berlin")
    assert isinstance(command, Remind)
    return command


@pytest.mark.parametrize(("text", "what"), [
    ("remind me to \u201ccall\u201d mom \u2014 today\u2019s plan in 3 hours",
     "\u201ccall\u201d mom \u2014 today\u2019s plan"),
    ("remind me to read \u00ab Le Monde \u00bb tomorrow", "read \u00ab Le Monde \u00bb"),
    ("remind me to think\u2026 about it tomorrow", "think\u2026 about it"),
    ("remind me to water the \U0001F331 and \U0001F335 tomorrow at 9",
     "water the \U0001F331 and \U0001F335"),
    ("remind me to позвонить маме in 2 hours", "позвонить маме"),
    ("remind me to \u5bc4\u4fe1 tomorrow", "\u5bc4\u4fe1"),
    ("remind me to review *the* _draft_ ~old~ `v2` tomorrow at 9",
     "review *the* _draft_ ~old~ `v2`"),
    ("remind me to merge <https://example.com/pr/42|PR 42> &amp; ship tomorrow",
     "merge <https://example.com/pr/42|PR 42> &amp; ship"),
    ("remind me to pay Zo\u00eb\u2019s \u20ac20\u2009back in 1 hour",
     "pay Zo\u00eb\u2019s \u20ac20\u2009back"),
    ("remind me to call mom\u00a0\u2013 urgent tomorrow", "call mom\u00a0\u2013 urgent"),
])
def test_the_task_keeps_every_character_as_typed(text: str, what: str) -> None:
    assert _remind(text).what == what


def test_a_curly_quoted_task_is_unquoted_and_kept_inside() -> None:
    command = _remind("remind me \u201cCall Mom \u2014 now\u201d tomorrow")
    assert command.what == "Call Mom \u2014 now"
    assert _remind("remind me \u201eAnruf\u201c tomorrow").what == "Anruf"


def test_a_post_keeps_its_message_as_typed() -> None:
    command = parse("post to #eng tomorrow at 9am: it\u2019s \u201cfreeze\u201d time \U0001F976",
                    NOW, "Europe/Berlin")

    assert isinstance(command, Post)
    assert command.what == "it\u2019s \u201cfreeze\u201d time \U0001F976"


def test_a_ref_loses_curly_quotes() -> None:
    command = parse("cancel the \u201cstandup\u201d reminder", NOW, "Europe/Berlin")
    assert command == Cancel("standup")


def test_tokens_match_the_plain_copy_but_keep_the_original_text_and_span() -> None:
    text = "remind me \u2014 \u201cx\u201d\u2026 at 5pm."
    tokens = read(text)

    assert [t.low for t in tokens] == ["remind", "me", "-", '"x"', "...", "at", "5pm"]
    assert [text[t.start:t.end] for t in tokens] == [t.text for t in tokens]
    assert tokens[3].text == "\u201cx\u201d"


@pytest.mark.parametrize(("text", "what", "day", "hour"), [
    ("remind me tomorrow at 8:45am to join the daily", "join the daily", 5, (8, 45)),
    ("remind me to send the weekly report on Friday at 4", "send the weekly report", 6, (4, 0)),
    ("remind me to join the daily at 9:30 tomorrow", "join the daily", 5, (9, 30)),
    ("remind me to file my weekly on friday at 4pm", "file my weekly", 6, (16, 0)),
    ("remind me in 2 hours to check the hourly", "check the hourly", 4, (12, 15)),
    ("remind me tomorrow at 9 to water the plants every day", "water the plants every day", 5,
     (9, 0)),
])
def test_schedule_words_in_the_task_stay_in_the_task(
    text: str, what: str, day: int, hour: tuple[int, int]
) -> None:
    command = _remind(text)
    rule = command.recurrence.rule

    assert command.what == what
    assert isinstance(rule, Once)
    local = rule.at.astimezone(ZoneInfo("Europe/Berlin"))
    assert (local.day, local.hour, local.minute) == (day, *hour)


def test_a_time_before_the_task_still_joins_a_rule_after_it() -> None:
    command = _remind("remind me at 9 to stretch daily")

    assert command.what == "stretch"
    assert not command.recurrence.is_once
