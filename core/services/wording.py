"""How use cases word their answers: confirmations, lists, deliveries, and their choices."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final
from zoneinfo import ZoneInfo

from core.buttons import DELIVERED_TTL, ButtonAction, Grant, Presser, Verb
from core.i18n import N_, _
from core.ids import ChatRef, Platform
from core.language.commands import Alternative, Assumption
from core.recurrence.rules import Once, Recurrence
from core.reminders import Kind, Reminder, State
from core.replies import Choice, Reply, format_instant
from core.schedules import Schedule
from core.services import local_schedule, rule_codes

SNOOZE_CHOICES = ((N_("20 min"), "20m"), (N_("1 hour"), "1h"),
                  (N_("Tomorrow morning"), "tomorrow"))
PAGE_SIZE: Final = 10  # items per page of `list`
LISTED_TEXT: Final = 80  # characters of an item's text that `list` shows
_LAST: Final = datetime.max.replace(tzinfo=UTC)


def schedule_words(reminder: Reminder) -> str:
    from core.recurrence import describe

    if isinstance(reminder.recurrence.rule, Once):
        return _("once")
    return local_schedule.words(reminder.recurrence) or describe(reminder.recurrence)


def next_words(reminder: Reminder, zone: str) -> str:
    if reminder.state is State.PAUSED:
        return _("paused")
    if reminder.next_at is None:
        return _("no more times")
    return _("next {when}", when=format_instant(reminder.next_at, zone))


def title(reminder: Reminder, *, limit: int | None = None) -> str:
    what = reminder.what if limit is None else shorten(reminder.what, limit)
    if reminder.kind is Kind.POST:
        if reminder.target == "me":
            return _("Post {number}: {what}", number=reminder.number, what=what)
        return _("Post {number} for {target}: {what}", number=reminder.number,
                 target=reminder.target, what=what)
    if reminder.target == "me":
        return _("Reminder {number}: {what}", number=reminder.number, what=what)
    return _("Reminder {number} for {target}: {what}", number=reminder.number,
             target=reminder.target, what=what)


def line(reminder: Reminder, zone: str, *, limit: int | None = None) -> str:
    """'Reminder 4: run, every day at 07:00; next Thu 5 Mar 07:00 EST'."""
    named = title(reminder, limit=limit)
    if isinstance(reminder.recurrence.rule, Once):
        return f"{named}; {next_words(reminder, zone)}"
    rule = schedule_words(reminder)
    if reminder.recurrence.zone != zone:  # the rule keeps its zone: say which
        rule += " " + _("({zone} time)", zone=reminder.recurrence.zone)
    return f"{named}, {rule}; {next_words(reminder, zone)}"


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at a word before `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2:]:  # end on a whole word unless that loses half the text
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def item_action(reminder: Reminder, verb: Verb, arg: str = "") -> ButtonAction:
    return ButtonAction(verb, reminder.schedule_id or 0, arg)


def created(reminder: Reminder, zone: str, alternative: Alternative | None,
            assumption: Assumption | None = None) -> Reply:
    choices = [Choice.act(_("Undo"), item_action(reminder, Verb.UNDO))]
    text = line(reminder, zone)
    if assumption is not None:
        text += "\n" + _("(I read {reading}.)", reading=assumption.reading)
        fix = assumption.alternative
        code = rule_codes.encode(fix.recurrence.rule) if fix is not None else None
        if fix is not None and code and fix.recurrence.count != reminder.recurrence.count:
            code = rule_codes.with_count(code, fix.recurrence.count)
        if fix is not None and code is not None:
            other = item_action(reminder, Verb.READING, code)
            choices.insert(0, Choice.act(_("Use {label}", label=fix.label), other))
    if alternative is not None:
        text += "\n" + _("(I read the time as {time}.)", time=_chosen_time(reminder))
        other = item_action(reminder, Verb.ALT, alternative_hhmm(alternative))
        choices.insert(0, Choice.act(_("Use {label}", label=alternative.label), other))
    return Reply(text, tuple(choices))


def delivered(reminder: Reminder, *, late_by: float, due_at: datetime | None = None) -> Reply:
    """The delivered message; `due_at` is given when it is past the grace window."""
    text = reminder.what if reminder.kind is Kind.POST else f"⏰ {reminder.what}"
    if reminder.target != "me" and reminder.chat.tenant.platform is Platform.CONSOLE:
        text = f"[{reminder.target}] {text}"  # one terminal for every channel: say which
    if due_at is not None:
        when = format_instant(due_at, reminder.recurrence.zone)
        text += "\n" + _("(late: was due {when}; Nudge was not running then)", when=when)
    elif late_by >= 60:
        text += "\n" + _("(sent {minutes} min late)", minutes=round(late_by / 60))
    return Reply(text, item_choices(reminder, presser_of(reminder)))


def item_choices(reminder: Reminder, presser: Presser | None = None) -> tuple[Choice, ...]:
    """Done, the snoozes and Delete, for a week; for `presser`, else whom the reply is for."""
    grant = Grant(DELIVERED_TTL, presser)
    choices = [Choice.act(_("Done"), item_action(reminder, Verb.DONE), grant)]
    choices += [Choice.act(_(label), item_action(reminder, Verb.SNOOZE, code), grant)
                for label, code in SNOOZE_CHOICES]
    choices.append(Choice.act(_("Delete"), item_action(reminder, Verb.DELETE), grant))
    return tuple(choices)


def presser_of(reminder: Reminder) -> Presser:
    """Who may press a delivered item's buttons: its owner, or anyone in its channel."""
    return reminder.owner if reminder.target == "me" else reminder.chat


