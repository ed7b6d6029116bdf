"""Zone names inside the language: abbreviations (`PST`) and IANA names in any case."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core.recurrence.zones import ABBREVIATIONS, resolve_zone, zone_info

# Single letters and `UT` read too easily as other words inside a task.
_NOT_IN_TEXT = frozenset({"z", "ut"})
_ABBREVIATIONS = {k.lower(): v for k, v in ABBREVIATIONS.items() if k.lower() not in _NOT_IN_TEXT}


def zone_name(text: str) -> str | None:
    """An IANA zone name for `text` (abbreviation or IANA name in any case), or None."""
    return resolve_zone(text.strip().replace(" ", "_"))


def zone_word(low: str) -> str | None:
    """A zone inside a time expression: an abbreviation, `utc`, or a name with a slash."""
    if low in _ABBREVIATIONS:
        return _ABBREVIATIONS[low]
    return resolve_zone(low) if "/" in low else None


def zone(name: str) -> ZoneInfo:
    """A cached ZoneInfo."""
    return zone_info(name)
