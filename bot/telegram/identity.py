"""Update -> Actor and Tenant: a Telegram bot is a tenant; its chats and users live under it."""

from __future__ import annotations

from telegram import Chat, Update, User

from core.ids import Actor, ChatRef, Platform, Tenant, UserRef


def tenant_of(bot_id: int) -> Tenant:
    return Tenant(Platform.TELEGRAM, str(bot_id))


def chat_ref(bot_id: int, chat_id: int | str) -> ChatRef:
    return ChatRef(tenant_of(bot_id), str(chat_id))


def is_group(chat: Chat) -> bool:
    return chat.type != Chat.PRIVATE


def actor_of(update: Update, bot_id: int) -> Actor | None:
    """The person and chat behind an update; None for updates that have no person."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    return actor_for(user, chat, bot_id)


def actor_for(user: User, chat: Chat, bot_id: int) -> Actor:
    tenant = tenant_of(bot_id)
    return Actor(user=UserRef(tenant, str(user.id)), chat=ChatRef(tenant, str(chat.id)),
                 is_group=is_group(chat), display_name=user.full_name)
