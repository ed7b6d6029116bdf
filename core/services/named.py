"""Finding a person's habit or goal by what they type: its number or its name."""

from __future__ import annotations

from collections.abc import Sequence

from core.schedules import Schedule


def by_name_or_number(mine: Sequence[Schedule], ref: str) -> Schedule | None:
    """The one schedule whose number or name is `ref`, else the one whose name starts with it.

    None when nothing matches, or when several do and there is no telling which was meant.
    The payload must have a `name` (habits and goals).
    """
    low = " ".join(ref.lower().split())
    exact = [s for s in mine if s.payload.name.lower() == low or str(s.number) == low]
    starts = [s for s in mine if s.payload.name.lower().startswith(low)]
    if len(exact) == 1:
        return exact[0]
    return starts[0] if len(starts) == 1 else None
