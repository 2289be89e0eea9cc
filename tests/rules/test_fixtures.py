"""Every rule against its fixture file: drafts that break it and near-misses that do not.

A fixture line: ``{"draft": {...}, "expect": ["R1.secret"], "lang": "nl", "note": "..."}``.
``expect`` is the exact set of this rule's codes the draft must produce (empty for a
near-miss); findings of other rules are not looked at here. An optional ``source``
(``"model:irony"``) says which evidence must back the finding: cases the language models
decide. Drafts without ``created_at``
are checked at :data:`conftest.NOW`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import NOW
from tweetguard.draft import Draft
from tweetguard.engine import Engine
from tweetguard.rules import BY_NUMBER

FIXTURES = Path(__file__).parent / "fixtures"
FILES = {
    0: "platform.jsonl",
    1: "r01_confidential.jsonl",
    2: "r02_responsibility.jsonl",
    3: "r03_disclosure.jsonl",
    4: "r04_copyright.jsonl",
    5: "r05_internal.jsonl",
    6: "r06_customer_service.jsonl",
    7: "r07_spokesperson.jsonl",
    8: "r08_respect.jsonl",
    9: "r09_attitude.jsonl",
    10: "r10_productivity.jsonl",
}


def load(number: int) -> list[dict[str, Any]]:
    path = FIXTURES / FILES[number]
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            case = json.loads(line)
            case["_id"] = f"{FILES[number]}:{n}"
            cases.append(case)
    return cases


def all_cases() -> list[Any]:
    return [pytest.param(number, case, id=case["_id"]) for number in FILES for case in load(number)]


def run(engine: Engine, number: int, case: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The rule's codes for the case, and the sources of their evidence."""
    draft = Draft.model_validate(case["draft"])
    # "undated": "unknown" — a post of an archive without a time (as the scan checks it)
    report = engine.check(draft, now=NOW, undated=case.get("undated", "now"))
    mine = [f for f in report.findings if f.rule == number]
    sources = {f.evidence.source for f in mine if f.evidence and f.evidence.source}
    return {f.code for f in mine}, sources


@pytest.mark.parametrize(("number", "case"), all_cases())
def test_fixture(engine: Engine, number: int, case: dict[str, Any]) -> None:
    codes, sources = run(engine, number, case)
    assert codes == set(case["expect"]), case.get("note", "")
    if "source" in case:  # e.g. "model:irony": the model, not a word list, found it
        assert case["source"] in sources, case.get("note", "")


@pytest.mark.parametrize("number", sorted(FILES))
def test_fixture_file_is_complete(number: int) -> None:
    cases = load(number)
    breaking = [c for c in cases if c["expect"]]
    near = [c for c in cases if not c["expect"]]
    assert len(breaking) >= 10, "at least 10 drafts that break the rule"
    assert len(near) >= 10, "at least 10 near-misses"
    for group in (breaking, near):
        langs = {c["lang"] for c in group}
        assert {"nl", "en"} <= langs, "Dutch and English in both groups"
    codes = {code for c in cases for code in c["expect"]}
    assert codes <= set(BY_NUMBER[number].codes), "fixtures use only the rule's own codes"
    assert codes == set(BY_NUMBER[number].codes), "every code of the rule has a fixture"
