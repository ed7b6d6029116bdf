"""The reply catalogs: every message the code wraps in `_()` or `N_()` has a translation in
every language, with the same `{placeholders}`; dates come out in the locale."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from core.i18n import LANGUAGES, LOCALES, _, catalog, format_instant, using

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in LANGUAGES if code != "en"]
SAME_WORDS = {"Post {number}: {what}",  # Portuguese says "post" too
              "1 minute", "{n} minutes"}  # and French says "minute"


def wrapped_messages() -> set[str]:
    """Every msgid in core/ and bot/, found the way `pybabel extract -k _ -k N_` finds them."""
    found: set[str] = set()
    for package in ("core", "bot"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / package, keywords={"_": None, "N_": None}):
            if isinstance(message, str) and message:
                found.add(message)
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_code_wraps_the_replies() -> None:
    assert len(wrapped_messages()) >= 70
    assert "Reminder {number}: {what}" in wrapped_messages()


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated(code: str) -> None:
    with (Path(LOCALES) / f"{code}.po").open("rb") as handle:
        read = read_po(handle, locale=code)
    fuzzy = {m.id for m in read if m.id and m.fuzzy}
    missing = sorted(m for m in wrapped_messages() if not catalog(code).get(m))
    assert missing == [], f"{code}.po lacks translations of {missing}"
    assert fuzzy == set()


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_the_placeholders(code: str) -> None:
    wrong = {m: t for m, t in catalog(code).items() if fields(m) != fields(t)}
    assert wrong == {}


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_differ_from_english_where_words_are_said(code: str) -> None:
    # A copied English text would pass the completeness test; the replies themselves differ.
    same = [m for m, t in catalog(code).items() if m == t and re.search(r"[a-z]{4}", m)
            and m not in SAME_WORDS]
    assert same == []


def test_the_reply_language_is_scoped() -> None:
    with using("de"):
        assert _("Undo") == "Rückgängig"
        with using("ru"):
            assert _("Undo") == "Отменить"
        assert _("Cancelled {title}.", title="Erinnerung 1: x") == "Gelöscht: Erinnerung 1: x."
    assert _("Undo") == "Undo"
    with using("xx"):  # an unknown code answers in English
        assert _("Undo") == "Undo"


def test_dates_are_formatted_for_the_locale() -> None:
    at = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)  # a Thursday
    assert format_instant(at, "Europe/Berlin") == "Thu 5 Mar 13:00 CET"
    expected = {"de": "Do. 5 März 13:00 CET", "es": "jue 5 mar 13:00 CET",
                "fr": "jeu. 5 mars 13:00 CET", "pt": "qui. 5 mar. 13:00 CET",
                "ru": "чт 5 мар. 13:00 CET"}
    for code, text in expected.items():
        with using(code):
            assert format_instant(at, "Europe/Berlin") == text


REFUSALS = {"ParseError", "NeedsTimeError", "UserError", "NotFound", "NotAllowed"}
TRANSLATED_MODULES = ("core/language", "core/services/habits.py", "core/services/goals.py",
                      "core/services/tracker_actions.py")


def untranslated_refusals(path: Path) -> list[str]:
    """Refusals built from a bare literal or an f-string: English whatever the language
    (except inside the functions ENGLISH_ONLY names for this file)."""
    import ast

    tree = ast.parse(path.read_text())
    name = str(path.relative_to(ROOT))
    exempt = [range(node.lineno, (node.end_lineno or node.lineno) + 1)
              for node in ast.walk(tree)
              if isinstance(node, ast.FunctionDef) and (name, node.name) in ENGLISH_ONLY]
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in REFUSALS and node.args
                and isinstance(node.args[0], ast.Constant | ast.JoinedStr)
                and not any(node.lineno in lines for lines in exempt)):
            found.append(f"{name}:{node.lineno}")
    return found


def test_refusals_are_worded_through_the_catalogs() -> None:
    files = [p for name in TRANSLATED_MODULES for p in
             ((ROOT / name).rglob("*.py") if (ROOT / name).is_dir() else [ROOT / name])]
    found = [hit for path in files for hit in untranslated_refusals(path)
             if "/tongues/" not in hit and not hit.startswith("core/language/contract.py:")]
    assert found == []


# `digest` is an English-only command (no other language reads it), and the contract's own
# fallback is for `nudge parse`, which answers in English.
ENGLISH_ONLY = {("core/language/parser.py", "_digest")}


def test_the_extraction_reaches_every_package() -> None:
    # jobs/ and integrations/ word no replies today; a `_()` there would need the catalogs too
    for package in ("jobs", "integrations"):
        for _file, _line, message, _c, _x in extract_from_dir(
                ROOT / package, keywords={"_": None, "N_": None}):
            assert not message, f"{package} wraps {message!r}: extract it in wrapped_messages"
