"""Command, message, button and chat-event callbacks: Update -> Dispatcher.handle -> reply."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Final

from telegram import (
    ChatMember,
    KeyboardButton,
    Message,
    MessageEntity,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import RetryAfter, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.telegram import identity, zones
from bot.telegram.dedupe import UpdateLog
from bot.telegram.keyboards import CallbackCodec
from bot.telegram.render import PARSE_MODE, fitted
from core.i18n import N_, _
from core.ids import Actor, Platform
from core.recurrence.zones import resolve_zone
from core.replies import Reply
from core.services import chats, people
from core.services.deps import Deps
from core.services.help import help_for

logger = logging.getLogger(__name__)

Handle = Callable[[str, Actor], Awaitable[Reply]]
Context = ContextTypes.DEFAULT_TYPE

# Slash commands that mean the same words typed (`/remind X` is `remind X`).
# The command menu, its descriptions translated for each language's menu (setMyCommands).
COMMANDS: Final = (
    ("remind", N_("Set a reminder: /remind me to stretch in 20 minutes")),
    ("list", N_("Your reminders")),
    ("done", N_("Mark done: /done 3, or /done meditate for a habit")),
    ("habit", N_("Track a habit: /habit meditate every morning")),
    ("goal", N_("Set a goal: /goal run 100 km by Dec 31")),
    ("post", N_("Schedule a post in a group or channel")),
    ("timezone", N_("Set your time zone: /timezone Europe/Berlin")),
    ("snooze", N_("Snooze the last reminder: /snooze 10m")),
    ("cancel", N_("Cancel a reminder: /cancel 2")),
    ("help", N_("Examples and help")),
)
ASK_ZONE: Final = N_("Which time zone are you in? Tap one, type its name (like Europe/Paris "
                   "or PST), or share your location.")
EXPIRED: Final = N_("That button has expired.")
SORRY: Final = N_("Sorry, something went wrong on my side. Please try again.")
CALLBACK_ANSWER_LIMIT: Final = 200
CAPTION_LIMIT: Final = 1024
GONE_STATUSES: Final = {ChatMember.BANNED, ChatMember.LEFT}


@dataclass(frozen=True)
class Handlers:
    """The callbacks of one Telegram app, bound to Nudge's dispatcher and ports."""

    handle: Handle
    deps: Deps
    codec: CallbackCodec
    updates: UpdateLog | None = None
    press: Handle | None = None  # Dispatcher.press: the only entry that opens a button's token

    async def skip_repeats(self, update: Update, context: Context) -> None:
        """Runs first for every update: one seen before stops here."""
        if self.updates and not await self.updates.first_time(context.bot.id, update.update_id):
            logger.info("update %s seen before; skipped", update.update_id)
            raise ApplicationHandlerStop

    async def start(self, update: Update, context: Context) -> None:
        message, actor = _message_and_actor(update, context)
        if message is None or actor is None:
            return
        name = message.from_user.first_name if message.from_user else "there"
        greeting = _("Hi {name}!", name=name) + " " + help_for(Platform.TELEGRAM)
        await message.reply_text(fitted(greeting), reply_markup=_location_keyboard(actor),
                                 parse_mode=PARSE_MODE)
        await self._ask_zone(message)

    async def command(self, update: Update, context: Context) -> None:
        """`/remind X` is `remind X`; a bare `/timezone` asks with buttons."""
        message, actor = _message_and_actor(update, context)
        if message is None or actor is None or not message.text:
            return
        text = command_text(message.text)
        if text == "timezone":
            await self._ask_zone(message)
            return
        await self._answer(message, actor, text)

    async def private_text(self, update: Update, context: Context) -> None:
        message, actor = _message_and_actor(update, context)
        if message is None or actor is None or not message.text:
            return
        text = message.text.strip()
        if zone := _bare_zone(text):
            text = f"timezone {zone}"
        await self._answer(message, actor, text)

    async def group_text(self, update: Update, context: Context) -> None:
        """In groups, only messages that mention the bot are for Nudge."""
        message, actor = _message_and_actor(update, context)
        if message is None or actor is None or not message.text:
            return
        text = without_mention(message, context.bot.username)
        if text is not None:
            await self._answer(message, actor, text)

    async def location(self, update: Update, context: Context) -> None:
        message, actor = _message_and_actor(update, context)
        if message is None or actor is None or message.location is None:
            return
        zone = zones.zone_at(latitude=message.location.latitude,
                             longitude=message.location.longitude)
        if zone is None:
            await message.reply_text(_("I can't tell the time zone there.") + " " + _(ASK_ZONE))
            return
        reply = await people.set_zone(self.deps, actor, zone)
        await message.reply_text(fitted(reply.text), reply_markup=ReplyKeyboardRemove(),
                                 parse_mode=PARSE_MODE)

    async def button(self, update: Update, context: Context) -> None:
        """A pressed choice runs its command; the message is edited in place with the answer."""
        query = update.callback_query
        if query is None or query.from_user is None:
            return
        message = query.message
        command = await self.codec.decode(query.data or "")
        if command is None or not isinstance(message, Message):
            await query.answer(_(EXPIRED), show_alert=True)
            return
        actor = identity.actor_for(query.from_user, message.chat, context.bot.id)
        reply = await (self.press or self.handle)(command, actor)
        if reply.is_error:
            await query.answer(_short(reply.text), show_alert=True)
            return
        await query.edit_message_text(fitted(reply.text), parse_mode=PARSE_MODE,
                                      reply_markup=await self.codec.markup(reply.choices))
        await query.answer(_short(reply.text))

    async def migrated(self, update: Update, context: Context) -> None:
        """A group became a supergroup: its schedules follow it to the new chat id."""
        message = update.effective_message
        if message is None:
            return
        old, new = _migration(message)
        if old is None or new is None:
            return
        bot_id = context.bot.id
        await chats.move(self.deps, identity.chat_ref(bot_id, old), identity.chat_ref(bot_id, new))

    async def membership(self, update: Update, context: Context) -> None:
        """The bot was blocked, kicked or left: that chat's schedules stop."""
        change = update.my_chat_member
        if change is None or change.new_chat_member.status not in GONE_STATUSES:
            return
        await chats.deactivate(self.deps, identity.chat_ref(context.bot.id, change.chat.id))

    async def failed(self, update: object, context: Context) -> None:
        """The top of every update: log it, and apologise where there is someone to tell."""
        logger.error("a Telegram update failed", exc_info=context.error)
        if isinstance(context.error, RetryAfter):
            return  # flood control outlasted the reply's wait: an apology would meet it too
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                await context.bot.send_message(update.effective_chat.id, _(SORRY))
            except TelegramError:
                logger.warning("could not apologise in chat %s", update.effective_chat.id)

    async def _answer(self, message: Message, actor: Actor, text: str) -> None:
        reply = await self.handle(text, actor)
        markup = await self.codec.markup(reply.choices)
        if reply.image is not None:  # a habit's heat map: the text becomes its caption
            await message.reply_photo(reply.image, caption=fitted(reply.text, CAPTION_LIMIT),
                                      reply_markup=markup, filename=reply.image_name,
                                      parse_mode=PARSE_MODE)
            return
        await message.reply_text(fitted(reply.text), reply_markup=markup, parse_mode=PARSE_MODE)

    async def _ask_zone(self, message: Message) -> None:
        markup = await self.codec.markup(zones.zone_choices())
        await message.reply_text(_(ASK_ZONE), reply_markup=markup)


