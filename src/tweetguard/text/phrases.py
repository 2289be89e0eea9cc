"""Phrase lists matched with Aho-Corasick, behaving like the regex they replace.

The rules keep word lists of dozens to hundreds of phrases ("niet ons probleem", "stuur me",
"reorganis…") and ask per draft whether and where any occurs, on word boundaries. A regex
alternation of such a list is tried at every position of the text (about 3 µs a tweet for
each list); one pass of a pyahocorasick automaton finds every candidate in well under a
microsecond, and the word-boundary checks run only on the few candidates.

:class:`PhrasePattern` offers the part of :class:`re.Pattern` the rules use (``finditer``,
``search``, ``match`` with ``pos``/``endpos``) and gives the same matches as the regex
``(?<!\\w)(?:phrase|…)(?!\\w)`` (or ``\\w*`` after the last word with ``prefix=True``), a
space in a phrase matching any run of whitespace: texts with other whitespace than single
spaces (newlines, runs of spaces) go to that regex, which is kept for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick


def _odd_space(text: str) -> bool:
    """Whitespace a single space in a phrase must also match: newlines, tabs, runs, no-break
    and typographic spaces. Every whitespace character but " " is unprintable, so one fast
    ``isprintable`` covers them (and sends the rare text with other control characters to
    the regex too, which is merely slower)."""
    return "  " in text or not text.isprintable()


def _end(text: str, endpos: int | None) -> int:
    """``endpos`` as :mod:`re` reads it: clamped to the text, never negative."""
    return len(text) if endpos is None else max(0, min(endpos, len(text)))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (a space matches any whitespace), longest first."""
    alts = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in alts) + ")"


class PhraseMatch:
    """The part of :class:`re.Match` the rules use."""

    __slots__ = ("_end", "_start", "string")

    def __init__(self, string: str, start: int, end: int) -> None:
        self.string = string
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, _: int = 0) -> str:
        return self.string[self._start : self._end]

    def __repr__(self) -> str:
        return f"<PhraseMatch span={self.span()} match={self.group()!r}>"


Matchlike = PhraseMatch | re.Match[str]


class PhrasePattern:
    """Any of a list of (already folded) phrases, on word boundaries."""

    def __init__(self, phrases: Iterable[str], *, prefix: bool = False) -> None:
        alts = sorted({" ".join(p.split()) for p in phrases if p.strip()})
        self.phrases = tuple(alts)
        self.prefix = prefix
        tail = r"\w*" if prefix else r"(?!\w)"
        # an empty list matches nothing (an empty alternation would match everywhere)
        self.pattern = rf"(?<!\w){alternation(alts)}{tail}" if alts else r"(?!x)x"
        self.regex = re.compile(self.pattern)
        self._automaton = ahocorasick.Automaton()
        for a in alts:
            self._automaton.add_word(a, len(a))
        if alts:
            self._automaton.make_automaton()

    def _spans(self, text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
        """Non-overlapping matches, leftmost first and longest at each start."""
        if not self.phrases or endpos <= pos:
            return []
        found: list[tuple[int, int]] = []
        for last, length in self._automaton.iter(text, pos, endpos):
            start, end = last + 1 - length, last + 1
            if start > 0 and _is_word(text[start - 1]):
                continue
            if self.prefix:
                while end < endpos and _is_word(text[end]):
                    end += 1
            elif end < endpos and _is_word(text[end]):
                continue
            found.append((start, end))
        if len(found) < 2:
            return found
        found.sort(key=lambda se: (se[0], -se[1]))
        out: list[tuple[int, int]] = []
        for s, e in found:
            if not out or s >= out[-1][1]:
                out.append((s, e))
        return out

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Matchlike]:
        end = _end(text, endpos)
        if _odd_space(text):
            return self.regex.finditer(text, pos, end)
        return iter([PhraseMatch(text, s, e) for s, e in self._spans(text, pos, end)])

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Matchlike | None:
        end = _end(text, endpos)
        if _odd_space(text):
            return self.regex.search(text, pos, end)
        spans = self._spans(text, pos, end)
        return PhraseMatch(text, *spans[0]) if spans else None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Matchlike | None:
        end = _end(text, endpos)
        return self.regex.match(text, pos, end)

    def __repr__(self) -> str:
        return f"PhrasePattern({len(self.phrases)} phrases, prefix={self.prefix})"
