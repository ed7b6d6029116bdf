"""The platform answering 500, 429 and 403: retried with backoff, or the target deactivated."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

from bench.common import BotApiSender
from core.reminders import State
from core.services.delivery import deliver_due
from tests.faults.conftest import OWNER, World, just_due


def _states(world: World) -> dict[str, State]:
    async def go(nudge):
        async with nudge.deps.uow() as uow:
            return {r.what: r.state
                    for r in await uow.reminders.list_for(OWNER, live_only=False)}

    return world.run(go)


def _failed(world: World):
    return world.run(lambda nudge: nudge.deps.queue.failed_jobs())


def test_500s_and_429s_are_retried_with_backoff_and_each_sent_once(world: World) -> None:
    world.add(4, just_due(), chats=4)  # chats 1000..1003
    world.api.fail("1000", 500)
    world.api.fail("1001", 500, 500)
    world.api.fail("1002", 429)

    with world.running_worker():
        world.wait_for(lambda: world.sent_rows() == 4)

    assert world.counts() == {f"⏰ task {i}": 1 for i in range(4)}
    arrived = {chat: at for chat, _, at in world.api.arrivals}
    # Waited 1 s, then 2 s; RQ's scheduled registry keeps whole seconds, so allow one less.
    assert arrived["1001"] - arrived["1003"] >= 3 - 1
    assert arrived["1002"] > arrived["1003"]  # Retry-After: 1


def test_a_platform_that_keeps_failing_lands_in_the_failed_registry(world: World) -> None:
    world.add(1, just_due(), chats=1)
    world.api.fail("1000", 500, 500, 500, 500)

    with world.running_worker():
        world.wait_for(lambda: bool(_failed(world)))
        [failed] = _failed(world)
        retried = world.run(lambda nudge: nudge.deps.queue.retry_failed())
        world.wait_for(lambda: world.sent_rows() == 1)

    assert failed.func_name == "jobs.tasks.deliver"
    assert "retries exhausted" in failed.error
    assert retried == 1
    assert world.counts() == {"⏰ task 0": 1}


def test_a_403_deactivates_that_chats_schedules_only(world: World) -> None:
    world.add(2, just_due(), chats=2)
    later = just_due() + timedelta(days=1)
    world.add(2, later, chats=2, what="later")
    world.api.fail("1000", 403)

    world.work()

    assert world.counts() == {"⏰ task 1": 1}
    assert _states(world) == {"task 0": State.DONE, "task 1": State.DONE,
                              "later 0": State.INACTIVE, "later 1": State.ACTIVE}


def test_a_403_says_so_in_the_log(world: World, caplog) -> None:
    world.add(1, just_due(), chats=1)
    world.api.fail("1000", 403)

    async def go(nudge) -> None:
        sender = BotApiSender(world.api_url)
        try:
            await deliver_due(replace(nudge.deps, sender=sender))
        finally:
            await sender.aclose()

    with caplog.at_level(logging.WARNING):
        world.run(go)

    assert "chat 1000 is gone" in caplog.text
