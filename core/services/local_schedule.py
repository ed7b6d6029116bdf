"""The common schedules in the reply's language: "jeden Montag um 08:00", "cada día a las
09:00 y 18:00". Other shapes (and bounds such as `until`) keep the English description of
core.recurrence.describe until they are translated too: `words` returns None for them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from babel.dates import get_day_names

from core.i18n import ENGLISH, _, language
from core.recurrence.rules import Daily, MonthlyByDay, Recurrence, Weekly

_WEEKDAYS = frozenset(range(5))


def words(recurrence: Recurrence) -> str | None:
    """The recurrence in the current language, or None for English or a shape not covered."""
    code = language()
    rule = recurrence.rule
    if code == ENGLISH or recurrence.until is not None or recurrence.count is not None:
        return None
    if not isinstance(rule, Daily | Weekly | MonthlyByDay) or rule.every < 1:
        return None
    at = join([f"{t:%H:%M}" for t in sorted(set(rule.times))])
    if isinstance(rule, Daily):
        if rule.every == 1:
            return _("every day at {times}", times=at)
        return _("every {n} days at {times}", n=rule.every, times=at)
    if rule.every != 1:
        return None
    if isinstance(rule, Weekly):
        if rule.weekdays == _WEEKDAYS:
            return _("every weekday at {times}", times=at)
        if len(rule.weekdays) == 7:
            return _("every day at {times}", times=at)
        names = _day_names(code)
        return _("every {days} at {times}", days=join([names[d] for d in sorted(rule.weekdays)]),
                 times=at)
    if any(d < 1 for d in rule.days):
        return None
    return _("every month on day {days} at {times}",
             days=join([str(d) for d in sorted(set(rule.days))]), times=at)


def join(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' in the current language."""
    if len(items) <= 1:
        return "".join(items)
    return _("{first} and {last}", first=", ".join(items[:-1]), last=items[-1])


@cache
def _day_names(code: str) -> tuple[str, ...]:
    names = get_day_names("wide", locale=code)
    return tuple(str(names[d]) for d in range(7))
