"""Person: a platform identity with a time zone."""

from __future__ import annotations

from dataclasses import dataclass

from core.ids import UserRef


@dataclass(frozen=True)
class Person:
    user: UserRef
    zone: str | None = None
    display_name: str = ""
