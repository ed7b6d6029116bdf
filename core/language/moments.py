"""Readers of one moment: an event to add to the calendar, and a snooze."""

from __future__ import annotations

from datetime import timedelta

from core.errors import NeedsTimeError, ParseError
from core.i18n import N_, _
from core.language.body import split_body
from core.language.chunks import scan, window_tods
from core.language.commands import AddEvent, Command, Draft, Snooze
from core.language.intents import Verb
from core.language.parse_state import Context
from core.language.schedule import once
from core.language.spans import span_at
from core.language.when import Span, When

EVENT_HINT = N_("add event dentist tomorrow 3pm for 1h")


def event(c: Context, verb: Verb) -> Command:
    tokens, words = c.task(verb.rest)
    body = split_body(c.text, tokens, words)
    when, minutes = body.when, 60
    if when.for_span is not None:
        minutes = max(1, round(when.for_span.total_seconds() / 60))
        when.for_span = None
    if when.window is not None:
        start, end = window_tods(when.window)
        # `10pm-1am` ends after midnight: the range wraps round the day.
        minutes = ((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)) % 1440 or 60
        when.tods, when.window = [start], None
    if not when.chunks or not when.has_time:
        raise NeedsTimeError(_("When is it? Add a time, like `tomorrow 3pm`."),
                             command=Draft("event", body.what), hint=_(EVENT_HINT))
    if not body.what:
        raise ParseError(_("What is the event? Name it, like `add event dentist tomorrow 3pm`."),
                         hint=_(EVENT_HINT))
    if when.recurring:
        raise ParseError(_("An event happens once; for a repeating one, set a reminder, like "
                           "`remind me to join the sync every Monday at 10am`."),
                         hint=_("remind me to join the sync every Monday at 10am"))
    rec, _resolved = once(when, c.now, c.zone)
    return AddEvent(body.what, rec, minutes)


def snooze(c: Context, verb: Verb) -> Command:
    i, ref = verb.rest, None
    spans_all = span_at(c.words[:c.hi], i) is not None  # `snooze 5 mins` is no item 5
    if i + 1 < c.hi and c.words[i].lstrip("#").isdecimal() and not spans_all:
        ref, i = c.words[i].lstrip("#"), i + 1
    lead = i
    while i < c.hi and c.words[i] in ("for", "until", "till", "til", "to", "by"):
        i += 1
    tokens, words = c.sub(i)
    when = When()
    span = span_at(words, 0) if words else None
    if span is not None and span[1] == len(words):
        when.span, when.chunks, what = span[0], 1, ""
    elif i > lead and words and scan(["at", *words], 0, when) == len(words) + 1:
        what = ""  # `snooze until 9`: after `until` a bare hour is the time, as after `at`
    else:
        when = When()
        body = split_body(c.text, tokens, words)
        when, what = body.when, body.what
        if when.for_span is not None:
            when.span, when.for_span = when.for_span, None
        ref = ref or (what or None)
    if not when.chunks:
        when.span, when.chunks = Span(seconds=600.0), 1  # bare `snooze`: ten minutes
    rec, _resolved = once(when, c.now, c.zone)
    length = when.span
    by = (timedelta(days=length.days, seconds=length.seconds)
          if length is not None and not length.months and not length.vague else None)
    return Snooze(rec, ref, by)
