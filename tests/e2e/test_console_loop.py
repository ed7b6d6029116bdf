"""The everyday loop in the console: done, lettered delivery choices, snooze, small talk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.e2e.test_console import Harness


@pytest.fixture
def nudge(tmp_path, redis_url) -> Harness:
    return Harness(tmp_path, redis_url)


def _deliver(nudge: Harness, minutes: int = 1) -> None:
    nudge.clock.advance(minutes=minutes)
    nudge.work()


def test_done_by_number_finishes_a_one_shot(nudge: Harness) -> None:
    answer = nudge.type("remind me to stretch in 1 hour", "done 1", "mark done 1", "list")

    assert "✓ Done: Reminder 1: stretch. Nothing more will be sent for it." in answer
    assert "not available" not in answer
    assert "You have no reminders" in answer


def test_bare_done_after_a_delivery_marks_the_last_delivered(nudge: Harness) -> None:
    nudge.type("remind me to stretch in 1 minute", "remind me to run every day at 7")
    _deliver(nudge)

    answer = nudge.type("done")

    assert "✓ Done: Reminder 1: stretch." in answer


def test_done_on_a_recurring_reminder_carries_on(nudge: Harness) -> None:
    answer = nudge.type("remind me to run every day at 7", "done 1", "list")

    assert "✓ Done: Reminder 1: run. It carries on: next" in answer
    assert "Reminder 1: run, every day at 07:00" in answer.split("Your reminders:")[1]


def test_a_delivery_shows_lettered_choices_and_a_letter_presses_done(nudge: Harness) -> None:
    nudge.type("remind me to stretch in 1 minute")
    _deliver(nudge)
    shown = nudge.terminal.getvalue()

    answer = nudge.type("a")

    for line in ("[a] Done", "[b] 20 min", "[c] 1 hour", "[d] Tomorrow morning"):
        assert line in shown
    assert "✓ Done: Reminder 1: stretch" in answer


def test_a_delivered_snooze_letter_brings_it_back(nudge: Harness) -> None:
    nudge.type("remind me to stretch in 1 minute")
    _deliver(nudge)

    answer = nudge.type("b")

    assert "Snoozed Reminder 1: stretch until" in answer


def test_letters_of_an_answer_given_after_the_delivery_win(nudge: Harness) -> None:
    nudge.type("remind me to stretch in 1 minute")
    _deliver(nudge)

    answer = nudge.type("remind me to run in 2 hours", "a")  # [a] Undo of the new one

    assert "Cancelled Reminder 2: run." in answer


def test_a_channel_post_in_the_console_carries_its_target(nudge: Harness) -> None:
    nudge.type('post "release freeze" to #eng in 1 minute')
    _deliver(nudge)

    assert "[#eng] release freeze" in nudge.terminal.getvalue()


def test_typed_snooze_of_a_recurring_reminder_moves_it_later(nudge: Harness) -> None:
    answer = nudge.type("remind me to run every day at 7", "snooze 1 for 1 hour")

    assert "08:00" in answer.split("Snoozed Reminder 1: run until")[1].split("\n")[0]


    assert "a snooze only moves it later" in answer or "until" in answer


def test_snoozing_a_paused_reminder_keeps_it_paused(nudge: Harness) -> None:
    answer = nudge.type("remind me to run every day at 7", "pause 1", "snooze 1 for 1 hour",
                        "list")

    assert "is paused, and stays paused; nothing was snoozed" in answer
    assert "run, every day at 07:00; paused" in answer.split("Your reminders:")[1]


def test_greetings_thanks_and_gibberish_get_sensible_answers(nudge: Harness) -> None:
    answer = nudge.type("hello", "thanks!", "asdfgh", "undo")

    assert "Hello! I'm Nudge." in answer
    assert "You're welcome!" in answer
    assert "To start, try 'remind me to stretch in 1 hour', 'list', 'help'." in answer
    assert "pause 3" not in answer
    assert "resume standup" not in answer
    assert "Nothing to undo just now" in answer


def test_a_misspelt_command_word_is_asked_about_and_fixed_in_one_tap(nudge: Harness) -> None:
    answer = nudge.type("remnd me to feed the cat in 10 minutes", "list", "remnd me to feed "
                        "the cat in 10 minutes", "a", "list")

    assert "Did you mean 'remind'?" in answer
    assert "You have no reminders" in answer  # nothing was made of the typo
    assert "Reminder 1: feed the cat; next" in answer
    assert "remnd" not in answer.split("Reminder 1:")[1].split("\n")[0]


def test_a_digest_is_said_unavailable_without_a_question(nudge: Harness) -> None:
    answer = nudge.type("digest every morning at 8")

    assert "Digests are not available yet" in answer
    assert "Which channel" not in answer


def test_typed_snooze_until_before_the_next_time_is_refused(nudge: Harness) -> None:
    from zoneinfo import ZoneInfo

    from bot.console.repl import console_actor

    local = nudge.clock.now().astimezone(ZoneInfo(console_actor().zone or "UTC"))
    later, sooner = local.replace(minute=0) + timedelta(hours=3), local + timedelta(hours=1)
    answer = nudge.type(f"remind me to run every day at {later:%H:%M}",
                        f"snooze 1 until {sooner:%H:%M}", "list")

    assert "after that time; a snooze only moves it later" in answer
    assert f"next {later:%a} {later.day} {later:%b %H:%M}" in answer.split("Your reminders:")[1]


def test_a_zone_change_says_what_keeps_its_zone_and_moves_it_in_one_tap(
        nudge: Harness) -> None:
    answer = nudge.type("timezone America/New_York", "remind me to run every day at 7",
                        "timezone Europe/Berlin", "list")
    moved = nudge.type("timezone Europe/Berlin", "a", "list")

    changed = answer.split("Time zone set to Europe/Berlin")[1]
    assert "These keep their own zone: Reminder 1: run (America/New_York)" in changed
    assert "[a] Move them to Europe/Berlin" in changed
    assert "run, every day at 07:00 (America/New_York time); next" in changed
    assert "Moved 1 to Europe/Berlin" in moved
    listed = moved.split("Your reminders:")[1]
    assert "run, every day at 07:00; next" in listed
    assert "07:00 CET" in listed


def test_an_abbreviated_zone_names_the_city_it_picked(nudge: Harness) -> None:
    answer = nudge.type("timezone CET")

    assert "Time zone set to Europe/Paris (CET, UTC+01:00)" in answer


def test_console_text_is_plain_and_help_shows_what_works_here(nudge: Harness) -> None:
    answer = nudge.type("remind me", "help")

    assert "`" not in answer
    assert "#team" not in answer.split("I'm Nudge.")[1]
    assert "habit meditate every morning" in answer


def test_undo_with_nothing_to_undo_says_how(nudge: Harness) -> None:
    answer = nudge.type("undo")

    assert "Nothing to undo just now. To take back a reminder, type 'cancel 3'" in answer
