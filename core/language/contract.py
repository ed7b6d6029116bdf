"""The `nudge parse` contract: text -> the JSON object of docs/command-language.md (no "id")."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

from core.errors import ParseError
from core.language.commands import INTENT_NAMES, Command, Target
from core.language.numbers import as_number
from core.language.parser import parse_message
from core.language.zonewords import zone
from core.recurrence import describe, next_instants
from core.recurrence.rules import Recurrence

_SKIPPED = frozenset({"recurrence", "alternative", "assumption", "by"})  # by: the schedule shows it


def _isos(instants: list[datetime], zone_name: str) -> list[str]:
    local = zone(zone_name)
    return [moment.astimezone(local).isoformat(timespec="seconds") for moment in instants]


def schedule_json(rec: Recurrence, now: datetime, zone_name: str) -> dict[str, Any]:
    """kind, describe and the first instants (one for a one-shot, else up to three)."""
    once = rec.is_once
    instants = next_instants(rec, now, 1 if once else 3)
    return {
        "kind": "once" if once else "recurring",
        "describe": describe(rec, zone_name),
        "first": _isos(instants, zone_name),
    }


def _value(value: object) -> object:
    if isinstance(value, Target):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return as_number(value)
    return value


def _shown(command: Command) -> tuple[str, ...]:
    """The fields of a command's kind the contract shows, in order (kept per kind)."""
    names = _SHOWN.get(type(command))
    if names is None:
        names = tuple(spec.name for spec in fields(command) if spec.name not in _SKIPPED)
        _SHOWN[type(command)] = names
    return names


_SHOWN: dict[type, tuple[str, ...]] = {}


def command_json(command: Command, now: datetime, zone_name: str) -> dict[str, Any]:
    """The contract object of a parsed command."""
    answer: dict[str, Any] = {"ok": True, "intent": INTENT_NAMES[type(command)]}
    for name in _shown(command):
        value = getattr(command, name)
        if value is not None:
            answer[name] = _value(value)
    rec = getattr(command, "recurrence", None)
    if isinstance(rec, Recurrence):
        answer["schedule"] = schedule_json(rec, now, zone_name)
    alternative = getattr(command, "alternative", None)
    if alternative is not None:
        answer["alternative"] = alternative.label
    assumed = getattr(command, "assumption", None)
    if assumed is not None:
        answer["assumption"] = {"reading": assumed.reading}
        if assumed.alternative is not None:
            answer["assumption"]["alternative"] = assumed.alternative.label
    return answer


def answer(text: str, now: datetime, zone: str, language: str | None = None) -> dict[str, Any]:
    """Parse one text; the contract's answer ({"ok": false, "error", "hint"} when refused),
    with `lang`, the language the text was read in."""
    parsed = parse_message(text, now, zone, language)
    if parsed.error is not None or parsed.command is None:
        error = parsed.error or ParseError("Sorry, I didn't get that.")
        return {"ok": False, "error": error.reply, "hint": error.hint, "lang": parsed.language}
    try:
        shown = command_json(parsed.command, now, zone)
        shown["lang"] = parsed.language  # last, after the command's fields
        return shown
    except (ValueError, OverflowError) as error:
        # The engine could not compute instants: refuse this line, keep the --jsonl loop alive.
        import logging  # here, not at the top: `nudge parse` starts without it (~2 ms)

        logging.getLogger(__name__).warning("no instants for %r: %r", parsed.command, error,
                                            exc_info=True)
        return {"ok": False, "error": "Sorry, I couldn't work out the times for that.",
                "hint": "remind me to call mom tomorrow at 5pm"}
