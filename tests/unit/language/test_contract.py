"""The JSON object `nudge parse` prints for one text."""

from datetime import datetime

from core.language.contract import answer
from tests.unit.language.conftest import NEW_YORK


def test_a_recurring_answer_has_kind_describe_and_three_instants(wednesday: datetime) -> None:
    got = answer("remind me to run daily at 7", wednesday, NEW_YORK)

    assert got["ok"] is True
    assert got["intent"] == "remind"
    assert got["target"] == "me"
    assert got["what"] == "run"
    assert got["schedule"]["kind"] == "recurring"
    assert got["schedule"]["describe"]
    assert got["schedule"]["first"] == [
        "2026-03-05T07:00:00-05:00", "2026-03-06T07:00:00-05:00", "2026-03-07T07:00:00-05:00",
    ]


def test_a_once_has_one_instant_in_the_persons_zone(wednesday: datetime) -> None:
    got = answer("remind me to join the call at 9am PST", wednesday, NEW_YORK)

    assert got["schedule"]["kind"] == "once"
    assert got["schedule"]["first"] == ["2026-03-04T12:00:00-05:00"]


def test_other_fields_are_json_values(wednesday: datetime) -> None:
    goal = answer("goal run 100 km by Dec 31", wednesday, NEW_YORK)
    event = answer("add event dentist tomorrow 3pm for 1h", wednesday, NEW_YORK)

    assert goal == {"ok": True, "intent": "goal", "what": "run", "target_value": 100,
                    "unit": "km", "deadline": "2026-12-31", "lang": "en"}
    assert event["duration_min"] == 60


def test_intents_without_a_time_have_no_schedule(wednesday: datetime) -> None:
    assert answer("cancel 3", wednesday, NEW_YORK) == {"ok": True, "intent": "cancel", "ref": "3",
                                                       "lang": "en"}


def test_a_refusal_has_error_and_hint(wednesday: datetime) -> None:
    got = answer("remind me to call mom", wednesday, NEW_YORK)

    assert got["ok"] is False
    assert got["error"]
    assert got["hint"]
