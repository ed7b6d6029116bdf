"""Every kind Nudge knows, by name: the one list to extend when adding a kind."""

from __future__ import annotations

import json
from typing import Any, Final

from core.kinds import goals, habits, messages
from core.kinds.base import KindHandler

KINDS: Final[dict[str, KindHandler]] = {
    handler.name: handler
    for handler in (messages.REMINDER, messages.POST, habits.HABIT, goals.GOAL)
}


def handler_for(kind: str) -> KindHandler:
    try:
        return KINDS[kind]
    except KeyError:
        raise LookupError(f"no handler for the schedule kind {kind!r}") from None


def load_payload(kind: str, text: str) -> Any:
    """A stored payload (JSON text) as its kind's dataclass."""
    return handler_for(kind).load(json.loads(text))


def dump_payload(kind: str, payload: Any) -> str:
    return json.dumps(handler_for(kind).dump(payload), separators=(",", ":"), ensure_ascii=False)
