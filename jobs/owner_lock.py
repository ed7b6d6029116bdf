"""A lock file in the data dir: held (flock) by the process that owns something, naming it.

The kernel drops an flock when its holder dies, even by SIGKILL, so a lock that can be taken
means the last owner is gone, and what its record names (pids, a URL) may be a leftover.
The record is JSON, rewritten in place while the lock is held; others only read it.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import IO, Any


class OwnerLock:
    """flock(LOCK_EX) on `path` for as long as this object holds it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; True if we hold it now."""
        if self._file is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")  # never truncates: the last owner's record stays readable
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        os.set_inheritable(handle.fileno(), False)  # a child must not keep our lock alive
        self._file = handle
        return True

    def write(self, record: dict[str, Any]) -> None:
        """Replace the record (we hold the lock)."""
        assert self._file is not None, "write() without the lock"
        self._file.seek(0)
        self._file.truncate()
        self._file.write(json.dumps(record))
        self._file.flush()

    def read(self) -> dict[str, Any]:
        return read_record(self.path)

    def release(self) -> None:
        """Drop the lock; the record is emptied first, so it never names a stopped owner."""
        handle, self._file = self._file, None
        if handle is None:
            return
        handle.seek(0)
        handle.truncate()
        handle.close()  # closing releases the flock


def read_record(path: Path) -> dict[str, Any]:
    """The record a lock file holds, or {} when there is none (or it is half written)."""
    try:
        record = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}
