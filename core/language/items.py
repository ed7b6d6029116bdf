"""Intents about existing items and settings: done, goal, progress, list, cancel, ... help."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from core.errors import ParseError
from core.i18n import _
from core.language.body import split_body
from core.language.bounds import end_of_day
from core.language.commands import (
    Agenda,
    Cancel,
    Command,
    Goal,
    Help,
    ListItems,
    MarkDone,
    Pause,
    Progress,
    Resume,
    SetLanguage,
    SetTimezone,
)
from core.language.dates import date_at
from core.language.intents import VERBS, Verb, skip_fillers
from core.language.parse_state import Context
from core.language.resolve import on_date
from core.language.when import DateRef, When
from core.language.zonewords import zone, zone_name

TASK_MARK = "\u00b7"  # core.language.tongues.NEUTRAL: a word of another language
_AMOUNT = re.compile(r"^\+?([$€£]?)(\d{1,12}(?:\.\d{1,6})?)([a-z%]*)$")
_QUOTE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
_KINDS = {
    "reminder": "reminders", "reminders": "reminders", "habit": "habits", "habits": "habits",
    "goal": "goals", "goals": "goals", "post": "posts", "posts": "posts",
    "message": "posts", "messages": "posts", "digest": "digests", "digests": "digests",
    "all": "all", "everything": "all", "events": "events", "event": "events",
}
_REF_NOISE = frozenset({"the", "my", "a", "reminder", "reminders", "habit", "goal", "post",
                        "digest", "event", "no", "number", "with", "for", "on", "one", "item",
                        "id", ":", "-", "#", "that", "this", "called", "named", "about",
                        "to", "of"})
_UNITS = frozenset({"km", "kms", "k", "mi", "mile", "miles", "m", "meters", "metres", "pages",
                    "page", "books", "book", "min", "mins", "minutes", "hours", "hrs", "h",
                    "kg", "kgs", "lb", "lbs", "pounds", "steps", "reps", "words", "glasses",
                    "cups", "l", "liters", "litres", "chapters", "sessions", "times", "$",
                    "usd", "eur", "dollars", "euros", "calories", "kcal", "laps", "push-ups",
                    "pushups", "episodes", "lessons", "articles", "problems", "%"})
_YEAR_END = frozenset({("eoy",), ("end", "of", "year"), ("end", "of", "the", "year"),
                       ("the", "end", "of", "the", "year"), ("the", "end", "of", "year"),
                       ("year", "end"), ("year-end",)})
_DONE_TAIL = (("as", "done"), ("done",), ("as", "complete"), ("complete",),
              ("as", "completed"), ("completed",), ("as", "finished"), ("finished",))
_LEAD_NOISE = frozenset({"the", "my", "with", "on", "for", "to", ":", "-"})
_TOPIC_NOUNS = {"reminder": "remind", "reminders": "remind", "reminding": "remind",
                "events": "event", "snoozing": "snooze", "time": "timezone"}
_TOPICS = frozenset({"remind", "post", "habit", "done", "goal", "progress", "list", "cancel",
                     "snooze", "pause", "resume", "digest", "agenda", "event", "timezone",
                     "help"})


def _ref(c: Context, lo: int, what: str) -> str:
    """The id or the words that name an item (`3`, `standup`)."""
    hi = c.hi
    while lo < hi and c.words[lo] in _REF_NOISE:
        lo += 1
    while hi > lo and c.words[hi - 1] in _REF_NOISE:
        hi -= 1
    if c.words[lo:hi] == ["all"]:
        return "all"  # `cancela todos`, `alle löschen`: read as `all`, whatever the language
    ref = c.slice_text(lo, hi).strip().lstrip("#").strip().strip(_QUOTE_MARKS).rstrip("!?.").strip()
    if not ref:
        raise ParseError(_("Which one? Give its number or name, like `{example}`.",
                           example=f"{what} 3"), hint=f"{what} 3")
    return ref


def _done(c: Context, verb: Verb) -> Command:
    hi = c.hi  # `done meditate (for) today`: the day is when, not part of the name
    if verb.mark:  # `mark 4 done`, `mark meditate as complete`: the tail names the intent
        tail = next((t for t in _DONE_TAIL if tuple(c.words[hi - len(t):hi]) == t), None)
        if tail is None or hi - len(tail) <= verb.rest:
            from core.language.suggest import not_a_command

            raise not_a_command(c.text, c.words[c.lo:c.hi])
        hi -= len(tail)
    if hi - verb.rest > 1 and c.words[hi - 1] == "today":
        hi -= 2 if c.words[hi - 2] == "for" and hi - verb.rest > 2 else 1
    return MarkDone(_ref(c._replace(hi=hi), verb.rest, "mark done"))


def _cancel(c: Context, verb: Verb) -> Command:
    return Cancel(_ref(c, verb.rest, "cancel"))


def _pause(c: Context, verb: Verb) -> Command:
    return Pause(_ref(c, verb.rest, "pause"))


def _resume(c: Context, verb: Verb) -> Command:
    return Resume(_ref(c, verb.rest, "resume"))


def _list(c: Context, verb: Verb) -> Command:
    kinds = [_KINDS[w] for w in c.words[c.lo:c.hi] if w in _KINDS]
    kinds = [k for k in kinds if k != "all"] or kinds  # `list all reminders` lists reminders
    page, hi = _page(c.words, verb.rest, c.hi)
    if verb.rest < hi and not kinds and hi - verb.rest > 2:
        from core.language.suggest import not_a_command

        raise not_a_command(c.text, c.words[c.lo:c.hi])
    return ListItems(kinds[0] if kinds else "all", page)


def _page(words: list[str], lo: int, hi: int) -> tuple[int | None, int]:
    """`list 2`, `list page 2`, `list reminders p 2`: the page asked for, and where it starts."""
    if hi <= lo or not words[hi - 1].isdigit() or len(words[hi - 1]) > 4:
        return None, hi
    start = hi - 2 if hi - 2 >= lo and words[hi - 2] in ("page", "p", "pg") else hi - 1
    return int(words[hi - 1]), start


def _amount(word: str) -> tuple[float, str | None] | None:
    match = _AMOUNT.match(word)
    if match is None:
        return None
    unit = match.group(1) or match.group(3) or None
    return float(match.group(2)), unit


def _deadline(c: Context, words: list[str]) -> tuple[date | None, int]:
    """A goal's `by <date>` at the end: the date and where it starts."""
    for i in range(len(words) - 1, -1, -1):
        if words[i] not in ("by", "before", "until", "till"):
            continue
        if tuple(words[i + 1:]) in _YEAR_END:  # `by the end of the year`: December 31
            return date(c.now.astimezone(zone(c.zone)).year, 12, 31), i
        found = date_at(words, i + 1, lone_month=True)
        if found is not None and found[1] == len(words):
            when = When(date=found[0])
            moment = on_date(when, c.now, c.zone, end_of_day())
            return moment.astimezone(zone(c.zone)).date(), i
    return None, len(words)


