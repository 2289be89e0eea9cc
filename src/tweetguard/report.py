"""Findings and reports: frozen values, serialised field by field (contract.md, "A report")."""

from __future__ import annotations

from collections.abc import Mapping
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
class Edit:
    """A fix a machine can apply: replace the draft's ``text[start:end]`` with ``text`` in
    the draft's language (``text.nl`` or ``text.en``); ``start == end`` inserts.

    Offsets are Python ``str`` indices into the draft's text, like a finding's.
    """

    start: int
    end: int
    text: Localized

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text.to_dict()}


def apply_edit(text: str, edit: Edit | Mapping[str, Any], lang: str) -> str:
    """The draft's text with ``edit`` applied (an :class:`Edit` or its ``to_dict()``), in
    ``lang`` (``"en"``; anything else gives the Dutch text).

    >>> apply_edit("Top app!", Edit(8, 8, Localized(" (Ik werk hier.)", " (I work here.)")), "en")
    'Top app! (I work here.)'

    Raises :class:`ValueError` when the edit's offsets do not fit the text.
    """
    if isinstance(edit, Edit):
        start, end, new = edit.start, edit.end, edit.text.get(lang)
    else:
        try:
            start, end, texts = edit["start"], edit["end"], edit["text"]
            new = texts["en" if lang == "en" else "nl"]
        except (KeyError, TypeError) as exc:
            raise ValueError(
                f"not an edit: {edit!r} (expected start, end and text with nl and en)"
            ) from exc
        if not isinstance(new, str):
            raise ValueError(f"not an edit: its text is {new!r}, not a string")
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"edit {name} must be an integer, not {value!r}")
    if not 0 <= start <= end <= len(text):
        raise ValueError(
            f"edit [{start}:{end}] does not fit a text of {len(text)} characters "
            "(need 0 <= start <= end <= length)"
        )
    return text[:start] + new + text[end:]


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
    edit: Edit | None = None  # a fix a machine can apply to the draft's text

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
        if self.edit is not None:
            out["edit"] = self.edit.to_dict()
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
