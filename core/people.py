"""Person: a platform identity with a time zone and a reply language."""

from __future__ import annotations

from dataclasses import dataclass

from core.ids import UserRef


@dataclass(frozen=True)
class Person:
    user: UserRef
    zone: str | None = None
    display_name: str = ""
    language: str | None = None  # `language de`: replies and deliveries; None: as they write
