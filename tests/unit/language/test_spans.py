"""Lengths of time: wall-clock months and days, elapsed seconds."""

import pytest

from core.language.spans import span_at
from core.language.when import Span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("10 minutes", Span(seconds=600), id="10 minutes"),
        pytest.param("10 min", Span(seconds=600), id="10 min"),
        pytest.param("10m", Span(seconds=600), id="10m"),
        pytest.param("2h", Span(seconds=7200), id="2h"),
        pytest.param("1h30m", Span(seconds=5400), id="1h30m"),
        pytest.param("1.5 hours", Span(seconds=5400), id="1.5 hours"),
        pytest.param("an hour", Span(seconds=3600), id="an hour"),
        pytest.param("half an hour", Span(seconds=1800), id="half an hour"),
        pytest.param("a minute", Span(seconds=60), id="a minute"),
        pytest.param("two hrs", Span(seconds=7200), id="two hrs"),
        pytest.param("3 hours , 4 minutes", Span(seconds=11040), id="joined by a comma"),
        pytest.param("1 hour and 30 minutes", Span(seconds=5400), id="joined by and"),
        pytest.param("an hour and a half", Span(seconds=5400), id="and a half"),
        pytest.param("2 days 3 hours", Span(days=2, seconds=10800), id="days then hours"),
        pytest.param("3 days", Span(days=3), id="3 days"),
        pytest.param("2 weeks", Span(days=14), id="2 weeks"),
        pytest.param("a month", Span(months=1), id="a month"),
        pytest.param("a year", Span(months=12), id="a year"),
        pytest.param("twenty five minutes", Span(seconds=1500), id="twenty five"),
    ],
)
def test_a_span_is_read(text: str, expected: Span) -> None:
    words = text.split()

    found = span_at(words, 0)

    assert found == (expected, len(words))


@pytest.mark.parametrize("text", ["pages", "3 pages", "3pm", "2nd", "a day off"[:1]])
def test_not_a_span(text: str) -> None:
    assert span_at(text.split(), 0) is None
