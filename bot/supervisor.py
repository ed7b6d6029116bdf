"""Supervisor: `nudge run`'s worker and scheduler, restarted with backoff when they die."""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from jobs.lifetimes import dies_with_us

logger = logging.getLogger(__name__)

FIRST_DELAY: Final = 1.0
MAX_DELAY: Final = 30.0
# A child that ran this long before dying starts the backoff over at FIRST_DELAY.
STABLE_AFTER: Final = 60.0
POLL: Final = 0.2  # seconds between checks on the children
STOP_TIMEOUT: Final = 10.0


@dataclass
class _Child:
    role: str
    command: Sequence[str]
    process: subprocess.Popen[bytes]
    started: float
    delay: float = FIRST_DELAY


class Supervisor:
    """Starts one process per role and keeps it running until stop().

    Each child is in its own session (a Ctrl-C reaches only `nudge run`, which stops them
    in order) and gets SIGTERM if `nudge run` dies, even by SIGKILL. Children are started
    from the supervising thread, which lives until stop(): Linux's parent-death signal
    follows the thread that forked, not the process.
    """

    def __init__(self, commands: Mapping[str, Sequence[str]], env: Mapping[str, str], *,
                 on_change: Callable[[list[int]], None] = lambda pids: None) -> None:
        self._commands = dict(commands)
        self._env = dict(env)
        self._on_change = on_change
        self._children: dict[str, _Child] = {}
        self._stopping = threading.Event()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._supervise, name="supervisor", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._started.wait()

    def pids(self) -> dict[str, int]:
        return {role: child.process.pid for role, child in self._children.items()}

    def stop(self) -> None:
        """SIGTERM to every child, then wait (SIGKILL after STOP_TIMEOUT); no more restarts."""
        self._stopping.set()
        self._thread.join()

    def _supervise(self) -> None:
        try:
            for role, command in self._commands.items():
                self._children[role] = self._spawn(role, command)
            self._changed()
        finally:
            self._started.set()
        try:
            while not self._stopping.wait(POLL):
                self._restart_the_dead()
        finally:
            self._stop_all()

    def _restart_the_dead(self) -> None:
        for role, child in list(self._children.items()):
            code = child.process.poll()
            if code is None:
                continue
            delay = FIRST_DELAY if time.monotonic() - child.started >= STABLE_AFTER else child.delay
            logger.warning("%s exited with code %s; restarting in %.0fs", role, code, delay)
            if self._stopping.wait(delay):
                return
            try:
                fresh = self._spawn(role, child.command)
            except OSError:
                logger.exception("%s could not be started; trying again", role)
                fresh = child  # polled again next round, with the delay grown below
            fresh.delay = min(delay * 2, MAX_DELAY)
            self._children[role] = fresh
            self._changed()

    def _spawn(self, role: str, command: Sequence[str]) -> _Child:
        process = subprocess.Popen(list(command), env=self._env, start_new_session=True,
                                   preexec_fn=dies_with_us())  # prctl only: safe after fork
        logger.info("started %s (pid %s)", role, process.pid)
        return _Child(role, command, process, time.monotonic())

    def _stop_all(self) -> None:
        children = list(self._children.values())
        for child in children:
            if child.process.poll() is None:
                child.process.terminate()
        for child in children:
            try:
                child.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                logger.warning("%s ignored SIGTERM for %ss; killing it", child.role, STOP_TIMEOUT)
                child.process.kill()
                child.process.wait()

    def _changed(self) -> None:
        try:
            self._on_change([child.process.pid for child in self._children.values()])
        except OSError:
            logger.exception("could not record the children's pids")
