"""The console chat of `nudge run`'s embedded default, and `nudge chat "TEXT"`."""

from __future__ import annotations

import asyncio
import getpass
import os
import string
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.console.away import AwayBox, render_missed
from bot.console.sender import PROMPT
from core.ids import Actor, ChatRef, Platform, Tenant, UserRef
from core.replies import Reply

TENANT = Tenant(Platform.CONSOLE, "local")
Handle = Callable[[str, Actor], Awaitable[Reply]]


def console_actor(zone: str | None = None) -> Actor:
    """The one person at this terminal, in this machine's time zone unless told."""
    user = getpass.getuser()
    return Actor(UserRef(TENANT, user), ChatRef(TENANT, "terminal"),
                 zone=zone or machine_zone(), display_name=user)


def machine_zone() -> str | None:
    """The IANA name of the local zone: $TZ, else where /etc/localtime points."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        link = Path("/etc/localtime")
        target = str(link.resolve()) if link.is_symlink() else ""
        name = target.partition("/zoneinfo/")[2]
    try:
        ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError):
        return None
    return name or None


def render(reply: Reply, images: Path | None = None) -> tuple[str, dict[str, str]]:
    """Reply text, with its choices lettered: typing the letter presses the choice.

    A reply's picture (a habit's heat map) is saved under `images` and its path printed.
    """
    pressable = [choice for choice in reply.choices if choice.command]  # sealed or typed
    keys = dict(zip(string.ascii_lowercase, (c.command for c in pressable), strict=False))
    lines = [reply.text]
    if reply.image is not None and images is not None:
        lines.append(f"(picture saved to {save_image(reply, images)})")
    lines += [f"  [{key}] {choice.label}" for key, choice in zip(keys, pressable, strict=False)]
    return "\n".join(lines), keys


def save_image(reply: Reply, images: Path) -> Path:
    """Write the reply's PNG under `images` (made if missing); returns its path."""
    assert reply.image is not None
    images.mkdir(parents=True, exist_ok=True)
    path = images / Path(reply.image_name).name  # a name, never a path from elsewhere
    path.write_bytes(reply.image)
    return path


async def _read_line(stdin: TextIO) -> str:
    """The next line, read in a daemon thread: a blocked read never holds up the exit."""
    loop = asyncio.get_running_loop()
    line: asyncio.Future[str] = loop.create_future()

    def deliver(text: str) -> None:
        if not line.done():  # the chat may have been cancelled meanwhile
            line.set_result(text)

    def read() -> None:
        loop.call_soon_threadsafe(deliver, stdin.readline())

    threading.Thread(target=read, daemon=True, name="console-stdin").start()
    return await line


async def chat_loop(handle: Handle, actor: Actor, *, stdin: TextIO = sys.stdin,
                    stdout: TextIO = sys.stdout, press: Handle | None = None,
                    away: AwayBox | None = None, images: Path | None = None) -> None:
    """Read lines until EOF or 'quit'; answer each through `handle`, a letter through `press`.

    A letter stands for the button of the last answer: only `press` (Dispatcher.press)
    opens its token; typing the token itself is only ever text.
    away: deliveries no terminal showed since the last start, shown first.
    """
    stdout.write("Nudge is listening. Type 'help' for examples, 'quit' to leave.\n")
    missed = render_missed(away.take()) if away else ""
    if missed:
        stdout.write(missed + "\n")
    pending: dict[str, str] = {}
    while True:
        stdout.write(PROMPT)
        stdout.flush()
        line = await _read_line(stdin)
        text = line.strip()
        if not line or text.lower() in ("quit", "exit"):
            return
        if not text:
            continue
        choice = pending.get(text.lower())
        if choice is not None:
            reply = await (press or handle)(choice, actor)
        else:
            reply = await handle(text, actor)
        answer, pending = render(reply, images)
        stdout.write(f"nudge> {answer}\n")
