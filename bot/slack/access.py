"""SlackChannelAccess(ChannelAccess): may this person have Nudge post to that channel?"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from typing import Any, Final

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.clients import SlackClients
from core.errors import NotAllowed, NotFound
from core.ids import Actor, ChatRef
from core.language.commands import Target, TargetKind

logger = logging.getLogger(__name__)

_CHANNEL_ID: Final = re.compile(r"[CG][A-Z0-9]{6,}")
_USER_ID: Final = re.compile(r"[UW][A-Z0-9]{6,}")
PAGE: Final = 1000


class SlackChannelAccess:
    """'me' and '@user' are DMs; '#channel' needs the requester and the app as members."""

    def __init__(self, clients: SlackClients, *, app_name: str = "Nudge") -> None:
        self.clients = clients
        self.app_name = app_name

    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        tenant = actor.user.tenant
        if target.kind is TargetKind.ME:
            # A bot token posts to a user id as the user's DM with the app.
            return ChatRef(tenant, actor.user.user_id)
        client = await self.clients.for_team(tenant.workspace)
        try:
            if target.kind is TargetKind.USER:
                return ChatRef(tenant, await self._user_id(client, target.ref))
            channel = await self._channel(client, target.ref)
            await self._check_may_post(client, channel, actor.user.user_id)
        except SlackApiError as exc:
            error = exc.response.get("error")
            raise NotAllowed(f"Slack would not tell me about {target} ({error}). "
                             "Try again in a minute.") from exc
        return ChatRef(tenant, str(channel["id"]))

    async def _user_id(self, client: AsyncWebClient, ref: str) -> str:
        if _USER_ID.fullmatch(ref):
            try:
                await client.users_info(user=ref)
            except SlackApiError as exc:
                raise NotFound(f"I can't find that person (<@{ref}>) in this workspace.") from exc
            return ref
        async for user in _pages(client.users_list, "members"):
            names = {user.get("name"), (user.get("profile") or {}).get("display_name")}
            if ref.lower() in {str(n).lower() for n in names if n}:
                return str(user["id"])
        raise NotFound(f"I can't find @{ref} in this workspace. Try mentioning them: @name.")

    async def _channel(self, client: AsyncWebClient, ref: str) -> dict[str, Any]:
        if _CHANNEL_ID.fullmatch(ref):
            try:
                response = await client.conversations_info(channel=ref)
            except SlackApiError as exc:
                raise self._not_found(ref) from exc
            return dict(response["channel"])
        name = ref.lstrip("#").lower()
        async for channel in _pages(client.conversations_list, "channels",
                                    types="public_channel,private_channel",
                                    exclude_archived=True):
            if str(channel.get("name", "")).lower() == name:
                return dict(channel)
        raise self._not_found(ref)

    async def _check_may_post(self, client: AsyncWebClient, channel: dict[str, Any],
                              user_id: str) -> None:
        label = f"<#{channel['id']}>"
        if channel.get("is_archived"):
            raise NotAllowed(f"{label} is archived, so nothing can be posted there.")
        if not channel.get("is_member"):
            raise NotAllowed(f"I'm not in {label} yet. Add me with `/invite @{self.app_name}` "
                             f"in {label}, then try again.")
        if not await _is_member(client, str(channel["id"]), user_id):
            raise NotAllowed(f"You're not a member of {label}, so I can't post there for you. "
                             "Join it first, then try again.")

    def _not_found(self, ref: str) -> NotFound:
        return NotFound(f"I can't find the channel #{ref}. If it is private, add me with "
                        f"`/invite @{self.app_name}` in that channel, then try again.")


async def _is_member(client: AsyncWebClient, channel_id: str, user_id: str) -> bool:
    try:
        async for member in _pages(client.conversations_members, "members", channel=channel_id):
            if member == user_id:
                return True
    except SlackApiError as exc:
        logger.warning("conversations.members failed: %s", exc.response.get("error"))
    return False


async def _pages(method: Any, key: str, **params: Any) -> AsyncIterator[Any]:
    """Every item of a cursor-paginated Web API list."""
    cursor = ""
    while True:
        response = await method(limit=PAGE, cursor=cursor or None, **params)
        for item in response.get(key) or []:
            yield item
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or ""
        if not cursor:
            return
