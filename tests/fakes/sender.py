"""RecordingSender: records sends, raises scripted failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from core.errors import DeliveryError
from core.ids import ChatRef
from core.replies import Reply, SentMessage


@dataclass
class RecordingSender:
    sent: list[tuple[ChatRef, Reply]] = field(default_factory=list)
    fail_next: list[DeliveryError] = field(default_factory=list)

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        if self.fail_next:
            raise self.fail_next.pop(0)
        self.sent.append((chat, reply))
        return SentMessage(chat_id=chat.chat_id, message_id=str(len(self.sent)))

    @property
    def texts(self) -> list[str]:
        return [reply.text for _, reply in self.sent]


class Killed(BaseException):
    """The worker died: raised past every `except Exception`, as a SIGKILL would stop it."""


@dataclass
class KeyedSender(RecordingSender):
    """A platform that keeps each message's key (as Slack's metadata does) and can be
    searched for it; `die_after_accept` kills the worker right after the platform accepted."""

    die_after_accept: bool = False

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        sent = await super().send(chat, reply)
        if self.die_after_accept:
            self.die_after_accept = False
            raise Killed
        return sent

    async def find_sent(self, chat: ChatRef, key: str, since: datetime) -> SentMessage | None:
        for number, (to, reply) in enumerate(self.sent, start=1):
            if to == chat and reply.key == key:
                return SentMessage(chat_id=chat.chat_id, message_id=str(number))
        return None
