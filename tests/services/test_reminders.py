"""Reminder use cases through the Dispatcher, on a real database and Redis."""

from __future__ import annotations

from datetime import UTC, datetime

from core.occurrences import Occurrence
from core.reminders import State
from tests.services.conftest import actor


async def stored(deps, user: str = "U1"):
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor(user).user, live_only=False)


async def test_remind_confirms_in_words_with_the_next_instant_in_their_zone(dispatcher, deps):
    reply = await dispatcher.handle("remind me to run daily at 7", actor())

    assert reply.text.startswith("Reminder 1: run, every day at 07:00; next Thu 5 Mar 07:00 EST")
    [reminder] = await stored(deps)
    assert reminder.next_at == datetime(2026, 3, 5, 12, 0, tzinfo=UTC)
    assert reminder.state is State.ACTIVE


async def test_bare_hour_reply_offers_the_other_reading(dispatcher):
    reply = await dispatcher.handle("remind me to water the plants at 7", actor())

    assert "(I read the time as 19:00.)" in reply.text
    assert reply.choices[0].label == "Use 07:00 instead of 19:00"


async def test_taking_the_other_reading_moves_the_reminder(dispatcher, deps):
    first = await dispatcher.handle("remind me to water the plants at 7", actor())

    reply = await dispatcher.press(first.choices[0].command, actor())

    assert "Thu 5 Mar 07:00" in reply.text
    [reminder] = await stored(deps)
    assert reminder.next_at == datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


async def test_a_reminder_due_soon_is_queued_and_a_later_one_is_not(dispatcher, queue, deps):
    await dispatcher.handle("remind me to stretch in 1 minute", actor())
    await dispatcher.handle("remind me to run tomorrow at 7am", actor())

    soon, later = sorted(await stored(deps), key=lambda r: r.number)
    assert await queue.missing([Occurrence(soon.schedule_id, soon.next_at)]) == []
    assert await queue.missing([Occurrence(later.schedule_id, later.next_at)]) != []


async def test_list_shows_only_the_askers_live_reminders(dispatcher):
    await dispatcher.handle("remind me to stretch in 10 minutes", actor("U1"))
    await dispatcher.handle("remind me to call mom in 2 hours", actor("U2"))

    reply = await dispatcher.handle("list", actor("U1"))

    assert "stretch" in reply.text
    assert "call mom" not in reply.text


async def test_cancel_by_number_removes_it_from_the_list(dispatcher, deps):
    await dispatcher.handle("remind me to stretch in 1 minute", actor())

    reply = await dispatcher.handle("cancel 1", actor())

    assert reply.text == "Cancelled Reminder 1: stretch."
    [after] = await stored(deps)
    assert after.state is State.CANCELLED
    assert after.next_at is None
    assert (await dispatcher.handle("list", actor())).text.startswith("You have no reminders.")


async def test_cancel_by_words_finds_the_one_reminder(dispatcher, deps):
    await dispatcher.handle("remind me to stretch in 1 hour", actor())
    await dispatcher.handle("remind #team standup every weekday at 9:30", actor())

    reply = await dispatcher.handle("cancel the standup reminder", actor())

    assert "standup" in reply.text
    states = {r.what: r.state for r in await stored(deps)}
    assert states == {"stretch": State.ACTIVE, "standup": State.CANCELLED}


async def test_cancelling_someone_elses_reminder_is_not_found_and_changes_nothing(dispatcher, deps):
    await dispatcher.handle("remind me to stretch in 1 hour", actor("U1"))

    reply = await dispatcher.handle("cancel 1", actor("U2"))

    assert reply.is_error
    assert "no reminder 1" in reply.text
    [reminder] = await stored(deps, "U1")
    assert reminder.state is State.ACTIVE


async def test_pause_and_resume_recompute_the_next_instant(dispatcher, deps, clock):
    await dispatcher.handle("remind me to run daily at 7", actor())
    await dispatcher.handle("pause 1", actor())
    clock.advance(days=2)

    reply = await dispatcher.handle("resume 1", actor())

    assert "next Sat 7 Mar 07:00 EST" in reply.text
    [reminder] = await stored(deps)
    assert reminder.state is State.ACTIVE


async def test_bad_command_answers_kindly_and_changes_nothing(dispatcher, deps, queue, redis):
    reply = await dispatcher.handle("remind me to pay rent on February 30", actor())

    assert reply.is_error
    assert reply.text
    assert await stored(deps) == []
    assert redis.dbsize() == 0


async def test_not_a_command_answers_kindly_and_changes_nothing(dispatcher, deps, redis):
    reply = await dispatcher.handle("what's the weather like in Paris", actor())

    assert reply.is_error
    assert await stored(deps) == []
    assert redis.dbsize() == 0


async def test_reminder_without_time_asks_when_with_choices(dispatcher, deps):
    reply = await dispatcher.handle("remind me to call mom", actor())

    assert [c.label for c in reply.choices] == ["In 1 hour", "This evening", "Tomorrow morning"]
    assert await stored(deps) == []
    follow_up = await dispatcher.handle(reply.choices[0].command, actor())
    assert follow_up.text.startswith("Reminder 1: call mom")


async def test_timezone_changes_how_times_are_read(dispatcher, deps):
    await dispatcher.handle("timezone Europe/Berlin", actor())

    reply = await dispatcher.handle("remind me to run tomorrow at 7am", actor())

    assert "07:00 CET" in reply.text
    [reminder] = await stored(deps)
    assert reminder.next_at == datetime(2026, 3, 5, 6, 0, tzinfo=UTC)


async def test_channel_the_requester_may_not_post_to_is_refused(dispatcher, deps):
    reply = await dispatcher.handle("remind #secret standup every weekday at 9:30", actor())

    assert reply.is_error
    assert "#secret" in reply.text
    assert await stored(deps) == []


async def test_a_refusal_shows_the_closest_example_once(dispatcher):
    impossible = await dispatcher.handle("remind me to pay rent on February 30", actor())
    nonsense = await dispatcher.handle("what's the weather like in Paris", actor())

    assert impossible.text == ("There is no February 30. Check the day of the month.\n"
                               "For example: remind me to pay rent on March 31")
    assert nonsense.text.count("remind me to stretch in 1 hour") == 1  # nothing close: starts


async def test_the_when_question_asks_once(dispatcher):
    reply = await dispatcher.handle("remind me to call mom", actor())

    assert reply.text.count("When should I remind you?") == 1
