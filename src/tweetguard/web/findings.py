"""Findings as the pages show them: the text cut into pieces with the offending words
marked in place, and each finding with its rule, the policy sentence, the fix, and, where
the fix rewrites the text, what the "apply fix" button puts in (offsets in UTF-16 code
units, as the browser's text box counts).

Works on the report as a dict (``Report.to_dict()``), the form in which a post's report is
stored, so a live check and a stored post are shown alike.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tweetguard.rules import BY_NUMBER

RANK = {"info": 0, "warn": 1, "block": 2}


@dataclass(frozen=True)
class Piece:
    """A run of the text; ``severity`` is set when a finding covers it, ``refs`` the
    finding numbers (1-based, as listed)."""

    text: str
    severity: str | None = None
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class FindingView:
    number: int  # 1-based position in the list
    rule: int
    code: str
    severity: str
    title: str
    message: str
    sentence: str | None
    fix: str | None
    excerpt: str
    where: str  # "marked", "whole", "image", "none"
    media: int | None
    words: tuple[str, ...] = ()
    score: float | None = None
    source: str | None = None
    edit: dict[str, Any] | None = field(default=None)


def utf16(text: str, index: int) -> int:
    """The UTF-16 offset (JavaScript's string index) of Python index ``index``."""
    return len(text[:index].encode("utf-16-le")) // 2


def _marked(finding: dict[str, Any], length: int) -> bool:
    start, end = int(finding.get("start", 0)), int(finding.get("end", 0))
    if finding.get("media") is not None or end <= start:
        return False
    return not (start == 0 and end >= length and length > 0)


def pieces(text: str, findings: Sequence[dict[str, Any]]) -> list[Piece]:
    """The text cut at every finding boundary; each piece carries the worst severity of the
    findings that cover it (whole-text and image findings are not marked)."""
    spans = [
        (max(0, int(f["start"])), min(len(text), int(f["end"])), f["severity"], n)
        for n, f in enumerate(findings, 1)
        if _marked(f, len(text))
    ]
    if not spans:
        return [Piece(text)] if text else []
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[Piece] = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        covering = [(sev, n) for s, e, sev, n in spans if s <= a and b <= e]
        if covering:
            worst = max((sev for sev, _ in covering), key=lambda s: RANK.get(s, 0))
            out.append(Piece(text[a:b], worst, tuple(n for _, n in covering)))
        else:
            out.append(Piece(text[a:b]))
    return out


def _edit(text: str, edit: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    if not edit:
        return None
    start, end = int(edit["start"]), int(edit["end"])
    if not 0 <= start <= end <= len(text):
        return None
    replacement = edit["text"].get(lang) or edit["text"].get("nl", "")
    return {"start": utf16(text, start), "end": utf16(text, end), "text": replacement}


def views(
    text: str,
    findings: Sequence[dict[str, Any]],
    *,
    lang: str,
    draft_lang: str | None,
    company: str,
) -> list[FindingView]:
    """Each finding in the page's language; an edit's text in the draft's language (Dutch
    or English; the page's language when the draft's is unknown or another)."""
    write = draft_lang if draft_lang in ("nl", "en") else lang
    out = []
    for n, f in enumerate(findings, 1):
        rule = BY_NUMBER.get(int(f["rule"]))
        title = (f.get("title") or {}).get(lang) or (rule.title.get(lang) if rule else "")
        sentence = rule.cite(company).get(lang) if rule is not None and rule.number else None
        evidence = f.get("evidence") or {}
        if f.get("media") is not None:
            where = "image"
        elif _marked(f, len(text)):
            where = "marked"
        elif int(f.get("end", 0)) > int(f.get("start", 0)):
            where = "whole"
        else:
            where = "none"
        out.append(
            FindingView(
                number=n,
                rule=int(f["rule"]),
                code=str(f["code"]),
                severity=str(f["severity"]),
                title=title,
                message=f["message"].get(lang, f["message"].get("nl", "")),
                sentence=sentence,
                fix=(f.get("fix") or {}).get(lang),
                excerpt=str(f.get("excerpt", "")),
                where=where,
                media=f.get("media"),
                words=tuple(evidence.get("words") or ()),
                score=evidence.get("score"),
                source=evidence.get("source"),
                edit=_edit(text, f.get("edit"), write) if f.get("media") is None else None,
            )
        )
    return out
