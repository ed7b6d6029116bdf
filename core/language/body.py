"""A command's body -> the task and its time expression (at the start, the end, or both)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import ParseError
from core.i18n import _
from core.language.chunks import BEGINS, may_begin, scan
from core.language.recurring import EXCEPT_WORDS
from core.language.tokens import Token, is_symbols, span_text
from core.language.when import When

_LEAD_WORDS = frozenset({"to", "about", "that", "re", "of", "for"})
_PUNCTUATION = frozenset({":", ",", "-", ";"})
_TRAIL_CONNECTORS = frozenset({",", ":", "-", "and", ";", "please", "pls", "plz"})
# Quote marks as typed -> the marks that may close them (the task keeps the person's marks).
_CLOSERS = {'"': '"\u201c\u201d', "`": "`", "\u201c": '\u201d"\u201c', "\u201e": '\u201c\u201d"',
            "\u00ab": "\u00bb", "\u201d": "\u201d"}
# Chatter after a closing time expression (`... at 5pm ok?`, `... tomorrow lol`). Only there:
# `tomorrow tell bob it's ok` keeps its `ok`, since no time ends that text.
# Repeat words that are also nouns (`join the daily`, `file my weekly`, `a quarterly`).
_NOUN_ADVERBS = frozenset({"daily", "weekly", "monthly", "yearly", "quarterly", "nightly",
                           "biweekly", "fortnightly", "annually", "hourly"})
_DETERMINERS = frozenset({"the", "a", "my", "our", "your", "his", "her", "their", "this",
                          "that", "its"})
# Dates that do not fix one day on their own: a weekday and a day of the month also start
# rules (`on Friday ... weekly`), so only the others make a time one moment.
_OPEN = frozenset({"wd", "dom", "month"})
# `in 5`, `after 10` at either end of the task: a span without its unit.
_UNITLESS = re.compile(r"(?:^|\s)(?:in|after|within)\s+(\d{1,4}(?:\.\d+)?)(?:\s|$)")
_SOFT_TAIL = frozenset({"ok", "okay", "k", "kk", "lol", "haha", "hehe", "yeah", "yes", "plz"})


@dataclass
class Body:
    """The task text as written and everything the time expression named."""

    what: str
    when: When
    quoted: bool = False


def _soft_end(words: list[str], start: int) -> int:
    """The end of the words without a tail of chatter (`ok`, `lol`, `,`)."""
    end = len(words)
    while end > start + 1 and (words[end - 1] in _SOFT_TAIL or words[end - 1] == ","
                               or is_symbols(words[end - 1])):
        end -= 1
    return end


def _suffix(words: list[str], start: int, prefix: When) -> tuple[int, When]:
    """The earliest index from which chunks run to the end (or to chatter), and what they say."""
    found = _suffix_to(words, start, prefix, len(words))
    if found[0] < len(words):
        return found
    end = _soft_end(words, start)
    if end < len(words):
        cut, when = _suffix_to(words, start, prefix, end)
        if when.chunks:
            return cut, when
    return found


def _noun(words: list[str], j: int) -> bool:
    """`the daily`, `my weekly`, `our monthly`: a repeat word after a determiner is a noun."""
    return j > 0 and words[j] in _NOUN_ADVERBS and words[j - 1] in _DETERMINERS


def _one_shot(when: When) -> bool:
    """A time that names one moment (`tomorrow at 8:45am`, `in 2 hours`), no repeat."""
    if when.recurring or when.per_week:
        return False
    return when.span is not None or (when.date is not None and when.date.kind not in _OPEN)


def _repeat_only(when: When) -> bool:
    """A rule and nothing else: no time of day, date, span or part of the day."""
    return when.recurring and not (when.tods or when.date or when.span or when.part
                                   or when.window or when.cron)


def _suffix_to(words: list[str], start: int, prefix: When, end: int) -> tuple[int, When]:
    """The earliest index from which chunks run to end, and what they say."""
    words = words[:end]
    one_shot = prefix_repeats = False  # a prefix that read nothing (most commands) says no
    if prefix.chunks:
        one_shot = _one_shot(prefix)  # read once: each try below reads into a When of its own
        if one_shot and (prefix.span is not None or bool(prefix.tods)):
            # One moment fully named before the task (`remind me tomorrow at 9 to buy cake
            # for tonight`, `in 2 hours`): what follows is the task's, even if it looks like
            # a time.
            return len(words), When()
        prefix_repeats = prefix.recurring
    begins = BEGINS
    for j in range(start, end):
        if not begins[words[j]] or _noun(words, j):
            continue
        when = When()
        if scan(words, j, when) == end and when.chunks:
            if one_shot and _repeat_only(when):
                continue  # `remind me tomorrow at 8:45am to join the stand-up daily`: the
                # moment is given before the task, so the repeat word is the task's
            repeats = when.recurring or prefix_repeats
            rule_words = (when.except_days, when.starting, when.count).count(None) < 3
            if rule_words and not repeats:
                continue  # `call everyone except Friday tomorrow`, `the retro starts in 10
                # minutes`, `run 3 times tomorrow`: task words, not a rule
            return j, when
    return len(words), When()


def _skip(words: list[str], i: int, skipped: frozenset[str]) -> int:
    while i < len(words) and words[i] in skipped:
        i += 1
    return i


def unquote(text: str) -> tuple[str, bool]:
    """`"..."` -> the text inside and True; anything else as it is and False."""
    closers = _CLOSERS.get(text[:1], "")
    if len(text) >= 2 and text[-1] in closers and not any(c in closers for c in text[1:-1]):
        return text[1:-1].strip(), True
    return text, False


def refuse_unitless(what: str) -> None:
    """`remind me to call mom in 5`: ask for the unit rather than guess minutes or hours."""
    found = _UNITLESS.search(what)
    if found is not None and (found.start() == 0 or found.end() == len(what)):
        n = found.group(1)
        raise ParseError(_("In {n} what? Say `in {n} minutes`, `in {n} hours` or `in {n} "
                           "days`.", n=n), hint=_("remind me to call mom in {n} minutes", n=n))


def _check_except(words: list[str], i: int) -> None:
    """`every day except today`, `except every other Sunday`: an `except` left unread would
    leave the rule firing on the days it should skip, so the text is refused instead."""
    if 0 <= i < len(words) and words[i] in EXCEPT_WORDS:
        raise ParseError(_("I can leave out weekdays only, like `every day except Sunday` or "
                           "`every weekday except Friday`."),
                         hint=_("remind me to run every day except Sunday at 7am"))


def _check_last(words: list[str], cut: int, suffix: When) -> None:
    """`call mom last friday`, `last night`: a time already gone, not `friday` after a task."""
    if 0 < cut < len(words) and words[cut - 1] == "last" and not suffix.recurring:
        raise ParseError(_("That time has already passed. Pick a time in the future."),
                         hint=_("remind me to call mom tomorrow at 5pm"))


def split_body(text: str, tokens: list[Token], words: list[str]) -> Body:
    """Split tokens (the body only) into the task and the time expression."""
    prefix = When()
    start = scan(words, 0, prefix) if words and BEGINS[words[0]] else 0
    if start and not prefix.chunks:
        start = 0
    if not start and len(words) > 1 and words[0] == "for" and may_begin(words[1]):
        start = scan(words, 1, prefix)  # `set a reminder for 5pm to call mom`
        start = start if prefix.chunks else 0
    if start and prefix.recurring:
        _check_except(words, start)
    lead = _skip(words, start, _PUNCTUATION)
    if lead < len(words) and words[lead] in _LEAD_WORDS:
        lead = _skip(words, lead + 1, _PUNCTUATION)
    cut, suffix = _suffix(words, lead, prefix)
    if suffix.recurring or (prefix.chunks and prefix.recurring):
        _check_except(words, cut - 1)
    _check_last(words, cut, suffix)
    end = cut
    while end > lead and words[end - 1] in _TRAIL_CONNECTORS:
        end -= 1
    when = suffix  # with no prefix (most commands), the suffix says it all
    if prefix.chunks:
        prefix.merge(suffix)
        when = prefix
    what, quoted = unquote(span_text(text, tokens, lead, end))
    return Body(what.strip(), when, quoted)
