"""ConsoleSender: prints deliveries to the terminal; ConsoleChannelAccess: every target is here."""

from __future__ import annotations

import itertools
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from core.ids import Actor, ChatRef
from core.language.commands import Target
from core.replies import Reply, SentMessage

PROMPT = "you> "
SNOOZE_HINT = "(type 'snooze 20m' or 'snooze until tomorrow 9am' to see it again)"


@dataclass
class ConsoleSender:
    """Writes each delivered message as a block in the terminal."""

    stream: TextIO = field(default_factory=lambda: sys.stdout)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        stamp = time.strftime("%H:%M")  # local wall clock, for the eye only
        self.stream.write(f"\n[{stamp}] {reply.text}\n")
        if reply.choices:  # buttons elsewhere; here the words that do the same
            self.stream.write(f"        {SNOOZE_HINT}\n")
        self.stream.write(PROMPT)
        self.stream.flush()
        return SentMessage(chat_id=chat.chat_id, message_id=str(next(self._ids)))


class ConsoleChannelAccess:
    """In the terminal there is one chat: whoever the target, the message appears here."""

    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        return actor.chat
