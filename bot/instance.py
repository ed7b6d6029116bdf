"""`nudge run`'s lock in the data dir: one instance at a time; a dead one's leftovers stopped."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Final

from core.errors import ConfigError
from jobs.lifetimes import processes_with_env, stop_process
from jobs.owner_lock import OwnerLock

logger = logging.getLogger(__name__)

# Set in the environment of every child of `nudge run`, naming its data dir: how a later
# start finds the children of one that died, even if its lock file was lost.
CHILD_MARK: Final = "NUDGE_RUN_DATA_DIR"


class InstanceLock:
    """flock on DATA_DIR/nudge.lock, recording our pid and our children's."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.resolve()
        self._lock = OwnerLock(data_dir / "nudge.lock")

    def acquire(self) -> list[int]:
        """Take the lock and stop what a dead instance left; returns the pids stopped.

        Raises ConfigError when a live `nudge run` holds the data dir.
        """
        if not self._lock.try_acquire():
            pid = self._lock.read().get("pid", "?")
            raise ConfigError(f"Nudge is already running on {self.data_dir} (pid {pid}); "
                              "use `nudge chat` beside it, or stop it first")
        stopped = self._stop_leftovers()
        self._lock.write({"pid": os.getpid(), "children": []})
        return stopped

    def record_children(self, pids: list[int]) -> None:
        self._lock.write({"pid": os.getpid(), "children": pids})

    def child_env(self) -> dict[str, str]:
        return {CHILD_MARK: str(self.data_dir)}

    def release(self) -> None:
        self._lock.release()

    def _stop_leftovers(self) -> list[int]:
        # We hold the lock, so no live instance owns these: they outlived theirs.
        leftovers = processes_with_env(CHILD_MARK, str(self.data_dir))
        for pid in leftovers:
            logger.warning("stopping pid %s, left running by a Nudge that died", pid)
            stop_process(pid)
        return leftovers
