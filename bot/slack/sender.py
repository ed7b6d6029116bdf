"""SlackSender(ChatSender): chat.postMessage with Block Kit; Slack errors become ours."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Final

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.blocks import fallback_text, to_blocks
from bot.slack.clients import SlackClients
from core.errors import DeliveryError, RetryLater, TargetGone
from core.ids import ChatRef
from core.replies import Reply, SentMessage

logger = logging.getLogger(__name__)

# Refusals that will not change by retrying: the chat, the user or our access is gone.
GONE: Final = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "invalid_auth",
    "token_revoked", "token_expired", "not_authed", "user_not_found", "user_disabled",
    "cannot_dm_bot", "team_access_not_granted", "org_login_required", "ekm_access_denied",
})
DEFAULT_RETRY_AFTER: Final = 1.0
METADATA_EVENT: Final = "nudge_delivery"
HISTORY_LIMIT: Final = 200  # messages read back when looking for an in-doubt delivery


class SlackSender:
    """Posts replies as Block Kit messages; never lets a SlackApiError out."""

    def __init__(self, clients: SlackClients) -> None:
        self.clients = clients

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        client = await self.clients.for_team(chat.tenant.workspace)
        try:
            # channel may be a user id: a bot token posts that to the user's DM with the app.
            response = await client.chat_postMessage(
                channel=chat.chat_id, text=fallback_text(reply), blocks=to_blocks(reply),
                unfurl_links=False, unfurl_media=False, metadata=_metadata(reply.key),
            )
        except SlackApiError as exc:
            raise to_delivery_error(exc) from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise RetryLater(f"Slack unreachable: {type(exc).__name__}",
                             after=DEFAULT_RETRY_AFTER) from exc
        await upload_image(client, str(response["channel"]), reply)
        return SentMessage(chat_id=str(response["channel"]), message_id=str(response["ts"]))


    async def find_sent(self, chat: ChatRef, key: str, since: datetime) -> SentMessage | None:
        """The message carrying `key` in its metadata, among the chat's messages since `since`.

        Only a delivery that failed or whose worker died is looked up, so this read is rare;
        when Slack cannot answer, None: the occurrence is sent (a possible double beats a
        certain loss).
        """
        client = await self.clients.for_team(chat.tenant.workspace)
        try:
            channel = await _conversation_id(client, chat.chat_id)
            response = await client.conversations_history(
                channel=channel, oldest=f"{since.timestamp():.6f}", limit=HISTORY_LIMIT,
                include_all_metadata=True)
        except (SlackApiError, TimeoutError, aiohttp.ClientError) as exc:
            logger.warning("could not look for %s in %s: %s", key, chat.chat_id, exc)
            return None
        messages: list[dict[str, object]] = response.get("messages") or []
        for message in messages:
            if _key_of(message) == key:
                return SentMessage(chat_id=channel, message_id=str(message["ts"]))
        return None


def _metadata(key: str | None) -> dict[str, object] | None:
    """Slack message metadata naming the occurrence, so a resend can find the first copy."""
    return {"event_type": METADATA_EVENT, "event_payload": {"key": key}} if key else None


def _key_of(message: dict[str, object]) -> str | None:
    metadata = message.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("event_type") != METADATA_EVENT:
        return None
    payload = metadata.get("event_payload")
    return str(payload.get("key")) if isinstance(payload, dict) else None


async def _conversation_id(client: AsyncWebClient, chat_id: str) -> str:
    """History needs a conversation id; a user id names their DM with the app."""
    if not chat_id.startswith(("U", "W")):
        return chat_id
    response = await client.conversations_open(users=chat_id)
    return str(response["channel"]["id"])


async def upload_image(client: AsyncWebClient, channel: str, reply: Reply) -> None:
    """The reply's picture (a habit's heat map), right after its message: buttons cannot
    travel with a file. A failed upload is logged; the message itself is already there."""
    if reply.image is None:
        return
    try:
        await client.files_upload_v2(channel=channel, content=reply.image,
                                      filename=reply.image_name, title=reply.image_name)
    except (SlackApiError, TimeoutError, aiohttp.ClientError):
        logger.warning("could not upload %s to %s", reply.image_name, channel, exc_info=True)


def to_delivery_error(exc: SlackApiError) -> DeliveryError:
    """429 or 'ratelimited' -> RetryLater(after=Retry-After); a lost target -> TargetGone."""
    response = exc.response
    error = str(response.get("error", "")) if isinstance(response.data, dict) else ""
    if response.status_code == 429 or error == "ratelimited":
        return RetryLater(f"Slack rate limit ({error or 429})", after=_retry_after(exc))
    if error in GONE:
        return TargetGone(f"Slack refused the chat: {error}")
    # 5xx, fatal_error, internal_error and anything new: retried, then the dead letter.
    logger.warning("Slack error %s (HTTP %s); will retry", error, response.status_code)
    return RetryLater(f"Slack error {error or response.status_code}", after=DEFAULT_RETRY_AFTER)


def _retry_after(exc: SlackApiError) -> float:
    headers = exc.response.headers or {}
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        return max(float(value), 0.0) if value is not None else DEFAULT_RETRY_AFTER
    except ValueError:
        return DEFAULT_RETRY_AFTER
