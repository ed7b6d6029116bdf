"""Benchmarks check their own goals; `python -m bench` fails and names each missed one."""

from __future__ import annotations

import pytest

from bench.__main__ import _why
from bench.goals import Goals


def test_a_missed_goal_is_marked_named_and_fails_the_run(
        capsys: pytest.CaptureFixture[str]) -> None:
    goals = Goals()

    marks = [goals.check("no 429", True), goals.check(">= 90% of the allowed rate", False)]

    assert marks == ["PASS", "FAIL"]
    assert goals.report() == 1
    assert capsys.readouterr().out == "goals: MISSED >= 90% of the allowed rate\n"


def test_goals_all_met_pass(capsys: pytest.CaptureFixture[str]) -> None:
    goals = Goals()
    goals.check("p99 < 1 s", True)

    assert goals.report() == 0
    assert capsys.readouterr().out == "goals: all met\n"


@pytest.mark.parametrize(("code", "verdict", "why"), [
    pytest.param(0, "all met", None, id="met"),
    pytest.param(1, "MISSED >= 2000 deliveries/s", ">= 2000 deliveries/s", id="missed"),
    pytest.param(1, None, "did not finish (exit status 1, no goals line)", id="crashed"),
    pytest.param(0, None, "did not finish (exit status 0, no goals line)", id="no-verdict"),
])
def test_the_runner_names_what_failed(code: int, verdict: str | None, why: str | None) -> None:
    assert _why(code, verdict) == why


@pytest.mark.slow
def test_the_habits_bench_runs_to_its_goals() -> None:
    """Its `stats` runs come from one person, past the 30-commands-a-minute rate a person
    gets; before, the rate refused them and the bench ended with no goals line."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "bench", "habits", "--quick"],
                          capture_output=True, text=True, timeout=300, check=False)

    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "goals: all met" in done.stdout
    assert "benchmarks run: 1, failed: none" in done.stdout
