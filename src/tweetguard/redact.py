"""Redaction: secrets and personal data never appear in clear outside the engine.

``redact(text, items)`` replaces each detector match, or each finding of a secret or a
personal datum, with its placeholder (``[BSN]``, ``[geheim]``); ``excerpt`` cuts a finding's
span out of a text with the same replacements. Excerpts, logs and anything stored use these,
so they can never leak what a detector found::

    >>> from tweetguard import check
    >>> text = "Mijn BSN is 111222333."
    >>> redact(text, check(text).findings)
    'Mijn BSN is [BSN].'
"""

from __future__ import annotations

from collections.abc import Sequence

from tweetguard.report import Finding
from tweetguard.types import Match

MAX_EXCERPT = 120
SENSITIVE_CODES = frozenset({"R1.secret", "R1.personal-data"})


def _spans(items: Sequence[Match | Finding]) -> list[tuple[int, int, str]]:
    spans = []
    for item in items:
        if isinstance(item, Match):
            spans.append((item.start, item.end, item.placeholder))
        elif item.code in SENSITIVE_CODES and item.media is None and item.end > item.start:
            spans.append((item.start, item.end, item.excerpt))
    return sorted(spans)


def redact(
    text: str, items: Sequence[Match | Finding], start: int = 0, end: int | None = None
) -> str:
    """``text[start:end]`` with every secret and personal datum replaced by its placeholder.

    ``items`` are detector matches, or the findings of a report (those of ``R1.secret`` and
    ``R1.personal-data`` are masked; the others are left alone).
    """
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for s, e, placeholder in _spans(items):
        if e <= pos or s >= end:
            continue
        if s > pos:
            out.append(text[pos:s])
        out.append(placeholder)
        pos = max(pos, e)
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
