"""Redis emptied or restarted before the due time; two workers and two reconcilers racing."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from redis import Redis

from tests.faults.conftest import World, just_due


def _wait_until(instant: datetime) -> None:
    # A real worker reads the real clock; the due time is a second or two away.
    while datetime.now(UTC) < instant:
        time.sleep(0.05)


def test_an_emptied_redis_loses_nothing_through_the_reconciler(world: World) -> None:
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    world.add(20, due)
    with Redis.from_url(world.redis.url) as client:
        client.flushall()

    queued = world.reconcile()
    _wait_until(due)
    world.work()

    assert queued == 20
    assert world.counts() == {f"⏰ task {i}": 1 for i in range(20)}


def test_a_restarted_redis_keeps_its_wake_ups(world: World) -> None:
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    world.add(20, due)

    world.redis.stop()
    world.redis.start()
    missing = world.reconcile()
    _wait_until(due)
    world.work()

    assert missing == 0  # the AOF kept every wake-up
    assert world.counts() == {f"⏰ task {i}": 1 for i in range(20)}


def test_two_workers_and_two_reconcilers_racing_send_each_once(world: World) -> None:
    world.add(300, just_due(), chats=50)

    with ThreadPoolExecutor(4) as pool:
        reconcilers = [pool.submit(world.reconcile) for _ in range(2)]
        workers = [pool.submit(world.work) for _ in range(2)]
        codes = [w.result() for w in workers]
        [r.result() for r in reconcilers]
    world.work()

    assert codes == [0, 0]
    assert world.counts() == {f"⏰ task {i}": 1 for i in range(300)}
