"""`list` sorted by next time, texts shortened, paged with buttons; `cancel all` confirmed."""

from __future__ import annotations

from core.reminders import State
from core.services.dispatch import Dispatcher
from tests.services.conftest import actor


async def stored(deps, user: str = "U1"):
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor(user).user, live_only=False)


async def make(dispatcher: Dispatcher, count: int) -> None:
    # Made in reverse order of their times: the list must sort them, not number them.
    for i in range(count, 0, -1):
        await dispatcher.handle(f"remind me to task {i:02} in {i} hours", actor())


def labels(reply) -> list[str]:
    return [choice.label for choice in reply.choices]


async def test_list_is_sorted_by_next_time(dispatcher):
    await dispatcher.handle("remind me to later in 3 hours", actor())
    await dispatcher.handle("remind me to sooner in 1 hour", actor())
    await dispatcher.handle("remind me to paused daily at 7", actor())
    await dispatcher.handle("pause 3", actor())

    reply = await dispatcher.handle("list", actor())

    lines = reply.text.splitlines()[1:]
    assert [line.split(":")[1].split(";")[0].split(",")[0].strip() for line in lines] == [
        "sooner", "later", "paused"]


async def test_a_long_text_is_shortened_in_the_list(dispatcher):
    long_text = "read " + " ".join(["the long report"] * 120)  # about 1,800 characters
    await dispatcher.handle(f"remind me to {long_text} in 1 hour", actor())

    reply = await dispatcher.handle("list", actor())

    [line] = reply.text.splitlines()[1:]
    what = line.split(": ", 1)[1].split("; next")[0]
    assert what.endswith("…")
    assert 60 <= len(what) <= 80
    assert len(reply.text) < 200


async def test_a_long_list_comes_in_pages_of_ten_with_next_and_previous(dispatcher):
    await make(dispatcher, 23)

    first = await dispatcher.handle("list", actor())
    second = await dispatcher.press(first.choices[0].command, actor())
    third = await dispatcher.press(second.choices[1].command, actor())
    back = await dispatcher.press(third.choices[0].command, actor())

    assert first.text.startswith("Your reminders, page 1 of 3 (23 in all):")
    assert "task 01" in first.text
    assert "task 10" in first.text
    assert "task 11" not in first.text
    assert labels(first) == ["Next ▶"]
    assert "task 11" in second.text
    assert "task 20" in second.text
    assert labels(second) == ["◀ Previous", "Next ▶"]
    assert third.text.startswith("Your reminders, page 3 of 3")
    assert "task 23" in third.text
    assert labels(third) == ["◀ Previous"]
    assert back.text == second.text


async def test_list_2_and_list_page_2_are_typed_pages(dispatcher):
    await make(dispatcher, 12)

    typed = await dispatcher.handle("list 2", actor())
    worded = await dispatcher.handle("list page 2", actor())
    beyond = await dispatcher.handle("list 9", actor())

    assert typed.text.startswith("Your reminders, page 2 of 2 (12 in all):")
    assert "task 11" in typed.text
    assert "task 01" not in typed.text
    assert worded.text == typed.text == beyond.text


async def test_a_page_button_is_for_the_person_who_listed(dispatcher):
    await make(dispatcher, 11)
    first = await dispatcher.handle("list", actor())

    reply = await dispatcher.press(first.choices[0].command, actor("U2"))

    assert reply.text == "That button isn't yours to press."


async def test_cancel_all_does_not_cancel_call_mom(dispatcher, deps):
    await dispatcher.handle("remind me to call mom in 1 hour", actor())

    reply = await dispatcher.handle("cancel all", actor())

    assert reply.text.startswith("Cancel all 1 of your reminder or post?")
    assert [r.state for r in await stored(deps)] == [State.ACTIVE]


async def test_names_match_on_word_boundaries(dispatcher, deps):
    await dispatcher.handle("remind me to call mom in 1 hour", actor())
    await dispatcher.handle("remind me to review momentum in 2 hours", actor())

    reply = await dispatcher.handle("cancel mom", actor())

    assert reply.text == "Cancelled Reminder 1: call mom."
    assert [r.state for r in await stored(deps)] == [State.CANCELLED, State.ACTIVE]


async def test_cancel_all_with_its_confirmation_cancels_everything_of_the_persons(
        dispatcher, deps):
    await make(dispatcher, 3)
    await dispatcher.handle("remind #team standup every weekday at 9:30", actor())
    await dispatcher.handle("remind me to keep mine in 1 hour", actor("U2"))
    asked = await dispatcher.handle("cancel all", actor())
    await dispatcher.handle("remind me to added after asking in 1 hour", actor())

    done = await dispatcher.press(asked.choices[0].command, actor())

    assert asked.text == ("Cancel all 4 of your reminders and posts? "
                          "This cannot be undone in one tap.")
    assert labels(asked) == ["Yes, cancel all 4"]
    assert done.text == "Cancelled all 4 of your reminders and posts."
    assert [r.what for r in await stored(deps) if r.is_live] == ["added after asking"]
    assert [r.is_live for r in await stored(deps, "U2")] == [True]


async def test_cancel_all_with_nothing_says_so(dispatcher):
    reply = await dispatcher.handle("cancel everything", actor())

    assert reply.text == "You have nothing to cancel."
    assert reply.choices == ()
