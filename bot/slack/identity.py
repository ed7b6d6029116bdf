"""Who is talking: Slack ids as Tenant and Actor; zone and rights from users.info, cached."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from core.ids import Actor, ChatRef, Platform, Tenant, UserRef

logger = logging.getLogger(__name__)

PROFILE_TTL: Final = 3600.0  # a changed Slack time zone shows within the hour


@dataclass(frozen=True)
class Profile:
    zone: str | None = None
    display_name: str = ""
    can_broadcast: bool = False  # may use @channel, @here, @everyone


UNKNOWN: Final = Profile()


def slack_tenant(team_id: str) -> Tenant:
    return Tenant(Platform.SLACK, team_id)


def to_actor(team_id: str, user_id: str, channel_id: str, profile: Profile) -> Actor:
    """The person and the conversation they wrote in; a channel id starts with C or G."""
    tenant = slack_tenant(team_id)
    if channel_id[:1] in ("U", "W"):
        # Conversations are C, G or D ids; a user id here (the Home tab has no channel) is
        # only ever the person's own, never a way into someone else's DM items.
        channel_id = user_id
    return Actor(UserRef(tenant, user_id), ChatRef(tenant, channel_id), zone=profile.zone,
                 is_group=channel_id[:1] in ("C", "G"), display_name=profile.display_name)


class Profiles:
    """users.info answers per (team, user), kept for `ttl` seconds."""

    def __init__(self, *, ttl: float = PROFILE_TTL,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._now = now
        self._cache: dict[tuple[str, str], tuple[float, Profile]] = {}

    async def get(self, client: AsyncWebClient, team_id: str, user_id: str) -> Profile:
        key = (team_id, user_id)
        cached = self._cache.get(key)
        if cached and cached[0] > self._now():
            return cached[1]
        try:
            response = await client.users_info(user=user_id)
        except SlackApiError as exc:
            logger.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            return UNKNOWN
        profile = to_profile(response.get("user") or {})
        self._cache[key] = (self._now() + self.ttl, profile)
        return profile


def to_profile(user: dict[str, object]) -> Profile:
    """A users.info `user` object as a Profile; an unknown tz name counts as none."""
    details = user.get("profile")
    names = details if isinstance(details, dict) else {}
    display = str(names.get("display_name") or names.get("real_name") or user.get("name") or "")
    # Slack lets admins restrict broadcasts; without admin scopes we cannot read that
    # setting, so only workspace admins and owners keep @channel/@here/@everyone.
    can_broadcast = bool(user.get("is_admin") or user.get("is_owner"))
    return Profile(_valid_zone(user.get("tz")), display, can_broadcast)


def _valid_zone(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return value
