"""The worker killed with SIGKILL at each step of a delivery: nothing lost, nothing doubled.

The one exception is the window nobody can close: a message the platform accepted whose
commit had not happened when the process died. Those, and only those, arrive twice; the
batch delivery keeps that window to one commit's time (bench/burst.py measures it).
"""

from __future__ import annotations

from core.occurrences import DeliveryState
from tests.faults.conftest import World, just_due

COUNT = 40
KILLED = -9
EVERY = {f"⏰ task {i}" for i in range(COUNT)}


def _state_at_kill(world: World) -> tuple[set[str], set[str]]:
    """(texts committed as sent, texts accepted by the platform but not committed)."""
    arrived = set(world.texts())
    rows = {f"⏰ {what}": found for what, found in world.delivery_rows().items()}
    committed = {text for text, found in rows.items()
                 if found and found[0].state is DeliveryState.SENT}
    window = {text for text, found in rows.items()
              if found and found[0].state is DeliveryState.CLAIMED and text in arrived}
    return committed, window


def test_killed_after_claiming_it_sends_everything_once_after_the_lease(world: World) -> None:
    world.add(COUNT, just_due())

    code = world.work("after_claim")
    before = world.texts()
    world.recover(COUNT)

    assert code == KILLED
    assert before == []
    assert world.counts() == dict.fromkeys(EVERY, 1)


def test_killed_after_a_send_doubles_only_the_uncommitted_sends(world: World) -> None:
    world.add(COUNT, just_due())

    code = world.work("after_send:5")
    committed, window = _state_at_kill(world)
    world.recover(COUNT)

    assert code == KILLED
    assert window  # the kill landed inside the window, as intended
    counts = world.counts()
    assert set(counts) == EVERY
    assert {text for text, n in counts.items() if n > 1} == window
    assert max(counts.values()) == 2
    assert all(counts[text] == 1 for text in committed)


def test_killed_after_a_commit_never_resends_what_was_committed(world: World) -> None:
    world.add(COUNT, just_due())

    code = world.work("after_complete")
    committed, window = _state_at_kill(world)
    world.recover(COUNT)

    assert code == KILLED
    assert committed
    counts = world.counts()
    assert set(counts) == EVERY
    assert all(counts[text] == 1 for text in committed)
    assert {text for text, n in counts.items() if n > 1} == window
