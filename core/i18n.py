"""Replies in the person's language: message catalogs keyed by the English text, and dates
formatted for the locale.

The catalogs are gettext .po files in core/locales (one per language), read with Babel's
own .po reader the first time a language is used: nothing to compile at build time, so
`pip install -e .` and a plain checkout work alike, and translators edit ordinary .po files.

The language of the reply being built is a context variable, set once per message by the
Dispatcher (the detected language, or the person's setting) and per delivery by its kind:
use cases call `_()` without passing a language through every signature, and each asyncio
task keeps its own value.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported where a non-English date or catalog needs it: `nudge parse` starts
# without it (a quarter of its start-up).

ENGLISH: Final = "en"
LANGUAGES: Final = ("en", "es", "de", "fr", "pt", "ru")
# A plain path, not pathlib: pathlib (with urllib.parse, ipaddress) costs `nudge parse` ~3 ms
# of start-up for one join.
LOCALES: Final = os.path.join(os.path.dirname(__file__), "locales")

_current: ContextVar[str] = ContextVar("nudge_language", default=ENGLISH)


def language() -> str:
    """The language of the reply being built."""
    return _current.get()


def set_language(code: str | None) -> None:
    """Answer in `code` from here on in this task (an unknown code: English)."""
    _current.set(code if code in LANGUAGES else ENGLISH)


class using:  # noqa: N801 - used as a function: `with using(code):`
    """Build the replies inside in `code`, then go back to the language before.

    A class, not a @contextmanager generator: the parser enters one per message."""

    __slots__ = ("_code", "_token")

    def __init__(self, code: str | None) -> None:
        self._code = code if code in LANGUAGES else ENGLISH

    def __enter__(self) -> None:
        self._token = _current.set(self._code)

    def __exit__(self, *exc: object) -> None:
        _current.reset(self._token)


def N_(msgid: str) -> str:
    """Mark an English constant for the catalogs; it is translated where it is used."""
    return msgid


def _(msgid: str, /, **values: object) -> str:
    """`msgid` (the English text) in the current language, its `{names}` filled in."""
    text = translate(msgid, language())
    return text.format(**values) if values else text


def C_(context: str, msgid: str, /) -> str:
    """`msgid` in the current language as said in `context` (gettext's msgctxt): Russian
    `last` before `Wednesday` is `последняя`. A language whose word does not change there
    has no entry for it, and its plain translation of `msgid` is used."""
    code = language()
    if code == ENGLISH:
        return msgid
    book = catalog(code)
    return book.get(f"{context}\x04{msgid}") or book.get(msgid) or msgid


def translate(msgid: str, code: str) -> str:
    if code == ENGLISH or not msgid:
        return msgid
    return catalog(code).get(msgid) or msgid


@cache
def catalog(code: str) -> dict[str, str]:
    """msgid -> translation for `code`, from core/locales/<code>.po (fuzzy entries skipped)."""
    path = os.path.join(LOCALES, f"{code}.po")
    if not os.path.exists(path):
        return {}
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        read = read_po(handle, locale=code)
    # A message with a context (msgctxt) is keyed as gettext keys it: context, \x04, msgid.
    return {(f"{m.context}\x04{m.id}" if m.context else str(m.id)): str(m.string) for m in read
            if m.id and isinstance(m.string, str) and m.string and not m.fuzzy}


def format_instant(instant: datetime, zone: str) -> str:
    """'Thu 5 Mar 07:00 EST' (English), 'Do., 5. März 07:00 EST' (German): an instant as a
    person in `zone` reads it, day and month names in the reply's language."""
    local = instant.astimezone(ZoneInfo(zone))
    code = language()
    if code == ENGLISH:  # the format every English reply and test has always had
        return f"{local:%a} {local.day} {local:%b %H:%M} {local.tzname()}"
    from babel.dates import format_datetime

    day = format_datetime(local, "EEE d MMM", tzinfo=local.tzinfo, locale=_locale(code))
    return f"{day} {local:%H:%M} {local.tzname()}"


def format_local(local: datetime) -> str:
    """'Mon 02 Mar 2026 09:00': a local date and time, with a year, in the reply's language."""
    code = language()
    if code == ENGLISH:
        return local.strftime("%a %d %b %Y %H:%M")
    from babel.dates import format_datetime

    day = format_datetime(local, "EEE d MMM y", tzinfo=local.tzinfo, locale=_locale(code))
    return f"{day} {local:%H:%M}"


def format_day(day: date) -> str:
    """'Thu 05 Mar' (English), 'jue 5 mar' (Spanish): a day without its year."""
    code = language()
    if code == ENGLISH:
        return day.strftime("%a %d %b")
    from babel.dates import format_date

    return str(format_date(day, "EEE d MMM", locale=_locale(code)))


def format_date_year(day: date) -> str:
    """'Thu 31 Dec 2026' (English), 'jue 31 dic 2026': a day with its year."""
    code = language()
    if code == ENGLISH:
        return day.strftime("%a %d %b %Y")
    from babel.dates import format_date

    return str(format_date(day, "EEE d MMM y", locale=_locale(code)))


def month_day(month: int, day: int) -> str:
    """'February 30', '30. Februar', '30 февраля': a day of a month in the reply's language."""
    return _("{month} {day}", month=month_name(month), day=day)


def month_name(month: int, *, standalone: bool = False) -> str:
    """The month's name as a date says it ('February', 'febrero', 'февраля')."""
    code = language()
    if code == ENGLISH:  # Babel's English names, without loading Babel for them
        return _ENGLISH_MONTHS[month]
    from babel.dates import get_month_names

    locale = _locale(code)
    names = (get_month_names("wide", context="stand-alone", locale=locale) if standalone
             else get_month_names("wide", context="format", locale=locale))
    return str(names[month])


_ENGLISH_MONTHS: Final = dict(enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1))


@cache
def _locale(code: str) -> Locale:
    from babel import Locale

    return Locale.parse(code)
