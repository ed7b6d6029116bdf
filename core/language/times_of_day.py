"""Times of day as written: `7pm`, `7:30`, `1930` (after `at`), `noon`, `half past six`."""

from __future__ import annotations

import re

from core.language.lexicon import NUMBER_WORDS
from core.language.numbers import word_number
from core.language.per_word import PerWord
from core.language.when import Tod

_CLOCK = re.compile(r"^(\d{1,2})(?:([:.])(\d{2}))?(am|pm|a|p)?(?:-?ish)?$")
_HOURS_H = re.compile(r"^(\d{1,2})h(\d{2})?$")  # `19h`, `7h30` (after `at` only): 24-hour
_MILITARY = re.compile(r"^(\d{1,2})(\d{2})$")
_MERIDIEM = {"am": "am", "pm": "pm", "a": "am", "p": "pm"}
_OCLOCK = frozenset({"o'clock", "oclock"})
_MINUTE_WORDS = {"oh": 0, "o": 0}
_END = r"(\d{1,2}(?:[:.]\d{2})?(?:am|pm|a|p)?)"
_RANGE = re.compile(rf"^{_END}-{_END}$")
_MARKED = re.compile(r":|\d[ap]m?$|^[ap]m$")
_RANGE_LEADS = frozenset({"at", "from", "@"})

Found = tuple[Tod, int]


def _apply(hour: int, minute: int, meridiem: str | None, *, zero_led: bool = False) -> Tod | None:
    if minute > 59:
        return None
    if meridiem is None:
        if hour > 23:
            return None
        return Tod(hour, minute, bare=1 <= hour <= 12 and not zero_led)
    if not 1 <= hour <= 12:
        return None
    if meridiem == "am":
        return Tod(0 if hour == 12 else hour, minute)
    return Tod(hour if hour == 12 else hour + 12, minute)


def _meridiem_after(words: list[str], j: int) -> tuple[str | None, int, bool]:
    """am/pm or o'clock right after a time: (meridiem, next index, found anything)."""
    if j < len(words):
        if words[j] in ("am", "pm"):
            return words[j], j + 1, True
        if words[j] in _OCLOCK:
            return None, j + 1, True
    return None, j, False


def _clock(low: str) -> tuple[int, str | None, int, str | None] | None:
    """`7:30pm` -> (7, ":", 30, "pm"): a _CLOCK word's hour, separator, minute and suffix."""
    match = _CLOCK.match(low)
    if match is None:
        return None
    return int(match.group(1)), match.group(2), int(match.group(3) or 0), match.group(4)


_CLOCKS = PerWord(_clock)  # read per word: clock times repeat (`9am`, `5pm`)


def _digits(words: list[str], i: int, after_at: bool) -> Found | None:
    low = words[i]
    match = _CLOCKS[low]
    euro = _HOURS_H.match(low) if after_at and match is None else None
    if euro is not None:
        tod = _apply(int(euro.group(1)), int(euro.group(2) or 0), None, zero_led=True)
        return (tod, i + 1) if tod else None
    if match is None:
        military = _MILITARY.match(low) if after_at and len(low) in (3, 4) else None
        if military is None:
            return None
        tod = _apply(int(military.group(1)), int(military.group(2)), None, zero_led=True)
        return (Tod(tod.hour, tod.minute), i + 1) if tod else None
    hour, sep, minute, suffix = match
    meridiem, j = _MERIDIEM.get(suffix or ""), i + 1
    if suffix in ("a", "p") and sep is None and not after_at:
        return None
    marked = meridiem is not None
    if meridiem is None:
        meridiem, j, marked = _meridiem_after(words, j)
    # A plain number (or 7.30) is a time only after `at` or with am/pm/o'clock.
    if not marked and not after_at and sep != ":":
        return None
    tod = _apply(hour, minute, meridiem, zero_led=low.startswith("0"))
    return (tod, j) if tod else None


def _word_minutes(words: list[str], j: int) -> tuple[int, int]:
    """Minutes spoken after an hour word: `thirty`, `forty five`, `oh five`."""
    if j >= len(words):
        return 0, j
    low = words[j]
    if low in _MINUTE_WORDS and j + 1 < len(words):
        unit = NUMBER_WORDS.get(words[j + 1], -1)
        if 0 < unit < 10:
            return unit, j + 2
    value = word_number(low)
    if value is None or not 10 <= value <= 59:
        return 0, j
    if low in ("twenty", "thirty", "forty", "fifty") and j + 1 < len(words):
        unit = NUMBER_WORDS.get(words[j + 1], -1)
        if 0 < unit < 10:
            return value + unit, j + 2
    return value, j + 1


