"""Buttons: every confirmation carries an Undo that puts things back as they were."""

from __future__ import annotations

from datetime import UTC, datetime

from core.reminders import State
from tests.services.conftest import actor


async def only(deps):
    async with deps.uow() as uow:
        [reminder] = await uow.reminders.list_for(actor().user, live_only=False)
    return reminder


async def press_undo(dispatcher, reply):
    [undo] = [c for c in reply.choices if c.label == "Undo"]
    return await dispatcher.press(undo.command, actor())


async def test_undo_of_a_new_reminder_cancels_it(dispatcher, deps):
    created = await dispatcher.handle("remind me to run daily at 7", actor())

    reply = await press_undo(dispatcher, created)

    assert reply.text == "Cancelled Reminder 1: run."
    assert (await only(deps)).state is State.CANCELLED


async def test_undo_of_a_cancel_restores_the_next_instant(dispatcher, deps):
    await dispatcher.handle("remind me to run daily at 7", actor())
    cancelled = await dispatcher.handle("cancel 1", actor())

    reply = await press_undo(dispatcher, cancelled)

    assert reply.text.startswith("Restored. Reminder 1: run, every day at 07:00; next Thu 5 Mar")
    restored = await only(deps)
    assert restored.state is State.ACTIVE
    assert restored.next_at == datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


async def test_undo_of_a_pause_resumes(dispatcher, deps):
    await dispatcher.handle("remind me to run daily at 7", actor())
    paused = await dispatcher.handle("pause 1", actor())

    reply = await press_undo(dispatcher, paused)

    assert reply.text.startswith("Resumed.")
    assert (await only(deps)).state is State.ACTIVE


async def test_undo_of_a_snooze_puts_back_the_instant_it_had(dispatcher, deps):
    await dispatcher.handle("remind me to run daily at 7", actor())
    snoozed = await dispatcher.handle("snooze 1 until tomorrow 9am", actor())
    assert (await only(deps)).next_at == datetime(2026, 3, 5, 14, 0, tzinfo=UTC)

    reply = await press_undo(dispatcher, snoozed)

    assert reply.text.startswith("Snooze undone.")
    assert (await only(deps)).next_at == datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


async def test_undo_of_taking_the_other_reading_goes_back(dispatcher, deps):
    created = await dispatcher.handle("remind me to water the plants at 7", actor())
    changed = await dispatcher.press(created.choices[0].command, actor())

    await press_undo(dispatcher, changed)

    assert (await only(deps)).next_at == datetime(2026, 3, 5, 0, 0, tzinfo=UTC)  # 19:00 EST


async def test_someone_elses_button_changes_nothing(dispatcher, deps):
    created = await dispatcher.handle("remind me to run daily at 7", actor("U1", "D1"))

    reply = await dispatcher.press(created.choices[-1].command, actor("U2", "D2"))

    assert reply.is_error
    assert (await only(deps)).state is State.ACTIVE


async def test_a_made_up_button_answers_kindly(dispatcher):
    reply = await dispatcher.press("b.frobnicate.1..zzzzzz.u.AAAAAAAAAAAAAAAA", actor())

    assert reply.is_error
    assert reply.text == "That button isn't yours to press."
