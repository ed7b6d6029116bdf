"""Profiles from users.info: zone, display name, who may broadcast; actors from ids."""

from __future__ import annotations

from bot.slack.identity import Profile, slack_tenant, to_actor, to_profile
from core.ids import ChatRef, Platform


def test_a_profile_takes_the_zone_and_the_display_name() -> None:
    user: dict[str, object] = {"id": "U1", "name": "alice", "tz": "Europe/Berlin",
            "profile": {"display_name": "Alice", "real_name": "Alice A."}}

    assert to_profile(user) == Profile("Europe/Berlin", "Alice", can_broadcast=False)


def test_an_unknown_zone_counts_as_none() -> None:
    assert to_profile({"tz": "Mars/Olympus"}).zone is None
    assert to_profile({}).zone is None


def test_admins_and_owners_may_broadcast() -> None:
    assert to_profile({"is_admin": True}).can_broadcast
    assert to_profile({"is_owner": True}).can_broadcast


def test_an_actor_in_a_channel_is_a_group_actor_in_a_dm_is_not() -> None:
    in_channel = to_actor("T1", "U1", "C1", Profile("UTC"))
    in_dm = to_actor("T1", "U1", "D1", Profile())

    assert in_channel.user.tenant == slack_tenant("T1")
    assert in_channel.user.tenant.platform is Platform.SLACK
    assert in_channel.is_group
    assert not in_dm.is_group
    assert in_channel.zone == "UTC"
    assert in_dm.zone is None


def test_a_user_id_in_place_of_a_channel_is_only_ever_the_persons_own() -> None:
    forged = to_actor("T1", "U0BOB", "U0ALICE", Profile())
    home = to_actor("T1", "U0ALICE", "U0ALICE", Profile())

    assert forged.chat == ChatRef(slack_tenant("T1"), "U0BOB")
    assert home.chat == ChatRef(slack_tenant("T1"), "U0ALICE")
