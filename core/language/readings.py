"""Counted and vague frequencies (`twice a day`, `every few hours`): the readings Nudge chooses.

Each reading is an assumption: the command carries it (`Assumption`) so that the
confirmation can say what was chosen and offer the other reading as a one-tap fix.
The times come from one table, the person's day (`DAY`), so that a later setting can move it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from core.errors import ParseError
from core.i18n import ENGLISH, N_, _, language
from core.language.commands import Alternative, Assumption
from core.language.lexicon import PARTS
from core.language.schedule import recurring
from core.language.when import LATER_TODAY_HOURS, DateRef, Tod, When
from core.language.zonewords import zone
from core.recurrence.describe import ordinal

# Hand-made so the readings are times people keep, not arithmetic (`13:30`).
_TIMES_A_DAY: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {
    # count: (the reading, the one-tap other reading)
    2: ((9, 18), (8, 20)),
    3: ((9, 13, 18), (8, 14, 20)),
    4: ((9, 12, 15, 18), (8, 12, 16, 20)),
}
_TIMES_A_WEEK: dict[int, tuple[frozenset[int], frozenset[int] | None]] = {
    2: (frozenset({0, 3}), frozenset({1, 4})),  # Mon, Thu | Tue, Fri
    3: (frozenset({0, 2, 4}), frozenset({1, 3, 5})),  # Mon, Wed, Fri | Tue, Thu, Sat
    4: (frozenset({0, 1, 3, 4}), frozenset({0, 2, 4, 6})),
    5: (frozenset(range(5)), None),
    6: (frozenset(range(6)), None),
    7: (frozenset(range(7)), None),
}
_TIMES_A_MONTH: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {
    2: ((1, 15), (1, 16)),
}


@dataclass(frozen=True)
class Day:
    """The person's day that the readings use: `every few hours` steps through its window."""

    start: int = 9
    end: int = 21
    few_hours: int = 3  # `every few hours`; the other reading is every 2 hours
    few_days: int = 3  # `every few days`; the other reading is every 2 days


DAY = Day()
_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
_PER_DAY = {2: N_("twice a day: {times}"), 3: N_("three times a day: {times}"),
            4: N_("four times a day: {times}")}
_PER_WEEK = {2: N_("twice a week: {days}"), 3: N_("three times a week: {days}"),
             4: N_("four times a week: {days}"), 5: N_("five times a week: {days}"),
             6: N_("six times a week: {days}"), 7: N_("seven times a week: {days}")}
_REFUSALS = {
    "day": (N_("I can't spread {count} times a day on my own; name the times, like `every 2 "
               "hours from 9am to 9pm`."),
            N_("remind me to drink water every 2 hours from 9am to 9pm")),
    "week": (N_("I can't spread {count} times a week on my own; name the days, like `every "
                "Monday and Thursday`."),
             N_("remind me to drink water every Monday and Thursday")),
    "month": (N_("I can't spread {count} times a month on my own; name the days, like `every "
                 "month on the 1st and 15th`."),
              N_("remind me to drink water every month on the 1st and 15th")),
}


def _clock(hours: tuple[int, ...]) -> str:
    return _join([f"{h:02d}:00" for h in hours])


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def _days(days: frozenset[int]) -> str:
    return _join([_(_WEEKDAYS[d]) for d in sorted(days)])


def _monthdays(days: tuple[int, ...]) -> str:
    """'1st and 15th' in English; the bare numbers in a language whose catalog says 'days'."""
    english = language() == ENGLISH
    return _join([ordinal(d) if english else str(d) for d in days])


_PART_NAMES = {"morning": N_("morning"), "noon": N_("noon"), "afternoon": N_("afternoon"),
               "evening": N_("evening"), "night": N_("night"), "tonight": N_("tonight")}


def _refuse(count: int, period: str) -> ParseError:
    reply, hint = _REFUSALS[period]
    return ParseError(_(reply, count=count), hint=_(hint))


def _per_day(when: When, count: int) -> tuple[str, When | None]:
    if count not in _TIMES_A_DAY:
        raise _refuse(count, "day")
    chosen, other = _TIMES_A_DAY[count]
    when.tods = [Tod(h) for h in chosen]
    alt = replace(when, tods=[Tod(h) for h in other])
    return _(_PER_DAY[count], times=_clock(chosen)), alt


def _per_week(when: When, count: int) -> tuple[str, When | None]:
    if count not in _TIMES_A_WEEK:
        raise _refuse(count, "week")
    chosen, other = _TIMES_A_WEEK[count]
    when.freq, when.weekdays, when.per_week = "week", chosen, None
    alt = replace(when, weekdays=other) if other is not None else None
    return _(_PER_WEEK[count], days=_days(chosen)), alt


def _per_month(when: When, count: int) -> tuple[str, When | None]:
    if count not in _TIMES_A_MONTH:
        raise _refuse(count, "month")
    chosen, other = _TIMES_A_MONTH[count]
    when.freq, when.monthdays = "month", chosen
    return (_("twice a month: the {days}", days=_monthdays(chosen)),
            replace(when, monthdays=other))


