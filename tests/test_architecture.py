"""The import rules of docs/architecture.md, as a test (an AST walk catches lazy imports too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = {"telegram", "slack_bolt", "slack_sdk", "rq", "rq_scheduler", "redis", "sqlalchemy",
              "googleapiclient", "httpx", "aiohttp", "pydantic", "pydantic_settings", "starlette",
              "uvicorn", "alembic"}
RULES: dict[str, set[str]] = {
    "core": {"bot", "jobs", "integrations"} | FRAMEWORKS,
    "integrations": {"bot", "jobs"},
    "jobs": {"bot", "integrations"},
    "bot/console": {"jobs", "integrations", "telegram", "slack_bolt", "slack_sdk"},
    # Stores live in integrations/: the chat adapters reach Redis and SQL through bot.ports.
    "bot/slack": {"jobs", "integrations", "telegram", "redis", "rq", "sqlalchemy"},
    "bot/telegram": {"jobs", "integrations", "slack_bolt", "slack_sdk", "redis", "rq",
                     "sqlalchemy"},
}
ROOT_MODULE = "bot.main"  # adapters receive their parts from it; they never import it
ADAPTER_PACKAGES = {"bot/console": "bot.console", "bot/slack": "bot.slack",
                    "bot/telegram": "bot.telegram"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module for n in ast.walk(tree)
              if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}
    return names


def forbidden_in(package: str, path: Path) -> set[str]:
    modules = imported_modules(path)
    bad = {m for m in modules if m.split(".")[0] in RULES[package]}
    own = ADAPTER_PACKAGES.get(package)
    if own is not None:  # one chat adapter never imports another, nor the root
        bad |= {m for m in modules
                if m.startswith(tuple(ADAPTER_PACKAGES.values())) and not m.startswith(own)}
        bad |= {m for m in modules if m == ROOT_MODULE}
    return bad


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_imports_nothing_it_must_not(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))

    leaks = {str(p.relative_to(ROOT)): sorted(forbidden_in(package, p)) for p in files}

    assert {p: bad for p, bad in leaks.items() if bad} == {}


def test_the_rule_catches_a_leak(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.py"
    leaky.write_text("def f():\n    import sqlalchemy\n    from bot.main import build\n")

    assert forbidden_in("core", leaky) == {"sqlalchemy", "bot.main"}


def test_an_adapter_may_not_import_the_root_or_a_store_client(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.py"
    leaky.write_text("from bot.main import Nudge\nfrom redis import Redis\n")

    assert forbidden_in("bot/slack", leaky) == {"bot.main", "redis"}
