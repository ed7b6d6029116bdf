"""The time-expression grammar: chunks (a date, a time, `every ...`, a bound) read in a row."""

from __future__ import annotations

import re
from collections.abc import Callable

from core.language.counts import times_at
from core.language.dates import date_at, may_open_date, week_and_day
from core.language.lexicon import (
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PARTS,
    WEEKDAY_PLURALS,
    WEEKDAYS,
)
from core.language.month_days import monthdays_at, nth_weekday_at, ordinal_after
from core.language.openers import Planner, numeric
from core.language.per_word import PerWord
from core.language.recurring import EXCEPT_WORDS, OPENERS, every_at, except_at, weekdays_on
from core.language.spans import compact, span_at
from core.language.times_of_day import range_at, tod_at
from core.language.weekday_lists import days_listed
from core.language.when import LATER_TODAY_HOURS, Span, Tod, When
from core.language.zonewords import region_at, zone_word

Matcher = Callable[[list[str], int, When, When], int]

_AT = frozenset({"at", "by", "around", "@"})
_GLUE = frozenset({",", "and", "&", ";", "-"})
_ROUGHLY = frozenset({"about", "around", "approx", "approximately", "roughly", "like"})
_STARTS = frozenset({"starting", "starts", "start", "beginning", "begin", "effective", "from"})
_ENDS = frozenset({"until", "till", "til", "through", "thru", "ending", "ends", "end", "to"})
_IN = frozenset({"in", "within", "after"})
_FROM_NOW = (["from", "now"], ["from", "today"])  # `a week from today` is `in a week`
_OF_EACH_MONTH = (["of", "every", "month"], ["of", "each", "month"])
# A month alone is a date only after these (`by June`, `until June`).
_MONTH_LEADS = frozenset({"by", "in", "until", "till", "starting", "from", "ending", "before"})
_NTH_STARTS = frozenset(ORDINAL_WORDS) | {"1st", "2nd", "3rd", "4th", "5th", "on", "the"}
_EVERY_OPENERS = OPENERS | _NTH_STARTS | {"of"}
_CRON_FIELD = re.compile(
    r"^(?:[\d*?/,\-]+|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)(?:[-,][a-z]{3})*)$"
)


def _times(words: list[str], i: int, piece: When, acc: When) -> int:
    after_at = words[i] in _AT
    j = i + 1 if after_at else i
    if after_at and j < len(words) and words[j] in _ROUGHLY:
        j += 1  # `at about 7pm`, `at around 7`: the time is the time
    found = tod_at(words, j, after_at=after_at)
    if found is None:
        return -1
    tods, j = [found[0]], found[1]
    if j < len(words) and words[j] in ("sharp", "ish"):
        j += 1  # `at 7pm sharp`, `at 7 ish`
    while j + 1 < len(words) and words[j] in (",", "and", "&"):
        more = tod_at(words, j + 1, after_at=after_at)
        if more is None:
            break
        tods.append(more[0])
        j = more[1]
    piece.tods = tods
    return j


def _part_word(words: list[str], i: int) -> int:
    """A part of the day (`morning`) at i, not after a greeting; the index after or -1."""
    low = words[i] if i < len(words) else ""
    if low not in PARTS or low == "noon":
        return -1
    if i > 0 and words[i - 1] in ("good", "gn", "nite"):
        return -1
    return i + 1


def _part(words: list[str], i: int, piece: When, acc: When) -> int:
    low, j = words[i], i
    if low == "first" and words[i + 1:i + 2] == ["thing"]:  # `first thing tomorrow`: morning
        piece.part = "morning"
        return i + 5 if words[i + 2:i + 5] == ["in", "the", "morning"] else i + 2
    if low in ("this", "at"):
        j = i + 1
    elif low == "in" and words[i + 1:i + 2] == ["the"]:
        j = i + 2
    end = _part_word(words, j)
    if end < 0 or (low == "at" and words[j] != "night"):
        return -1
    piece.part = words[j]
    return end