def _hour_word(low: str) -> int | None:
    value = NUMBER_WORDS.get(low)
    if value is None and low.isdecimal():
        value = int(low)
    return value if value is not None and 1 <= value <= 12 else None


def _past_to(words: list[str], i: int) -> Found | None:
    """`half past six`, `quarter to nine`, `20 past 6`."""
    low = words[i]
    if low == "a" and i + 1 < len(words) and words[i + 1] == "quarter":
        i, low = i + 1, "quarter"
    minutes = {"half": 30, "quarter": 15}.get(low)
    if minutes is None:
        minutes = word_number(low) if not low.isdecimal() else int(low)
        if minutes is None or not 1 <= minutes <= 59:
            return None
    j = i + 1
    if j < len(words) and words[j] in ("minutes", "mins"):
        j += 1
    if j + 1 >= len(words) or words[j] not in ("past", "to", "after", "till"):
        return None
    hour = _hour_word(words[j + 1])
    if hour is None:
        return None
    if words[j] in ("to", "till"):
        hour, minutes = (hour - 1) or 12, 60 - minutes
    meridiem, k, _ = _meridiem_after(words, j + 2)
    tod = _apply(hour, minutes, meridiem)
    return (tod, k) if tod else None


def _words(words: list[str], i: int, after_at: bool) -> Found | None:
    found = _past_to(words, i)
    if found is not None:
        return found
    hour = NUMBER_WORDS.get(words[i])
    if hour is None or not 1 <= hour <= 12:
        return None
    minute, j = _word_minutes(words, i + 1)
    meridiem, j, marked = _meridiem_after(words, j)
    if not marked and not after_at:
        return None
    tod = _apply(hour, minute, meridiem)
    return (tod, j) if tod else None


def tod_at(words: list[str], i: int, *, after_at: bool = False) -> Found | None:
    """The time of day at words[i] and the index after it, or None."""
    if i >= len(words):
        return None
    low = words[i]
    if low == "12" and i + 1 < len(words) and words[i + 1] in ("noon", "midnight"):
        i, low = i + 1, words[i + 1]
    if low in ("noon", "midday"):
        return Tod(12, 0), i + 1
    if low == "midnight":
        return Tod(0, 0, midnight=True), i + 1
    if low[:1].isdecimal():
        return _digits(words, i, after_at)
    return _words(words, i, after_at)


def _range_words(words: list[str], i: int) -> tuple[list[str], list[str], int] | None:
    """`2-3pm`, `2-3 pm`, `9am - 10am` -> the words of each end and the index after."""
    match = _RANGE.match(words[i])
    if match is not None:
        second, j = [match.group(2)], i + 1
        if words[j:j + 1] in (["am"], ["pm"]) and match.group(2)[-1:].isdecimal():
            second, j = [match.group(2), words[j]], j + 1
        return [match.group(1)], second, j
    if i + 2 < len(words) and words[i + 1] == "-":
        start = _end_words(words, i)
        end = _end_words(words, i + 2)
        if start is not None and start[1] == i + 1 and end is not None:
            return start[0], end[0], end[1]
    return None


def _end_words(words: list[str], i: int) -> tuple[list[str], int] | None:
    if not words[i][:1].isdecimal():
        return None
    j = i + 2 if words[i + 1:i + 2] in (["am"], ["pm"]) else i + 1
    return words[i:j], j


def range_at(words: list[str], i: int) -> tuple[tuple[Tod, Tod], int] | None:
    """A range written without `from`: `2-3pm`, `10-11:30`, `9am-10am`, `9am - 10am`.

    One end needs am/pm or a colon (`do 3-4 pushups` is no time), unless `at` or `from`
    stands before it (`from 9-5`).
    """
    led = words[i] in _RANGE_LEADS
    j = i + 1 if led else i
    found = _range_words(words, j) if j < len(words) else None
    if found is None:
        return None
    first_words, second_words, end = found
    if not led and not any(_MARKED.search(w) for w in first_words + second_words):
        return None
    first = tod_at(first_words, 0, after_at=True)
    second = tod_at(second_words, 0, after_at=True)
    if first is None or second is None or first[1] < len(first_words):
        return None
    if second[1] < len(second_words):
        return None
    return (first[0], second[0]), end