def _unit(word: str) -> str:
    """A unit as typed: another language's word comes marked as task text (`·libros`)."""
    return word.removeprefix(TASK_MARK)


def _goal(c: Context, verb: Verb) -> Command:
    if verb.rest < c.hi - 1 and c.words[verb.rest] == "to":  # `set a goal to read 12 books`
        verb = verb._replace(rest=verb.rest + 1)
    words = c.words[verb.rest:c.hi]
    deadline, end = _deadline(c, words)
    for i, word in enumerate(words[:end]):
        found = _amount(word)
        if found is None or i == 0:
            continue
        value, unit = found
        if unit is None and i + 1 < end:
            unit = _unit(words[i + 1])
        what = c.slice_text(verb.rest, verb.rest + i)
        return Goal(what.strip(), value, unit, deadline)
    lead = _amount(words[0]) if end > 2 else None
    if lead is not None and lead[1] is None:  # `Ziel 20 Bücher lesen`: the verb comes last
        what = c.slice_text(verb.rest + 2, verb.rest + end).strip()
        return Goal(what, lead[0], _unit(words[1]), deadline)
    what = c.slice_text(verb.rest, verb.rest + end).strip()
    if not what:
        raise ParseError(_("What is the goal? Like `goal run 100 km by Dec 31`."),
                         hint=_("goal run 100 km by Dec 31"))
    return Goal(what, None, None, deadline)


def _progress(c: Context, verb: Verb) -> Command:
    lo = verb.rest
    words = c.words[lo:c.hi]
    # `progress 4 5 km`: a bare id before an amount names the item, as a word would
    skip = 1 if len(words) > 1 and words[0].isdecimal() and _amount(words[1]) else 0
    for i, word in enumerate(words):
        found = _amount(word)
        if found is None or i < skip:
            continue
        value, unit = found
        before, after = lo, lo + i + 1
        if unit is None and i + 1 < len(words) and (i > 0 or _unit(words[i + 1]) in _UNITS
                                                     or i + 2 < len(words)):
            unit, after = _unit(words[i + 1]), after + 1
        while after < c.hi and c.words[after] in _LEAD_NOISE:
            after += 1
        ref = c.slice_text(before, lo + i) if i > 0 else c.slice_text(after, c.hi)
        ref = ref.strip()
        if ref:
            return Progress(ref, value, unit)
    raise ParseError(_("How much progress, and on what? Like `progress run 5 km`."),
                     hint=_("progress run 5 km"))


