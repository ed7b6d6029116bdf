"""Dispatcher: (text or Command, Actor) -> Reply; the one entry for every chat adapter."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Final, assert_never

from core.buttons import is_token
from core.errors import NeedsTimeError, NotFound, ParseError, UserError
from core.i18n import N_, _, set_language
from core.ids import Actor
from core.language.commands import (
    AddEvent,
    Agenda,
    Cancel,
    Command,
    Digest,
    Goal,
    Habit,
    Help,
    ListItems,
    MarkDone,
    Pause,
    Post,
    Progress,
    Remind,
    Resume,
    SetLanguage,
    SetTimezone,
    Snooze,
)
from core.language.detect import bare_done
from core.language.parser import parse_message
from core.language.suggest import did_you_mean, small_talk
from core.recurrence.rules import Once
from core.recurrence.zones import resolve_zone
from core.reminders import Reminder
from core.replies import Choice, Reply
from core.services import (
    actions,
    goals,
    guards,
    habits,
    people,
    reminders,
    tracker_words,
    tracking,
)
from core.services.deps import Deps
from core.services.help import help_reply
from core.services.wording import shorten

logger = logging.getLogger(__name__)

WHEN_CHOICES = ((N_("In 1 hour"), N_("in 1 hour")), (N_("This evening"), N_("this evening")),
                (N_("Tomorrow morning"), N_("tomorrow morning")))
DIGESTS_NOT_YET = ("Digests are not available yet in this version of Nudge, so I set nothing "
                   "up. A repeating post does much the same: `post \"standup notes\" to #team "
                   "every weekday at 9`.")
_MOVE: Final = re.compile(r"^move (?:all )?(?:my )?reminders to (?P<zone>\S+)$")
BARE_DONE: Final = frozenset({"done", "mark done", "did it", "done it", "mark as done"})
# Typed `undo` alone, and the language it answers in (None: the person's setting). French
# `annuler` and Russian `отменить` mean cancel there, so their undo is another word.
UNDO_WORDS: Final = {"undo": None, "deshacer": "es", "deshaz": "es", "rückgängig": "de",
                     "ruckgangig": "de", "défaire": "fr", "defaire": "fr", "desfazer": "pt",
                     "desfaz": "pt", "верни как было": "ru", "верни обратно": "ru"}
NOT_YET = N_("{what} are not available yet in this version of Nudge; reminders, posts, habits "
           "and goals are.")
# C0 controls but tab and line breaks, DEL, and lone surrogates: PostgreSQL stores no NUL,
# no backend encodes a lone surrogate, and none of them is anything a person meant to type.
_UNTYPABLE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
UNTYPABLE: Final = N_("Your message has a control character in it (such as a NUL byte) that I "
                    "can't keep. Please type it again without it; nothing was changed.")


class Dispatcher:
    """The one entry for every chat adapter: what a person typed, or a button they pressed."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    async def handle(self, text: str, actor: Actor) -> Reply:
        """Answer typed text. Typed text is only ever a command, never a button's action."""
        return await self._answer(actor, lambda zone, setting: self._typed(text, actor, zone,
                                                                           setting))

    async def press(self, payload: str, actor: Actor) -> Reply:
        """Answer a pressed button: a sealed action token, or the command text it stands for."""
        if not is_token(payload):
            return await self.handle(payload, actor)
        return await self._answer(actor, lambda zone, _setting: self._pressed(payload, actor,
                                                                              zone))

    async def _answer(self, actor: Actor,
                      run: Callable[[str, str | None], Awaitable[Reply]]) -> Reply:
        """User errors become friendly replies (nothing is changed); action choices sealed.

        The reply is in the person's language setting (English without one) until a typed
        message says otherwise; the adapter that called finds it in core.i18n.language()."""
        person = await people.person_of(self.deps, actor)
        setting = person.language if person else None
        set_language(setting)
        try:
            await guards.may_command(self.deps, actor)
            reply = await run(people.zone_of(self.deps, actor, person), setting)
        except UserError as exc:
            return Reply(exc.reply, is_error=True)
        return self.deps.buttons.seal_reply(reply, actor.user, now=self.deps.clock.now())

    async def _typed(self, text: str, actor: Actor, zone: str, setting: str | None) -> Reply:
        if _UNTYPABLE.search(text):
            return Reply(_(UNTYPABLE), is_error=True)
        if _plain(text) in BARE_DONE or (done_in := bare_done(text)) is not None:
            # `done` (`hecho`, `erledigt`) right after a delivery: the last delivered
            if _plain(text) not in BARE_DONE:
                set_language(done_in)
            return await reminders.mark_done(self.deps, await self._last(actor, "mark done"),
                                             zone)
        if (move := _MOVE.match(_plain(text))) and (to := resolve_zone(move["zone"])):
            return await people.move_reminders(self.deps, actor, to)
        if (small := small_talk(text)) is not None:
            return Reply(small)
        if (meant := did_you_mean(text)) is not None:  # `remnd me to ...`: never the text
            question, fixed = meant
            return Reply(_("{question} Tap to send `{fixed}`.", question=question, fixed=fixed),
                         (Choice(_("Yes: {command}", command=shorten(fixed, 60)), fixed),))
        if _plain(text) in UNDO_WORDS:
            if (undo_in := UNDO_WORDS[_plain(text)]) is not None:
                set_language(undo_in)
            return await self._undo(actor, zone)
        try:
            if (words := await tracking.words(self.deps, actor, text, zone)) is not None:
                return words
            # The message's own language answers it; the setting only breaks a tie.
            parsed = parse_message(text, self.deps.clock.now(), zone, setting)
            set_language(parsed.language)
            if parsed.error is not None:
                raise parsed.error
            assert parsed.command is not None
            command = parsed.command
            if isinstance(command, Goal):
                command = goals.with_period_deadline(command, text, tracking.today(self.deps, zone))
        except NeedsTimeError as exc:
            if getattr(exc.command, "intent", None) == "digest":
                return Reply(DIGESTS_NOT_YET)  # no question whose answer would be refused
            return _ask_when(text, exc)
        except ParseError as exc:
            if exc.hint.startswith("digest "):
                return Reply(DIGESTS_NOT_YET)
            return Reply(_with_hint(_(exc.reply), exc.hint), is_error=True)
        return await self.dispatch(command, actor, zone)

    async def _pressed(self, token: str, actor: Actor, zone: str) -> Reply:
        pressed = self.deps.buttons.open(token, actor, now=self.deps.clock.now())
        return await actions.perform(self.deps, actor, pressed, zone)

    async def dispatch(self, command: Command, actor: Actor, zone: str) -> Reply:
        deps = self.deps
        match command:
            case Remind() | Post():
                return await reminders.create(deps, actor, command, zone)
            case ListItems(kind=kind, page=page):
                return await self._listing(actor, kind, zone, page or 1)
            case Cancel(ref=ref) if actions.is_everything(ref):
                return await actions.confirm_cancel_all(deps, actor)
            case Cancel(ref=ref):
                if (item := await tracking.lookup(deps, actor, ref)) is not None:
                    return await habits.cancel(deps, item)
                return await reminders.cancel(deps, await reminders.find(deps, actor, ref))
            case Pause(ref=ref):
                if await tracking.is_habit(deps, actor, ref):
                    return await habits.pause(deps, actor, ref, zone)
                return await reminders.pause(deps, await reminders.find(deps, actor, ref))
            case Resume(ref=ref):
                if (item := await tracking.lookup(deps, actor, ref)) is not None:
                    return await habits.resume(deps, item, zone)
                return await reminders.resume(deps, await reminders.find(deps, actor, ref), zone)
            case Snooze(ref=ref, recurrence=recurrence, by=by):
                return await self._snooze(actor, ref, recurrence.rule, zone, by)
            case SetTimezone(tz=tz):
                return await people.set_zone(deps, actor, tz)
            case SetLanguage(code=code):
                return await people.set_language(deps, actor, code)
            case Help(topic=topic):
                return help_reply(topic, actor.user.tenant.platform)
            case Habit():
                return await habits.create(deps, actor, command, zone)
            case MarkDone(ref=ref):
                if await tracking.is_habit(deps, actor, tracker_words.days_back(ref)[0]):
                    return await habits.done(deps, actor, ref, zone)
                return await reminders.mark_done(deps, await _done_item(deps, actor, ref), zone)
            case Goal():
                return await goals.create(deps, actor, command, zone)
            case Progress():
                return await goals.progress(deps, actor, command, zone)
            case Digest():
                return Reply(DIGESTS_NOT_YET)
            case Agenda() | AddEvent():
                return Reply(_(NOT_YET, what=_("Calendar features")))
            case _:
                assert_never(command)

    async def _listing(self, actor: Actor, kind: str, zone: str, page: int) -> Reply:
        if kind == "habits":
            return await habits.listing(self.deps, actor, zone)
        if kind == "goals":
            return await goals.listing(self.deps, actor, zone)
        if kind in ("reminders", "posts"):
            return await reminders.listing(self.deps, actor, zone, page)
        if kind == "all" and page == 1:
            return await tracking.everything(self.deps, actor, zone)
        if kind == "all":
            return await reminders.listing(self.deps, actor, zone, page)
        return Reply(_("You have no {kind} yet.", kind=kind) + " "
                     + _(NOT_YET, what=kind.capitalize()))

    async def _snooze(self, actor: Actor, ref: str | None, rule: object, zone: str,
                      by: timedelta | None) -> Reply:
        if not isinstance(rule, Once):
            raise UserError(_("Snooze takes one time, like 'snooze 10m' or 'snooze until 9am'."))
        if ref is None:  # the one just delivered comes back, as its Snooze button does
            return await reminders.snooze(self.deps, await self._last(actor, "snooze"),
                                          rule.at, zone)
        reminder = await reminders.find(self.deps, actor, ref, live_only=False)
        return await reminders.snooze(self.deps, reminder, rule.at, zone, by=by, typed=True)

    async def _undo(self, actor: Actor, zone: str) -> Reply:
        """Typed `undo`: the last goal progress if recent; else say how to undo the rest."""
        try:
            taken_back = await tracking.words(self.deps, actor, "undo", zone)
        except NotFound as exc:  # why no goal progress can be taken back, if there are goals
            taken_back, why = None, exc.reply
        if taken_back is not None:
            return taken_back
        if why != _("Nothing to undo."):
            return Reply(f"{why} " + _(UNDO_THE_REST), is_error=True)
        return Reply(_("Nothing to undo just now. To take back a reminder, type `cancel 3` "
                       "(`list` shows the numbers); a cancelled one comes back with its Undo "
                       "button."), is_error=True)

    async def _last(self, actor: Actor, what: str) -> Reminder:
        async with self.deps.uow() as uow:
            last = await uow.reminders.last_delivered(actor.user)
        if last is None:
            raise NotFound(_(_NOTHING_YET[what]))
        return last


