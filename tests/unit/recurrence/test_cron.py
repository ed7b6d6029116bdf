"""Cron's date walk: an expression whose days no month has is known never to fire at once."""

from __future__ import annotations

from datetime import datetime
from itertools import islice

import pytest

from core.recurrence import cron
from core.recurrence.cron import local_times, parse_cron

START = datetime(2026, 3, 4, 10, 15)


@pytest.mark.parametrize("expression", ["0 0 30 2 *", "0 0 31 2 *", "0 0 30,31 2 *",
                                        "0 9 31 4,6,9,11 *"])
def test_days_no_month_has_never_fire(expression: str) -> None:
    spec = parse_cron(expression)
    assert cron._never(spec)
    assert list(local_times(spec, START)) == []


@pytest.mark.parametrize(("expression", "first"), [
    ("0 0 29 2 *", datetime(2028, 2, 29)),  # a leap day comes round
    ("0 0 31 2,3 *", datetime(2026, 3, 31)),
    ("0 0 31 2 1", datetime(2027, 2, 1)),  # day or weekday: the Mondays of February
    ("0 0 L 2 *", datetime(2027, 2, 28)),
])
def test_days_some_month_has_are_walked_to(expression: str, first: datetime) -> None:
    spec = parse_cron(expression)
    assert not cron._never(spec)
    assert next(islice(local_times(spec, START), 1)) == first


@pytest.mark.parametrize("expression", ["0 25 * * *", "61 7 * * *", "1 2 3"])
def test_a_refused_expression_is_refused_again_with_the_same_reason(expression: str) -> None:
    """Refusals are kept like specs (croniter takes long to refuse): the second ask is
    refused too, with the same words."""
    with pytest.raises(ValueError, match="cron|acceptable") as first:
        parse_cron(expression)
    with pytest.raises(ValueError, match="cron|acceptable") as second:
        parse_cron(expression)
    assert str(second.value) == str(first.value)
