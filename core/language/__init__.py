"""The command language: parse(text, now, zone) -> Command (raises ParseError)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.language.parser import parse

__all__ = ["parse"]


def __getattr__(name: str) -> object:
    # Lazy, so that importing core.language.commands does not load the whole grammar.
    if name == "parse":
        from core.language.parser import parse

        return parse
    raise AttributeError(name)
