"""Process lifetimes: children that die with their parent, and whether a pid still lives."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

logger = logging.getLogger(__name__)

PR_SET_PDEATHSIG: Final = 1  # <linux/prctl.h>


def die_with_parent(sig: int = signal.SIGTERM, *, parent: int | None = None) -> bool:
    """Ask Linux to send `sig` to this process when its parent dies; True if it will.

    The signal comes when the thread that forked us ends, so a parent forks its long-lived
    children from a thread that lives as long as it does. `parent`: the pid we expect as
    parent; if it is already gone (it died before we asked), we get the signal at once.
    Safe inside a Popen preexec_fn: no allocation, no lock, no logging.
    """
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        return False
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), sig)
    return True


def dies_with_us() -> Callable[[], None]:
    """A Popen preexec_fn: the child gets SIGTERM when this process dies, even by SIGKILL."""
    parent = os.getpid()  # read here, before the fork
    return lambda: _ignore_result(die_with_parent(signal.SIGTERM, parent=parent))


def _ignore_result(_: bool) -> None:
    return None


def is_alive(pid: int) -> bool:
    """True if `pid` is a live process (a zombie, dead but not yet reaped, is not)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's, and alive
    return _state(pid) not in ("Z", "X")


def _state(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""  # no /proc (macOS): kill(0) already said it lives
    return stat.rsplit(")", 1)[1].split()[0]
