"""Goals: each benchmark checks its own goals and exits 1, naming them, when any is missed."""

from __future__ import annotations

from typing import Final


class Goals:
    """A benchmark's goals, checked where its figures are printed; main() returns `report()`.

    The last line a benchmark prints is "goals: all met" or "goals: MISSED ...", and its exit
    status is 1 when any goal was missed, so `python -m bench` can fail and name them.
    """

    PREFIX: Final = "goals: "

    def __init__(self) -> None:
        self.missed: list[str] = []

    def check(self, goal: str, ok: bool) -> str:
        """Record one goal; returns the mark to print beside its figure."""
        if not ok:
            self.missed.append(goal)
        return "PASS" if ok else "FAIL"

    def report(self) -> int:
        print(self.PREFIX + ("all met" if not self.missed else "MISSED " + "; ".join(self.missed)))
        return 1 if self.missed else 0
