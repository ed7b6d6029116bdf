"""Recurrence <-> JSON-safe dict, versioned ("v": 1), exact for every rule type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Final

from core.recurrence.rules import (
    Cron,
    Daily,
    Interval,
    MonthlyByDay,
    MonthlyByWeekday,
    Once,
    Recurrence,
    Rule,
    Weekly,
    Yearly,
)

VERSION: Final = 1


def to_dict(rec: Recurrence) -> dict[str, object]:
    """The recurrence as plain JSON types, with its rule under "rule"."""
    return {
        "v": VERSION,
        "rule": rule_to_dict(rec.rule),
        "zone": rec.zone,
        "start": rec.start.isoformat(),
        "until": rec.until.isoformat() if rec.until else None,
        "count": rec.count,
    }


def from_dict(data: Mapping[str, object]) -> Recurrence:
    """Rebuild a Recurrence from `to_dict`'s output. Raises ValueError on anything else."""
    _check_version(data)
    until = data.get("until")
    count = data.get("count")
    return Recurrence(
        rule=rule_from_dict(_mapping(data, "rule")),
        zone=_str(data, "zone"),
        start=_datetime(data, "start"),
        until=None if until is None else _datetime(data, "until"),
        count=None if count is None else _int(data, "count"),
    )


def rule_to_dict(rule: Rule) -> dict[str, object]:
    """One rule as plain JSON types: {"v": 1, "type": ..., fields...}."""
    fields: dict[str, object]
    match rule:
        case Once(at=at):
            fields = {"type": "once", "at": at.isoformat()}
        case Interval(every=every, first=first):
            fields = {"type": "interval", "every": _seconds(every), "first": first.isoformat()}
        case Daily():
            fields = {"type": "daily", **_periodic(rule.times, rule.every, rule.anchor)}
        case Weekly():
            fields = {"type": "weekly", "weekdays": sorted(rule.weekdays),
                      **_periodic(rule.times, rule.every, rule.anchor)}
        case MonthlyByDay():
            fields = {"type": "monthly_by_day", "days": list(rule.days),
                      **_periodic(rule.times, rule.every, rule.anchor)}
        case MonthlyByWeekday():
            fields = {"type": "monthly_by_weekday", "weekday": rule.weekday, "nth": rule.nth,
                      **_also(rule.also), **_periodic(rule.times, rule.every, rule.anchor)}
        case Yearly():
            fields = {"type": "yearly", "month": rule.month, "day": rule.day,
                      "times": _times_out(rule.times)}
        case Cron(expression=expression):
            fields = {"type": "cron", "expression": expression}
    return {"v": VERSION, **fields}


def rule_from_dict(data: Mapping[str, object]) -> Rule:
    """Rebuild a rule from `rule_to_dict`'s output. Raises ValueError on anything else."""
    _check_version(data)
    kind = _str(data, "type")
    reader = _READERS.get(kind)
    if reader is None:
        raise ValueError(f"unknown rule type {kind!r}")
    return reader(data)


def _read_once(data: Mapping[str, object]) -> Rule:
    return Once(at=_datetime(data, "at"))


def _read_interval(data: Mapping[str, object]) -> Rule:
    every = data.get("every")
    if isinstance(every, bool) or not isinstance(every, int | float):
        raise ValueError("'every' must be a number of seconds")
    return Interval(every=timedelta(seconds=every), first=_datetime(data, "first"))


def _read_daily(data: Mapping[str, object]) -> Rule:
    return Daily(times=_times_in(data), every=_int(data, "every"), anchor=_anchor(data))


def _read_weekly(data: Mapping[str, object]) -> Rule:
    return Weekly(
        weekdays=frozenset(_ints(data, "weekdays")),
        times=_times_in(data),
        every=_int(data, "every"),
        anchor=_anchor(data),
    )


def _read_monthly_by_day(data: Mapping[str, object]) -> Rule:
    return MonthlyByDay(
        days=_ints(data, "days"), times=_times_in(data), every=_int(data, "every"),
        anchor=_anchor(data),
    )


def _read_monthly_by_weekday(data: Mapping[str, object]) -> Rule:
    # Rules stored before `also` existed have only "nth": they read as also=().
    also = _ints(data, "also") if "also" in data else ()
    return MonthlyByWeekday(
        weekday=_int(data, "weekday"), nth=_int(data, "nth"), times=_times_in(data),
        every=_int(data, "every"), anchor=_anchor(data), also=also,
    )


def _also(also: tuple[int, ...]) -> dict[str, object]:
    # Written only when there are more ordinals, so a one-ordinal rule stores as before.
    return {"also": list(also)} if also else {}


def _read_yearly(data: Mapping[str, object]) -> Rule:
    return Yearly(month=_int(data, "month"), day=_int(data, "day"), times=_times_in(data))


def _read_cron(data: Mapping[str, object]) -> Rule:
    return Cron(expression=_str(data, "expression"))


_READERS: Final[dict[str, Callable[[Mapping[str, object]], Rule]]] = {
    "once": _read_once,
    "interval": _read_interval,
    "daily": _read_daily,
    "weekly": _read_weekly,
    "monthly_by_day": _read_monthly_by_day,
    "monthly_by_weekday": _read_monthly_by_weekday,
    "yearly": _read_yearly,
    "cron": _read_cron,
}


def _periodic(times: tuple[time, ...], every: int, anchor: date | None) -> dict[str, object]:
    return {
        "times": _times_out(times),
        "every": every,
        "anchor": anchor.isoformat() if anchor else None,
    }


def _times_out(times: tuple[time, ...]) -> list[str]:
    return [t.isoformat() for t in times]


def _seconds(delta: timedelta) -> int | float:
    # Whole seconds stay ints so that the JSON reads naturally ("every": 3600).
    if delta.microseconds == 0:
        return delta.days * 86_400 + delta.seconds
    return delta.total_seconds()


def _check_version(data: Mapping[str, object]) -> None:
    if data.get("v") != VERSION:
        raise ValueError(f"unsupported recurrence format version {data.get('v')!r}")


def _str(data: Mapping[str, object], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string")
    return value


def _int(data: Mapping[str, object], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{key!r} must be an integer")
    return value


def _list(data: Mapping[str, object], key: str) -> list[object]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ValueError(f"{key!r} must be a list")
    return value


def _ints(data: Mapping[str, object], key: str) -> tuple[int, ...]:
    items = _list(data, key)
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in items):
        raise ValueError(f"{key!r} must be a list of integers")
    return tuple(i for i in items if isinstance(i, int))


def _mapping(data: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise ValueError(f"{key!r} must be an object")
    return value


def _datetime(data: Mapping[str, object], key: str) -> datetime:
    return datetime.fromisoformat(_str(data, key))


def _anchor(data: Mapping[str, object]) -> date | None:
    value = data.get("anchor")
    return None if value is None else date.fromisoformat(_str(data, "anchor"))


def _times_in(data: Mapping[str, object]) -> tuple[time, ...]:
    items = _list(data, "times")
    if not all(isinstance(t, str) for t in items):
        raise ValueError("'times' must be a list of strings")
    return tuple(time.fromisoformat(t) for t in items if isinstance(t, str))
