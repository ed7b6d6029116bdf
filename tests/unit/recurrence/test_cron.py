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
