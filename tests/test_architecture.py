"""The import rules of docs/architecture.md as an allow-list per package (an AST walk, so
imports inside functions count too). The standard library is allowed everywhere."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADAPTER_SHARED = {"bot.ports", "bot.settings"}
# What each package may import besides the standard library. The composition root and the
# CLI (the modules directly in bot/) may import anything: they wire the rest together.
ALLOWED: dict[str, set[str]] = {
    "core": {"core", "croniter", "dateutil", "PIL",  # PIL draws habit charts in memory
             "babel"},  # reply catalogs and locale dates (core.i18n)
    "integrations": {"core", "integrations", "migrations", "sqlalchemy", "alembic",
                     "cryptography", "redis", "slack_sdk"},
    "jobs": {"core", "jobs", "rq", "redis"},
    "migrations": {"migrations", "alembic", "sqlalchemy", "integrations.sql"},
    # Chat adapters: core, their own SDK, and the two shared adapter-side modules: the
    # narrow Protocols of what the root hands them (bot.ports) and the settings' values.
    "bot/console": {"core", "bot.console", *ADAPTER_SHARED},
    "bot/slack": {"core", "bot.slack", "slack_bolt", "slack_sdk", "aiohttp", "orjson", "starlette",
                  *ADAPTER_SHARED},
    "bot/telegram": {"core", "bot.telegram", "telegram", "starlette", "timezonefinder",
                     *ADAPTER_SHARED},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module for n in ast.walk(tree)
              if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}
    return names


def is_allowed(module: str, allowed: set[str]) -> bool:
    if module.split(".")[0] in sys.stdlib_module_names:
        return True
    return any(module == a or module.startswith(a + ".") for a in allowed)


def forbidden_in(package: str, path: Path) -> set[str]:
    return {m for m in imported_modules(path) if not is_allowed(m, ALLOWED[package])}


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_it_may(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))

    leaks = {str(p.relative_to(ROOT)): sorted(forbidden_in(package, p)) for p in files}

    assert files
    assert {p: bad for p, bad in leaks.items() if bad} == {}


def test_the_rule_catches_a_leak(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.py"
    leaky.write_text("import json\n\ndef f():\n    import sqlalchemy\n"
                     "    from bot.main import build\n    from bot.telegram import app\n")

    assert forbidden_in("core", leaky) == {"sqlalchemy", "bot.main", "bot.telegram"}
    assert forbidden_in("bot/slack", leaky) == {"sqlalchemy", "bot.main", "bot.telegram"}
    assert forbidden_in("jobs", leaky) == {"sqlalchemy", "bot.main", "bot.telegram"}


def test_every_package_with_code_has_a_rule() -> None:
    packages = {str(p.parent.relative_to(ROOT)) for p in ROOT.glob("*/*/__init__.py")}
    packages |= {str(p.parent.relative_to(ROOT)) for p in ROOT.glob("*/__init__.py")}
    code = {p for p in packages if p.split("/")[0] in {"core", "integrations", "jobs", "bot"}}

    def covered(package: str) -> bool:
        return any(package == rule or package.startswith(rule + "/") for rule in ALLOWED)

    assert {p for p in code if not covered(p)} - {"bot"} == set()
