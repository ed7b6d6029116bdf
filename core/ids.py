"""Platforms, tenants, chat and user references, and typed ids."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NewType

ScheduleId = NewType("ScheduleId", int)


class Platform(StrEnum):
    SLACK = "slack"
    TELEGRAM = "telegram"
    CONSOLE = "console"


@dataclass(frozen=True)
class Tenant:
    """Where a row belongs: a Slack workspace (team id), a Telegram bot, the local console."""

    platform: Platform
    workspace: str


@dataclass(frozen=True)
class ChatRef:
    """A conversation Nudge can post to: a channel, a DM, a Telegram chat, the terminal."""

    tenant: Tenant
    chat_id: str


@dataclass(frozen=True)
class UserRef:
    tenant: Tenant
    user_id: str


@dataclass(frozen=True)
class Actor:
    """The person behind a message, and the chat it came from."""

    user: UserRef
    chat: ChatRef
    zone: str | None = None
    is_group: bool = False
    display_name: str = ""
