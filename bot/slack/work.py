"""The work after the ack, run by a worker: answer a command, button, mention, DM or Home tab."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, Final

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.blocks import fallback_text, to_blocks
from bot.slack.clients import SlackClients
from bot.slack.home import home_view
from bot.slack.identity import Profile, Profiles, to_actor
from bot.slack.listeners import ACTION, APOLOGY, COMMAND, HOME, MENTION, MESSAGE
from bot.slack.markup import neutralise_broadcasts
from bot.slack.sender import to_delivery_error, upload_image
from core.i18n import _
from core.ids import Actor, ChatRef
from core.ports import Pacer
from core.replies import Choice, Reply
from core.services import people
from core.services.deps import Deps
from core.services.reminders import live as live_reminders

logger = logging.getLogger(__name__)

Handle = Callable[[str, Actor], Awaitable[Reply]]
Body = dict[str, Any]

_LEADING_MENTION: Final = re.compile(r"^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s:,]*")


class SlackWork:
    """Runs what a listener queued: the dispatcher's answer, posted the way Slack expects."""

    def __init__(self, *, handle: Handle, deps: Deps, clients: SlackClients,
                 press: Handle | None = None, command: str = "/nudge",
                 profiles: Profiles | None = None, pacer: Pacer | None = None) -> None:
        self.handle = handle
        self.press = press or handle  # Dispatcher.press: a button's token opens only there
        self.pacer = pacer  # the limits deliveries share: a DM reply takes the chat's slot
        self.deps = deps
        self.clients = clients
        self.command = command
        self.profiles = profiles or Profiles()  # lives as long as the worker: users.info cached
        self._steps: dict[str, Callable[[Body], Awaitable[None]]] = {
            COMMAND: self.on_command, ACTION: self.on_button, MENTION: self.on_mention,
            MESSAGE: self.on_message, HOME: self.on_home_opened,
        }

    async def perform(self, payload: dict[str, Any]) -> None:
        """Do one piece of work; a failure is logged, never retried (it may have posted)."""
        kind = str(payload.get("kind"))
        step = self._steps.get(kind)
        if step is None:  # queued by a newer web process: fail to the dead letter, retry later
            raise ValueError(f"unknown Slack work {kind!r}")
        try:
            await step(payload["body"])
        except Exception:
            logger.exception("Slack %s failed", kind)

    async def aclose(self) -> None:
        await self.clients.aclose()

    async def on_command(self, body: Body) -> None:
        team = body["team_id"]
        client = await self.clients.for_team(team)
        _actor, reply = await self._answer(client, team, body["user_id"], body["channel_id"],
                                           body.get("text") or "help")
        await self._respond(body["response_url"], reply, response_type="ephemeral")

    async def on_mention(self, body: Body) -> None:
        event = body["event"]
        team = _team(body, event)
        client = await self.clients.for_team(team)
        text = _LEADING_MENTION.sub("", event.get("text") or "", count=1) or "help"
        _actor, reply = await self._answer(client, team, event["user"], event["channel"], text)
        await client.chat_postEphemeral(
            channel=event["channel"], user=event["user"], text=fallback_text(reply),
            blocks=to_blocks(reply), thread_ts=event.get("thread_ts"))

    async def on_message(self, body: Body) -> None:
        event = body["event"]
        team = _team(body, event)
        client = await self.clients.for_team(team)
        actor, reply = await self._answer(client, team, event["user"], event["channel"],
                                          event.get("text") or "help")
        await self._post(client, actor.chat, reply)
        await upload_image(client, event["channel"], reply)

    async def on_button(self, body: Body) -> None:
        team, user = body["user"].get("team_id") or body["team"]["id"], body["user"]["id"]
        channel = (body.get("channel") or {}).get("id") or user  # the Home tab has none
        client = await self.clients.for_team(team)
        actor, reply = await self._answer(client, team, user, channel,
                                          body["actions"][0]["value"], pressed=True)
        if body.get("container", {}).get("type") == "view":
            await self.publish_home(client, actor, notice=reply.text)
            return
        # Replace the pressed message in place; response_url works for ephemeral ones too.
        await self._respond(body["response_url"], reply, replace_original=True)

    async def on_home_opened(self, body: Body) -> None:
        event = body["event"]
        team, user = _team(body, event), event["user"]
        client = await self.clients.for_team(team)
        profile = await self.profiles.get(client, team, user)
        await self.publish_home(client, to_actor(team, user, user, profile))

    async def publish_home(self, client: AsyncWebClient, actor: Actor, *,
                           notice: str | None = None) -> None:
        zone = await people.zone_for(self.deps, actor)
        reminders = await live_reminders(self.deps, actor)
        now = self.deps.clock.now()

        def seal(choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
            reply = self.deps.buttons.seal_reply(Reply("", choices), actor.user, now=now)
            return reply.choices

        view = home_view(reminders, zone, seal=seal, command=self.command, notice=notice)
        await client.views_publish(user_id=actor.user.user_id, view=view)

    async def _answer(self, client: AsyncWebClient, team: str, user: str, channel: str,
                      text: str, *, pressed: bool = False) -> tuple[Actor, Reply]:
        profile = await self.profiles.get(client, team, user)
        actor = to_actor(team, user, channel, profile)
        entry = self.press if pressed else self.handle
        try:
            return actor, await entry(incoming_text(text, profile), actor)
        except Exception:
            logger.exception("handling a Slack message failed")
            return actor, Reply(_(APOLOGY), is_error=True)  # in the message's language

    async def _post(self, client: AsyncWebClient, chat: ChatRef, reply: Reply) -> None:
        """chat.postMessage in the chat's slot of the shared limits; a 429 is waited out."""

        async def post() -> object:
            try:
                return await client.chat_postMessage(channel=chat.chat_id,
                                                      text=fallback_text(reply),
                                                      blocks=to_blocks(reply))
            except SlackApiError as exc:
                if _rate_limited(exc):
                    raise to_delivery_error(exc) from exc
                raise

        if self.pacer is None:
            await post()
        else:
            await self.pacer.call(chat, post)

    async def _respond(self, url: str, reply: Reply, **how: Any) -> None:
        answer = await self.clients.webhook(url).send(text=fallback_text(reply),
                                                      blocks=to_blocks(reply), **how)
        if answer.status_code != 200:
            logger.warning("response_url answered %s: %s", answer.status_code, answer.body)


def incoming_text(text: str, profile: Profile) -> str:
    """What a person wrote, with broadcasts made harmless unless they may broadcast."""
    text = text.strip()
    return text if profile.can_broadcast else neutralise_broadcasts(text)


def _rate_limited(exc: SlackApiError) -> bool:
    data = exc.response.data
    return exc.response.status_code == 429 or (
        isinstance(data, dict) and data.get("error") == "ratelimited")


def _team(body: Body, event: Body) -> str:
    return str(event.get("team") or body.get("team_id") or "")
