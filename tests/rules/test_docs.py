"""Every rule documents itself the same way and cites its own policy sentence."""

from __future__ import annotations

import pytest

from tweetguard.policy.render import rule_text
from tweetguard.rules import BY_CODE, PLATFORM, RULES
from tweetguard.rules._common import DOC_SECTIONS, Rule


def test_registry_is_the_ten_rules_in_order() -> None:
    assert [r.number for r in RULES] == list(range(1, 11))
    assert len({r.slug for r in RULES}) == 10


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"R{r.number}")
def test_doc_sections(rule: Rule) -> None:
    for section in DOC_SECTIONS:
        assert section.format(n=rule.number) in rule.doc


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"R{r.number}")
def test_sentence_is_quoted_from_the_policy(rule: Rule) -> None:
    assert rule.sentence.nl in rule_text(rule.number, "nl")
    assert rule.sentence.en in rule_text(rule.number, "en")
    assert rule.sentence.nl.split(".")[0] in rule.doc.replace("\n", " ")


@pytest.mark.parametrize("rule", [*RULES, PLATFORM], ids=lambda r: f"R{r.number}")
def test_codes_are_namespaced(rule: Rule) -> None:
    prefix = f"R{rule.number}." if rule.number else "P."
    assert rule.codes and all(c.startswith(prefix) for c in rule.codes)
    assert all(BY_CODE[c] is rule for c in rule.codes)
    assert rule.title.nl and rule.title.en
