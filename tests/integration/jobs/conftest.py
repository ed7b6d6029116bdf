"""Redis fixtures until tests/conftest.py lists "tests.fixtures_redis" in pytest_plugins."""

# pytest accepts pytest_plugins only in the top-level conftest, so import the fixtures here.
from tests.fixtures_redis import private_redis, redis, redis_server_url, redis_url  # noqa: F401
