"""The worker killed with SIGKILL at each step of a delivery: nothing lost, nothing doubled."""

from __future__ import annotations

from core.occurrences import DeliveryState
from tests.faults.conftest import World, just_due

COUNT = 40
KILLED = -9


def test_killed_after_claiming_it_sends_everything_once_after_the_lease(world: World) -> None:
    world.add(COUNT, just_due())

    code = world.work("after_claim")
    before = world.texts()
    world.recover(COUNT)

    assert code == KILLED
    assert before == []
    assert world.counts() == {f"⏰ task {i}": 1 for i in range(COUNT)}


def test_killed_after_a_send_doubles_only_the_uncommitted_sends(world: World) -> None:
    world.add(COUNT, just_due())

    code = world.work("after_send:5")
    arrived = set(world.texts())
    rows = world.delivery_rows()
    in_window = {what for what, [row] in rows.items()
                 if row.state is DeliveryState.CLAIMED and f"⏰ {what}" in arrived}
    world.recover(COUNT)

    assert code == KILLED
    assert len(arrived) >= 5
    assert {f"⏰ {what}" for what in in_window} <= arrived
    doubled = {text for text, n in world.counts().items() if n > 1}
    assert doubled == {f"⏰ {what}" for what in in_window}  # the measured window, nothing else
    assert set(world.counts()) == {f"⏰ task {i}" for i in range(COUNT)}
    assert max(world.counts().values()) <= 2


def test_killed_after_completing_it_sends_nothing_again(world: World) -> None:
    world.add(COUNT, just_due())

    code = world.work("after_complete")
    world.recover(COUNT)

    assert code == KILLED
    assert world.counts() == {f"⏰ task {i}": 1 for i in range(COUNT)}
    rows = world.delivery_rows()
    assert all(row.state is DeliveryState.SENT for [row] in rows.values())