def command_text(text: str) -> str:
    """'/remind@NudgeBot me to X' -> 'remind me to X'."""
    head, _, rest = text.strip().partition(" ")
    name = head.removeprefix("/").split("@", 1)[0].lower()
    return f"{name} {rest.strip()}".strip()


def without_mention(message: Message, username: str) -> str | None:
    """The text with '@username' taken out, or None when the bot is not mentioned."""
    handle = f"@{username}".lower()
    for entity, value in message.parse_entities([MessageEntity.MENTION]).items():
        if value.lower() == handle:
            text = message.text or ""
            cut = text[: entity.offset] + text[entity.offset + entity.length:]
            return " ".join(cut.split())
    return None


def _message_and_actor(update: Update, context: Context) -> tuple[Message | None, Actor | None]:
    return update.effective_message, identity.actor_of(update, context.bot.id)


def _location_keyboard(actor: Actor) -> ReplyKeyboardMarkup | None:
    if actor.is_group:  # Telegram offers location buttons in private chats only
        return None
    button = KeyboardButton("📍 Share my location", request_location=True)
    return ReplyKeyboardMarkup([[button]], one_time_keyboard=True, resize_keyboard=True)


def _bare_zone(text: str) -> str | None:
    """A message that is nothing but a zone name ('Europe/Paris', 'PST') sets the zone."""
    if " " in text:
        return None
    return resolve_zone(text)


def _migration(message: Message) -> tuple[int | None, int | None]:
    if message.migrate_to_chat_id:
        return message.chat.id, message.migrate_to_chat_id
    if message.migrate_from_chat_id:
        return message.migrate_from_chat_id, message.chat.id
    return None, None


def _short(text: str) -> str:
    return text if len(text) <= CALLBACK_ANSWER_LIMIT else text[: CALLBACK_ANSWER_LIMIT - 1] + "…"