def missed(title: str, due_at: datetime, zone: str) -> Reply:
    """What the owner hears of an occurrence found past the late limit, instead of it."""
    return Reply(_("Missed while Nudge was not running: {title}, due {when}. It was not sent.",
                   title=title, when=format_instant(due_at, zone)))


def target_gone(title: str, reason: str) -> Reply:
    """What the owner hears when a platform refuses a chat for good."""
    return Reply(_("I can no longer post there ({reason}), so {title} and everything else "
                   "scheduled for that chat are stopped. Invite me back and resume them, "
                   "or type 'list' to see what is left.", reason=reason, title=title))


def owner_chat(schedule: Schedule) -> ChatRef:
    """Where to tell a schedule's owner something: their direct chat with Nudge.

    A user id names that chat on every platform (Slack opens the app's DM, a Telegram
    private chat has the user's id); a reminder to "me" is already there.
    """
    if is_owners_chat(schedule):
        return schedule.chat
    return ChatRef(schedule.owner.tenant, schedule.owner.user_id)


def is_owners_chat(schedule: Schedule) -> bool:
    return (schedule.chat.tenant.platform is Platform.CONSOLE
            or schedule.chat.chat_id == schedule.owner.user_id
            or getattr(schedule.payload, "target", None) == "me")


def listing(reminders: list[Reminder], zone: str, page: int = 1) -> Reply:
    """One page of the items, soonest first, each text shortened; Previous/Next between."""
    if not reminders:
        return Reply(_("You have no reminders. Try: remind me to stretch in 1 hour"))
    pages = -(-len(reminders) // PAGE_SIZE)
    page = min(max(page, 1), pages)
    shown = sorted(reminders, key=_soonest)[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    lines = [line(reminder, zone, limit=LISTED_TEXT) for reminder in shown]
    if pages == 1:
        return Reply(_("Your reminders:") + "\n" + "\n".join(lines))
    head = _("Your reminders, page {page} of {pages} ({count} in all):", page=page,
             pages=pages, count=len(reminders))
    choices = []
    if page > 1:
        choices.append(Choice.act(_("◀ Previous"), ButtonAction(Verb.PAGE, 0, str(page - 1))))
    if page < pages:
        choices.append(Choice.act(_("Next ▶"), ButtonAction(Verb.PAGE, 0, str(page + 1))))
        lines.append(_("Type 'list {page}' for the next page.", page=page + 1))
    return Reply("\n".join([head, *lines]), tuple(choices))


def _soonest(reminder: Reminder) -> tuple[bool, datetime, int]:
    """Active items by next time; paused ones and those with no more times after them."""
    at = reminder.next_at if reminder.state is State.ACTIVE and reminder.next_at else None
    return (at is None, at or _LAST, reminder.number)


def _chosen_time(reminder: Reminder) -> str:
    rule = reminder.recurrence.rule
    if isinstance(rule, Once):
        return format_instant(rule.at, reminder.recurrence.zone).split(" ")[-2]
    times = getattr(rule, "times", ())
    return times[0].strftime("%H:%M") if times else "?"


def alternative_hhmm(alternative: Alternative) -> str:
    return wall_time(alternative.recurrence)


def wall_time(recurrence: Recurrence) -> str:
    """'0700': the recurrence's (first) wall-clock time of day in its zone."""
    rule = recurrence.rule
    if isinstance(rule, Once):
        local: datetime = rule.at.astimezone(ZoneInfo(recurrence.zone))
        return local.strftime("%H%M")
    times = getattr(rule, "times", ())
    return times[0].strftime("%H%M") if times else "0000"
