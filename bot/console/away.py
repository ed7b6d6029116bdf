"""AwayBox: console deliveries no terminal could show, kept in the data dir for the next start."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final

AWAY_FILE: Final = "away.jsonl"


@dataclass(frozen=True)
class Missed:
    at: str  # the local wall-clock stamp the terminal would have shown
    text: str


@dataclass(frozen=True)
class AwayBox:
    """A file of JSON lines, one per delivery that could not be written to a terminal."""

    path: Path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> AwayBox:
        return cls(data_dir / AWAY_FILE)

    def record(self, missed: Missed) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"at": missed.at, "text": missed.text}) + "\n"
        # One write() with O_APPEND: lines from two workers never interleave.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)

    def take(self) -> list[Missed]:
        """Everything recorded so far, removed from the box (a record made meanwhile stays)."""
        taking = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        try:
            self.path.rename(taking)  # atomic: a concurrent record() starts a new file
        except FileNotFoundError:
            return []
        try:
            lines = taking.read_text().splitlines()
        finally:
            taking.unlink()
        return [missed for line in lines if (missed := _parse(line)) is not None]


def render_missed(missed: list[Missed]) -> str:
    """The lines shown at start; "" when nothing was missed."""
    if not missed:
        return ""
    return "\n".join(["While you were away:", *(f"  [{m.at}] {m.text}" for m in missed)])


def _parse(line: str) -> Missed | None:
    try:
        data = json.loads(line)
        return Missed(at=str(data["at"]), text=str(data["text"]))
    except (ValueError, KeyError, TypeError):
        return None  # a torn line from a crash mid-write: skip it, keep the rest
