"""DeliveredChoices: the lettered choices of the last delivery printed to the terminal.

A delivery is printed by the worker (often another process than the chat loop), so its
letters are kept in a small file in the data dir; the chat loop reads it when a letter is
typed after the delivery appeared. Only the latest delivery's letters count.
"""

from __future__ import annotations

import json
import os
import string
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from core.replies import Reply

CHOICES_FILE: Final = "delivered-choices.json"


@dataclass(frozen=True)
class Shown:
    at: float  # time.time() when the delivery was printed
    keys: dict[str, str]  # letter -> the choice's command (a sealed token or command text)


@dataclass(frozen=True)
class DeliveredChoices:
    path: Path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> DeliveredChoices:
        return cls(data_dir / CHOICES_FILE)

    def record(self, keys: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        temp.write_text(json.dumps({"at": time.time(), "keys": keys}))
        os.replace(temp, self.path)  # atomic: a reader sees the old letters or the new

    def latest(self) -> Shown | None:
        try:
            data = json.loads(self.path.read_text())
            return Shown(float(data["at"]), {str(k): str(v) for k, v in data["keys"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def lettered(reply: Reply) -> tuple[list[str], dict[str, str]]:
    """`  [a] Done` lines for the reply's pressable choices, and letter -> command."""
    pressable = [choice for choice in reply.choices if choice.command]  # sealed or typed
    keys = dict(zip(string.ascii_lowercase, (c.command for c in pressable), strict=False))
    lines = [f"  [{key}] {choice.label}" for key, choice in zip(keys, pressable, strict=False)]
    return lines, keys
