"""Counts: `3 times` and `twice` (a bound), `3 times a week` (a habit's target), `once a month`."""

from __future__ import annotations

from core.language.numbers import number_at
from core.language.when import When

_WORDS = {"once": 1, "twice": 2, "thrice": 3}
_PER_WEEK = (["a", "week"], ["per", "week"], ["each", "week"], ["every", "week"], ["weekly"])
_ONCE_ADVERBS = {"daily": "day", "monthly": "month", "yearly": "year", "annually": "year"}
_ONCE_PERIODS = {"day": "day", "month": "month", "year": "year"}
_PER_DAY = (["a", "day"], ["per", "day"], ["each", "day"], ["every", "day"], ["daily"],
            ["a", "-", "day"])
_PER_MONTH = (["a", "month"], ["per", "month"], ["each", "month"], ["every", "month"],
              ["monthly"])
# `a couple of times`, `a few times`, `several times`: 2, 3 and 3 (readings.py documents them).
_VAGUE_COUNTS = ((["a", "couple", "of"], 2), (["a", "couple"], 2), (["couple", "of"], 2),
                 (["a", "few"], 3), (["few"], 3), (["several"], 3))


def _vague_count(words: list[str], i: int) -> tuple[int, int] | None:
    for lead, value in _VAGUE_COUNTS:
        j = i + len(lead)
        if words[i:j] == lead and words[j:j + 1] == ["times"]:
            return value, j + 1
    return None


def _tail(words: list[str], j: int, tails: tuple[list[str], ...]) -> int:
    for tail in tails:
        if words[j:j + len(tail)] == tail:
            return j + len(tail)
    return -1


def times_at(words: list[str], i: int, when: When) -> int:
    """`3 times` (a count), `3 times a week` (a habit's target), `twice a week`, `once a day`."""
    found = number_at(words, i, articles=False)
    vague = _vague_count(words, i)
    if vague is not None:
        value, j = vague
    elif found is not None and found[1] < len(words) and words[found[1]] in ("times", "x"):
        value, j = int(found[0]), found[1] + 1
    elif words[i][:-1].isdecimal() and words[i][-1:] == "x":  # `3x a week`
        value, j = int(words[i][:-1]), i + 1
    elif words[i] in _WORDS:
        value, j = _WORDS[words[i]], i + 1
    else:
        return -1
    for tail in _PER_WEEK:
        if words[j:j + len(tail)] == tail:
            when.per_week = value
            if value > 1:
                when.assumed = f"week:{value}"  # outside habits: spread over the week
            return j + len(tail)
    if value > 1:
        end = _counted(words, j, when, value)
        if end > j:
            return end
    if vague is not None:
        return -1  # `a few times` alone names no schedule
    if value == 1:
        end = _once_a(words, j, when)  # `once a month` is monthly
        if end > j:
            return end
    if words[i] == "once" or words[i][-1:] == "x":
        return -1  # `3x` alone stays text (`do 3x tomorrow`); `3x a week` is a target
    when.count = value  # `3 times`, `twice`: a count bound
    return j


def _counted(words: list[str], j: int, when: When, value: int) -> int:
    """`twice a day`, `3 times daily`, `twice a month`: a rule whose times readings.py fills."""
    end = _tail(words, j, _PER_DAY)
    if end > j:
        when.freq, when.assumed = "day", f"day:{value}"
        return end
    end = _tail(words, j, _PER_MONTH)
    if end > j:
        when.freq, when.assumed = "month", f"month:{value}"
        return end
    return -1


def _once_a(words: list[str], j: int, when: When) -> int:
    """After `once`: `a day`, `per month`, `every year`, `monthly` -> that period's rule."""
    if j < len(words) and words[j] in _ONCE_ADVERBS:
        when.freq = _ONCE_ADVERBS[words[j]]
        return j + 1
    if words[j:j + 1] in (["a"], ["per"], ["each"], ["every"]) and j + 1 < len(words):
        freq = _ONCE_PERIODS.get(words[j + 1])
        if freq is not None:
            when.freq = freq
            return j + 2
    return -1
