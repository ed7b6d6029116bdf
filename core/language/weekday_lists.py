"""Lists of weekdays as people write them: `mon, wed and fri`, `tu & th`, `mon/wed/fri`,
`on Mondays, on Wednesdays and on Fridays`."""

from __future__ import annotations

from core.language.lexicon import SHORT_WEEKDAYS, WEEKDAY_PLURALS, WEEKDAYS

SEPARATORS = frozenset({",", "and", "&", "/"})


def weekday_list(words: list[str], i: int, *, short: bool = True) -> tuple[frozenset[int], int]:
    """`mon, wed and fri`, `tu & th`, `mon/wed/fri` -> weekdays and the index after them."""
    days: set[int] = set()
    j = i
    while j < len(words):
        pieces = words[j].split("/") if "/" in words[j] else [words[j]]
        found = [_weekday(p, short) for p in pieces]
        if not pieces or any(f is None for f in found):
            k = j
            while days and k < len(words) and (words[k] in SEPARATORS
                                               or (k > j and words[k] == "on")):
                k += 1  # `mon, wed, and fri`: an Oxford comma is two separators; `on
                # Mondays, on Wednesdays and on Fridays` repeats its `on`
            if k > j and k < len(words) and _weekday(words[k].split("/")[0], short) is not None:
                j = k
                continue
            break
        days.update(f for f in found if f is not None)
        j += 1
    return frozenset(days), j


def _weekday(low: str, short: bool) -> int | None:
    if low in WEEKDAYS:
        return WEEKDAYS[low]
    if low in WEEKDAY_PLURALS:
        return WEEKDAY_PLURALS[low]
    return SHORT_WEEKDAYS.get(low) if short else None
