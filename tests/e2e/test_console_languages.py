"""End to end in the console: a German session is answered in German, `sprache deutsch` is
stored (migration 0006 on a real SQLite file), and the worker delivers the text verbatim."""

from __future__ import annotations

from tests.e2e.test_console import Harness, nudge  # noqa: F401 (the fixture)


def test_a_german_session_is_answered_and_delivered_in_german(nudge: Harness) -> None:  # noqa: F811
    answer = nudge.type("sprache deutsch", "erinnere mich in 1 Minute an das Dehnen",
                        "meine erinnerungen", "hilfe", "list")
    nudge.clock.advance(minutes=1)

    nudge.work()

    assert "nudge> Sprache: Deutsch." in answer
    assert "nudge> Erinnerung 1: das Dehnen; nächste: " in answer
    assert "Rückgängig" in answer  # the confirmation's button
    assert "nudge> Deine Erinnerungen:" in answer
    assert "nudge> Ich bin Nudge." in answer
    assert "nudge> Your reminders:" in answer  # an English message is answered in English
    # The person's words are delivered verbatim (the console shows no buttons; their German
    # labels are tested in tests/services/test_languages.py).
    assert [line.split("] ", 1)[1] for line in nudge.deliveries()] == ["⏰ das Dehnen"]
