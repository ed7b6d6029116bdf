"""StaticChannelAccess: who may post where, fixed by the test."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import NotAllowed
from core.ids import Actor, ChatRef
from core.language.commands import Target, TargetKind


@dataclass
class StaticChannelAccess:
    """'me' is the actor's chat; a channel or user is allowed if listed in `allowed`."""

    allowed: set[str] = field(default_factory=set)

    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        if target.kind is TargetKind.ME:
            return actor.chat
        if str(target) not in self.allowed:
            raise NotAllowed(f"You cannot post to {target}.")
        return ChatRef(actor.chat.tenant, target.ref)
