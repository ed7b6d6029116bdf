"""Lists of weekdays as people write them: `mon, wed and fri`, `tu & th`, `mon/wed/fri`,
`on Mondays, on Wednesdays and on Fridays`, and ranges: `Monday through Friday`, `mon-fri`."""

from __future__ import annotations

from core.language.lexicon import SHORT_WEEKDAYS, WEEKDAY_PLURALS, WEEKDAYS
from core.language.when import DateRef, When

SEPARATORS = frozenset({",", "and", "&", "/"})
_THROUGH = frozenset({"through", "thru", "to", "-"})  # `until` stays a bound (the doc)


def weekday_list(words: list[str], i: int, *, short: bool = True) -> tuple[frozenset[int], int]:
    """`mon, wed and fri`, `tu & th`, `mon/wed/fri` -> weekdays and the index after them."""
    if i >= len(words) or _weekday(words[i].split("/", 1)[0].split("-", 1)[0], short) is None:
        return frozenset(), i  # every list and range begins with a weekday (`every day ...`)
    days: set[int] = set()
    j = i
    while j < len(words):
        spanned = weekday_range(words, j, short=short)
        if spanned is not None:
            days.update(spanned[0])
            j = spanned[1]
            continue
        found = _days_in(words[j], short)
        if found is None:
            k = j
            while days and k < len(words) and (words[k] in SEPARATORS
                                               or (k > j and words[k] == "on")):
                k += 1  # `mon, wed, and fri`: an Oxford comma is two separators; `on
                # Mondays, on Wednesdays and on Fridays` repeats its `on`
            if k > j and k < len(words) and (_weekday(words[k].split("/")[0], short) is not None
                                             or weekday_range(words, k, short=short)):
                j = k
                continue
            break
        days.update(found)
        j += 1
    return frozenset(days), j


def _days_in(word: str, short: bool) -> list[int] | None:
    """`wed` -> [2], `mon/wed/fri` -> [0, 2, 4]; None if a piece is no weekday."""
    found = []
    for piece in word.split("/"):
        day = _weekday(piece, short)
        if day is None:
            return None
        found.append(day)
    return found


def weekday_range(words: list[str], i: int, *, short: bool = True
                  ) -> tuple[frozenset[int], int] | None:
    """`Monday through Friday`, `mon-fri`, `fri to mon` -> the days from one to the other
    (round the week's end), and the index after; None if no range starts at i."""
    low = words[i]
    if "-" in low and low.count("-") == 1:  # one word: `mon-fri`
        head, tail = low.split("-")
        ends, end = (_weekday(head, short), _weekday(tail, short)), i + 1
    elif i + 2 < len(words) and words[i + 1] in _THROUGH:
        ends, end = (_weekday(low, short), _weekday(words[i + 2], short)), i + 3
    else:
        return None
    first, last = ends
    if first is None or last is None or first == last:
        return None
    return frozenset((first + k) % 7 for k in range((last - first) % 7 + 1)), end


def _weekday(low: str, short: bool) -> int | None:
    if low in WEEKDAYS:
        return WEEKDAYS[low]
    if low in WEEKDAY_PLURALS:
        return WEEKDAY_PLURALS[low]
    return SHORT_WEEKDAYS.get(low) if short else None


def days_listed(words: list[str], end: int, date: DateRef, piece: When) -> int:
    """`on Monday and Wednesday`, `mon, wed and fri` with no `every`: after the weekday that
    date_at read (ending at `end`), more weekdays make a list, read as the next of each, once
    (readings.py says so, with every week as the one-tap fix). The index after, or -1."""
    if date.kind != "wd" or date.b != 0 or end >= len(words) or words[end] not in SEPARATORS:
        return -1
    days, after = weekday_list(words, end - 1)
    if after <= end or len(days) < 2:
        return -1
    piece.weekdays, piece.assumed = days, "each"
    return after
