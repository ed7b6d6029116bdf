"""Bolt listeners: each acknowledges at once, then does its work in a lazy listener."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Final

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.blocks import ACTION_PREFIX, fallback_text, to_blocks
from bot.slack.dedupe import EventDedupe
from bot.slack.home import home_view
from bot.slack.identity import Profile, Profiles, to_actor
from bot.slack.markup import neutralise_broadcasts
from core.ids import Actor
from core.replies import Reply
from core.services import people
from core.services.context import Deps

logger = logging.getLogger(__name__)

Handle = Callable[[str, Actor], Awaitable[Reply]]
Body = dict[str, Any]

APOLOGY: Final = Reply("Sorry, something went wrong on my side. Please try again.", is_error=True)
_LEADING_MENTION: Final = re.compile(r"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s:,]*")


@dataclass
class SlackHandlers:
    """What the listeners need: the one entry (handle), the deps, profiles and dedupe."""

    handle: Handle
    deps: Deps
    profiles: Profiles
    dedupe: EventDedupe
    command: str = "/nudge"
    # How many answers are worked on at once. Beyond it, lazy listeners wait their turn:
    # a burst then queues in memory instead of piling transactions onto the database and
    # starving the event loop that sends the acks (measured in bench/slack_ack.py).
    concurrency: int = 8
    _slots: asyncio.Semaphore | None = field(default=None, init=False, repr=False)

    def register(self, app: AsyncApp) -> None:
        app.command(self.command)(ack=acknowledge, lazy=[self.on_command])
        app.action(re.compile(f"^{ACTION_PREFIX}"))(ack=acknowledge, lazy=[self.on_button])
        app.event("app_mention")(ack=acknowledge, lazy=[self.on_mention])
        app.event("message")(ack=acknowledge, lazy=[self.on_message])
        app.event("app_home_opened")(ack=acknowledge, lazy=[self.on_home_opened])

    # --- lazy listeners: the work after the ack ---

    async def on_command(self, body: Body, client: AsyncWebClient, respond: AsyncRespond) -> None:
        try:
            actor, reply = await self._answer(client, body["team_id"], body["user_id"],
                                              body["channel_id"], body.get("text") or "help")
            await respond(text=fallback_text(reply), blocks=to_blocks(reply),
                          response_type="ephemeral")
        except Exception:
            logger.exception("slash command failed")

    async def on_mention(self, body: Body, event: Body, client: AsyncWebClient) -> None:
        if not await self.dedupe.first_time(body["event_id"]):
            return
        try:
            text = _LEADING_MENTION.sub("", event.get("text") or "", count=1) or "help"
            actor, reply = await self._answer(client, _team(body, event), event["user"],
                                              event["channel"], text)
            await client.chat_postEphemeral(
                channel=event["channel"], user=event["user"], text=fallback_text(reply),
                blocks=to_blocks(reply), thread_ts=event.get("thread_ts"))
        except Exception:
            logger.exception("mention failed")

    async def on_message(self, body: Body, event: Body, client: AsyncWebClient) -> None:
        if not _is_direct_message(event) or not await self.dedupe.first_time(body["event_id"]):
            return
        try:
            actor, reply = await self._answer(client, _team(body, event), event["user"],
                                              event["channel"], event.get("text") or "help")
            await client.chat_postMessage(channel=event["channel"], text=fallback_text(reply),
                                          blocks=to_blocks(reply))
        except Exception:
            logger.exception("direct message failed")

    async def on_button(self, body: Body, client: AsyncWebClient, respond: AsyncRespond) -> None:
        try:
            team, user = body["user"].get("team_id") or body["team"]["id"], body["user"]["id"]
            channel = (body.get("channel") or {}).get("id") or user  # the Home tab has none
            value = body["actions"][0]["value"]
            actor, reply = await self._answer(client, team, user, channel, value)
            if body.get("container", {}).get("type") == "view":
                await self.publish_home(client, actor, notice=reply.text)
                return
            # Replace the pressed message in place; response_url works for ephemeral ones too.
            await respond(text=fallback_text(reply), blocks=to_blocks(reply),
                          replace_original=True)
        except Exception:
            logger.exception("button press failed")

    async def on_home_opened(self, body: Body, event: Body, client: AsyncWebClient) -> None:
        if event.get("tab") != "home" or not await self.dedupe.first_time(body["event_id"]):
            return
        try:
            team = _team(body, event)
            profile = await self.profiles.get(client, team, event["user"])
            await self.publish_home(client, to_actor(team, event["user"], event["user"], profile))
        except Exception:
            logger.exception("app home failed")

    # --- shared steps ---

    async def publish_home(self, client: AsyncWebClient, actor: Actor, *,
                           notice: str | None = None) -> None:
        zone = await people.zone_for(self.deps, actor)
        async with self.deps.uow() as uow:
            reminders = await uow.reminders.list_for(actor.user)
        view = home_view(reminders, zone, command=self.command, notice=notice)
        await client.views_publish(user_id=actor.user.user_id, view=view)

    async def _answer(self, client: AsyncWebClient, team: str, user: str, channel: str,
                      text: str) -> tuple[Actor, Reply]:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.concurrency)
        async with self._slots:
            profile = await self.profiles.get(client, team, user)
            actor = to_actor(team, user, channel, profile)
            try:
                return actor, await self.handle(incoming_text(text, profile), actor)
            except Exception:
                logger.exception("handling a Slack message failed")
                return actor, APOLOGY


async def acknowledge(ack: AsyncAck) -> None:
    """Answer Slack within its 3 s at once; the lazy listener does the rest."""
    await ack()


def incoming_text(text: str, profile: Profile) -> str:
    """What a person wrote, with broadcasts made harmless unless they may broadcast."""
    text = text.strip()
    return text if profile.can_broadcast else neutralise_broadcasts(text)


def _is_direct_message(event: Body) -> bool:
    # Edits, joins and bot posts carry a subtype or a bot_id; only people's new DMs count.
    return (event.get("channel_type") == "im" and not event.get("subtype")
            and not event.get("bot_id") and bool(event.get("user")))


def _team(body: Body, event: Body) -> str:
    return str(event.get("team") or body.get("team_id") or "")
