"""Shared helpers for the language tests: a fixed `now` in a few zones."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

NEW_YORK = "America/New_York"


def at(text: str, zone: str = NEW_YORK) -> datetime:
    """A local ISO time in `zone` as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


@pytest.fixture
def wednesday() -> datetime:
    """Wednesday 4 March 2026, 10:15 in New York (the corpus's favourite moment)."""
    return at("2026-03-04T10:15:00")
