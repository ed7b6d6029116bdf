"""parse(text, now, zone) -> Command: the entry point of the command language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from core.errors import NeedsTimeError, ParseError
from core.i18n import N_, _, using
from core.language import items, moments, readings
from core.language.body import Body, refuse_unitless, split_body, unquote
from core.language.bounds import refuse_lone_bound
from core.language.chunks import may_start, scan
from core.language.commands import (
    ME,
    Alternative,
    Assumption,
    Command,
    Digest,
    Draft,
    Habit,
    Help,
    ListItems,
    Post,
    Remind,
    Target,
    TargetKind,
)
from core.language.detect import ENGLISH, TONGUES, candidates
from core.language.intents import Verb, trim, verb_at
from core.language.lexicon import POLITE_WORDS
from core.language.parse_state import Context
from core.language.schedule import once, recurring
from core.language.suggest import not_a_command
from core.language.targets import is_broadcast, target_of
from core.language.tokens import MAX_LENGTH, Token, is_symbols, read, span_text
from core.language.tongues import translate
from core.language.when import When
from core.language.zonewords import zone
from core.recurrence.rules import Once, Recurrence

_HINTS = {
    "remind": N_("remind me to call mom tomorrow at 5pm"),
    "post": N_('post "release freeze starts" to #eng on Friday at 5pm'),
    "event": moments.EVENT_HINT,
    "digest": "digest #team every weekday at 9",
}
_QUOTE_MARKS = frozenset('"`')
_DIGEST_FREQ = {"daily": "day", "weekly": "week"}
_POST_LEADS = frozenset({"to", "in", "on", "into", "for", "at"})
_new = tuple.__new__  # a NamedTuple built straight from its fields (one per message)


class Parsed(NamedTuple):
    """A message read: the language it is in, and its command or the refusal."""

    language: str
    command: Command | None = None
    error: ParseError | None = None


def parse(text: str, now: datetime, zone: str, language: str | None = None) -> Command:
    """Read one message; raise ParseError (NeedsTimeError without a time) if it is no command.

    `language` (`de`, ...) is the person's setting: it breaks a tie between languages."""
    parsed = parse_message(text, now, zone, language)
    if parsed.error is not None:
        raise parsed.error
    assert parsed.command is not None
    return parsed.command


def parse_message(text: str, now: datetime, zone: str, language: str | None = None) -> Parsed:
    """Read one message in whichever language it is written; never raises ParseError."""
    if now.tzinfo is None:
        raise ValueError("parse needs an aware `now`")
    if len(text) > MAX_LENGTH:
        with using(language):
            return Parsed(language or ENGLISH, error=ParseError(
                _("That message is too long ({length} characters; the limit is {limit}). "
                  "Shorten the task and try again.", length=f"{len(text):,}",
                  limit=f"{MAX_LENGTH:,}"),
                hint=_("remind me to call mom tomorrow at 5pm")))
    tokens = read(text)
    tried = candidates(tokens, language)
    first: Parsed | None = None
    for code in tried:
        found = _read_in(text, now, zone, code, tokens)
        if found.error is None:
            return found
        first = first or found  # a tie: the next language may read it
    assert first is not None
    return first


def _read_in(text: str, now: datetime, zone: str, code: str, tokens: list[Token]) -> Parsed:
    """The message read in one language: its command, or its refusal worded in it."""
    words = tokens if code == ENGLISH else translate(tokens, TONGUES[code])
    with using(code):  # a refusal or a reading is worded in the language tried
        try:
            return _new(Parsed, (code, _parse(text, now, zone, words), None))
        except ParseError as error:
            return Parsed(code, error=error)
        except (ValueError, OverflowError, IndexError, KeyError) as error:
            return Parsed(code, error=_fault(text, error))


def _fault(text: str, error: Exception) -> ParseError:
    """A grammar bug must not take a chat down: refuse politely, and log it to be fixed."""
    import logging  # here, not at the top: `nudge parse` starts without it (~2 ms)

    logging.getLogger(__name__).warning("parser failed on %d characters: %r", len(text),
                                        error, exc_info=True)
    refusal = ParseError(_("Sorry, I couldn't read that time. Try `tomorrow at 9am`."),
                         hint=_("remind me to call mom tomorrow at 5pm"))
    refusal.__cause__ = error
    return refusal


