"""Redaction: secrets and personal data never appear in clear outside the engine.

``redact(text, matches)`` replaces each match with its placeholder (``[BSN]``, ``[geheim]``);
``excerpt`` cuts a finding's span out of a text with the same replacements, so excerpts,
logs and anything stored can never leak what a detector found.
"""

from __future__ import annotations

from collections.abc import Sequence

from tweetguard.types import Match

MAX_EXCERPT = 120


def redact(text: str, matches: Sequence[Match], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with every overlapping match replaced by its placeholder."""
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for m in sorted(matches, key=lambda m: m.start):
        if m.end <= pos or m.start >= end:
            continue
        if m.start > pos:
            out.append(text[pos : m.start])
        out.append(m.placeholder)
        pos = max(pos, m.end)
    if pos < end:
        out.append(text[pos:end])
    return "".join(out)


def excerpt(text: str, start: int, end: int, matches: Sequence[Match]) -> str:
    """The redacted text of a span, shortened to about :data:`MAX_EXCERPT` characters."""
    shown = redact(text, matches, start, end)
    shown = " ".join(shown.split())
    if len(shown) > MAX_EXCERPT:
        shown = shown[: MAX_EXCERPT - 1].rstrip() + "…"
    return shown
