"""TelegramSender(ChatSender) and TelegramChannelAccess; telegram.error -> core errors."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Final

from telegram import Bot, ChatMember, InlineKeyboardMarkup, Message
from telegram.constants import ChatType, MessageLimit
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from bot.telegram.keyboards import CallbackCodec
from bot.telegram.render import PARSE_MODE, fitted
from core.errors import ConfigError, DeliveryError, NotAllowed, NotFound, RetryLater, TargetGone
from core.ids import Actor, ChatRef
from core.language.commands import Target, TargetKind
from core.replies import Reply, SentMessage

logger = logging.getLogger(__name__)

# Bot API "chat not found" and kin are BadRequests told apart only by their description.
GONE_DESCRIPTIONS: Final = ("chat not found", "user not found", "group chat was deactivated",
                            "have no rights to send", "not enough rights to send")
POSTERS: Final = {ChatMember.OWNER, ChatMember.ADMINISTRATOR}
MEMBERS: Final = POSTERS | {ChatMember.MEMBER}


class TelegramSender:
    """Posts replies as Telegram messages with their choices as an inline keyboard."""

    def __init__(self, bot: Bot, *, codec: CallbackCodec | None = None) -> None:
        self._bot = bot
        self._codec = codec or CallbackCodec()

    async def send(self, chat: ChatRef, reply: Reply) -> SentMessage:
        """Raises RetryLater or TargetGone (or DeliveryError), never a telegram.error."""
        markup = await self._codec.markup(reply.choices)
        # A group that became a supergroup raises TargetGone(new_chat_id=...): delivery
        # moves the chat's schedules there and retries, so the sender does not resend itself.
        with translated_errors():
            if reply.image is not None:
                message = await self._bot.send_photo(
                    to_chat_id(chat.chat_id), reply.image,
                    caption=fitted(reply.text, MessageLimit.CAPTION_LENGTH),
                    reply_markup=markup, filename=reply.image_name, parse_mode=PARSE_MODE)
            else:
                message = await self._post(to_chat_id(chat.chat_id), reply.text, markup)
        return SentMessage(chat_id=str(message.chat_id), message_id=str(message.message_id))

    async def aclose(self) -> None:
        await close_bot(self._bot)

    async def _post(self, chat_id: int | str, text: str,
                    markup: InlineKeyboardMarkup | None) -> Message:
        return await self._bot.send_message(chat_id, fitted(text), reply_markup=markup,
                                            parse_mode=PARSE_MODE)


def clip_caption(text: str) -> str:
    """A photo's caption is capped far below a message's text (1,024 characters)."""
    limit = MessageLimit.CAPTION_LENGTH
    return text if len(text) <= limit else text[:limit - 1] + "…"


class TelegramChannelAccess:
    """Where a target points on Telegram, checked for the requester (not for the bot)."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def aclose(self) -> None:
        await close_bot(self._bot)

    async def resolve(self, actor: Actor, target: Target) -> ChatRef:
        if target.kind is TargetKind.ME:
            return actor.chat
        if target.kind is TargetKind.USER:
            return self._person(actor, target)
        return await self._chat(actor, target)

    def _person(self, actor: Actor, target: Target) -> ChatRef:
        # A bot cannot look people up by @name, nor write to someone who never started it;
        # in a group the reminder goes to the group, where they will see it.
        if actor.is_group:
            return actor.chat
        raise NotAllowed(f"On Telegram I can only reach {target} in a group we share: "
                         "set the reminder there, or ask them to start a chat with me.")

    async def _chat(self, actor: Actor, target: Target) -> ChatRef:
        ref = target.ref if target.ref.lstrip("-").isdigit() else f"@{target.ref}"
        try:
            found = await self._bot.get_chat(to_chat_id(ref))
            member = await self._bot.get_chat_member(found.id, int(actor.user.user_id))
        except (BadRequest, Forbidden) as exc:
            raise NotFound(f"I can't find {target} on Telegram, or I am not in it.") from exc
        except TelegramError as exc:
            raise NotAllowed(f"Telegram did not answer about {target}; try again.") from exc
        allowed = POSTERS if found.type == ChatType.CHANNEL else MEMBERS
        if member.status not in allowed:
            raise NotAllowed(f"You may not post to {target}.")
        return ChatRef(actor.chat.tenant, str(found.id))


@contextmanager
def translated_errors() -> Iterator[None]:
    """telegram.error -> core.errors, chained with `from` (PTB's own order of subclasses)."""
    try:
        yield
    except RetryAfter as exc:
        raise RetryLater("Telegram flood control", after=retry_after_seconds(exc)) from exc
    except ChatMigrated as exc:
        raise TargetGone("the group became a supergroup",
                         new_chat_id=str(exc.new_chat_id)) from exc
    except Forbidden as exc:
        raise TargetGone(f"Telegram refused: {exc.message}") from exc
    except InvalidToken as exc:
        raise ConfigError("TELEGRAM_BOT_TOKEN: Telegram refused the bot token") from exc
    except BadRequest as exc:  # a NetworkError subclass in PTB, so it comes first
        if any(words in exc.message.lower() for words in GONE_DESCRIPTIONS):
            raise TargetGone(f"Telegram refused: {exc.message}") from exc
        raise DeliveryError(f"Telegram refused the message: {exc.message}") from exc
    except NetworkError as exc:  # TimedOut included
        raise RetryLater(f"Telegram unreachable: {exc.message}") from exc
    except TelegramError as exc:
        raise DeliveryError(f"Telegram error: {exc.message}") from exc


def retry_after_seconds(exc: RetryAfter) -> float:
    """Seconds to wait, whether PTB gives an int (deprecated) or a timedelta (PTB_TIMEDELTA)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def close_bot(bot: Bot) -> None:
    """Close the bot's HTTP client; Bot.shutdown() alone skips a bot never initialize()d."""
    await bot.shutdown()
    await bot.request.shutdown()


def to_chat_id(chat_id: str) -> int | str:
    """Numeric ids as ints; '@channelname' stays a string."""
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id


def clip(text: str) -> str:
    limit = MessageLimit.MAX_TEXT_LENGTH
    return text if len(text) <= limit else text[: limit - 1] + "…"