def _agenda(c: Context, verb: Verb) -> Command:
    tokens, words = c.sub(verb.rest)
    body = split_body(c.text, tokens, words)
    today = c.now.astimezone(zone(c.zone)).date()
    days = body.when.weekdays
    if body.when.date is None and days and body.when.assumed == "each":  # `agenda mon and fri`
        body.when.date = DateRef("wd", min(days, key=lambda d: (d - today.weekday()) % 7))
    if body.when.date is None:
        return Agenda(today)
    moment = on_date(body.when, c.now, c.zone, end_of_day())
    return Agenda(moment.astimezone(zone(c.zone)).date())


def _timezone(c: Context, verb: Verb) -> Command:
    lo = skip_fillers(c.words, verb.rest, c.hi)
    if lo < c.hi and c.words[lo] == "to":
        lo += 1
    name = c.slice_text(lo, c.hi).strip()
    found = zone_name(name) if name else None
    if found is None:
        raise ParseError(_("I don't know the time zone `{name}`. Use an IANA name like "
                           "`Europe/Berlin` or an abbreviation like `PST`.", name=name) if name
                         else _("Which time zone? Like `timezone Europe/Berlin`."),
                         hint=_("timezone Europe/Berlin"))
    return SetTimezone(found)


# Each language by its code and its name in the six languages (accents optional).
_LANGUAGE_NAMES: dict[str, str] = {
    **dict.fromkeys(("en", "english", "inglés", "ingles", "englisch", "anglais", "inglês",
                     "английский", "англиский"), "en"),
    **dict.fromkeys(("es", "spanish", "español", "espanol", "castellano", "spanisch",
                     "espagnol", "espanhol", "испанский"), "es"),
    **dict.fromkeys(("de", "german", "alemán", "aleman", "deutsch", "allemand", "alemão",
                     "alemao", "немецкий"), "de"),
    **dict.fromkeys(("fr", "french", "francés", "frances", "französisch", "franzosisch",
                     "français", "francais", "francês", "французский"), "fr"),
    **dict.fromkeys(("pt", "portuguese", "portugués", "portugues", "portugiesisch",
                     "portugais", "português", "португальский"), "pt"),
    **dict.fromkeys(("ru", "russian", "ruso", "russisch", "russe", "russo", "русский",
                     "ру"), "ru"),
}


def _language(c: Context, verb: Verb) -> Command:
    lo = skip_fillers(c.words, verb.rest, c.hi)
    if lo < c.hi and c.words[lo] in ("to", "in"):
        lo += 1
    name = c.slice_text(lo, c.hi).strip().lower().rstrip(".!")
    code = _LANGUAGE_NAMES.get(name)
    if code is None:
        raise ParseError(_("I don't know the language `{name}`. I speak en, es, de, fr, pt and "
                           "ru, like `language de`.", name=name) if name else
                         _("Which language? I speak en, es, de, fr, pt and ru, like "
                           "`language de`."), hint=_("language de"))
    return SetLanguage(code)


def _help(c: Context, verb: Verb) -> Command:
    words = [w.lstrip("/") for w in c.words[verb.rest:c.hi]
             if w not in ("with", "on", "about", "me", "?", "for", "the")]
    if not words:
        return Help()
    head = _TOPIC_NOUNS.get(words[0], words[0].rstrip("s"))  # `help /remind`, `help reminders`
    topic = head if head in _TOPICS else None
    # `how do i set a reminder`: the longest verb phrase, else the first word naming a topic
    topic = topic or next((VERBS[tuple(words[:n])] for n in range(len(words), 0, -1)
                           if tuple(words[:n]) in VERBS), None)
    topic = topic or next((t for t in (_TOPIC_NOUNS.get(w, w.rstrip("s")) for w in words)
                           if t in _TOPICS), None)
    return Help(topic or " ".join(words))


READERS: dict[str, Callable[[Context, Verb], Command]] = {
    "done": _done, "goal": _goal, "progress": _progress, "list": _list, "cancel": _cancel,
    "pause": _pause, "resume": _resume, "agenda": _agenda, "timezone": _timezone,
    "help": _help, "language": _language,
}
