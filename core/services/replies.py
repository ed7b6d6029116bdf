"""How use cases word their answers: confirmations, lists, deliveries, and their choices."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.language.commands import Alternative
from core.recurrence.rules import Once, Recurrence
from core.reminders import Kind, Reminder, State
from core.replies import Choice, Reply, format_instant

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


def delivered(reminder: Reminder, *, late_by: float) -> Reply:
    text = reminder.what if reminder.kind is Kind.POST else f"⏰ {reminder.what}"
    if late_by >= 60:
        text += f"\n(sent {round(late_by / 60)} min late)"
    sid = reminder.schedule_id
    choices = [Choice("Done", f"act:done:{sid}")]
    choices += [Choice(label, f"act:snooze:{sid}:{code}") for label, code in SNOOZE_CHOICES]
    choices.append(Choice("Delete", f"act:delete:{sid}"))
    return Reply(text, tuple(choices))


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
