"""Schedules in the reply's language: "jeden Montag um 08:00", "cada día a las 09:00 y 18:00",
the nth weekday or last day of a month, every N weeks or months, intervals, cron, and the
`until`/count bounds. English keeps core.recurrence.describe: `words` returns None for it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import get_day_names

from core.i18n import C_, ENGLISH, N_, _, catalog, format_day, language, month_day, month_name
from core.recurrence.describe import day_start
from core.recurrence.rules import (
    Cron,
    Daily,
    Interval,
    MonthlyByDay,
    MonthlyByWeekday,
    Recurrence,
    Rule,
    Weekly,
    Yearly,
)

_WEEKDAYS = frozenset(range(5))
_WEEKDAY_CONTEXTS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                     "Sunday")


_ORDINALS = {1: N_("first"), 2: N_("second"), 3: N_("third"), 4: N_("fourth"),
             5: N_("fifth"), -1: N_("last")}


def words(recurrence: Recurrence) -> str | None:
    """The recurrence in the current language, or None for English or a shape not covered."""
    code = language()
    if code == ENGLISH:
        return None
    said = _rule_words(recurrence.rule, code)
    if said is None:
        return None
    start = day_start(recurrence)
    if start is not None:  # `starting Monday`, `a partir del lunes`
        said += ", " + _("from {day}", day=format_day(start.date()))
    if recurrence.until is not None:
        until = recurrence.until.astimezone(ZoneInfo(recurrence.zone)).date()
        said += ", " + _("until {day}", day=format_day(until))
    if recurrence.count is not None:
        said += ", " + _("{n} times in all", n=recurrence.count)
    return said


def _rule_words(rule: Rule, code: str) -> str | None:
    if isinstance(rule, Interval):
        return _interval(int(rule.every.total_seconds()))
    if isinstance(rule, Cron):
        return _("cron schedule {expression}", expression=" ".join(rule.expression.split()))
    if not isinstance(rule, Daily | Weekly | MonthlyByDay | MonthlyByWeekday | Yearly):
        return None
    at = join([f"{t:%H:%M}" for t in sorted(set(rule.times))])
    if isinstance(rule, Yearly):
        day = (_("the last day of {month}", month=month_name(rule.month)) if rule.day == -1
               else month_day(rule.month, rule.day))
        return _("every year on {date} at {times}", date=day, times=at)
    if rule.every < 1:
        return None
    if isinstance(rule, Daily):
        if rule.every == 1:
            return _("every day at {times}", times=at)
        return _("every {n} days at {times}", n=rule.every, times=at)
    if isinstance(rule, MonthlyByWeekday):
        return _nth_weekday(rule, at, code)
    if isinstance(rule, Weekly) and rule.every != 1:
        return _("every {n} weeks on {days} at {times}", n=rule.every, times=at,
                 days=join([_day_names(code)[d] for d in sorted(rule.weekdays)]))
    if isinstance(rule, MonthlyByDay) and rule.every != 1:
        if rule.every % 12 == 0 and rule.anchor is not None and len(set(rule.days)) == 1:
            return _("every {n} years on {date} at {times}", n=rule.every // 12, times=at,
                     date=month_day(rule.anchor.month, rule.days[0]))
        if any(d < 1 for d in rule.days):
            return None
        return _("every {n} months on day {days} at {times}", n=rule.every, times=at,
                 days=join([str(d) for d in sorted(set(rule.days))]))
    if isinstance(rule, Weekly):
        if rule.weekdays == _WEEKDAYS:
            return _("every weekday at {times}", times=at)
        if len(rule.weekdays) == 7:
            return _("every day at {times}", times=at)
        if len(rule.weekdays) == 1:  # `каждую среду`: the words agree with the one day
            [weekday] = rule.weekdays
            return C_(_WEEKDAY_CONTEXTS[weekday], "every {days} at {times}").format(
                days=_in_case("accusative", weekday, code), times=at)
        # Several days: `по понедельникам и средам` (the catalog's dative plurals), else the
        # plain names (`jeden Montag und Mittwoch`).
        days = [_in_case("dative plural", d, code) for d in sorted(rule.weekdays)]
        return C_("several weekdays", "every {days} at {times}").format(days=join(days),
                                                                        times=at)
    if rule.days == (-1,):
        return _("the last day of every month at {times}", times=at)
    if any(d < 1 for d in rule.days):
        return None
    return _("every month on day {days} at {times}",
             days=join([str(d) for d in sorted(set(rule.days))]), times=at)


def _nth_weekday(rule: MonthlyByWeekday, at: str, code: str) -> str | None:
    if any(n not in _ORDINALS for n in rule.nths):
        return None
    # The ordinal agrees with the day where the language asks it (`последняя среда`,
    # `primeiro sábado`): its catalog gives the ordinal in the context of the weekday.
    weekday = _WEEKDAY_CONTEXTS[rule.weekday]
    which = join([C_(weekday, _ORDINALS[n]) for n in sorted(rule.nths, key=lambda n: n % 100)])
    day = _day_names(code)[rule.weekday]
    if rule.every == 1:
        return _("every {which} {day} of the month at {times}", which=which, day=day, times=at)
    return _("every {n} months on the {which} {day} at {times}", n=rule.every, which=which,
             day=day, times=at)


def _interval(seconds: int) -> str:
    for one, many, size in ((N_("every day"), N_("every {n} days"), 86400),
                            (N_("every hour"), N_("every {n} hours"), 3600),
                            (N_("every minute"), N_("every {n} minutes"), 60)):
        if seconds % size == 0:
            n = seconds // size
            return _(one) if n == 1 else _(many, n=n)
    return _("every {n} seconds", n=seconds)


def join(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' in the current language."""
    if len(items) <= 1:
        return "".join(items)
    return _("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


def _in_case(case: str, day: int, code: str) -> str:
    """A weekday's name in a grammatical case, where the catalog gives one (Russian
    `среду`); else its dictionary form."""
    return catalog(code).get(f"{case}\x04{_WEEKDAY_CONTEXTS[day]}") or _day_names(code)[day]


@cache
def _day_names(code: str) -> tuple[str, ...]:
    names = get_day_names("wide", locale=code)
    return tuple(str(names[d]) for d in range(7))
