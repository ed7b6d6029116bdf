"""Habit and goal words the command language does not read yet: stats, skip, vacation, undo
(stats, skip, vacation and a pause's `until` in every language).

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
from core.i18n import _, language
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
# `vacaciones hasta el 5 de enero`, `Urlaub bis Montag`, `vacances jusqu'au 5 janvier`, ...
_VACATION_IN: Final = (
    ("es", re.compile(r"^(?:(?:estoy )?de )?vacaciones(?:\s+hasta\s+(?P<when>.+))?$")),
    ("de", re.compile(r"^(?:urlaub|ferien)(?:\s+bis\s+(?:zum\s+|zur\s+)?(?P<when>.+))?$")),
    ("fr", re.compile(r"^(?:en )?vacances(?:\s+jusqu'(?:au|à|a)\s+(?P<when>.+))?$")),
    ("pt", re.compile(r"^(?:de )?f[ée]rias(?:\s+at[ée]\s+(?:o dia\s+|o\s+|a\s+)?(?P<when>.+))?$")),
    ("ru", re.compile(r"^(?:отпуск|каникулы|в отпуске)(?:\s+до\s+(?P<when>.+))?$")),
)
_DONE: Final = re.compile(r"^(?:done|did|done with)\s+(?P<ref>.+)$")
_SKIP: Final = re.compile(r"^skip\s+(?P<ref>.+?)(?:\s+(?P<when>today|tomorrow))?$")
# `saltar meditar hoy`, `überspringen meditieren morgen`, ...: (language, pattern, tomorrow).
_SKIP_IN: Final = (
    ("es", re.compile(r"^(?:saltar|salta|omitir|omite)\s+(?P<ref>.+?)"
                      r"(?:\s+(?P<when>hoy|mañana|manana))?$"), ("mañana", "manana")),
    ("de", re.compile(r"^(?:überspringen|ueberspringen|überspring|auslassen)\s+(?P<ref>.+?)"
                      r"(?:\s+(?P<when>heute|morgen))?$"), ("morgen",)),
    ("fr", re.compile(r"^(?:sauter|saute|passer|passe)\s+(?P<ref>.+?)"
                      r"(?:\s+(?P<when>aujourd'hui|demain))?$"), ("demain",)),
    ("pt", re.compile(r"^(?:pular|pula|pule)\s+(?P<ref>.+?)(?:\s+(?P<when>hoje|amanhã|amanha))?$"),
     ("amanhã", "amanha")),
    ("ru", re.compile(r"^(?:пропустить|пропусти|пропуск)\s+(?P<ref>.+?)"
                      r"(?:\s+(?P<when>сегодня|завтра))?$"), ("завтра",)),
)
_UNTIL: Final = re.compile(r"^(?P<ref>.+?)\s+(?:until|till|til|through|hasta|bis(?: zum| zur)?|"
                           r"jusqu'(?:au|à|a)|at[ée](?: o dia| o| a)?|до)\s+(?P<when>.+)$")
# A day as each language reads it in a one-shot reminder at noon (`words` is that day), and
# the task that reminder has when the words are all read as the day.
_ON_DAY: Final = {
    "en": ("remind me to rest on {words} at noon", "rest"),
    "es": ("recuérdame descansar {words} a las 12", "descansar"),
    "de": ("erinnere mich {words} um 12 ans Ausruhen", "Ausruhen"),
    "fr": ("rappelle-moi {words} à 12h de me reposer", "me reposer"),
    "pt": ("me lembre {words} às 12h de descansar", "descansar"),
    "ru": ("напомни {words} в 12 отдохнуть", "отдохнуть"),
}
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
    for code, pattern in _VACATION_IN:
        if found := pattern.match(low):
            return Words("vacation", when=found["when"] or "", language=code)
    if found := _SKIP.match(low):
        return Words("skip", found["ref"], found["when"] or "today")
    for code, pattern, tomorrow in _SKIP_IN:
        if found := pattern.match(low):
            when = "tomorrow" if found["when"] in tomorrow else "today"
            return Words("skip", found["ref"], when, language=code)
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
    """The local date that `words` ('Monday', 'Jan 5', `el lunes`, `5. Januar`) names, read
    in the reply's language first, then in the others."""
    first = language()
    for code in (first, *(c for c in _ON_DAY if c != first)):
        if code not in _ON_DAY:
            continue
        template, task = _ON_DAY[code]
        try:
            command = parse(template.format(words=words), now, zone)
        except UserError:
            continue
        # A word left in the task was not read as part of the day (`jusqu'à jamais`).
        if (isinstance(command, Remind) and isinstance(command.recurrence.rule, Once)
                and command.what == task):
            return command.recurrence.rule.at.astimezone(ZoneInfo(zone)).date()
    raise UserError(_("I could not read '{words}' as a date. Try: until Monday, until Jan 5.",
                      words=words))
