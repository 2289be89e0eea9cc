"""Fold a text once for matching, keeping a map back to the original offsets.

Folding = Unicode case folding, removal of diacritics (``é`` → ``e``) and typographic
apostrophes made plain (``’`` → ``'``), so ``Café``,
``CAFE`` and ``café`` all match the term ``cafe``. Spans found in the folded text are mapped
back to the original text with :meth:`Folded.span`, so findings always point at what the user
wrote. ASCII text (most tweets) takes a fast path with an identity map.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Typographic apostrophes fold to the ASCII one: phones type "I’ll", keyboards "I'll".
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"}


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return _APOSTROPHES[ch]
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case-fold and strip diacritics (for term keys)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


@dataclass(frozen=True, slots=True)
class Folded:
    """A text and its folded form; ``index[i]`` is the original offset of folded char ``i``."""

    original: str
    folded: str
    index: tuple[int, ...] | None  # None: identity (same length, same offsets)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) back to the original text."""
        if self.index is None:
            return start, end
        if start >= len(self.index):
            return len(self.original), len(self.original)
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1 if end > start else o_start
        return o_start, o_end


def fold_with_offsets(text: str) -> Folded:
    if text.isascii():
        return Folded(text, text.lower(), None)
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch.lower())
            index.append(i)
            continue
        f = _fold_char(ch)
        out.append(f)
        index.extend([i] * len(f))
    folded = "".join(out)
    if len(folded) == len(text) and all(i == j for i, j in enumerate(index)):
        return Folded(text, folded, None)
    return Folded(text, folded, tuple(index))
