"""The registry: the only list of rules. Rule N lives in ``rNN_<slug>.py``."""

from __future__ import annotations

from tweetguard.rules import (
    platform,
    r01_confidential,
    r02_responsibility,
    r03_disclosure,
    r04_copyright,
    r05_internal,
    r06_customer_service,
    r07_spokesperson,
    r08_respect,
    r09_attitude,
    r10_productivity,
)
from tweetguard.rules._common import Hit, Rule

RULES: tuple[Rule, ...] = (
    r01_confidential.RULE,
    r02_responsibility.RULE,
    r03_disclosure.RULE,
    r04_copyright.RULE,
    r05_internal.RULE,
    r06_customer_service.RULE,
    r07_spokesperson.RULE,
    r08_respect.RULE,
    r09_attitude.RULE,
    r10_productivity.RULE,
)
PLATFORM: Rule = platform.RULE
BY_NUMBER: dict[int, Rule] = {r.number: r for r in (*RULES, PLATFORM)}
BY_CODE: dict[str, Rule] = {code: r for r in (*RULES, PLATFORM) for code in r.codes}

__all__ = ["BY_CODE", "BY_NUMBER", "PLATFORM", "RULES", "Hit", "Rule"]
