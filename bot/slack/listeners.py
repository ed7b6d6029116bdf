"""Bolt listeners on the web side: acknowledge at once and hand the work to a job."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.ports import ChatHandOff, Deduper
from bot.slack.blocks import ACTION_PREFIX
from core.i18n import N_

logger = logging.getLogger(__name__)

Body = dict[str, Any]

COMMAND: Final = "command"
ACTION: Final = "action"
MENTION: Final = "mention"
MESSAGE: Final = "message"
HOME: Final = "home"
APOLOGY: Final = N_("Sorry, something went wrong on my side. Please try again.")
# Slack retries a failed delivery 3 times within about 5 minutes; an hour covers them all.
SEEN_FOR: Final = timedelta(hours=1)
_NOT_IN_JOB_ID: Final = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class SlackListeners:
    """Signature checked by Bolt; each listener hands its work off, then acks."""

    hand_off: ChatHandOff
    dedupe: Deduper
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
        await self._hand_off(kind, body, body.get("trigger_id"))
        await ack()

    async def _event(self, ack: AsyncAck, kind: str, body: Body) -> None:
        await self._hand_off(kind, body, body.get("event_id"))
        await ack()

    async def _hand_off(self, kind: str, body: Body, key: object) -> None:
        """Queue the work once per event or trigger; if Redis cannot take it, work here.

        Either way the ack follows at once, so Slack neither times out nor retries; a
        dedupe that fails means Redis is away, and then the queue is not tried at all
        (one short timeout, not two, before the ack).
        """
        job_id = work_id(kind, key)
        payload = to_payload(kind, body)
        try:
            if key and not await self.dedupe.first_time(job_id):
                return  # a retry of work queued (or done) already
            await self.hand_off.queue(payload, job_id)
        except Exception as exc:
            logger.warning("could not queue Slack %s %s (%s); doing it in this process",
                           kind, job_id, type(exc).__name__)
            self.hand_off.run_here(payload)


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
