"""Route sends and channel lookups to the adapter of the chat's platform."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from core.errors import NotAllowed, TargetGone
from core.ids import Actor, ChatRef, Platform
from core.language.commands import Target
from core.ports import ChannelAccess, ChatSender, SentLookup
from core.replies import Reply, SentMessage


@dataclass(frozen=True)
class PlatformSenders:
    """A ChatSender that hands each message to the sender of its platform."""

    senders: Mapping[Platform, ChatSender]

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        sender = self.senders.get(chat.tenant.platform)
        if sender is None:
            raise TargetGone(f"{chat.tenant.platform} is not configured")
        return await sender.send(chat, reply)

    async def find_sent(self, chat: ChatRef, key: str, since: datetime) -> SentMessage | None:
        sender = self.senders.get(chat.tenant.platform)
        if not isinstance(sender, SentLookup):
            return None
        return await sender.find_sent(chat, key, since)


@dataclass(frozen=True)
class PlatformAccess:
    """A ChannelAccess that asks the adapter of the actor's platform."""

    access: Mapping[Platform, ChannelAccess]

    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        access = self.access.get(actor.chat.tenant.platform)
        if access is None:
            raise NotAllowed(f"I cannot post on {actor.chat.tenant.platform} from here.")
        return await access.resolve(actor, target)
