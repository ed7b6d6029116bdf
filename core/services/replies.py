"""How use cases word their answers: confirmations, lists, deliveries, and their choices."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.ids import ChatRef, Platform
from core.language.commands import Alternative
from core.recurrence.rules import Once, Recurrence
from core.reminders import Kind, Reminder, State
from core.replies import Choice, Reply, format_instant
from core.schedules import Schedule

SNOOZE_CHOICES = (("20 min", "20m"), ("1 hour", "1h"), ("Tomorrow morning", "tomorrow"))


def schedule_words(reminder: Reminder) -> str:
    from core.recurrence import describe

    if isinstance(reminder.recurrence.rule, Once):
        return "once"
    return describe(reminder.recurrence)


def next_words(reminder: Reminder, zone: str) -> str:
    if reminder.state is State.PAUSED:
        return "paused"
    if reminder.next_at is None:
        return "no more times"
    return f"next {format_instant(reminder.next_at, zone)}"


def title(reminder: Reminder) -> str:
    noun = "Post" if reminder.kind is Kind.POST else "Reminder"
    where = "" if reminder.target == "me" else f" for {reminder.target}"
    return f"{noun} {reminder.number}{where}: {reminder.what}"


def line(reminder: Reminder, zone: str) -> str:
    """'Reminder 4: run, every day at 07:00; next Thu 5 Mar 07:00 EST'."""
    if isinstance(reminder.recurrence.rule, Once):
        return f"{title(reminder)}; {next_words(reminder, zone)}"
    return f"{title(reminder)}, {schedule_words(reminder)}; {next_words(reminder, zone)}"


def created(reminder: Reminder, zone: str, alternative: Alternative | None) -> Reply:
    choices = [Choice("Undo", f"act:undo:{reminder.schedule_id}")]
    text = line(reminder, zone)
    if alternative is not None:
        text += f"\n(I read the time as {_chosen_time(reminder)}.)"
        choices.insert(0, Choice(f"Use {alternative.label}", _alt_command(reminder, alternative)))
    return Reply(text, tuple(choices))


def delivered(reminder: Reminder, *, late_by: float, due_at: datetime | None = None) -> Reply:
    """The delivered message; `due_at` is given when it is past the grace window."""
    text = reminder.what if reminder.kind is Kind.POST else f"⏰ {reminder.what}"
    if due_at is not None:
        when = format_instant(due_at, reminder.recurrence.zone)
        text += f"\n(late: was due {when}; Nudge was not running then)"
    elif late_by >= 60:
        text += f"\n(sent {round(late_by / 60)} min late)"
    sid = reminder.schedule_id
    choices = [Choice("Done", f"act:done:{sid}")]
    choices += [Choice(label, f"act:snooze:{sid}:{code}") for label, code in SNOOZE_CHOICES]
    choices.append(Choice("Delete", f"act:delete:{sid}"))
    return Reply(text, tuple(choices))


def missed(title: str, due_at: datetime, zone: str) -> Reply:
    """What the owner hears of an occurrence found past the late limit, instead of it."""
    return Reply(f"Missed while Nudge was not running: {title}, due "
                 f"{format_instant(due_at, zone)}. It was not sent.")


def target_gone(title: str, reason: str) -> Reply:
    """What the owner hears when a platform refuses a chat for good."""
    return Reply(f"I can no longer post there ({reason}), so {title} and everything else "
                 "scheduled for that chat are stopped. Invite me back and resume them, "
                 "or type 'list' to see what is left.")


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


def listing(reminders: list[Reminder], zone: str) -> Reply:
    if not reminders:
        return Reply("You have no reminders. Try: remind me to stretch in 1 hour")
    lines = [line(reminder, zone) for reminder in reminders]
    return Reply("Your reminders:\n" + "\n".join(lines))


def _chosen_time(reminder: Reminder) -> str:
    rule = reminder.recurrence.rule
    if isinstance(rule, Once):
        return format_instant(rule.at, reminder.recurrence.zone).split(" ")[-2]
    times = getattr(rule, "times", ())
    return times[0].strftime("%H:%M") if times else "?"


def _alt_command(reminder: Reminder, alternative: Alternative) -> str:
    return f"act:alt:{reminder.schedule_id}:{alternative_hhmm(alternative)}"


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