def _parse(text: str, now: datetime, zone: str, tokens: list[Token]) -> Command:
    words, lo, hi = trim(tokens)
    end = _emoji_end(tokens, hi) if hi < len(tokens) else hi
    context = _new(Context, (text, tokens, words, lo, hi, now, zone, end))
    if lo >= hi:
        raise not_a_command(text, words[lo:hi])
    verb = verb_at(words, lo, hi)
    if verb is None and words[lo][:1] == "+" and words[lo][1:2].isdecimal():
        verb = Verb("progress", lo)
    verb = verb or _send_to(context)
    if verb is None:
        return _bare(context)
    if verb.weak or verb.intent == "cancel":
        try:
            bare = _maybe_bare(context)  # `stop by the bakery tomorrow` is a reminder
        except ParseError:
            bare = None  # `done meditate today` (09:00 gone): no reminder, so the verb's intent
        if bare is not None and not _agenda_day(bare, context, verb) and not _only_verb(
                bare, context, verb):
            return bare
    return _READERS[verb.intent](context, verb)


def _emoji_end(tokens: list[Token], hi: int) -> int:
    end = hi
    while end < len(tokens) and is_symbols(tokens[end].low) and tokens[end].low[:1] not in "!?":
        end += 1
    return end


def _send_to(c: Context) -> Verb | None:
    """`send "hi all" to #eng ...`, `send #team a digest ...`: `send` before a quoted message
    or a channel posts (or sends a digest); `send the report to #eng` stays a task."""
    if c.words[c.lo] != "send" or c.lo + 1 >= c.hi:
        return None
    nxt = c.lo + 2 if c.words[c.lo + 1] == "to" and c.lo + 2 < c.hi else c.lo + 1
    target = _target_word(c, nxt)
    quoted = c.tokens[c.lo + 1].low[:1] in _QUOTE_MARKS
    if not quoted and (target is None or target.kind is TargetKind.ME):
        return None
    return Verb("digest" if "digest" in c.words[c.lo:c.hi] else "post", c.lo + 1)


def _bare(c: Context) -> Command:
    """No command word: a reminder only if a time expression starts or ends the text."""
    command = _time_then_remind(c) or _maybe_bare(c)
    if command is None:
        refuse_unitless(c.slice_text(c.lo, c.hi))
        raise not_a_command(c.text, c.words[c.lo:c.hi])
    return command


def _time_then_remind(c: Context) -> Command | None:
    """`tomorrow remind me to call mom`: a time, then the command."""
    lead = When()
    k = scan(c.words[:c.hi], c.lo, lead) if may_start(c.words[c.lo]) else c.lo
    verb = verb_at(c.words, k, c.hi) if lead.chunks and k < c.hi else None
    if verb is None or verb.intent != "remind":
        return None
    target, i = _target_at(c, verb.rest)
    tokens, words = c.task(i)
    body = split_body(c.text, tokens, words)
    body.when.merge(lead)
    return _scheduled(c, "remind", target, body)


def _maybe_bare(c: Context) -> Command | None:
    tokens, words = c.task(c.lo)
    body = split_body(c.text, tokens, words)
    if not body.when.chunks or not body.what:
        return None
    return _scheduled(c, "remind", ME, body)


def _only_verb(bare: Command, c: Context, verb: Verb) -> bool:
    """`cancel the 4th`, `borra el 4`: a task that is only the verb is no reminder."""
    return isinstance(bare, Remind) and bare.what.lower() == c.slice_text(c.lo, verb.rest).lower()


def _agenda_day(bare: Command, c: Context, verb: Verb) -> bool:
    """`calendar tomorrow`: a task that is only the agenda verb asks for that day's agenda."""
    return (verb.intent == "agenda" and isinstance(bare, Remind)
            and bare.what.lower() == " ".join(c.words[c.lo:verb.rest]))


def _settled(when: When, c: Context, *, target: bool = False) -> Assumption | None:
    """A vague frequency's reading filled in (readings.py), as the Assumption to state."""
    if when.assumed is None:  # nothing vague was said (most commands)
        return None
    found = readings.settle(when, target=target, now=c.now, zone_name=c.zone)
    if found is None:
        return None
    return readings.assumption(found[0], found[1], c.now, c.zone)


