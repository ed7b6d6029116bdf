"""How habits are worded: titles, lines, frequencies, streaks and days, in the reply's language."""

from __future__ import annotations

from datetime import date

from core.habits import Frequency, Period, Streaks
from core.i18n import N_, _, format_day
from core.recurrence import describe
from core.replies import format_instant
from core.schedules import Schedule, State
from core.services import local_schedule


def streak_words(frequency: Frequency, report: Streaks) -> str:
    """'Streak: 5 days (longest 9); strength 63%'."""
    unit = frequency.unit

    def count(n: int) -> str:
        if frequency.every > 1 or frequency.weekdays:
            return _("{n} in a row", n=n)
        return _(_UNITS[unit][0 if n == 1 else 1], n=n)

    text = _("Streak: {current} (longest {longest}); strength {strength}%",
             current=count(report.current), longest=count(report.longest),
             strength=round(report.strength * 100))
    if frequency.period is not Period.DAY:
        this = _("this week") if unit == "week" else _("this month")
        text += "; " + _("{period}: {count} of {target}", period=this,
                         count=report.period_count, target=report.period_target)
    return text + "."


_UNITS = {"day": (N_("{n} day"), N_("{n} days")), "week": (N_("{n} week"), N_("{n} weeks")),
          "month": (N_("{n} month"), N_("{n} months"))}
_WEEKDAY_WORDS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def frequency_words(frequency: Frequency) -> str:
    """'daily', 'twice a week', 'on weekdays' in the reply's language."""
    if frequency.period is not Period.DAY:
        if frequency.times == 1:
            return _("once a week") if frequency.period is Period.WEEK else _("once a month")
        if frequency.times == 2:
            return _("twice a week") if frequency.period is Period.WEEK else _("twice a month")
        if frequency.period is Period.WEEK:
            return _("{n} times a week", n=frequency.times)
        return _("{n} times a month", n=frequency.times)
    if frequency.weekdays == frozenset(range(5)):
        return _("on weekdays")
    if frequency.weekdays:
        return _("on {days}", days=", ".join(_(_WEEKDAY_WORDS[d])
                                             for d in sorted(frequency.weekdays)))
    return _("daily") if frequency.every == 1 else _("every {n} days", n=frequency.every)


def title(habit: Schedule) -> str:
    return _("Habit {number}: {name}", number=habit.number, name=habit.payload.name)


def line(habit: Schedule, zone: str) -> str:
    """'Habit 3: meditate, daily; reminder every day at 09:00, next Thu 5 Mar 09:00 EST'."""
    if habit.state is State.PAUSED:
        nxt = _("paused")
    elif habit.next_at is None:
        nxt = _("no more reminders")
    else:
        nxt = _("next {when}", when=format_instant(habit.next_at, zone))
    rule = local_schedule.words(habit.recurrence) or describe(habit.recurrence)
    return _("{title}, {frequency}; reminder {rule}, {next}", title=title(habit),
             frequency=frequency_words(habit.payload.frequency), rule=rule, next=nxt)


def day_words(day: date, today: date) -> str:
    back = (today - day).days
    if back in _DAY_WORDS:
        return _(_DAY_WORDS[back])
    return _("on {day}", day=format_day(day))


_DAY_WORDS = {0: N_("today"), 1: N_("yesterday"), -1: N_("tomorrow")}
