"""Find configured terms (company, products, codenames, relations, markers) in a text.

Matching is done on the folded text (case folding, no diacritics) with one Aho-Corasick
automaton for all terms, keeps only matches on word boundaries, and maps spans back to the
original text. Hashtags are matched on their parts (``#BedrijfsAppUpdate`` contains the
product ``Bedrijfsapp``; ``#HetBedrijf`` the company ``Het Bedrijf``). Single-word terms of
six letters or more also match small spelling variants (rapidfuzz Levenshtein distance 1, or 2
from ten letters), so ``Bedrijfsap`` is still the product.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import ahocorasick
from rapidfuzz.distance import Levenshtein

from tweetguard.text.entities import Entity, split_hashtag
from tweetguard.text.normalize import Folded, fold

TermKind = Literal[
    "company", "product", "codename", "competitor", "partner", "marker", "internal", "phrase"
]
How = Literal["exact", "hashtag", "fuzzy"]

_WORD = re.compile(r"\w+")
_NON_KEY = re.compile(r"[\s\-_.'’]+")
FUZZY_MIN_LEN = 6
FUZZY_CACHE_MAX = 100_000  # words remembered by the fuzzy matcher


@dataclass(frozen=True, slots=True)
class Term:
    """A configured term: ``label`` as written in the policy, ``ref`` the thing it names."""

    label: str
    kind: TermKind
    ref: str  # e.g. the product's main name for an alias
    fuzzy: bool = True

    @property
    def key(self) -> str:
        key: str = fold(self.label)
        return key


@dataclass(frozen=True, slots=True)
class TermHit:
    term: Term
    start: int  # offsets into the original text
    end: int
    how: How


def _compact(key: str) -> str:
    return _NON_KEY.sub("", key.removeprefix("#").removeprefix("@"))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class TermMatcher:
    """All terms of a policy, compiled once; :meth:`find` runs per text."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._by_key: dict[str, list[Term]] = defaultdict(list)
        self._by_compact: dict[str, list[Term]] = defaultdict(list)
        self._fuzzy: dict[str, dict[str, list[Term]]] = defaultdict(dict)  # first char -> keys
        for term in terms:
            key = term.key.strip()
            if not key:
                continue
            self._by_key[key].append(term)
            compact = _compact(key)
            if compact:
                self._by_compact[compact].append(term)
            if term.fuzzy and len(key) >= FUZZY_MIN_LEN and _WORD.fullmatch(key):
                self._fuzzy[key[0]].setdefault(key, []).append(term)
        self._automaton = ahocorasick.Automaton()
        for key in self._by_key:
            self._automaton.add_word(key, key)
        if self._by_key:
            self._automaton.make_automaton()
        self._max_compact_parts = 6
        self._fuzzy_cache: dict[str, tuple[Term, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def find(self, folded: Folded, entities: Sequence[Entity] = ()) -> list[TermHit]:
        if not self._by_key:
            return []
        text = folded.folded
        hits: list[TermHit] = []
        covered: list[tuple[int, int]] = []
        for end_idx, found in self._automaton.iter(text):
            key: str = found
            start = end_idx - len(key) + 1
            end = end_idx + 1
            first, last = key[0], key[-1]
            if _is_word_char(first) and start > 0 and _is_word_char(text[start - 1]):
                continue
            if _is_word_char(last) and end < len(text) and _is_word_char(text[end]):
                continue
            o_start, o_end = folded.span(start, end)
            covered.append((o_start, o_end))
            hits.extend(TermHit(t, o_start, o_end, "exact") for t in self._by_key[key])
        for ent in entities:
            if ent.kind != "hashtag":
                continue
            if any(s <= ent.start and ent.end <= e for s, e in covered):
                continue
            parts = [fold(p) for p in split_hashtag(ent.text.lstrip("#＃"))]
            found = False
            for i in range(len(parts)):
                for j in range(min(len(parts), i + self._max_compact_parts), i, -1):
                    terms = self._by_compact.get("".join(parts[i:j]))
                    if terms:
                        hits.extend(TermHit(t, ent.start, ent.end, "hashtag") for t in terms)
                        found = True
                        break
                if found:
                    break
            if found:
                covered.append((ent.start, ent.end))
        if self._fuzzy:
            hits.extend(self._find_fuzzy(folded, covered))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def _find_fuzzy(self, folded: Folded, covered: list[tuple[int, int]]) -> list[TermHit]:
        out: list[TermHit] = []
        for m in _WORD.finditer(folded.folded):
            token = m.group()
            if len(token) < FUZZY_MIN_LEN - 1 or token[0] not in self._fuzzy:
                continue
            terms = self._fuzzy_terms(token)
            if not terms:
                continue
            o_start, o_end = folded.span(m.start(), m.end())
            if any(s <= o_start and o_end <= e for s, e in covered):
                continue
            out.extend(TermHit(t, o_start, o_end, "fuzzy") for t in terms)
        return out

    def _fuzzy_terms(self, token: str) -> tuple[Term, ...]:
        """The terms a word is a near-miss of (cached per word: words repeat across drafts)."""
        got = self._fuzzy_cache.get(token)
        if got is not None:
            return got
        found: tuple[Term, ...] = ()
        for key, terms in self._fuzzy[token[0]].items():
            limit = 2 if len(key) >= 10 else 1
            if abs(len(key) - len(token)) > limit or key == token:
                continue
            if Levenshtein.distance(key, token, score_cutoff=limit) <= limit:
                found = tuple(terms)
                break
        if len(self._fuzzy_cache) >= FUZZY_CACHE_MAX:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[token] = found
        return found
