"""Shared fixtures: real SQLite/PostgreSQL (tests.fixtures_sql) and Redis (tests.fixtures_redis).

With NUDGE_REQUIRE_POSTGRES=1 (CI), a skipped PostgreSQL test fails the run: the SQL suite
must really have run on PostgreSQL there.
"""

from __future__ import annotations

import os

import pytest

pytest_plugins = ["tests.fixtures_sql", "tests.fixtures_redis"]

_postgres_outcomes: dict[str, int] = {"ran": 0, "skipped": 0}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "postgres" not in report.keywords or report.when != "call" and not report.skipped:
        return
    _postgres_outcomes["skipped" if report.skipped else "ran"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("NUDGE_REQUIRE_POSTGRES") != "1" or session.config.option.collectonly:
        return
    ran, skipped = _postgres_outcomes["ran"], _postgres_outcomes["skipped"]
    if skipped or not ran:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"PostgreSQL tests were required: {ran} ran, {skipped} skipped",
                                red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
