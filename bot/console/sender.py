"""ConsoleSender: prints deliveries to the terminal; ConsoleChannelAccess: every target is here."""

from __future__ import annotations

import itertools
import logging
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from bot.console.away import AwayBox, Missed
from core.ids import Actor, ChatRef
from core.language.commands import Target
from core.replies import Reply, SentMessage

logger = logging.getLogger(__name__)

PROMPT = "you> "
SNOOZE_HINT = "(type 'snooze 20m' or 'snooze until tomorrow 9am' to see it again)"


@dataclass
class ConsoleSender:
    """Writes each delivered message as a block in the terminal.

    away: where a message goes when the terminal is gone (its window closed, `nudge run`
    killed: writing raises OSError, EIO or EPIPE); the next start shows it. Without one,
    the error propagates and the delivery is retried.
    """

    stream: TextIO = field(default_factory=lambda: sys.stdout)
    away: AwayBox | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        stamp = time.strftime("%H:%M")  # local wall clock, for the eye only
        try:
            self._write(stamp, reply)
        except OSError as exc:
            if self.away is None:
                raise
            self.away.record(Missed(at=stamp, text=reply.text))
            logger.warning("terminal gone (%s); kept the message for the next start", exc)
        return SentMessage(chat_id=chat.chat_id, message_id=str(next(self._ids)))

    def _write(self, stamp: str, reply: Reply) -> None:
        block = f"\n[{stamp}] {reply.text}\n"
        if reply.choices:  # buttons elsewhere; here the words that do the same
            block += f"        {SNOOZE_HINT}\n"
        self.stream.write(block + PROMPT)
        self.stream.flush()


class ConsoleChannelAccess:
    """In the terminal there is one chat: whoever the target, the message appears here."""

    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        return actor.chat
