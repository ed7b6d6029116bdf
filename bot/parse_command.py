"""`nudge parse`: the contract of docs/command-language.md, one answer per input."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

EXIT_REFUSED = 2


def run_parse(args: argparse.Namespace) -> int:
    if args.jsonl:
        for line in sys.stdin:
            if line.strip():
                sys.stdout.write(_json_line(line) + "\n")
                sys.stdout.flush()
        return 0
    result = _answer(" ".join(args.text), args.now, args.tz)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0 if result.get("ok") else EXIT_REFUSED


def _json_line(line: str) -> str:
    """One answer as a JSON line; a fault of ours in one answer never ends the stream."""
    answer = answer_line(line)
    try:
        return json.dumps(answer, ensure_ascii=False)
    except TypeError as exc:
        failed = {"id": answer.get("id"), **_refusal(f"internal error: {exc}")}
        return json.dumps(failed, ensure_ascii=False)


def answer_line(line: str) -> dict[str, object]:
    """One JSON input line -> its answer, with the input's id."""
    try:
        case = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, **_refusal(f"not a JSON line: {exc.msg}")}
    if not isinstance(case, dict):
        return {"id": None, **_refusal("each line must be a JSON object")}
    zone = str(case.get("tz") or "UTC")
    return {"id": case.get("id"), **_answer(str(case.get("text", "")), case.get("now"), zone)}


def _answer(text: str, now: str | None, zone: str) -> dict[str, object]:
    from core.language.contract import answer

    try:
        moment = _local_now(now, zone)
    except (ValueError, ZoneInfoNotFoundError):
        return _refusal(f"bad --now {now!r} or --tz {zone!r}")
    result: dict[str, object] = answer(text, moment, zone)
    return result


def _refusal(error: str) -> dict[str, object]:
    example = '{"id": 1, "text": "remind me to run daily at 7"}'
    return {"ok": False, "error": error, "hint": f"each line looks like {example}"}


def _local_now(now: str | None, zone: str) -> datetime:
    tz = ZoneInfo(zone)
    if not now:
        return datetime.now(tz)
    moment = datetime.fromisoformat(now)
    return moment.astimezone(tz) if moment.tzinfo else moment.replace(tzinfo=tz)
