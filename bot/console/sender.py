"""ConsoleSender: prints deliveries to the terminal; ConsoleChannelAccess: every target is here."""

from __future__ import annotations

import itertools
import logging
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.console.away import AwayBox, Missed
from bot.console.choices import DeliveredChoices, lettered
from core.ids import Actor, ChatRef
from core.language.commands import Target
from core.replies import Reply, SentMessage

logger = logging.getLogger(__name__)

PROMPT = "you> "
CHOICE_HINT = "        (type a letter, or 'done', 'snooze 20m', 'snooze until tomorrow 9am')"


@dataclass
class ConsoleSender:
    """Writes each delivered message as a block in the terminal.

    away: where a message goes when the terminal is gone (its window closed, `nudge run`
    killed: writing raises OSError, EIO or EPIPE); the next start shows it. Without one,
    the error propagates and the delivery is retried.
    """

    stream: TextIO = field(default_factory=lambda: sys.stdout)
    away: AwayBox | None = None
    choices: DeliveredChoices | None = None  # where the chat loop finds the letters
    zone: str | None = None  # the person's zone for the stamp; None: the machine's
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        stamp = self._stamp(reply.zone or self.zone)
        try:
            self._write(stamp, reply)
        except OSError as exc:
            if self.away is None:
                raise
            self.away.record(Missed(at=stamp, text=reply.text))
            logger.warning("terminal gone (%s); kept the message for the next start", exc)
        return SentMessage(chat_id=chat.chat_id, message_id=str(next(self._ids)))

    def _stamp(self, zone: str | None) -> str:
        """The wall clock in the person's zone (the machine's when none is known)."""
        if zone:
            with suppress(ValueError, ZoneInfoNotFoundError):
                return datetime.now(ZoneInfo(zone)).strftime("%H:%M")
        return time.strftime("%H:%M")

    def _write(self, stamp: str, reply: Reply) -> None:
        block = f"\n[{stamp}] {reply.text}\n"
        lines, keys = lettered(reply)  # buttons elsewhere; here letters that press them
        if lines:
            block += "\n".join(lines) + "\n" + CHOICE_HINT + "\n"
        if keys and self.choices is not None:
            self.choices.record(keys)
        self.stream.write(block + PROMPT)
        self.stream.flush()


class ConsoleChannelAccess:
    """In the terminal there is one chat: whoever the target, the message appears here."""

    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        return actor.chat
