"""The days of a month as a rule names them: ordinals (`5th`, `last`, `2nd to last`), the nth
weekday (`first Monday`, `1st & last fri`) and days of the month (`1st and 15th`)."""

from __future__ import annotations

from core.errors import ParseError
from core.i18n import _
from core.language.numbers import ordinal
from core.language.weekday_lists import SEPARATORS, weekday_list
from core.language.when import When
from core.recurrence.rules import LAST


def ordinal_item(words: list[str], j: int) -> tuple[int, int] | None:
    """`5th`, `last`, `2nd to last` (-2), `second last` (-2), `second-to-last` -> (n, after)."""
    low = words[j]
    head, found = low, False
    for tail in ("-to-last", "-last"):
        if low.endswith(tail) and not found:
            head, found = low[:-len(tail)], True
    value = ordinal(head) if head[-2:].isalpha() else None
    if value is None or not (value == LAST or 1 <= value <= 31):
        return None
    if found and value not in (LAST, 1):
        return -value, j + 1
    if value not in (LAST, 1) and words[j + 1:j + 3] == ["to", "last"]:
        return -value, j + 3
    if value not in (LAST, 1) and words[j + 1:j + 2] == ["last"]:
        return -value, j + 2
    return value, j + 1


def ordinal_list(words: list[str], i: int) -> tuple[tuple[int, ...], int]:
    """`5th, 15th and 25th`, `1st and 2nd to last` -> days of the month (negative: from the end)."""
    days: list[int] = []
    j = i
    while j < len(words):
        item = ordinal_item(words, j)
        if item is None:
            break
        days.append(item[0])
        j = item[1]
        if j + 1 < len(words) and words[j] in SEPARATORS and ordinal(words[j + 1]):
            j += 1
    return tuple(days), j


def of_the_month(words: list[str], j: int) -> int:
    for tail in (["of", "the", "month"], ["of", "every", "month"], ["of", "each", "month"],
                 ["of", "month"], ["a", "month"]):
        if words[j:j + len(tail)] == tail:
            return j + len(tail)
    return j


def nth_weekdays(words: list[str], i: int, when: When) -> int:
    """`first Monday`, `2nd and 4th Tuesday`, `1st & last fri` -> the month's nth weekdays."""
    nths, j = ordinal_list(words, i)
    if not nths or j >= len(words) or not all(-5 <= n <= 5 for n in nths):
        return -1
    days, k = weekday_list(words, j, short=False)
    if not days:
        return -1
    if len(days) > 1:
        # One weekday per rule: `every 2nd Tuesday and Thursday` must not lose Thursday.
        raise ParseError(_("A monthly rule by weekday takes one weekday: set one reminder for "
                           "each day."), hint=_("remind me every 2nd and 4th Tuesday at 10am"))
    when.freq, when.nth = "month", (nths, min(days))
    return of_the_month(words, k)


def ordinal_after(words: list[str], i: int) -> bool:
    """An ordinal (`1st`, `last`) after an `on` and a `the`: what the next two first need."""
    j = i + 1 if words[i] == "on" else i
    j = j + 1 if j < len(words) and words[j] == "the" else j
    return j < len(words) and ordinal_item(words, j) is not None


def nth_weekday_at(words: list[str], i: int, when: When, *, monthly: bool) -> int:
    """`on the first Monday of every month`, `(monthly) on the last Friday` -> nth weekday."""
    j = i + 1 if words[i] == "on" else i
    j = j + 1 if words[j:j + 1] == ["the"] else j
    found = When()
    end = nth_weekdays(words, j, found) if j < len(words) else -1
    if end < 0 or found.nth is None:
        return -1
    tail = words[end - 3:end]
    if not monthly and tail not in (["of", "every", "month"], ["of", "each", "month"]):
        return -1
    when.freq, when.nth = "month", found.nth
    return end


def monthdays_at(words: list[str], i: int, when: When, *, monthly: bool) -> int:
    """`(monthly) on the 1st and 15th`, `on the 1st and 15th of every month` -> days."""
    j = i + 1 if words[i] == "on" else i
    j = j + 1 if words[j:j + 1] == ["the"] else j
    days, end = ordinal_list(words, j) if j < len(words) else ((), j)
    if len(days) < 2 or any(day < 0 and day != LAST for day in days):
        return -1  # one day is a date (`on the 15th`), read elsewhere
    end = end + 1 if words[end:end + 1] in (["day"], ["days"]) else end
    tail = of_the_month(words, end)
    if not monthly and words[end:tail] not in (["of", "every", "month"], ["of", "each", "month"]):
        return -1
    when.freq, when.monthdays = "month", days
    return tail
