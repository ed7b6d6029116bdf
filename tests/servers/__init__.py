"""Fake platform servers on loopback: serve_in_thread(app) runs any ASGI app on port 0."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import uvicorn
from starlette.types import ASGIApp

START_TIMEOUT: Final = 5.0


@contextmanager
def serve_in_thread(app: ASGIApp) -> Iterator[str]:
    """Serve `app` under uvicorn in a daemon thread; yields its base URL, stops on exit."""
    sock = loopback_socket()
    host, port = sock.getsockname()
    config = uvicorn.Config(app, lifespan="off", ws="none", log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    _wait_started(server, thread)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(START_TIMEOUT)
        sock.close()


def loopback_socket() -> socket.socket:
    """A TCP socket bound to 127.0.0.1 on a port the kernel picks (port 0: no clashes)."""
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on accepted sockets whose
    # proto says TCP, and without it every keep-alive reply waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def _wait_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the fake server did not start")
        time.sleep(0.01)
