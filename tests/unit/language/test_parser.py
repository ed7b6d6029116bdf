"""parse(): the Command each intent yields, and every refusal rule of the spec."""

from datetime import UTC, date, datetime

import pytest

from core.errors import NeedsTimeError, ParseError
from core.language import parse
from core.language.commands import (
    ME,
    AddEvent,
    Agenda,
    Cancel,
    Digest,
    Draft,
    Goal,
    Habit,
    Help,
    ListItems,
    MarkDone,
    Pause,
    Post,
    Progress,
    Remind,
    Resume,
    SetTimezone,
    Snooze,
    Target,
    TargetKind,
)
from core.recurrence.rules import Daily, Once
from tests.unit.language.conftest import NEW_YORK, at


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("done meditate", MarkDone("meditate"), id="done"),
        pytest.param("did run", MarkDone("run"), id="did"),
        pytest.param("done 4", MarkDone("4"), id="done id"),
        pytest.param("goal run 100 km by Dec 31", Goal("run", 100, "km", date(2026, 12, 31)),
                     id="goal"),
        pytest.param("goal save 500 by June", Goal("save", 500, None, date(2026, 6, 1)),
                     id="goal no unit"),
        pytest.param("goal ship v2 by March 1", Goal("ship v2", None, None, date(2027, 3, 1)),
                     id="goal no target"),
        pytest.param("progress run 5 km", Progress("run", 5, "km"), id="progress"),
        pytest.param("+5 km run", Progress("run", 5, "km"), id="plus"),
        pytest.param("list", ListItems("all"), id="list"),
        pytest.param("list reminders", ListItems("reminders"), id="list reminders"),
        pytest.param("my habits", ListItems("habits"), id="my habits"),
        pytest.param("what are my reminders", ListItems("reminders"), id="what are my"),
        pytest.param("cancel 3", Cancel("3"), id="cancel"),
        pytest.param("delete reminder 3", Cancel("3"), id="delete reminder"),
        pytest.param("cancel the standup reminder", Cancel("standup"), id="cancel by name"),
        pytest.param("pause 3", Pause("3"), id="pause"),
        pytest.param("resume standup", Resume("standup"), id="resume"),
        pytest.param("agenda", Agenda(date(2026, 3, 4)), id="agenda"),
        pytest.param("what's on my calendar tomorrow", Agenda(date(2026, 3, 5)), id="agenda day"),
        pytest.param("timezone Europe/Berlin", SetTimezone("Europe/Berlin"), id="timezone"),
        pytest.param("my timezone is PST", SetTimezone("America/Los_Angeles"), id="abbrev"),
        pytest.param("help", Help(), id="help"),
        pytest.param("help remind", Help("remind"), id="help topic"),
        pytest.param("?", Help(), id="question mark"),
        pytest.param("habit floss", Habit("floss"), id="habit without times"),
    ],
)
def test_each_intent_yields_its_command(text: str, expected: object, wednesday: datetime) -> None:
    assert parse(text, wednesday, NEW_YORK) == expected


def test_a_reminder_holds_target_task_and_a_once_in_utc(wednesday: datetime) -> None:
    command = parse("remind @maria to send the report tomorrow at 5pm", wednesday, NEW_YORK)

    assert isinstance(command, Remind)
    assert command.target == Target(TargetKind.USER, "maria")
    assert command.what == "send the report"
    assert command.recurrence.rule == Once(_utc("2026-03-05T22:00:00"))
    assert command.recurrence.start == wednesday
    assert command.recurrence.zone == NEW_YORK
    assert command.alternative is None


def test_a_bare_hour_offers_the_other_reading(wednesday: datetime) -> None:
    command = parse("remind me to water the plants at 7", wednesday, NEW_YORK)

    assert isinstance(command, Remind)
    assert command.recurrence.rule == Once(_utc("2026-03-05T00:00:00"))
    assert command.alternative is not None
    assert command.alternative.recurrence.rule == Once(_utc("2026-03-05T12:00:00"))
    assert command.alternative.label == "07:00 instead of 19:00"


def test_a_recurring_reminder_holds_its_rule(wednesday: datetime) -> None:
    command = parse("remind me to run daily at 7", wednesday, NEW_YORK)

    assert isinstance(command, Remind)
    assert command.recurrence.rule == Daily((datetime(2026, 1, 1, 7).time(),))
    assert command.alternative is None


