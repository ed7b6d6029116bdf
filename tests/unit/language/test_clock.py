"""Times of day as written."""

import pytest

from core.language.times_of_day import tod_at
from core.language.when import Tod


@pytest.mark.parametrize(
    ("words", "after_at", "expected"),
    [
        pytest.param(["7am"], False, Tod(7, 0), id="7am"),
        pytest.param(["7", "am"], False, Tod(7, 0), id="7 am"),
        pytest.param(["7:30pm"], False, Tod(19, 30), id="7:30pm"),
        pytest.param(["7.30", "pm"], False, Tod(19, 30), id="7.30 pm"),
        pytest.param(["19:30"], False, Tod(19, 30), id="19:30"),
        pytest.param(["1930"], True, Tod(19, 30), id="1930 after at"),
        pytest.param(["7"], True, Tod(7, 0, bare=True), id="bare 7"),
        pytest.param(["7:30"], False, Tod(7, 30, bare=True), id="bare 7:30"),
        pytest.param(["07:30"], False, Tod(7, 30), id="zero-led is 24-hour"),
        pytest.param(["12am"], False, Tod(0, 0), id="12am"),
        pytest.param(["12pm"], False, Tod(12, 0), id="12pm"),
        pytest.param(["noon"], False, Tod(12, 0), id="noon"),
        pytest.param(["midnight"], False, Tod(0, 0, midnight=True), id="midnight"),
        pytest.param(["10", "o'clock"], False, Tod(10, 0, bare=True), id="o'clock"),
        pytest.param(["two"], True, Tod(2, 0, bare=True), id="at two"),
        pytest.param(["two", "pm"], False, Tod(14, 0), id="two pm"),
        pytest.param(["ten", "thirty"], True, Tod(10, 30, bare=True), id="ten thirty"),
        pytest.param(["half", "past", "six"], False, Tod(6, 30, bare=True), id="half past six"),
        pytest.param(["quarter", "to", "nine"], False, Tod(8, 45, bare=True), id="quarter to"),
        pytest.param(["quarter", "past", "nine"], False, Tod(9, 15, bare=True), id="quarter past"),
    ],
)
def test_a_time_of_day_reads_as_written(words: list[str], after_at: bool, expected: Tod) -> None:
    found = tod_at(words, 0, after_at=after_at)

    assert found is not None
    assert found[0] == expected


@pytest.mark.parametrize(
    ("words", "after_at"),
    [
        pytest.param(["7"], False, id="a plain number needs at"),
        pytest.param(["1930"], False, id="1930 needs at"),
        pytest.param(["7.30"], False, id="a decimal needs at or am/pm"),
        pytest.param(["25:00"], False, id="no hour 25"),
        pytest.param(["7:75"], False, id="no minute 75"),
        pytest.param(["13pm"], False, id="13pm"),
        pytest.param(["two"], False, id="a word hour needs at or am/pm"),
        pytest.param(["pages"], True, id="not a time"),
    ],
)
def test_not_a_time_of_day(words: list[str], after_at: bool) -> None:
    assert tod_at(words, 0, after_at=after_at) is None
