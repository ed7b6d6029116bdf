"""The console chat of `nudge run`'s embedded default, and `nudge chat "TEXT"`."""

from __future__ import annotations

import asyncio
import getpass
import os
import re
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Final, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.console.away import AwayBox, render_missed
from bot.console.choices import DeliveredChoices, lettered
from bot.console.sender import PROMPT
from core.i18n import _
from core.ids import Actor, ChatRef, Platform, Tenant, UserRef
from core.replies import Reply

TENANT = Tenant(Platform.CONSOLE, "local")
Handle = Callable[[str, Actor], Awaitable[Reply]]
_ITEM: Final = re.compile(r"\b(?:Reminder|Post) (\d+)\b")


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
    choice_lines, keys = lettered(reply)
    lines = [plain(reply.text)]
    if reply.image is not None and images is not None:
        lines.append(_("(picture saved to {path})", path=save_image(reply, images)))
    return "\n".join(lines + choice_lines), keys


def render_once(reply: Reply, images: Path | None = None) -> str:
    """`nudge chat TEXT`: no letter can be pressed afterwards, so say what to type instead."""
    text, _keys = render(replace(reply, choices=()), images)
    typed = [c for c in reply.choices if c.command and c.action is None]
    sealed = [c for c in reply.choices if c.action is not None]
    lines = [text, *("  " + _('({label}: type nudge chat "{command}")', label=c.label,
                                 command=c.command) for c in typed)]
    if any(c.label == "Undo" for c in sealed) and (item := _ITEM.search(reply.text)):
        lines.append(f"  (To undo, type nudge chat \"cancel {item[1]}\")")
    elif sealed:
        labels = ", ".join(c.label for c in sealed)
        lines.append("  " + _("({labels}: these buttons work in the chat of `nudge run`)",
                              labels=labels))
    return "\n".join(lines)


def plain(text: str) -> str:
    """Console text: no Slack backticks or bold stars around what to type."""
    return text.replace("`", "'").replace("*", "")


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
                    away: AwayBox | None = None, images: Path | None = None,
                    delivered: DeliveredChoices | None = None) -> None:
    """Read lines until EOF or 'quit'; answer each through `handle`, a letter through `press`.

    A letter stands for the button of the last answer: only `press` (Dispatcher.press)
    opens its token; typing the token itself is only ever text.
    away: deliveries no terminal showed since the last start, shown first.
    delivered: the letters of the latest delivery; they count when it came after the last
    answer (its letters are the ones on screen nearest the prompt).
    """
    stdout.write("Nudge is listening. Type 'help' for examples, 'quit' to leave.\n")
    missed = render_missed(away.take()) if away else ""
    if missed:
        stdout.write(missed + "\n")
    pending: dict[str, str] = {}
    answered_at = 0.0
    while True:
        stdout.write(PROMPT)
        stdout.flush()
        line = await _read_line(stdin)
        text = line.strip()
        if not line or text.lower() in ("quit", "exit"):
            return
        if not text:
            continue
        keys = pending
        if delivered is not None and (shown := delivered.latest()) and shown.at > answered_at:
            keys = shown.keys
        choice = keys.get(text.lower())
        if choice is not None:
            reply = await (press or handle)(choice, actor)
        else:
            reply = await handle(text, actor)
        answer, pending = render(reply, images)
        answered_at = time.time()
        stdout.write(f"nudge> {answer}\n")
