"""Process lifetimes: children that die with their parent, and whether a pid still lives."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from contextlib import suppress
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


def command_line(pid: int) -> str:
    """The process's command line, words joined by spaces ("" if it is gone or hidden)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def processes_in(directory: Path, *, named: str) -> list[int]:
    """Live pids whose working directory is `directory` and whose command names `named`."""
    found = []
    target = directory.resolve()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if Path(os.readlink(entry / "cwd")) != target:
                continue
        except OSError:
            continue  # gone, or not ours
        pid = int(entry.name)
        if named in command_line(pid) and is_alive(pid) and pid != os.getpid():
            found.append(pid)
    return found


def stop_process(pid: int, *, timeout: float = 10.0) -> None:
    """SIGTERM, and SIGKILL if it has not ended within `timeout`; returns when it is gone."""
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while is_alive(pid):
        if time.monotonic() > deadline:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + timeout
        time.sleep(0.02)  # poll interval
        _reap(pid)


def _reap(pid: int) -> None:
    # When the leftover is our own child (a test's), reap it so it does not stay a zombie.
    with suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def processes_with_env(name: str, value: str) -> list[int]:
    """Live pids (ours to read) whose environment has name=value exactly, this one excepted."""
    wanted = f"{name}={value}".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            variables = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        pid = int(entry.name)
        if wanted in variables and pid != os.getpid() and is_alive(pid):
            found.append(pid)
    return found