def _date(words: list[str], i: int, piece: When, acc: When) -> int:
    found = date_at(words, i, lone_month=i > 0 and words[i - 1] in _MONTH_LEADS)
    if found is None:
        return -1
    if acc.date is not None:
        both = week_and_day(acc.date, found[0])
        if both is None:
            return found[1] if acc.end_of_day_on(found[0]) else -1
        acc.date = both  # `friday next week`, `next week on tuesday`: one date
        return found[1]
    if (listed := days_listed(words, found[1], found[0], piece)) > 0:
        return listed  # `on Monday and Wednesday`
    piece.date, j = found
    if j < len(words) and _part_word(words, j) > 0:
        piece.part = words[j]
        j += 1
    return j


def _relative(words: list[str], i: int, piece: When, acc: When) -> int:
    if words[i] == "later":  # `later today`, `later on today`: a reading (readings.py)
        j = i + 2 if words[i + 1:i + 2] == ["on"] else i + 1
        if words[j:j + 1] != ["today"]:
            return -1
        piece.span, piece.assumed = Span(seconds=LATER_TODAY_HOURS * 3600.0), "later"
        return j + 1
    if words[i] in _IN:
        found = span_at(words, i + 1)
        if found is None:
            return -1
        piece.span, j = found
        return j + 2 if words[j:j + 2] in _FROM_NOW else j
    found = span_at(words, i)
    if found is None:
        return -1
    span, j = found
    if words[j:j + 2] in _FROM_NOW or words[j:j + 1] == ["later"]:
        piece.span = span
        return j + (1 if words[j] == "later" else 2)
    return -1


def _zone(words: list[str], i: int, piece: When, acc: When) -> int:
    # A zone follows a time: a time of day, a window (`from 9 to 5 PST`) or a part of the day.
    if not (acc.tods or acc.window or acc.part) or acc.zone is not None:
        return -1
    region = region_at(words, i)
    if region is not None:
        # `at 9am Eastern`; but `at 9am mountain biking` keeps its words: a region word is a
        # zone only at the end, before `time`, or before what may be another chunk.
        end = region[1]
        if end < len(words) and end == i + 1 and not (may_start(words[end])
                                                      or words[end] == "remind"):
            return -1
        piece.zone = region[0]
        return end
    zone = zone_word(words[i])
    if zone is None:
        return -1
    piece.zone = zone
    return i + 1


def _window(words: list[str], i: int, piece: When, acc: When) -> int:
    """`from 9am to 5pm`, `between 9 and 17`."""
    joiners = ("and",) if words[i] == "between" else ("to", "until", "till", "-")
    first = tod_at(words, i + 1, after_at=True)
    if first is None or first[1] >= len(words) or words[first[1]] not in joiners:
        return -1
    second = tod_at(words, first[1] + 1, after_at=True)
    if second is None:
        return -1
    piece.window = (first[0], second[0])
    return second[1]


def _range(words: list[str], i: int, piece: When, acc: When) -> int:
    """`2-3pm`, `at 10-11:30`, `9am - 10am`: a window written without `from ... to`."""
    found = range_at(words, i)
    if found is None or acc.window is not None:
        return -1
    piece.window = found[0]
    return found[1]


_SUB: tuple[Matcher, ...] = ()


def _sub(words: list[str], i: int) -> tuple[When, int]:
    sub = When()
    return sub, scan(words, i, sub, _SUB)


def _bound(words: list[str], i: int, piece: When, acc: When) -> int:
    low = words[i]
    if low in ("from", "between"):
        end = _window(words, i, piece, acc)
        if end > 0:
            return end
    if low in _STARTS or low in _ENDS:
        if low == "to" and acc.starting is None:
            return -1
        j = i + 2 if words[i + 1:i + 2] == ["on"] else i + 1
        sub, end = _sub(words, j)
        if end == j or not sub.has_time:
            return -1
        if low in _STARTS:
            piece.starting = sub
        else:
            piece.until = sub
        return end
    if low == "for" and i + 1 < len(words):
        k = i + 1  # `for the next 5 days` is `for 5 days`
        k += 2 if words[k:k + 2] == ["the", "next"] else int(words[k:k + 1] == ["next"])
        found = span_at(words, k)
        if found is not None and not found[0].vague:  # `read for a few minutes`: task words
            piece.for_span = found[0]
            return found[1]
    return -1


