"""A rule (and, for a reading that changes it, a series' count) in a button's argument."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.recurrence.rules import Daily, MonthlyByDay, Weekly
from core.services import rule_codes

ANCHOR = date(2026, 3, 4)


@pytest.mark.parametrize("rule", [
    Daily((time(9), time(18))), Daily((time(9),), 3, ANCHOR),
    Weekly(frozenset({0, 3}), (time(9),)), MonthlyByDay((1, 15), (time(9),)),
])
def test_a_rule_comes_back_from_its_code(rule: object) -> None:
    code = rule_codes.encode(rule)  # type: ignore[arg-type]

    assert code is not None
    assert rule_codes.decode(code, ANCHOR) == rule
    assert rule_codes.split_count(code) == (code, None, False)  # no mark: the count stays


@pytest.mark.parametrize(("count", "mark"), [(2, "_2"), (None, "_0"), (40, "_14")])
def test_a_count_rides_after_the_rule(count: int | None, mark: str) -> None:
    code = rule_codes.with_count("w02-9", count)

    assert code == "w02-9" + mark
    assert rule_codes.split_count(code) == ("w02-9", count, True)


def test_every_33_days_is_not_read_as_a_count() -> None:
    code = rule_codes.encode(Daily((time(9),), 33, ANCHOR))

    assert code == "dx9"
    assert rule_codes.split_count(code) == ("dx9", None, False)


@pytest.mark.parametrize("code", ["w02-9_", "w02-9_!", "w02-9_A"])
def test_a_bad_count_mark_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match="w02-9_"):
        rule_codes.split_count(code)


def test_a_count_that_makes_the_code_too_long_gets_no_button() -> None:
    assert rule_codes.with_count("w0123456-9a", 2) is None  # 13 characters
