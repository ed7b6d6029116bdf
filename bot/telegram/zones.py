"""Time zones for /start: common choices as buttons, and a shared location -> zone, offline."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Final

from timezonefinder import TimezoneFinder

from core.replies import Choice

logger = logging.getLogger(__name__)

COMMON_ZONES: Final = (
    ("London", "Europe/London"), ("Berlin", "Europe/Berlin"), ("Moscow", "Europe/Moscow"),
    ("New York", "America/New_York"), ("Chicago", "America/Chicago"),
    ("Los Angeles", "America/Los_Angeles"), ("São Paulo", "America/Sao_Paulo"),
    ("India", "Asia/Kolkata"), ("Tokyo", "Asia/Tokyo"), ("Sydney", "Australia/Sydney"),
    ("UTC", "UTC"),
)


def zone_choices() -> tuple[Choice, ...]:
    return tuple(Choice(label, f"timezone {zone}") for label, zone in COMMON_ZONES)


@lru_cache(maxsize=1)
def _finder() -> TimezoneFinder:
    # Loads the boundary data from the installed timezonefinder-data package, no network.
    return TimezoneFinder(in_memory=False)


def zone_at(*, latitude: float, longitude: float) -> str | None:
    """The IANA zone at a point; None at sea or outside any land zone."""
    zone = _finder().timezone_at(lng=longitude, lat=latitude)
    if zone is None or zone.startswith("Etc/"):
        return None
    return str(zone)
