"""Every case of the shared public corpus and of our own case files, judged like score_parse.py."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from core.language.contract import answer

HERE = Path(__file__).parent
SHARED = Path(__file__).resolve().parents[4] / "shared"
PUBLIC = SHARED / "corpus" / "parse-public.jsonl"
SCORER = SHARED / "tools" / "score_parse.py"
OURS = (HERE / "cases.jsonl", HERE / "cases_more.jsonl", HERE / "cases_round3.jsonl",
        HERE / "cases_round4.jsonl", HERE / "cases_round5.jsonl", HERE / "cases_round6.jsonl",
        HERE / "cases_round7.jsonl", HERE / "cases_round8.jsonl")


def _load(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _judge() -> Callable[[dict[str, Any], dict[str, Any]], list[str]]:
    if not SCORER.exists():
        pytest.skip(f"../shared is absent ({SCORER} not found): the shared scorer cannot run")
    spec = importlib.util.spec_from_file_location("score_parse", SCORER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    judge: Callable[[dict[str, Any], dict[str, Any]], list[str]] = module.judge
    return judge


def _answer(case: dict[str, Any]) -> dict[str, Any]:
    now = datetime.fromisoformat(case["now"]).replace(tzinfo=ZoneInfo(case["tz"]))
    return answer(case["text"], now, case["tz"])


def _params(cases: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(case, id=case["id"]) for case in cases]


@pytest.mark.skipif(not PUBLIC.exists(), reason="../shared/corpus is absent (fresh clone)")
@pytest.mark.parametrize("case", _params(_load(PUBLIC)))
def test_public_corpus_case_passes(case: dict[str, Any]) -> None:
    assert _judge()(case["expect"], _answer(case)) == []


def _ours() -> list[dict[str, Any]]:
    return [case for path in OURS for case in _load(path)]


@pytest.mark.parametrize("case", _params(_ours()))
def test_our_own_case_passes(case: dict[str, Any]) -> None:
    assert _judge()(case["expect"], _answer(case)) == []


def test_our_own_cases_are_many_and_have_unique_ids() -> None:
    ids = [case["id"] for case in _ours()]

    assert all(path.exists() for path in OURS)
    assert len(ids) >= 700
    assert len(set(ids)) == len(ids)
