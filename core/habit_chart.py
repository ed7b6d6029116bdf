"""A habit's 12-week calendar heat map as a PNG, drawn in memory with Pillow (no I/O).

Columns are weeks (oldest left, today's week right), rows are Monday..Sunday, as GitHub
and Loop draw them. The geometry is public so that tests can read the cells back.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Final

from PIL import Image, ImageDraw

from core.habits import Break

WEEKS: Final = 12
CELL: Final = 18
GAP: Final = 4
MARGIN: Final = 12
WIDTH: Final = MARGIN * 2 + WEEKS * CELL + (WEEKS - 1) * GAP
HEIGHT: Final = MARGIN * 2 + 7 * CELL + 6 * GAP

BACKGROUND: Final = (255, 255, 255)
DONE: Final = (33, 150, 83)  # a check-in
RESTING: Final = (176, 196, 222)  # paused, on vacation or skipped
EMPTY: Final = (230, 232, 236)  # nothing that day
TODAY_EDGE: Final = (90, 90, 90)


def first_day(today: date) -> date:
    """The Monday that opens the map: 11 weeks before the Monday of today's week."""
    return today - timedelta(days=today.weekday(), weeks=WEEKS - 1)


def cell_origin(week: int, weekday: int) -> tuple[int, int]:
    """The top-left pixel of the cell of `week` (0 = oldest) and `weekday` (0 = Monday)."""
    return MARGIN + week * (CELL + GAP), MARGIN + weekday * (CELL + GAP)


def heat_map(done: Collection[date], breaks: Sequence[Break], *, today: date) -> bytes:
    """The PNG: a filled cell per day up to today, coloured by what that day holds."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    start = first_day(today)
    for offset in range((today - start).days + 1):
        day = start + timedelta(days=offset)
        x, y = cell_origin(offset // 7, offset % 7)
        colour = DONE if day in done else RESTING if any(b.covers(day) for b in breaks) else EMPTY
        edge = TODAY_EDGE if day == today else None
        draw.rectangle((x, y, x + CELL - 1, y + CELL - 1), fill=colour, outline=edge)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
