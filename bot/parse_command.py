"""`nudge parse`: the contract of docs/command-language.md, one answer per input."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.language.contract import answer

if TYPE_CHECKING:
    import argparse

EXIT_REFUSED = 2
_CHUNK = 1 << 16
# One encoder for every line: json.dumps(..., ensure_ascii=False) builds a new one per call.
# An answer is a tree built afresh for its line, so no cycle to look for (~0.3 us a line).
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def run_parse(args: argparse.Namespace) -> int:
    if args.jsonl:
        serve_jsonl()
        return 0
    result = _answer(" ".join(args.text), args.now, args.tz)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0 if result.get("ok") else EXIT_REFUSED


def serve_jsonl() -> None:
    """Answer each line of stdin, in order. The answers to the lines at hand are written and
    flushed together before waiting for more input: a caller that sends one line and waits
    gets its answer at once, and a stream is not one write system call per line."""
    fd = sys.stdin.fileno()
    pending = b""
    while chunk := os.read(fd, _CHUNK):
        lines = (pending + chunk).splitlines(keepends=True)
        # The last piece may be half a line; a split \r\n only leaves an empty line.
        pending = b"" if lines[-1].endswith((b"\n", b"\r")) else lines.pop()
        _answer_all(lines)
    if pending:
        _answer_all([pending])


def _answer_all(lines: list[bytes]) -> None:
    answers = [_json_line(line.decode("utf-8", "replace")) for line in lines if line.strip()]
    if answers:
        sys.stdout.write("\n".join(answers) + "\n")
        sys.stdout.flush()


def _json_line(line: str) -> str:
    """One answer as a JSON line; a fault of ours in one answer never ends the stream."""
    answer = answer_line(line)
    try:
        return _encode(answer)
    except TypeError as exc:
        failed = {"id": answer.get("id"), **_refusal(f"internal error: {exc}")}
        return _encode(failed)


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