def _few_hours(when: When) -> tuple[str, When | None]:
    when.interval = DAY.few_hours * 3600.0
    when.window = when.window or (Tod(DAY.start), Tod(DAY.end))
    alt = replace(when, interval=2 * 3600.0)
    first, last = when.window
    return (_("every few hours: every {n} hours from {start} to {end}", n=DAY.few_hours,
              start=f"{first.hour:02d}:{first.minute:02d}",
              end=f"{last.hour:02d}:{last.minute:02d}"), alt)


def _few_days(when: When) -> tuple[str, When | None]:
    when.freq, when.every = "day", DAY.few_days
    return _("every few days: every {n} days", n=DAY.few_days), replace(when, every=2)


def _parts(when: When, parts: tuple[str, ...]) -> tuple[str, When | None]:
    when.freq = when.freq or "day"
    when.tods = [Tod(PARTS[p].hour, PARTS[p].minute) for p in parts]
    names = _join([_(_PART_NAMES.get(p, p)) for p in parts])
    return _("every {parts}: {times}", parts=names,
             times=_clock(tuple(PARTS[p].hour for p in parts))), None


def settle(when: When, *, target: bool = False, now: datetime | None = None,
           zone_name: str = "UTC") -> tuple[str, When | None] | None:
    """Fill in the reading of a vague frequency or time: (what was assumed, the other
    reading's When).

    `target`: in a habit, `N times a week` stays a weekly target, not days. `now` and
    `zone_name`: where `later today` must still fall today.
    """
    mark = when.assumed
    if mark is None:
        return None
    kind, _, number = mark.partition(":")
    count = int(number or 0)
    if kind == "day" and not when.tods:
        return _per_day(when, count)
    if kind == "week" and not target and when.per_week is not None and not when.weekdays:
        return _per_week(when, count)
    if kind == "month" and not when.monthdays:
        return _per_month(when, count)
    if kind == "few-hours":
        return _few_hours(when)
    if kind == "few-days":
        return _few_days(when)
    if kind == "parts" and not when.tods:
        return _parts(when, when.part_list or ())
    if kind == "each":
        return _once_each(when)
    if kind == "later":
        return _later_today(when, now, zone_name)
    return None


def _later_today(when: When, now: datetime | None, zone_name: str
                 ) -> tuple[str, When | None] | None:
    """`later today`: in a few hours (LATER_TODAY_HOURS), while it is still today; with a
    time (`later today at 5pm`) it is simply today at that time."""
    when.assumed = None
    if when.tods or when.part:
        when.span, when.date = None, when.date or DateRef("rel", 0)
        return None
    if now is not None:
        here = now.astimezone(zone(zone_name))
        if (here + timedelta(hours=LATER_TODAY_HOURS)).date() != here.date():
            raise ParseError(_("Today is nearly over. Say when, like `in 1 hour` or `tomorrow "
                               "at 9am`."), hint=_("remind me to call mom in 1 hour"))
    return _("later today: in {n} hours", n=LATER_TODAY_HOURS), None


def _once_each(when: When) -> tuple[str, When | None] | None:
    """`on Monday and Wednesday`: the next of each day, once (at each time named); every week
    is the other reading. A rule said elsewhere (`... every week`) makes it weekly as said."""
    when.assumed = None
    if when.freq is not None or when.count is not None or when.until is not None:
        return None
    days = when.weekdays or frozenset()
    when.freq, when.count = "week", len(days) * max(1, len(when.tods))
    return (_("once on each of {days}", days=_days(days)),
            replace(when, count=None, assumed=_EVERY_WEEK))


_EVERY_WEEK = "every-week"  # marks the other reading of a list of days: the label says so


def weekly_list(when: When) -> None:
    """In a habit or a digest, which repeat, `on Monday and Wednesday` is every week."""
    if when.assumed == "each":
        when.assumed = None


def assumption(reading: str, other: When | None, now: datetime, zone_name: str) -> Assumption:
    """The Assumption to carry, with the other reading built as a whole recurrence."""
    alternative = None
    if other is not None:
        alternative = Alternative(_other_words(other), recurring(other, now, zone_name))
    return Assumption(reading, alternative)


def _other_words(other: When) -> str:
    if other.assumed == _EVERY_WEEK:
        return _("every week instead")
    if other.interval is not None and other.window is not None:
        return _("every {n} hours instead", n=int(other.interval // 3600))
    if other.tods and other.freq in (None, "day") and not other.weekdays:
        return _("{reading} instead", reading=_clock(tuple(t.hour for t in other.tods)))
    if other.weekdays:
        return _("{reading} instead", reading=_days(other.weekdays))
    if other.monthdays:
        return _("the {days} instead", days=_monthdays(other.monthdays))
    return _("every {n} days instead", n=other.every)
