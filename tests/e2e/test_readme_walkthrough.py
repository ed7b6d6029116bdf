"""The README's walk-through, followed word for word through the console harness."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.e2e.test_console import Harness

README = Path(__file__).resolve().parents[2] / "README.md"
# Instants and stamps change with the day the test runs; everything else must match.
_INSTANT = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d\d:\d\d [A-Z]+")
_STAMP = re.compile(r"^\[\d\d:\d\d\]", re.MULTILINE)


@pytest.fixture
def nudge(tmp_path, redis_url) -> Harness:
    return Harness(tmp_path, redis_url)


def walkthrough() -> str:
    text = README.read_text()
    start = text.index("<!-- walkthrough -->")
    return text[start:].split("```text\n", 1)[1].split("```", 1)[0]


def masked(text: str) -> str:
    return _STAMP.sub("[HH:MM]", _INSTANT.sub("<time>", text))


def test_the_readme_walkthrough_is_what_the_console_shows(nudge: Harness) -> None:
    block = walkthrough()
    before, delivery_and_after = block.split("\n\n", 1)
    typed_before = [line[len("you> "):] for line in before.splitlines() if line.startswith("you> ")]
    typed_after = [line[len("you> "):] for line in delivery_and_after.splitlines()
                   if line.startswith("you> ")]

    shown = nudge.type(*typed_before)
    nudge.clock.advance(minutes=1)
    nudge.work()
    delivered = nudge.terminal.getvalue()
    after = nudge.type(*typed_after)

    transcript = _as_transcript(shown, typed_before) + "\n\n"
    transcript += delivered.strip().removesuffix("you>").rstrip() + "\n"
    transcript += _as_transcript(after, typed_after)
    if os.environ.get("NUDGE_PRINT_WALKTHROUGH"):
        Path("/tmp/walkthrough.txt").write_text(transcript)
    assert masked(transcript.strip()) == masked(block.strip())
    assert typed_after[-1] == "quit"


def _as_transcript(output: str, typed: list[str]) -> str:
    """The chat's output as the README shows it: each `you>` prompt with what was typed."""
    answers = output.split("\n", 1)[1].split("you> ")[1:]  # after "Nudge is listening..."
    lines = [f"you> {line}\n{answer}".rstrip() for line, answer in zip(typed, answers,
                                                                      strict=False)]
    return "\n".join(lines)