def _cron(words: list[str], i: int, piece: When, acc: When) -> int:
    low = words[i]
    if low.startswith("`") and low.endswith("`") and len(low) > 2:
        fields = low.strip("`").split()
        if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
            return -1  # Slack's inline code (`v2`) is task text, not a cron expression
        piece.cron = " ".join(fields)
        return i + 1
    if low != "cron":
        return -1
    j = i + 1
    while j < len(words) and _CRON_FIELD.match(words[j]):
        j += 1
    if j == i + 1:
        return -1
    piece.cron = _cron_fields(words[i + 1:j])
    return j


def _cron_fields(words: list[str]) -> str:
    """Rejoin a cron expression's fields: the tokenizer splits `1,15` into `1`, `,`, `15`."""
    fields: list[str] = []
    for word in words:
        if fields and (word.startswith(",") or fields[-1].endswith(",")):
            fields[-1] += word
        else:
            fields.append(word)
    return " ".join(fields)


def _every(words: list[str], i: int, piece: When, acc: When) -> int:
    if (acc.nth is None and acc.monthdays is None and words[i] in _NTH_STARTS
            and ordinal_after(words, i)):
        monthly = acc.freq == "month" and acc.date is None
        end = nth_weekday_at(words, i, piece, monthly=monthly)
        if end < 0:
            end = monthdays_at(words, i, piece, monthly=monthly)
        if end > i:
            return end
    if acc.interval is not None and words[i:i + 3] == ["on", "the", "hour"]:
        piece.on_the_hour = True
        return i + 3
    if acc.freq == "week" and acc.weekdays is None and acc.date is None:
        end = weekdays_on(words, i, piece)
        if end > i:
            return end
    if acc.freq is not None:
        if words[i] == "of" and words[i:i + 3] in _OF_EACH_MONTH:
            return i + 3
        return _step_in_days(words, i, piece, acc)
    if words[i] == "of" and words[i:i + 3] in _OF_EACH_MONTH:
        piece.freq = "month"
        return i + 3
    return every_at(words, i, piece)


def _step_in_days(words: list[str], i: int, piece: When, acc: When) -> int:
    """`every weekday every hour from 9 to 5`: a step inside the days a rule already named."""
    days = acc.weekdays is not None or (acc.freq == "day" and acc.every == 1)
    if acc.interval is not None or not days or words[i] not in ("every", "hourly"):
        return -1
    step = When()
    end = every_at(words, i, step)
    if end < 0 or step.interval is None or step.freq or step.weekdays:
        return -1
    if words[end:end + 1] not in (["from"], ["between"]):
        return -1  # without a window the step would fire on every day: leave it unread
    piece.interval = step.interval
    return end


def _count(words: list[str], i: int, piece: When, acc: When) -> int:
    return times_at(words, i, piece)


def _except(words: list[str], i: int, piece: When, acc: When) -> int:
    # Read even before the rule it trims (the task may stand between them); the schedule
    # refuses it where nothing repeats.
    return except_at(words, i, piece) if acc.except_days is None else -1


def _of_month(words: list[str], i: int, piece: When, acc: When) -> int:
    if words[i:i + 3] == ["of", "the", "month"] and acc.date and acc.date.kind == "dom":
        return i + 3
    return -1


def chunk_at(
    words: list[str], i: int, piece: When, acc: When, matchers: tuple[Matcher, ...]
) -> int:
    """Try each matcher at i; the first that reads a chunk fills `piece`."""
    if matchers is MATCHERS or matchers is _SUB:  # skip those that cannot begin here
        matchers = (_MAIN if matchers is MATCHERS else _SUBS).plans[words[i]]
    for matcher in matchers:
        end = matcher(words, i, piece, acc)
        if end > i:
            return end
    return -1


