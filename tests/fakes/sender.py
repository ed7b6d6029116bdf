"""RecordingSender: records sends, raises scripted failures."""

from __future__ import annotations

from dataclasses import dataclass, field

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
