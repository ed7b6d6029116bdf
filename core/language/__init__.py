"""The command language: parse(text, now, zone) -> Command (raises ParseError)."""

from core.language.parser import parse

__all__ = ["parse"]
