"""Zone names people type: abbreviations (`PST`) and IANA names in any case."""

from __future__ import annotations

import zoneinfo
from functools import cache

from core.language.lexicon import ZONE_ABBREVIATIONS


@cache
def _iana_names() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def zone_name(text: str) -> str | None:
    """An IANA zone name for `text` (abbreviation or IANA name in any case), or None."""
    low = text.strip().lower()
    if low in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[low]
    return _iana_names().get(low.replace(" ", "_"))


def zone_word(low: str) -> str | None:
    """A zone inside a time expression: an abbreviation, `utc`, or a name with a slash."""
    if low in ZONE_ABBREVIATIONS and low not in ("z",):
        return ZONE_ABBREVIATIONS[low]
    return _iana_names().get(low) if "/" in low else None


@cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    """A cached ZoneInfo."""
    return zoneinfo.ZoneInfo(name)
