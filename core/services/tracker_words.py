"""Habit and goal words the command language does not read yet: stats, skip, vacation, undo.

Also the day words of a check-in (`done meditate yesterday`) and the end of a pause
(`pause meditate until Monday`), read on top of the language's own date phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from core.errors import UserError
from core.language import parse
from core.language.commands import Remind
from core.language.lexicon import WEEKDAYS
from core.recurrence.rules import Once

_STATS: Final = re.compile(r"^(?:stats|statistics|streak|streaks)\s+(?:for\s+|of\s+)?(?P<ref>.+)$")
# The same in the other languages: `estadísticas meditar`, `Statistik meditieren`, ...
_STATS_IN: Final = (
    ("es", re.compile(r"^(?:estad[ií]sticas?|racha)\s+(?:de(?:l)?\s+)?(?P<ref>.+)$")),
    ("de", re.compile(r"^(?:statistik(?:en)?|serie|strähne)\s+(?:f[üu]r\s+|von\s+)?"
                      r"(?P<ref>.+)$")),
    ("fr", re.compile(r"^(?:statistiques?|stats|s[ée]rie)\s+(?:de\s+|du\s+|d')?(?P<ref>.+)$")),
    ("pt", re.compile(r"^(?:estat[ií]sticas?|sequ[êe]ncia)\s+(?:d[eoa]\s+)?(?P<ref>.+)$")),
    ("ru", re.compile(r"^(?:статистика|серия)\s+(?:по\s+|для\s+)?(?P<ref>.+)$")),
)
_VACATION: Final = re.compile(r"^(?:vacation|holiday|holidays)(?:\s+(?:until|till|til|to|through)"
                              r"\s+(?P<when>.+))?$")
_DONE: Final = re.compile(r"^(?:done|did|done with)\s+(?P<ref>.+)$")
_SKIP: Final = re.compile(r"^skip\s+(?P<ref>.+?)(?:\s+(?P<when>today|tomorrow))?$")
_UNTIL: Final = re.compile(r"^(?P<ref>.+?)\s+(?:until|till|til|through)\s+(?P<when>.+)$")
_AGO: Final = re.compile(r"^(?P<ref>.+?)\s+(?P<n>\d+|a|one|two|three|four|five|six|seven)\s+"
                         r"days?\s+ago$")
# `hecho meditar ayer`, `erledigt meditieren gestern`: today and yesterday in each language.
_DAYS_BACK: Final = (("today", 0), ("yesterday", 1), ("hoy", 0), ("ayer", 1), ("heute", 0),
                     ("gestern", 1), ("aujourd'hui", 0), ("hier", 1), ("hoje", 0),
                     ("ontem", 1), ("сегодня", 0), ("вчера", 1))
_NUMBER_WORDS: Final = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                        "seven": 7}


@dataclass(frozen=True)
class Words:
    """One of these phrases: `verb` is stats, vacation, skip, done or undo."""

    verb: str
    ref: str = ""
    when: str = ""
    language: str = ""  # set when the words are another language's (`estadísticas`)


def _plain(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".!")


def read(text: str) -> Words | None:
    """The phrase `text` is, if it is one of these; None sends it on to the language."""
    low = _plain(text)
    if low == "undo":
        return Words("undo")
    if found := _STATS.match(low):
        return Words("stats", found["ref"])
    for code, pattern in _STATS_IN:
        if found := pattern.match(low):
            return Words("stats", found["ref"], language=code)
    if found := _VACATION.match(low):
        return Words("vacation", when=found["when"] or "")
    if found := _SKIP.match(low):
        return Words("skip", found["ref"], found["when"] or "today")
    if found := _DONE.match(low):
        # `done meditate on monday` would read as a reminder; a habit's name decides first.
        return Words("done", found["ref"])
    return None


def days_back(ref: str) -> tuple[str, int | str]:
    """(name, days before today) of 'meditate yesterday', 'run 2 days ago', 'read on monday'.

    The second item is a weekday's name when the words name one (resolved against today
    by `weekday_back`).
    """
    low = _plain(ref)
    for word, back in _DAYS_BACK:
        if low.endswith(" " + word):
            return low.removesuffix(" " + word), back
    if found := _AGO.match(low):
        n = found["n"]
        return found["ref"], int(n) if n.isdigit() else _NUMBER_WORDS[n]
    *rest, last = low.split(" ")
    if rest and last in WEEKDAYS:
        while rest and rest[-1] in ("on", "last"):
            rest.pop()
        if rest:
            return " ".join(rest), last
    return low, 0


def weekday_back(name: str, today: date) -> int:
    """Days back to the latest `name`day before today (1..7)."""
    return (today.weekday() - WEEKDAYS[name] - 1) % 7 + 1


def split_until(ref: str) -> tuple[str, str]:
    """('meditate', 'monday') of 'meditate until monday'; ('meditate', '') without one."""
    found = _UNTIL.match(_plain(ref))
    return (found["ref"], found["when"]) if found else (_plain(ref), "")


def until_date(words: str, now: datetime, zone: str) -> date:
    """The local date that `words` ('Monday', 'Jan 5') names, read as the language reads it."""
    try:
        command = parse(f"remind me to rest on {words} at noon", now, zone)
    except UserError:
        command = None
    if not isinstance(command, Remind) or not isinstance(command.recurrence.rule, Once):
        raise UserError(f"I could not read '{words}' as a date. Try: until Monday, until Jan 5.")
    return command.recurrence.rule.at.astimezone(ZoneInfo(zone)).date()
