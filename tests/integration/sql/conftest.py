# pytest 9 accepts `pytest_plugins` only in the top-level conftest; until tests/conftest.py
# lists "tests.fixtures_sql", its fixtures are brought in here.
from tests.fixtures_sql import *  # noqa: F403
