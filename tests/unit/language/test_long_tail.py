"""Round 5's long-tail phrasings, piece by piece: spans, ranges, zone words, counts."""

import subprocess
import sys

import pytest

from core.errors import ParseError
from core.language.counts import times_at
from core.language.spans import span_at
from core.language.times_of_day import range_at
from core.language.when import Span, Tod, When
from core.language.zonewords import offset_zone, zone_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a fortnight", Span(days=14), id="a fortnight"),
        pytest.param("2 fortnights", Span(days=28), id="2 fortnights"),
        pytest.param("2 and a half hours", Span(seconds=9000), id="2 and a half hours"),
        pytest.param("two and a half minutes", Span(seconds=150), id="words and a half"),
        pytest.param("a couple hours", Span(seconds=7200), id="a couple without of"),
        pytest.param("half a day", Span(seconds=43200), id="half a day is 12 elapsed hours"),
        pytest.param("a day and a half", Span(days=1, seconds=43200), id="a day and a half"),
    ],
)
def test_a_long_tail_span_is_read(text: str, expected: Span) -> None:
    words = text.split()

    assert span_at(words, 0) == (expected, len(words))


@pytest.mark.parametrize("text", ["a few minutes", "few hours", "several days"])
def test_a_vague_span_is_read_but_marked_with_its_unit(text: str) -> None:
    words = text.split()

    found = span_at(words, 0)

    assert found is not None
    assert found[0].vague == words[-1]
    assert found[1] == len(words)


def test_and_a_half_needs_a_unit_after_it() -> None:
    assert span_at(["2", "and", "a", "half"], 0) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2-3pm", (Tod(2, bare=True), Tod(15)), id="end marked"),
        pytest.param("10-11:30", (Tod(10, bare=True), Tod(11, 30, bare=True)), id="colon"),
        pytest.param("9am-10am", (Tod(9), Tod(10)), id="both marked"),
        pytest.param("9am - 10am", (Tod(9), Tod(10)), id="spaced dash"),
        pytest.param("2-3 pm", (Tod(2, bare=True), Tod(15)), id="am/pm as a word"),
        pytest.param("from 9-5", (Tod(9, bare=True), Tod(5, bare=True)), id="after from"),
    ],
)
def test_a_compact_range_is_read_as_a_window(text: str, expected: tuple[Tod, Tod]) -> None:
    words = text.split()

    assert range_at(words, 0) == (expected, len(words))


@pytest.mark.parametrize("text", ["3-4", "10-12", "2026-03-10", "9am-", "9am - call"])
def test_numbers_with_a_dash_are_no_range(text: str) -> None:
    assert range_at(text.split(), 0) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eastern", "America/New_York"), ("pacific", "America/Los_Angeles"),
        ("Central Time", "America/Chicago"), ("US Mountain", "America/Denver"),
        ("eastern standard time", "America/New_York"), ("UTC+2", "Etc/GMT-2"),
        ("GMT-5", "Etc/GMT+5"), ("utc+02:00", "Etc/GMT-2"), ("UTC+0", "UTC"),
        ("+3", "Etc/GMT-3"), ("UTC-12", "Etc/GMT+12"), ("UTC+14", "Etc/GMT-14"),
        ("Europe/Berlin", "Europe/Berlin"), ("PST", "America/Los_Angeles"),
    ],
)  # fmt: skip
def test_zone_names_people_type(text: str, expected: str) -> None:
    assert zone_name(text) == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [("utc+05:30", "Asia/Kolkata"), ("utc+5:45", "Asia/Kathmandu"),
     ("gmt-03:30", "America/St_Johns")],
)  # fmt: skip
def test_a_half_hour_offset_is_refused_with_a_place_to_name(text: str, place: str) -> None:
    with pytest.raises(ParseError) as raised:
        offset_zone(text)

    assert raised.value.hint == f"timezone {place}"


@pytest.mark.parametrize("text", ["utc+15", "gmt-13"])
def test_an_offset_no_place_uses_is_refused(text: str) -> None:
    with pytest.raises(ParseError):
        offset_zone(text)


def test_a_word_without_an_offset_is_no_offset_zone() -> None:
    assert [offset_zone("utc"), offset_zone("2"), offset_zone("gmt+")] == [None, None, None]


@pytest.mark.parametrize(
    ("text", "count", "per_week", "freq"),
    [
        ("twice", 2, None, None), ("thrice", 3, None, None), ("3 times", 3, None, None),
        ("once a week", None, 1, None), ("twice a week", None, 2, None),
        ("once a month", None, None, "month"), ("once a day", None, None, "day"),
        ("once per year", None, None, "year"), ("once monthly", None, None, "month"),
    ],
)  # fmt: skip
def test_counts_and_once_a_period(
    text: str, count: int | None, per_week: int | None, freq: str | None
) -> None:
    when = When()
    words = text.split()

    end = times_at(words, 0, when)

    assert (end, when.count, when.per_week, when.freq) == (len(words), count, per_week, freq)


@pytest.mark.parametrize("text", ["once", "once more", "3x"])
def test_once_alone_stays_text(text: str) -> None:
    assert times_at(text.split(), 0, When()) == -1


def test_a_city_iana_names_resolves_without_loading_babel() -> None:
    """Babel's zone names cost a tenth of a second to load: an IANA city (`Berlin`) or an
    unknown IANA-style name must not load them; a city only a language names does."""
    probe = (
        "import sys\n"
        "from core.language.zonewords import zone_name\n"
        "print(zone_name('Berlin'), zone_name('Sao Paulo'), zone_name('Mars/Olympus'),"
        " 'babel' in sys.modules)\n"
        "print(zone_name('Wien'), 'babel' in sys.modules)\n"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True).stdout.splitlines()

    assert shown == ["Europe/Berlin America/Sao_Paulo None False", "Europe/Vienna True"]


def test_no_city_name_has_a_slash() -> None:
    """zone_name skips the city tables for a name with a slash; that loses nothing."""
    from core.language.zonewords import cldr_cities, iana_cities

    assert not [name for name in (*iana_cities(), *cldr_cities()) if "/" in name]
