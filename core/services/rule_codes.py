"""A recurrence rule in a button's argument (up to 12 of [A-Za-z0-9_-]): the one-tap fix of a
vague frequency's reading applies a whole other rule, so the button carries that rule.

Why in the argument rather than on the schedule: the argument is sealed (signed, scoped and
expiring) with the button already, the other reading is only ever wanted from that button,
and nothing new is stored or migrated. The readings of `core.language.readings` are all
daily, weekly or monthly rules on whole hours, which fit:

    d<every><hours>          Daily            d19i    = every day at 09:00 and 18:00
    w<weekdays>-<hours>      Weekly           w03-9   = Mon and Thu at 09:00
    m<days>-<hours>          MonthlyByDay     m1f-9   = the 1st and 15th at 09:00

with numbers as base-36 digits (an hour 0-23 is one digit, a day 1-31 one digit). A rule
that does not fit (minutes, every other week, too many times) gets no button: `encode`
returns None and the confirmation only states the reading.

A fix that also changes how many times the series runs ends in `_<count>` (`_0`: no
count): `on Monday and Wednesday` is read as twice, once each (w02-9 with a count of 2),
and its fix is every week (`w02-9_0`). Without the mark the count stays as it is.
"""

from __future__ import annotations

from datetime import date, time
from typing import Final

from core.recurrence.rules import Daily, MonthlyByDay, Rule, Weekly

_DIGITS: Final = "0123456789abcdefghijklmnopqrstuvwxyz"
MAX_LENGTH: Final = 12


def encode(rule: Rule) -> str | None:
    """The rule as a button argument, or None when it does not fit."""
    hours = _hours(getattr(rule, "times", ()))
    if hours is None:
        return None
    code: str | None = None
    if isinstance(rule, Daily) and 1 <= rule.every < 36:
        code = "d" + _DIGITS[rule.every] + hours
    elif isinstance(rule, Weekly) and rule.every == 1 and rule.weekdays:
        code = "w" + "".join(str(d) for d in sorted(rule.weekdays)) + "-" + hours
    elif (isinstance(rule, MonthlyByDay) and rule.every == 1 and rule.days
          and all(1 <= d <= 31 for d in rule.days)):
        code = "m" + "".join(_DIGITS[d] for d in rule.days) + "-" + hours
    return code if code is not None and len(code) <= MAX_LENGTH else None


def decode(code: str, anchor: date) -> Rule:
    """The rule a button argument names (ValueError if it names none). `anchor`: the first
    day of an every-N-days rule when the argument sets one."""
    kind, body = code[:1], code[1:]
    if kind == "d" and len(body) >= 2:
        every = _DIGITS.index(body[0])
        if every < 1:
            raise ValueError(code)
        return Daily(times=_times(body[1:]), every=every, anchor=anchor if every > 1 else None)
    days, dash, hours = body.partition("-")
    if not dash or not days:
        raise ValueError(code)
    if kind == "w":
        weekdays = frozenset(int(d) for d in days)
        if not weekdays <= set(range(7)):
            raise ValueError(code)
        return Weekly(weekdays=weekdays, times=_times(hours))
    if kind == "m":
        numbers = tuple(_DIGITS.index(d) for d in days)
        if not all(1 <= d <= 31 for d in numbers):
            raise ValueError(code)
        return MonthlyByDay(days=numbers, times=_times(hours))
    raise ValueError(code)


def _hours(times: tuple[time, ...]) -> str | None:
    if not times or any(t.minute or t.second for t in times):
        return None
    return "".join(_DIGITS[t.hour] for t in times)


def _times(hours: str) -> tuple[time, ...]:
    found = tuple(time(_DIGITS.index(h)) for h in hours)
    if not found or any(t.hour > 23 for t in found):
        raise ValueError(hours)
    return found


def with_count(code: str, count: int | None) -> str | None:
    """`code` that also sets the series' count (None: no count), or None when too long."""
    marked = code + "_" + _base36(count or 0)
    return marked if len(marked) <= MAX_LENGTH else None


def split_count(code: str) -> tuple[str, int | None, bool]:
    """(the rule's code, the count it sets, whether it sets one)."""
    rule, mark, count = code.partition("_")
    if not mark:
        return code, None, False
    if not count or any(c not in _DIGITS for c in count):
        raise ValueError(code)
    return rule, int(count, 36) or None, True


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
        if not number:
            return digits
