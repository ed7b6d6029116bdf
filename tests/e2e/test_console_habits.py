"""Habits and goals end to end in the console: typed words, lettered buttons, a saved picture."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

from PIL import Image

from bot.console.repl import chat_loop, console_actor
from core import habit_chart
from tests.e2e.test_console import Harness


def type_lines(nudge: Harness, images: Path, *lines: str) -> str:
    async def chat() -> str:
        app = nudge.build()
        out = io.StringIO()
        try:
            await chat_loop(app.dispatcher.handle, console_actor(),
                            stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
                            stdout=out, images=images, press=app.dispatcher.press)
        finally:
            await app.aclose()
        return out.getvalue()

    return asyncio.run(chat())


def test_a_habit_checked_in_by_letter_and_its_stats_saved_as_a_png(tmp_path, redis_url) -> None:
    nudge = Harness(tmp_path, redis_url)
    images = tmp_path / "images"

    out = type_lines(nudge, images, "habit meditate every morning", "habits", "a",
                     "done meditate yesterday", "stats meditate", "goal run 100 km by Dec 31",
                     "progress run 5 km", "goals")

    assert "[a] Done: meditate" in out
    assert "✓ meditate done today. Streak: 1 day" in out
    assert "✓ meditate done yesterday. Streak: 2 days" in out
    [saved] = re.findall(r"\(picture saved to (.+)\)", out)
    assert Path(saved) == images / "habit-1.png"
    with Image.open(saved) as image:
        assert image.size == (habit_chart.WIDTH, habit_chart.HEIGHT)
    assert "Logged 5 km for run. 5 of 100 km" in out
    assert "Goal 2: run, by Thu 31 Dec" in out
