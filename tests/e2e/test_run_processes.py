"""`nudge run`'s process tree under faults: a killed worker or parent, `nudge chat` beside it.

Real processes throughout: `nudge run` with its embedded Redis, worker and scheduler, read
through its terminal (a pipe) and /proc, as a person and `ps` would see them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from tests.e2e.test_cli import alive, children_of, nudge

NUDGE = [sys.executable, "-m", "bot.cli"]
pytestmark = pytest.mark.slow


class RunningNudge:
    """`nudge run` in the console, its output collected line by line from a reader thread."""

    def __init__(self, data_dir: Path) -> None:
        ours = ("NUDGE_", "SLACK_", "TELEGRAM_", "REDIS_URL", "DATABASE_URL")
        env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
        self.data_dir = data_dir
        self.proc = subprocess.Popen([*NUDGE, "run"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True,
                                     env={**env, "NUDGE_DATA_DIR": str(data_dir)})
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        wait_for(lambda: self.log().count("Listening on") > self._listening_before, 30,
                 "the worker never started")

    _listening_before = 0

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    def output(self) -> str:
        return "".join(self.lines)

    def log(self) -> str:
        path = self.data_dir / "nudge.log"
        return path.read_text() if path.exists() else ""

    def role_pids(self, role: str) -> set[int]:
        """Direct children running `role` (RQ's scheduler, forked from the worker, is not)."""
        return {pid for pid in alive(children_of(self.proc.pid))
                if f"bot.cli {role}" in _cmdline(pid) and _parent(pid) == self.proc.pid}

    def type(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def quit(self) -> None:
        """Type quit (unless it has already ended), wait for the end, close the pipes."""
        if self.proc.poll() is None:
            self.type("quit")
            self.proc.wait(timeout=30)
        self._reader.join(timeout=30)  # EOF once every child has let go of the pipe
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                with suppress(OSError):
                    pipe.close()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} (after {timeout}s)")
        time.sleep(0.1)  # poll interval


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Callable[[], RunningNudge]]:
    started: list[RunningNudge] = []

    def start() -> RunningNudge:
        RunningNudge._listening_before = started[-1].log().count("Listening on") if started else 0
        started.append(RunningNudge(tmp_path))
        return started[-1]

    yield start
    for each in started:
        each.quit()


def test_a_killed_worker_is_restarted_and_reminders_still_arrive(running) -> None:
    nudge_run = running()
    [worker] = nudge_run.role_pids("worker")

    killed_at = time.monotonic()
    os.kill(worker, signal.SIGKILL)
    wait_for(lambda: nudge_run.role_pids("worker") - {worker}, 15, "no new worker")
    restarted_in = time.monotonic() - killed_at
    nudge_run.type("remind me to stretch in 2 seconds")

    wait_for(lambda: "⏰ stretch" in nudge_run.output(), 30, "the reminder never arrived")
    assert "worker exited with code -9; restarting in 1s" in nudge_run.log()
    assert restarted_in < 5


def test_kill_9_of_nudge_run_leaves_nothing_running_and_a_restart_delivers(
        running, tmp_path: Path) -> None:
    first = running()
    first.type("remind me to stretch in 3 seconds")
    wait_for(lambda: "Reminder 1: stretch" in first.output(), 15, "no answer")
    tree = alive(children_of(first.proc.pid))

    first.proc.kill()
    first.proc.wait()
    wait_for(lambda: not alive(tree), 5, f"left running: {alive(tree)}")
    time.sleep(3)  # the reminder falls due while nothing runs
    second = running()

    wait_for(lambda: "⏰ stretch" in second.output(), 30, "the reminder never arrived")
    assert len(tree) >= 3  # redis-server, the worker, the scheduler
    assert "⏰ stretch" not in first.output()


def test_nudge_chat_beside_nudge_run_joins_its_redis_and_removes_nothing(
        running, tmp_path: Path) -> None:
    nudge_run = running()
    socket = tmp_path / "redis" / "redis.sock"
    redis_servers = {pid for pid in alive(children_of(nudge_run.proc.pid))
                     if "redis-server" in _cmdline(pid)}

    created = nudge("chat", "remind me to stretch in 3 seconds", data_dir=tmp_path)
    listed = nudge("chat", "list", data_dir=tmp_path)

    assert created.returncode == 0, created.stderr
    assert "Reminder 1: stretch" in listed.stdout
    assert socket.exists()
    wait_for(lambda: "⏰ stretch" in nudge_run.output(), 30, "the reminder never arrived")
    assert {pid for pid in alive(children_of(nudge_run.proc.pid))
            if "redis-server" in _cmdline(pid)} == redis_servers


def test_a_second_nudge_run_on_the_same_data_dir_is_refused_with_one_line(
        running, tmp_path: Path) -> None:
    first = running()

    second = nudge("run", data_dir=tmp_path, stdin="quit\n")

    assert second.returncode == 1
    assert f"Nudge is already running on {tmp_path.resolve()} (pid {first.proc.pid})" in \
        second.stderr
    assert first.proc.poll() is None
