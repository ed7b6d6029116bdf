"""Cron's date walk: an expression whose days no month has is known never to fire at once."""

from __future__ import annotations

from datetime import datetime
from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_ITEM = st.one_of(
    st.just("*"), st.integers(0, 60).map(str),
    st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda r: f"{r[0]}-{r[1]}"),
    st.tuples(st.sampled_from(["*", "0-59", "9-17", "5-40", "1-31", "8"]),
              st.integers(0, 61)).map(lambda s: f"{s[0]}/{s[1]}"),
)
_FIELD = st.lists(_ITEM, min_size=1, max_size=3).map(",".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_FIELD, min_size=5, max_size=5))
def test_plain_fields_are_expanded_as_croniter_expands_them(parts: list[str]) -> None:
    """The expressions read without croniter (so that a first one does not pay its import)
    give croniter.expand's very fields; the rest are left to croniter."""
    from croniter import croniter

    try:
        mine = cron._plain_fields(parts)
    except ValueError:  # out of range: croniter refuses it too
        with pytest.raises(ValueError, match="."):
            croniter.expand(" ".join(parts))
        return
    if mine is not None:
        fields, nth = croniter.expand(" ".join(parts))
        assert [list(field) for field in fields] == mine
        assert not nth


def test_the_commonest_expressions_are_read_without_croniter() -> None:
    for expression in ("0 7 * * 1-5", "*/30 9-17 * * 1-5", "0 9 1 * *", "0 8 * * 1,3,5"):
        assert cron._plain_fields(expression.split()) is not None
    for expression in ("0 9 * * mon", "0 9 L * *", "0 9 * * 5#3", "0 9 * * 5-1"):
        assert cron._plain_fields(expression.split()) is None
    with pytest.raises(ValueError, match=r"^\[0 25 \* \* \*\] is not acceptable, out of range$"):
        cron._plain_fields(["0", "25", "*", "*", "*"])