def _schedule(when: When, c: Context) -> tuple[Recurrence, Alternative | None]:
    span = when.for_span
    if (span is not None and (span.days or span.months) and not when.recurring
            and when.span is None and (when.date is None or when.starting is None)):
        when.freq = "day"  # `for the next 5 days at 9`: a bound in days repeats daily
        if when.date is not None:  # `tomorrow at 9 for 3 days`: from that day on
            when.starting, when.date = When(date=when.date), None
    if when.recurring or when.per_week:
        return recurring(when, c.now, c.zone), None
    refuse_lone_bound(when)
    rec, resolved = once(when, c.now, c.zone)
    if resolved.other is None:
        return rec, None
    here = zone(c.zone)
    label = (f"{resolved.other.astimezone(here):%H:%M} instead of "
             f"{resolved.at.astimezone(here):%H:%M}")
    return rec, Alternative(label, Recurrence(Once(resolved.other), rec.zone, c.now))


def _scheduled(c: Context, intent: str, target: Target, body: Body) -> Command:
    if not body.when.chunks:
        refuse_unitless(body.what)
        raise NeedsTimeError(_(_ASK[intent]), command=Draft(intent, body.what, target),
                             hint=_(_HINTS[intent]))
    if not body.what:
        raise ParseError(_(_ABOUT[intent], hint=_(_HINTS[intent])), hint=_(_HINTS[intent]))
    _once_a_week(body.when)
    assumed = _settled(body.when, c)
    if body.when.per_week is not None:
        raise ParseError(_("`N times a week` is a habit's target; try `habit run 3 times a "
                           "week`."), hint=_("habit run 3 times a week"))
    rec, alternative = _schedule(body.when, c)
    if intent == "post":
        return Post(target, body.what, rec, alternative, assumed)
    return Remind(target, body.what, rec, alternative, assumed)


def _once_a_week(when: When) -> None:
    """Outside habits, `once a week` (a target of one) is simply `weekly`."""
    if when.per_week == 1 and when.freq in (None, "week") and when.every == 1:
        when.per_week, when.freq = None, "week"  # `every Sunday once a week` says it twice


_ASK = {"remind": N_("When should I remind you? Add a time, like `tomorrow at 9am` or "
                     "`every Monday at 10`."),
        "post": N_("When should I post it? Add a time, like `tomorrow at 9am` or `every "
                   "Monday at 10`."),
        "event": N_("When should I put it in the calendar? Add a time, like `tomorrow at 9am` "
                    "or `every Monday at 10`.")}
_ABOUT = {"remind": N_("What should I remind you about? Add the task, like `{hint}`."),
          "post": N_("What should I post it about? Add the task, like `{hint}`."),
          "event": N_("What should I put it in the calendar about? Add the task, like "
                      "`{hint}`.")}


def _target_word(c: Context, i: int) -> Target | None:
    """The target token i names (`me` may be a word another language's verb implies)."""
    return ME if c.words[i] in ("me", "myself") else target_of(c.tokens[i].text)


def _target_at(c: Context, i: int) -> tuple[Target, int]:
    if i < c.hi and c.words[i] == "me" and (i + 1 == c.hi or c.words[i + 1] not in POLITE_WORDS):
        return ME, i + 1  # `remind me to ...`: most reminders
    if i < c.hi and c.words[i] == "for" and i + 1 < c.hi and _target_word(c, i + 1):
        i += 1
    if i < c.hi and is_broadcast(c.tokens[i].text):
        raise ParseError(_("I can remind one person (`@maria`) or a channel (`#team`), not "
                           "@here, @channel or a group. Try `remind #team to ...`."),
                         hint=_("remind #team standup every weekday at 9:30"))
    target = _target_word(c, i) if i < c.hi else None
    if target is not None:
        i += 1
    while i < c.hi and c.words[i] in POLITE_WORDS:
        i += 1
    return target or ME, i


def _remind(c: Context, verb: Verb) -> Command:
    if c.hi - verb.rest == 1 and c.words[verb.rest] in ("list", "help"):
        # Slack's `/remind list` and `/remind help`
        return ListItems("reminders") if c.words[verb.rest] == "list" else Help("remind")
    target, i = _target_at(c, verb.rest)
    tokens, words = c.task(i)
    return _scheduled(c, "remind", target, split_body(c.text, tokens, words))


