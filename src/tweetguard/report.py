"""Findings and reports: frozen values, serialised field by field (contract.md, "A report")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tweetguard.types import SEVERITY_RANK, Localized, Severity

Verdict = Literal["ok", "warn", "block"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a finding fired, for people: words that tipped it and, for a model, its score."""

    words: tuple[str, ...] = ()
    score: float | None = None
    source: str | None = None  # e.g. "lexicon", "model:abuse"

    def to_dict(self) -> dict[str, Any]:
        return {"words": list(self.words), "score": self.score, "source": self.source}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: int
    code: str
    severity: Severity
    start: int
    end: int
    excerpt: str
    message: Localized
    fix: Localized | None = None
    title: Localized | None = None
    evidence: Evidence | None = None
    media: int | None = None  # index of the attached image the finding was seen in

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message.to_dict(),
            "fix": self.fix.to_dict() if self.fix else None,
        }
        if self.title is not None:
            out["title"] = self.title.to_dict()
        if self.evidence is not None:
            out["evidence"] = self.evidence.to_dict()
        if self.media is not None:
            out["media"] = self.media
        return out


def verdict_of(findings: tuple[Finding, ...] | list[Finding]) -> Verdict:
    worst = max((SEVERITY_RANK[f.severity] for f in findings), default=0)
    return "block" if worst == 2 else "warn" if worst == 1 else "ok"


@dataclass(frozen=True, slots=True)
class Report:
    verdict: Verdict
    policy_version: str
    findings: tuple[Finding, ...]
    weighted_length: int = 0
    draft_id: str | int | None = None
    lang: str | None = None  # the draft's language (given or detected); None: too short

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "verdict": self.verdict,
            "policy_version": self.policy_version,
            "findings": [f.to_dict() for f in self.findings],
            "weighted_length": self.weighted_length,
        }
        if self.draft_id is not None:
            out["id"] = self.draft_id
        if self.lang is not None:
            out["lang"] = self.lang
        return out