UNDO_THE_REST: Final = N_("To take back a reminder, type `cancel 3` (`list` shows the "
                          "numbers); a cancelled one comes back with its Undo button.")
_NOTHING_YET = {
    "mark done": N_("Nothing to mark done yet: no reminder has been delivered to you. "
                    "Give its number, like 'done 3'."),
    "snooze": N_("Nothing to snooze yet: no reminder has been delivered to you. "
                 "Give its number, like 'snooze 3'."),
}


async def _done_item(deps: Deps, actor: Actor, ref: str) -> Reminder:
    """The reminder `done <ref>` names; a name that is neither a habit nor a reminder says so."""
    try:
        return await reminders.find(deps, actor, ref, live_only=False)
    except NotFound:
        if ref.isdigit():
            raise
        raise NotFound(_("You have no habit or reminder '{ref}'. Type 'list' to see yours.",
                         ref=ref)) from None


def _plain(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .!")


def _ask_when(text: str, error: NeedsTimeError) -> Reply:
    base = text.strip().rstrip(".")
    choices = tuple(Choice(_(label), f"{base} {_(words)}") for label, words in WHEN_CHOICES)
    return Reply(error.reply, choices)


def _with_hint(reply: str, hint: str) -> str:
    """The refusal, and the closest example unless the refusal already shows it."""
    if not hint or hint in reply:
        return reply
    return reply + "\n" + _("For example: {hint}", hint=hint)
