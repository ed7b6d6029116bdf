"""Route sends and channel lookups to the adapter of the chat's platform."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.errors import NotAllowed, TargetGone
from core.ids import Actor, ChatRef, Platform
from core.language.commands import Target
from core.ports import ChannelAccess, ChatSender
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


@dataclass(frozen=True)
class PlatformAccess:
    """A ChannelAccess that asks the adapter of the actor's platform."""

    access: Mapping[Platform, ChannelAccess]

    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        access = self.access.get(actor.chat.tenant.platform)
        if access is None:
            raise NotAllowed(f"I cannot post on {actor.chat.tenant.platform} from here.")
        return await access.resolve(actor, target)
