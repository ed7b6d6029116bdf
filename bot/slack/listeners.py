"""Bolt listeners on the web side: acknowledge at once and hand the work to a job."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.slack.blocks import ACTION_PREFIX
from bot.slack.dedupe import EventDedupe

logger = logging.getLogger(__name__)

Body = dict[str, Any]
# Queue one piece of work (payload, job id) for a worker; the composition root provides it.
HandOff = Callable[[Body, str], Awaitable[None]]

COMMAND: Final = "command"
ACTION: Final = "action"
MENTION: Final = "mention"
MESSAGE: Final = "message"
HOME: Final = "home"
APOLOGY: Final = "Sorry, something went wrong on my side. Please try again."
_NOT_IN_JOB_ID: Final = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class SlackListeners:
    """Signature checked by Bolt; each listener queues its work, then acks (one Redis hop)."""

    hand_off: HandOff
    dedupe: EventDedupe
    command: str = "/nudge"

    def register(self, app: AsyncApp) -> None:
        app.command(self.command)(self.on_command)
        app.action(re.compile(f"^{ACTION_PREFIX}"))(self.on_button)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(self.on_home_opened)

    async def on_command(self, ack: AsyncAck, body: Body) -> None:
        await self._interaction(ack, COMMAND, body)

    async def on_button(self, ack: AsyncAck, body: Body) -> None:
        await self._interaction(ack, ACTION, body)

    async def on_mention(self, ack: AsyncAck, body: Body) -> None:
        await self._event(ack, MENTION, body)

    async def on_message(self, ack: AsyncAck, body: Body, event: Body) -> None:
        if _is_direct_message(event):
            await self._event(ack, MESSAGE, body)
        else:
            await ack()

    async def on_home_opened(self, ack: AsyncAck, body: Body, event: Body) -> None:
        if event.get("tab") == "home":
            await self._event(ack, HOME, body)
        else:
            await ack()

    async def _interaction(self, ack: AsyncAck, kind: str, body: Body) -> None:
        # Slack never retries a command or a button press, so a failed hand-off is told now.
        try:
            await self._hand_off(kind, body, body.get("trigger_id"))
        except Exception:
            logger.exception("could not queue a Slack %s", kind)
            await ack(text=APOLOGY, response_type="ephemeral")
            return
        await ack()

    async def _event(self, ack: AsyncAck, kind: str, body: Body) -> None:
        # An exception here makes Bolt answer 500, and Slack retries the event later.
        await self._hand_off(kind, body, body.get("event_id"))
        await ack()

    async def _hand_off(self, kind: str, body: Body, key: object) -> None:
        job_id = work_id(kind, key)
        if key and not await self.dedupe.first_time(job_id):
            return  # a retry of work queued (or done) already
        try:
            await self.hand_off(to_payload(kind, body), job_id)
        except Exception:
            if key:
                await self.dedupe.forget(job_id)
            raise


def work_id(kind: str, key: object) -> str:
    """'slack-message-Ev0DM0001': the same event or trigger gets the same job id."""
    if not key:
        return f"slack-{kind}-{uuid.uuid4().hex}"
    return f"slack-{kind}-{_NOT_IN_JOB_ID.sub('-', str(key))}"  # RQ: [A-Za-z0-9_-] only


def to_payload(kind: str, body: Body) -> Body:
    """The job's JSON: the kind of work and Bolt's body, less the legacy verification token."""
    return {"kind": kind, "body": {k: v for k, v in body.items() if k != "token"}}


def _is_direct_message(event: Body) -> bool:
    # Edits, joins and bot posts carry a subtype or a bot_id; only people's new DMs count.
    return (event.get("channel_type") == "im" and not event.get("subtype")
            and not event.get("bot_id") and bool(event.get("user")))