def test_post_digest_event_snooze_and_habit_carry_their_schedules(wednesday: datetime) -> None:
    post = parse('post "release freeze starts" to #eng on Friday at 5pm', wednesday, NEW_YORK)
    digest = parse("digest #team every weekday at 9", wednesday, NEW_YORK)
    event = parse("meeting with Bob on Friday 2pm for 30 min", wednesday, NEW_YORK)
    snooze = parse("snooze 3 for 1 hour", wednesday, NEW_YORK)
    habit = parse("habit run 3 times a week", wednesday, NEW_YORK)

    assert isinstance(post, Post)
    assert post.target == Target(TargetKind.CHANNEL, "eng")
    assert post.what == "release freeze starts"
    assert isinstance(digest, Digest)
    assert digest.target == Target(TargetKind.CHANNEL, "team")
    assert isinstance(event, AddEvent)
    assert event.duration_min == 30
    assert event.what == "meeting with Bob"
    assert isinstance(snooze, Snooze)
    assert snooze.ref == "3"
    assert snooze.recurrence.rule == Once(_utc("2026-03-04T16:15:00"))
    assert isinstance(habit, Habit)
    assert habit.per_week == 3
    assert habit.recurrence is not None
    assert isinstance(habit.recurrence.rule, Daily)


def test_a_reminder_without_time_raises_needs_time_with_the_partial_command(
    wednesday: datetime,
) -> None:
    with pytest.raises(NeedsTimeError) as caught:
        parse("remind me to call mom", wednesday, NEW_YORK)

    assert caught.value.command == Draft("remind", "call mom", ME)
    assert caught.value.reply
    assert caught.value.hint


@pytest.mark.parametrize(
    ("text", "now", "zone"),
    [
        pytest.param("remind me yesterday at 5", "2026-03-04T10:15:00", NEW_YORK, id="past"),
        pytest.param("remind me to x today at 8am", "2026-03-04T10:15:00", NEW_YORK,
                     id="today passed"),
        pytest.param("remind me to x on 2026-03-04 at 9am", "2026-03-04T10:15:00", NEW_YORK,
                     id="iso today passed"),
        pytest.param("remind me to pay rent on February 30", "2026-01-10T10:00:00", NEW_YORK,
                     id="feb 30"),
        pytest.param("remind me to file on April 31", "2026-03-10T10:00:00", NEW_YORK,
                     id="apr 31"),
        pytest.param("remind me to x every day from 2026-04-10 until 2026-04-01",
                     "2026-03-04T10:15:00", NEW_YORK, id="bound before start"),
        pytest.param("remind me to x every 30 seconds", "2026-03-04T10:15:00", NEW_YORK,
                     id="interval under a minute"),
        pytest.param("remind me to x cron 61 7 * * *", "2026-03-04T10:15:00", NEW_YORK,
                     id="cron minute 61"),
        pytest.param("remind me to x cron 0 7 * *", "2026-03-04T10:15:00", NEW_YORK,
                     id="cron 4 fields"),
        pytest.param("what's the weather like in Paris", "2026-03-04T10:15:00", NEW_YORK,
                     id="not a command"),
        pytest.param("good morning", "2026-03-04T10:15:00", NEW_YORK, id="greeting"),
        pytest.param("remind me to x " + "y" * 2000 + " tomorrow", "2026-03-04T10:15:00",
                     NEW_YORK, id="too long"),
        pytest.param("timezone Mars/Olympus", "2026-03-04T10:15:00", NEW_YORK, id="bad zone"),
        pytest.param('post "hi" at 5pm', "2026-03-04T10:15:00", NEW_YORK, id="post no channel"),
        pytest.param("", "2026-03-04T10:15:00", NEW_YORK, id="empty"),
        pytest.param("remind me to x cron 0 0 31 2 *", "2026-03-04T10:15:00", NEW_YORK,
                     id="cron that never matches"),
        pytest.param("remind me to x every day until yesterday", "2026-03-04T10:15:00",
                     NEW_YORK, id="ends before it starts"),
        pytest.param("remind me to x in 1000000 months", "2026-03-04T10:15:00", NEW_YORK,
                     id="too far ahead"),
        pytest.param("remind me to x every 1000000 days", "2026-03-04T10:15:00", NEW_YORK,
                     id="too far apart"),
    ],
)
def test_every_refusal_rule_raises_a_friendly_parse_error(text: str, now: str, zone: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text, at(now, zone), zone)

    assert caught.value.reply
    assert caught.value.hint


def test_the_length_is_measured_before_parsing(wednesday: datetime) -> None:
    with pytest.raises(ParseError, match="too long"):
        parse("x" * 2001, wednesday, NEW_YORK)


def test_a_typo_suggests_the_command(wednesday: datetime) -> None:
    with pytest.raises(ParseError) as caught:
        parse("snoze 3", wednesday, NEW_YORK)

    assert "snooze" in caught.value.suggestions
    assert "Did you mean 'snooze'" in caught.value.reply


def test_a_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse("help", datetime(2026, 3, 4), NEW_YORK)