def _channel_at(c: Context, lo: int) -> tuple[Target, int, int] | None:
    """The first channel (or user) named after lo, with the span to cut (`to #eng`)."""
    for i in range(lo, c.hi):
        target = target_of(c.tokens[i].text)
        if target is not None and target.kind is not TargetKind.ME:
            cut = i - 1 if i - 1 >= lo and c.words[i - 1] in _POST_LEADS else i
            return target, cut, i + 1
    return None


def _post(c: Context, verb: Verb) -> Command:
    found = _channel_at(c, verb.rest)
    if found is None:
        raise ParseError(_("Which channel should I post to? Name it with #, like `#general`."),
                         hint=_(_HINTS["post"]))
    target, cut, after = found
    end = max(c.end, c.hi)
    tokens = c.tokens[verb.rest:cut] + c.tokens[after:end]
    words = c.words[verb.rest:cut] + c.words[after:end]
    return _scheduled(c, "post", target, _post_body(c, tokens, words))


def _post_body(c: Context, tokens: list[Token], words: list[str]) -> Body:
    """`post to #eng tomorrow 9am: moved to 10am`: after a colon that ends the time, the
    message is kept as written (its time words are the message's, not the schedule's)."""
    if ":" in words:
        k = words.index(":")
        head = split_body(c.text, tokens[:k], words[:k]) if k else None
        if head is not None and head.when.chunks and not head.what and k + 1 < len(words):
            message = span_text(c.text, tokens, k + 1, len(tokens)).strip()
            what, quoted = unquote(message)
            return Body(what, head.when, quoted)
    return split_body(c.text, tokens, words)


def _habit(c: Context, verb: Verb) -> Command:
    tokens, words = c.task(verb.rest)
    body = split_body(c.text, tokens, words)
    if not body.what:
        raise ParseError(_("Which habit? Name it, like `habit meditate every morning`."),
                         hint=_("habit meditate every morning"))
    when = body.when
    if not when.chunks:
        return Habit(body.what)
    per_month = _monthly_target(when)
    readings.weekly_list(when)
    assumed = _settled(when, c, target=True)
    if not when.recurring:
        when.freq = "day"  # a habit's times are daily reminders unless a rule says otherwise
    return Habit(body.what, recurring(when, c.now, c.zone), when.per_week, assumed, per_month)


def _monthly_target(when: When) -> int | None:
    """In a habit, `N times a month` is a target (prompted daily), not days of the month."""
    kind, _, number = (when.assumed or "").partition(":")
    if kind != "month" or when.monthdays or not number.isdigit():
        return None
    when.assumed, when.freq = None, None
    return int(number)


def _digest(c: Context, verb: Verb) -> Command:
    found = _channel_at(c, verb.rest)  # `digest #team daily`, `digest daily in #team`
    if found is None:
        raise ParseError("Which channel gets the digest? Name it, like `#team`.",
                         hint=_HINTS["digest"])
    target, cut, after = found
    tokens = c.tokens[verb.rest:cut] + c.tokens[after:c.hi]
    words = c.words[verb.rest:cut] + c.words[after:c.hi]
    body = split_body(c.text, tokens, words)
    when = body.when
    if verb.rest > c.lo and c.words[c.lo] in _DIGEST_FREQ:  # `weekly digest for #team`
        when.freq = when.freq or _DIGEST_FREQ[c.words[c.lo]]
    if not when.chunks and when.freq is None:
        raise NeedsTimeError("When should the digest go out? Add a schedule, like "
                             "`every weekday at 9`.", command=Draft("digest", "", target),
                             hint=_HINTS["digest"])
    _once_a_week(when)
    readings.weekly_list(when)
    assumed = _settled(when, c)
    if when.per_week is not None:
        raise ParseError("`N times a week` is a habit's target; a digest needs its days, like "
                         "`every Monday and Thursday`.", hint=_HINTS["digest"])
    if not when.recurring:
        when.freq = "day"
    return Digest(target, recurring(when, c.now, c.zone), assumed)


_READERS: dict[str, Callable[[Context, Verb], Command]] = {
    "remind": _remind, "post": _post, "habit": _habit, "event": moments.event,
    "snooze": moments.snooze,
    "digest": _digest, **items.READERS,
}
