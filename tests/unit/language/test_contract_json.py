"""Every answer of the `nudge parse` contract is plain JSON, whatever the command holds."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.language.contract import answer

NOW = datetime(2026, 3, 4, 10, 15, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize("text", [
    "snooze 10m", "snooze 3 for 1 hour", "snooze until tomorrow 9am", "pause 3",
    "habit gym 10 times a month", "remind me to drink water twice a day", "goal read 12 books",
    "language de", "list 2", "cancel all",
])
def test_every_answer_is_plain_json(text: str) -> None:
    found = answer(text, NOW, "America/New_York")

    assert json.loads(json.dumps(found)) == found
    assert "by" not in found  # snooze's length is shown by its schedule


def test_a_snooze_for_a_span_shows_the_time_it_moves_to() -> None:
    found = answer("snooze 3 for 1 hour", NOW, "America/New_York")

    assert found["ok"] is True
    assert found["ref"] == "3"
    assert found["schedule"]["first"] == ["2026-03-04T11:15:00-05:00"]
