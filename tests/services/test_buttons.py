"""Buttons are sealed tokens: bound to the item, to who may press, and to an expiry.

Typed text is never an action: `act:pause:1` and even a real token, typed, stay text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from core.buttons import ButtonAction, ButtonCodec, SealingSender, Verb
from core.ids import Actor, ChatRef
from core.reminders import State
from core.services.delivery import deliver_due
from core.services.dispatch import Dispatcher
from tests.services.conftest import TENANT, actor


async def everything(deps, user: str = "U1"):
    async with deps.uow() as uow:
        return await uow.reminders.list_for(actor(user).user, live_only=False)


async def only(deps, user: str = "U1"):
    [reminder] = await everything(deps, user)
    return reminder


def in_channel(user: str) -> Actor:
    return Actor(actor(user).user, ChatRef(TENANT, "team"), zone="America/New_York",
                 is_group=True)


@pytest.fixture
def sealing(deps, sender, clock):
    """Deps whose deliveries are sealed on the way out, as the composition root wires them."""
    return replace(deps, sender=SealingSender(sender, deps.buttons, clock))


@pytest.mark.parametrize("typed", ["act:alt:1:0315", "act:unsnooze:1:4102444800",
                                   "act:pause:1", "act:delete:1", "act:done:1"])
async def test_a_typed_action_string_is_plain_text(dispatcher, deps, typed):
    # Bob, in the channel where Alice's item lives, types what an old button carried.
    await dispatcher.handle("remind #team standup every weekday at 9:30", in_channel("U1"))
    before = await only(deps)

    reply = await dispatcher.handle(typed, in_channel("U2"))

    assert reply.is_error
    assert "didn't get that" in reply.text
    assert await only(deps) == before


async def test_a_real_token_typed_is_still_only_text(dispatcher, deps):
    created = await dispatcher.handle("remind me to run daily at 7", actor())
    [undo] = created.choices

    reply = await dispatcher.handle(undo.command, actor())

    assert reply.is_error
    assert (await only(deps)).state is State.ACTIVE


async def test_the_same_token_pressed_does_its_action(dispatcher, deps):
    created = await dispatcher.handle("remind me to run daily at 7", actor())

    reply = await dispatcher.press(created.choices[0].command, actor())

    assert reply.text == "Cancelled Reminder 1: run."
    assert (await only(deps)).state is State.CANCELLED


async def test_undo_expires_after_a_day(dispatcher, deps, clock):
    created = await dispatcher.handle("remind me to run daily at 7", actor())
    clock.advance(days=1, seconds=1)

    reply = await dispatcher.press(created.choices[0].command, actor())

    assert reply.is_error
    assert "expired" in reply.text
    assert (await only(deps)).state is State.ACTIVE


async def test_an_undo_is_for_the_person_who_typed_the_command(dispatcher, deps):
    created = await dispatcher.handle("remind #team standup every weekday at 9:30",
                                      in_channel("U1"))

    reply = await dispatcher.press(created.choices[0].command, in_channel("U2"))

    assert reply.text == "That button isn't yours to press."
    assert (await only(deps)).state is State.ACTIVE


async def test_a_delivered_channel_item_is_for_anyone_in_the_channel(
        sealing, sender, clock):
    dispatcher = Dispatcher(sealing)
    await dispatcher.handle("remind #team standup in 1 hour", in_channel("U1"))
    clock.advance(hours=1)
    await deliver_due(sealing)
    [(chat, message)] = sender.sent
    snooze = dict((c.label, c.command) for c in message.choices)["20 min"]

    stranger = await dispatcher.press(snooze, Actor(actor("U3").user, ChatRef(TENANT, "D3")))
    member = await dispatcher.press(snooze, in_channel("U2"))

    assert chat == ChatRef(TENANT, "team")
    assert stranger.text == "That button isn't yours to press."
    assert member.text.startswith("Snoozed Reminder 1 for #team: standup until")
    assert (await only(sealing)).next_at == clock.now() + timedelta(minutes=20)


async def test_a_delivered_personal_item_is_only_for_its_owner(sealing, sender, clock):
    dispatcher = Dispatcher(sealing)
    await dispatcher.handle("remind me to stretch every day at 7", actor("U1", "D1"))
    clock.current = (await only(sealing)).next_at
    await deliver_due(sealing)
    [(_, message)] = sender.sent
    delete = dict((c.label, c.command) for c in message.choices)["Delete"]

    # Someone whose request claims Alice's DM (or her user id) as its chat gets nowhere.
    forged = await dispatcher.press(delete, actor("U2", "D1"))
    by_id = await dispatcher.press(delete, actor("U2", "U1"))
    owner = await dispatcher.press(delete, actor("U1", "D1"))

    assert forged.text == by_id.text == "That button isn't yours to press."
    assert owner.text == "Cancelled Reminder 1: stretch."


async def test_delivered_buttons_last_a_week(sealing, sender, clock):
    dispatcher = Dispatcher(sealing)
    await dispatcher.handle("remind me to stretch every day at 7", actor())
    clock.current = (await only(sealing)).next_at
    await deliver_due(sealing)
    [(_, message)] = sender.sent
    delete = dict((c.label, c.command) for c in message.choices)["Delete"]
    clock.advance(days=7, seconds=1)

    reply = await dispatcher.press(delete, actor())

    assert "expired" in reply.text
    assert (await only(sealing)).is_live


def test_every_token_fits_telegrams_callback_data() -> None:
    codec = ButtonCodec(b"k" * 32)
    person = actor("U" + "9" * 40).user
    worst = ButtonAction(Verb.CANCEL_ALL, 36 ** 8 - 1, "4102444800zz")

    token = codec.seal(worst, person, expires=datetime(2099, 12, 31, tzinfo=UTC))

    assert len(token.encode()) <= 64


def test_a_token_from_another_key_or_tampered_with_does_not_open() -> None:
    now = datetime(2026, 3, 4, tzinfo=UTC)
    token = ButtonCodec(b"a" * 32).seal(ButtonAction(Verb.PAUSE, 1), actor().user,
                                        expires=now + timedelta(days=1))
    tampered = token.replace(".pause.", ".resume.")

    for codec, text in ((ButtonCodec(b"b" * 32), token), (ButtonCodec(b"a" * 32), tampered)):
        with pytest.raises(Exception, match="isn't yours"):
            codec.open(text, actor(), now=now)
    assert ButtonCodec(b"a" * 32).open(token, actor(), now=now).action == ButtonAction(
        Verb.PAUSE, 1)
