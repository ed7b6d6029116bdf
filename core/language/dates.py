"""Date phrases: `tomorrow`, `on Friday`, `next week`, `March 3`, `the 7th`, `2027-03-03`."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from core.language.lexicon import MONTHS, WEEKDAYS
from core.language.numbers import ordinal
from core.language.when import DateRef
from core.recurrence.rules import LAST

_ISO = re.compile(r"^((?:19|20|21)\d\d)-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_YEAR = re.compile(r"^(19|20|21)\d\d$")
_TOMORROW = frozenset({"tomorrow", "tmrw", "tmr", "tmw", "tomorow", "tommorow", "tommorrow",
                       "2moro", "tomoz"})
_LEADS = frozenset({"on", "by", "for", "at"})
_END_OF = {"day": "eod", "week": "eow", "month": "eom"}
Found = tuple[DateRef, int]
THIS_MONTH, NEXT_MONTH = 13, 14  # DateRef("nthwd").c beyond the month numbers


def _seq(words: list[str], i: int, *expected: str) -> bool:
    return words[i:i + len(expected)] == list(expected)


@lru_cache(maxsize=4096)
def _day_number(low: str) -> int | None:
    value = ordinal(low)
    if value is None and low.isdecimal() and len(low) <= 2:
        value = int(low)
    return value if value is not None and 1 <= value <= 31 else None


def _year_at(words: list[str], j: int) -> tuple[int, int]:
    k = j + 1 if j < len(words) and words[j] == "," else j
    if k < len(words) and _YEAR.match(words[k]):
        return int(words[k]), k + 1
    return 0, j


def _month_day(words: list[str], i: int) -> Found | None:
    """`March 3`, `Mar 3rd, 2027`, `march the 3rd`."""
    month = MONTHS.get(words[i])
    if month is None or i + 1 >= len(words):
        return None
    j = i + 2 if words[i + 1] == "the" else i + 1
    day = _day_number(words[j]) if j < len(words) else None
    if day is None:
        return None
    year, k = _year_at(words, j + 1)
    return (DateRef("abs", year, month, day) if year else DateRef("md", month, day)), k


def _day_month(words: list[str], i: int) -> Found | None:
    """`3 March`, `3rd of March`, `the 1st of December`, `the 7th`, `on 7th`."""
    j = i + 1 if words[i] == "the" else i
    if j >= len(words):
        return None
    if j > i and words[j:j + 2] == ["last", "day"]:
        which = _month_of(words, j + 2)  # `the last day of next month`, `... of April`
        return (DateRef("dom", LAST, which[0]), which[1]) if which else (DateRef("dom", LAST),
                                                                          j + 2)
    day = _day_number(words[j])
    if day is None or (j + 1 < len(words) and words[j + 1] in WEEKDAYS):
        return None  # `the first Monday` is no 1st of a month
    # `the first day of every month`, `the 1st day of April`: `day` before `of` says no more
    nxt = j + 2 if j > i and _seq(words, j + 1, "day", "of") else j + 1
    k = nxt + 1 if _seq(words, nxt, "of") else nxt
    month = MONTHS.get(words[k]) if k < len(words) else None
    if month is not None:
        year, end = _year_at(words, k + 1)
        return (DateRef("abs", year, month, day) if year else DateRef("md", month, day)), end
    # A day of the month alone needs `the` or an ordinal suffix (`on 7th`, not `on 7`).
    if j == i and not words[j][-2:].isalpha():
        return None
    which = _month_of(words, nxt) if _seq(words, nxt, "of") else None
    if which is not None:  # `the 7th of the month`, `the 1st of next month`
        return DateRef("dom", day, which[0]), which[1]
    return DateRef("dom", day), nxt


def _month_of(words: list[str], k: int) -> tuple[int, int] | None:
    """After an nth weekday: `of the month` (0), `of this month` (THIS_MONTH), `of next month`
    (NEXT_MONTH), `of April` / `in April` (4), or nothing (None)."""
    j = k + 1 if words[k:k + 1] in (["of"], ["in"]) else k
    if _seq(words, j, "the", "month"):
        return 0, j + 2
    if j + 1 < len(words) and words[j] in ("this", "next") and words[j + 1] == "month":
        return (THIS_MONTH if words[j] == "this" else NEXT_MONTH), j + 2
    if j > k and j < len(words) and words[j] in MONTHS:
        return MONTHS[words[j]], j + 1
    return None


def _nth_weekday(words: list[str], i: int) -> Found | None:
    """`the last Friday of the month`, `the 1st Monday of next month`, `on the 2nd Tue`."""
    j = i + 1 if words[i] == "the" else i
    nth = ordinal(words[j]) if j + 1 < len(words) else None
    if nth is None or not (nth == LAST or 1 <= nth <= 5) or words[j + 1] not in WEEKDAYS:
        return None
    month = _month_of(words, j + 2)
    if month is None:
        # `(on) the last Friday` alone is this month's (or the next one's); `first Monday`
        # without `the` or a month is no date.
        return (DateRef("nthwd", nth, WEEKDAYS[words[j + 1]]), j + 2) if j > i else None
    return DateRef("nthwd", nth, WEEKDAYS[words[j + 1]], month[0]), month[1]


def _numeric(words: list[str], i: int) -> Found | None:
    low = words[i]
    iso = _ISO.match(low)
    if iso:
        return DateRef("abs", int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), i + 1
    numeric = _NUMERIC.match(low)
    if numeric is None:
        return None
    # Day/month: the spec's reading outside en_US (the corpus avoids these). Where only
    # month/day names a real date (`12/25`), that is the one meant: nobody writes day/month so.
    day, month, year = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
    if month > 12 >= day:
        day, month = month, day
    if year is None:
        return DateRef("md", month, day), i + 1
    full = int(year) + (2000 if len(year) == 2 else 0)
    return DateRef("abs", full, month, day), i + 1


def _named(words: list[str], i: int) -> Found | None:
    low = words[i]
    if low == "today":
        return DateRef("rel", 0), i + 1
    if low in _TOMORROW:
        return DateRef("rel", 1), i + 1
    if low == "yesterday":
        return DateRef("rel", -1), i + 1
    j = i + 1 if low == "the" else i
    if _seq(words, j, "day", "after", "tomorrow"):
        return DateRef("rel", 2), j + 3
    if low in ("eod", "cob"):
        return DateRef("eod"), i + 1
    if low in ("eow", "eom"):
        return DateRef(low), i + 1
    if low == "the" and _seq(words, i + 1, "end", "of"):
        i, low = i + 1, "end"
    if low == "end" and _seq(words, i + 1, "of"):
        k = i + 3 if _seq(words, i + 2, "the") else i + 2
        if k < len(words) and words[k] in _END_OF:
            return DateRef(_END_OF[words[k]]), k + 1
        if _seq(words, k, "next") and k + 1 < len(words) and words[k + 1] in ("week", "month"):
            return DateRef(_END_OF[words[k + 1]], 1), k + 2  # `end of next week`: a = 1
    return None


def _relative_period(words: list[str], i: int) -> Found | None:
    low, nxt = words[i], words[i + 1] if i + 1 < len(words) else ""
    if low == "next" and nxt in ("week", "month", "weekend"):
        return DateRef("next_" + nxt), i + 2
    if low in ("this", "the") and nxt == "weekend":
        return DateRef("this_weekend"), i + 2
    if low in ("next", "coming", "this") and nxt in WEEKDAYS:
        return DateRef("wd", WEEKDAYS[nxt], int(low == "next")), i + 2
    if low == "this" and nxt == "coming" and i + 2 < len(words) and words[i + 2] in WEEKDAYS:
        return DateRef("wd", WEEKDAYS[words[i + 2]]), i + 3
    if low in WEEKDAYS:
        return DateRef("wd", WEEKDAYS[low]), i + 1
    return None


def _mid_month(words: list[str], i: int) -> Found | None:
    low = words[i]
    if low.startswith("mid-") and low[4:] in MONTHS:
        return DateRef("md", MONTHS[low[4:]], 15), i + 1
    if low == "mid" and i + 1 < len(words) and words[i + 1] in MONTHS:
        return DateRef("md", MONTHS[words[i + 1]], 15), i + 2
    return None


def date_at(words: list[str], i: int, *, lone_month: bool = False) -> Found | None:
    """The date phrase at words[i] (with a leading `on`/`by`) and the index after it."""
    if i >= len(words):
        return None
    if words[i] == "in" and i + 1 < len(words) and words[i + 1] in MONTHS:
        lone_month, i = True, i + 1  # `in June`
    lead = words[i] in _LEADS
    j = i + 1 if lead else i
    if j >= len(words):
        return None
    for reader in _readers(words[j]):
        found = reader(words, j)
        if found is not None:
            return found
    if (lead or lone_month) and words[j] in MONTHS:
        year, end = _year_at(words, j + 1)
        return DateRef("month", MONTHS[words[j]], year), end
    return None


_NAMED = frozenset({"today", "yesterday", "the", "day", "eod", "cob", "eow", "eom", "end",
                    *_TOMORROW})
# Each reader with the words it may begin with (a superset of what it reads).
_OPENED_BY: tuple[tuple[Callable[[list[str], int], Found | None], Callable[[str], bool]], ...] = (
    (_named, lambda low: low in _NAMED),
    (_relative_period, lambda low: low in ("next", "this", "the", "coming") or low in WEEKDAYS),
    (_mid_month, lambda low: low[:3] == "mid"),
    (_month_day, lambda low: low in MONTHS),
    (_nth_weekday, lambda low: low == "the" or ordinal(low) is not None),
    (_day_month, lambda low: low == "the" or _day_number(low) is not None),
    (_numeric, lambda low: low[:1].isdecimal() and ("-" in low or "/" in low)),
)


@lru_cache(maxsize=4096)
def _readers(low: str) -> tuple[Callable[[list[str], int], Found | None], ...]:
    """The readers, in order, that may read a date beginning with `low` (most words: none)."""
    return tuple(reader for reader, opens in _OPENED_BY if opens(low))


def may_open_date(low: str) -> bool:
    """Whether date_at may read a date at this word: a lead (`on`, `in June`), a month, or
    a word some reader begins with (a superset, for skipping hopeless tries)."""
    return low in _LEADS or low == "in" or low in MONTHS or bool(_readers(low))


def week_and_day(first: DateRef, second: DateRef) -> DateRef | None:
    """A weekday and `next week` together name that weekday of next week; `next month` and
    a day of the month (`next month on the 15th`) that day of next month."""
    kinds = {first.kind, second.kind}
    if kinds == {"next_month", "dom"}:
        day = first if first.kind == "dom" else second
        return DateRef("dom", day.a, NEXT_MONTH) if day.b == 0 else None
    named = second if first.kind == "wd" else first if second.kind == "wd" else None
    if named is not None and named.kind in ("md", "abs", "dom") and len(kinds) == 2:
        return named  # `friday march 13`, `friday the 13th`: the date says which Friday
    if kinds != {"wd", "next_week"}:
        return None
    day = first if first.kind == "wd" else second
    return DateRef("wd", day.a, 2) if day.b == 0 else None