MATCHERS: tuple[Matcher, ...] = (
    _cron, _every, _range, _bound, _count, _relative, _part, _date, _times, _zone, _of_month,
    _except,
)
_SUB = (_relative, _part, _date, _times, _zone)
_CLOCK_WORDS = frozenset({"noon", "midday", "midnight", "quarter"})  # `a` and `half`: numeric
# The words each matcher may begin with (a superset: a matcher not listed may begin anywhere).
_OPENS: dict[Matcher, Callable[[str], bool]] = {
    _cron: lambda low: low == "cron" or low[:1] == "`",
    _every: lambda low: low in _EVERY_OPENERS or _weekday_led(low),
    _range: lambda low: low in ("at", "from", "@") or low[:1].isdecimal(),
    _times: lambda low: low in _AT or low in _CLOCK_WORDS or numeric(low) or low[:1].isdecimal(),
    _bound: lambda low: low in _STARTS or low in _ENDS or low in ("between", "for"),
    _count: lambda low: numeric(low) or (low[:-1].isdecimal() and low[-1:] == "x"),
    _relative: lambda low: low in _IN or low == "later" or numeric(low) or bool(compact(low)),
    _part: lambda low: low in PARTS or low in ("this", "at", "in", "first"),
    _of_month: lambda low: low == "of",
    _date: may_open_date,
    _except: lambda low: low in EXCEPT_WORDS or low in ("but", "apart", "other"),
}
_MAIN, _SUBS = Planner(MATCHERS, _OPENS), Planner(_SUB, _OPENS)


def _weekday_led(low: str) -> bool:
    first = low.split("/", 1)[0].split("-", 1)[0]  # `mon/wed/fri`, `mon-fri`
    return first in WEEKDAYS or first in WEEKDAY_PLURALS


def scan(words: list[str], i: int, when: When, matchers: tuple[Matcher, ...] = MATCHERS) -> int:
    """Read chunks from i while they follow one another; return the index after the last."""
    while i < len(words):
        piece = When()
        end = chunk_at(words, i, piece, when, matchers)
        if end < 0 and words[i] in _GLUE and i + 1 < len(words) and when.chunks:
            end = chunk_at(words, i + 1, piece, when, matchers)
        if end < 0:
            break
        piece.chunks = 1
        when.merge(piece)
        i = end
    return i


def may_start(low: str) -> bool:
    """A cheap test: can a chunk begin with this word? (Skips hopeless suffix starts.)"""
    return (low in _STARTERS or low[:1].isdecimal() or low[:1] == "`" or low[:4] == "mid-"
            or ("-" in low and low.split("-", 1)[0] in WEEKDAYS))  # `mon-fri`


def may_begin(low: str) -> bool:
    """may_start for the first chunk of a time expression: `to` only goes on after a
    `starting ...` (`remind me to ...` tried every matcher on it, the commonest miss)."""
    return low != "to" and may_start(low)


BEGINS = PerWord(may_begin)  # asked of each word of each task, where a suffix may begin


_STARTERS = frozenset(
    {"at", "by", "around", "on", "in", "within", "after", "this", "next", "coming", "the",
     "today", "tomorrow", "tmrw", "tmr", "tmw", "tomorow", "tommorow", "tommorrow", "yesterday",
     "tonight", "noon", "midday", "midnight", "eod", "eow", "eom", "cob", "end", "mid", "every",
     "ev", "each", "everyday", "daily", "nightly", "weekly", "biweekly", "fortnightly", "monthly",
     "quarterly", "yearly", "annually", "hourly", "starting", "starts", "start", "beginning",
     "effective", "from", "between", "until", "till", "til", "through", "thru", "ending",
     "ends", "for", "cron", "once", "twice", "thrice", "of", "weekdays", "weekends",
     "workdays", "a", "an", "half", "quarter", ",", "and", "&", ";", "-", "to", "@",
     "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "twenty", "thirty", "day", "except", "excluding", "but", "apart", "other",
     "first", "second", "third", "fourth", "fifth", "last", "several", "few", "couple", "later"}
    | set(PARTS) | set(WEEKDAYS) | set(MONTHS) | set(NUMBER_WORDS)
    | {w + "s" for w in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday")}
)


def window_tods(window: tuple[Tod, Tod]) -> tuple[Tod, Tod]:
    """`from 9 to 5`: an end not after the start is pm; `from 2 to 3pm`: so is the start."""
    start, end = window
    if start.bare and not end.bare and (start.hour + 12, start.minute) < (end.hour, end.minute):
        start = Tod(start.hour + 12, start.minute)  # `from 2 to 3pm` is 14:00 to 15:00
    if end.bare and (end.hour, end.minute) <= (start.hour, start.minute) and end.hour < 12:
        end = Tod(end.hour + 12, end.minute)
    return start, end
