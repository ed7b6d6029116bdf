"""Who or where: `me`, `@user`, `#channel`, Slack's `<@U024BE7LH>` and `<#C024BE91L|ops>`."""

from __future__ import annotations

import re

from core.language.commands import ME, Target, TargetKind

_SLACK_USER = re.compile(r"^<@([A-Za-z0-9._-]+)(?:\|[^>]*)?>$")
_SLACK_CHANNEL = re.compile(r"^<#([A-Za-z0-9._-]+)(?:\|[^>]*)?>$")
_NAME = re.compile(r"^([@#])([\w.\-]+)$")
_SELF = frozenset({"me", "myself"})
_BROADCAST = frozenset({"@here", "@channel", "@everyone"})


def target_of(word: str) -> Target | None:
    """The target a single token names, or None."""
    if word.lower() in _SELF:
        return ME
    slack = _SLACK_USER.match(word)
    if slack:
        return Target(TargetKind.USER, slack.group(1))
    slack = _SLACK_CHANNEL.match(word)
    if slack:
        return Target(TargetKind.CHANNEL, slack.group(1))
    named = _NAME.match(word)
    if named:
        kind = TargetKind.USER if named.group(1) == "@" else TargetKind.CHANNEL
        return Target(kind, named.group(2))
    return None


def is_channel(word: str) -> bool:
    target = target_of(word)
    return target is not None and target.kind is TargetKind.CHANNEL


def is_broadcast(word: str) -> bool:
    """Slack's `<!here>`, `<!channel>`, a user group `<!subteam^S1|@eng>`, or `@here` typed."""
    return word.startswith("<!") or word.lower() in _BROADCAST
