"""Whatever people type, parse returns a Command or raises ParseError, never anything else."""

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import ParseError
from core.language import parse
from core.language.commands import INTENT_NAMES

NOW = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo("America/New_York"))
ZONES = st.sampled_from(["UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney",
                         "Asia/Kolkata", "Pacific/Chatham"])
WORDS = st.sampled_from([
    "remind", "me", "to", "at", "in", "on", "every", "other", "day", "days", "week", "weeks",
    "month", "year", "monday", "fri", "tu", "th", "&", ",", "and", "from", "until", "ending",
    "starting", "for", "times", "a", "an", "half", "quarter", "past", "7", "12", "0", "31",
    "99", "2:30", "1930", "7pm", "am", "pm", "noon", "midnight", "tonight", "morning",
    "tomorrow", "today", "yesterday", "next", "this", "weekend", "eod", "eow", "eom", "mid",
    "march", "may", "feb", "29", "30", "1st", "last", "second", "2nd", "cron", "*", "*/5",
    "1-5", "`", '"', "PST", "UTC", "Europe/London", "@maria", "#team", "<@U1>", "post",
    "habit", "goal", "done", "snooze", "digest", "agenda", "event", "timezone", "help", "?",
    "hours", "minutes", "seconds", "1.5", "two", "twenty", "o'clock", "@", "+5", "km", "by",
    "between", "of", "the", "1h30m", "10m", "2026-02-30", "2027-03-03", "3/4", "weekdays",
    "everyday", "biweekly", "quarterly", "hourly", "1000000", "-1", "0:00", "24:00", "13pm",
    "9" * 15, "1" * 400, "0000-01-01", "9999-12-31", "+999999999999", "$5",
])


def assert_parses_or_is_refused(text: str, zone: str) -> None:
    refusal: ParseError | None = None
    try:
        command: object = parse(text, NOW, zone)
    except ParseError as error:
        refusal, command = error, None
    if refusal is None:
        assert type(command) in INTENT_NAMES
        return
    # The parser's safety net chains the bug it caught: there must be none.
    assert refusal.__cause__ is None, f"{text!r}: {refusal.__cause__!r}"
    assert refusal.reply


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300), ZONES)
def test_any_text_parses_or_is_refused(text: str, zone: str) -> None:
    assert_parses_or_is_refused(text, zone)


@settings(max_examples=1500, deadline=None)
@given(st.lists(WORDS, max_size=14), ZONES)
def test_any_mix_of_language_words_parses_or_is_refused(words: list[str], zone: str) -> None:
    assert_parses_or_is_refused(" ".join(words), zone)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=10), ZONES)
def test_a_reminder_with_any_mix_of_words_parses_or_is_refused(words: list[str], zone: str) -> None:
    assert_parses_or_is_refused("remind me to call mom " + " ".join(words), zone)
