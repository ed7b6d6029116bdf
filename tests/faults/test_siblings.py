"""A due batch larger than one round is shared: sibling wake-ups let idle workers join."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from redis import Redis

from bench.common import FakeChatApi, serve
from jobs.embedded_redis import EmbeddedRedis
from tests.faults.conftest import World, just_due


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_world(request: pytest.FixtureRequest, private_redis: EmbeddedRedis):
    url = str(request.getfixturevalue(f"{request.param}_url"))
    api = FakeChatApi()
    with serve(api) as api_url:
        yield World(url, private_redis, api, api_url)
        with Redis.from_url(private_redis.url) as client:
            client.flushall()


def test_four_racing_workers_share_a_large_batch_each_once(any_world: World) -> None:
    any_world.add(1500, just_due(), chats=100)  # more than one round of 1,000

    with ThreadPoolExecutor(4) as pool:
        codes = [f.result() for f in [pool.submit(any_world.work) for _ in range(4)]]
    # Whatever the racers left (on a loaded machine, a round can miss them) is finished the
    # way production finishes it: reconcile, then work; nothing may arrive twice.
    any_world.recover(1500, timeout=90)

    assert codes == [0, 0, 0, 0]
    assert any_world.counts() == {f"⏰ task {i}": 1 for i in range(1500)}
    assert any_world.sent_rows() == 1500
