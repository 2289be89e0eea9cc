"""Redaction: no detector's match ever appears in clear in an excerpt or a redacted text."""

from __future__ import annotations

import pytest

from conftest import NOW, SHARED
from tweetguard import Draft, Engine, redact
from tweetguard.bench import unquote

SETS = ("secrets_gitleaks_cases", "secrets_detect_secrets_cases", "pii_formats_nl_be_stdnum")


def test_redact_masks_findings_and_keeps_the_rest(engine: Engine) -> None:
    text = "Beste collega's: BSN 111222333, IBAN NL91 ABNA 0417 1643 00, bel 06-12345678."
    report = engine.check(Draft(text=text), now=NOW)
    shown = redact(text, report.findings)
    assert shown == "Beste collega's: BSN [BSN], IBAN [IBAN], bel [telefoon]."


def test_redact_with_matches_and_a_span(engine: Engine) -> None:
    text = "wachtwoord: Zomer2026!x en verder niets"
    ctx = engine.context(Draft(text=text), now=NOW)
    assert redact(text, ctx.sensitive) == "wachtwoord: [geheim] en verder niets"
    assert redact(text, ctx.sensitive, 5, 20) == "woord: [geheim]"


def _rows(name: str) -> list[str]:
    path = SHARED / "data" / name / "dev.tsv"
    if not path.is_file():
        pytest.skip(f"{path} not found (../shared/data is beside the repository in CI)")
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [unquote(line.split("\t", 1)[0]) for line in lines if line.strip()]


@pytest.mark.parametrize("name", SETS)
def test_no_match_in_clear_on_the_example_sets(engine: Engine, name: str) -> None:
    checked = 0
    for text in _rows(name):
        draft = Draft(text=text)
        ctx = engine.context(draft, now=NOW)
        report = engine.check(draft, now=NOW)
        masked = redact(text, ctx.sensitive)
        for m in ctx.sensitive:
            if text.count(m.text) != 1:
                continue
            checked += 1
            assert m.text not in masked
            for f in report.findings:
                assert m.text not in f.excerpt, (name, f.code)
    assert checked > 0
