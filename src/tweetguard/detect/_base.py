"""Building blocks of the secret and personal-data detectors, Presidio-style.

A detector is a small class: its defaults are class constants (``KIND``, ``LABEL``,
``PLACEHOLDER``, ``PATTERNS``, ``TRIGGERS``, ``ANCHOR``, ``MIN_DIGITS``, ``PREFILTER``,
``PRIORITY``) and it overrides one hook, :meth:`PatternDetector.validate`, to veto or rescore
a hit (a checksum, a placeholder filter). A :class:`DetectorTable` runs a table of them:

1. cheap prefilters pick the detectors worth running, each evaluated once per text and
   shared by the detectors that name it: ``TRIGGERS`` (lower-case substrings, one of which
   must occur in the lower-cased text; one Aho-Corasick pass for the whole table),
   ``MIN_DIGITS`` (how many digits the text must hold) and ``PREFILTER`` (a regex that must
   find something);
2. each picked detector yields :class:`~tweetguard.types.Match` objects. With an ``ANCHOR``
   (a case-sensitive regex for the lower-cased text) the ``PATTERNS`` are only tried where
   the anchor matched, which keeps case-insensitive patterns cheap;
3. overlapping matches are resolved (higher ``PRIORITY`` wins, then score, then length), so a
   table's output never overlaps and is sorted by start.

The span of a match is the pattern's named group ``value`` when it has one (``wachtwoord:
geheim123`` covers ``geheim123`` only), else the whole match.

Entropy and the false-positive heuristics for random-looking strings come from the
``detect-secrets`` library (:func:`base64_entropy`, :func:`hex_entropy`,
:func:`rejected_by_detect_secrets`), with its default limits :data:`BASE64_LIMIT` (4.5 bits per
character) and :data:`HEX_LIMIT` (3.0). Importing it (and ``requests``, which it pulls in)
adds about 50 ms to start-up, once per process.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

import ahocorasick
from detect_secrets.filters import heuristic as ds_heuristic
from detect_secrets.plugins.high_entropy_strings import (
    Base64HighEntropyString,
    HexHighEntropyString,
)

from tweetguard.types import Localized, Match, SensitiveCategory

VALUE_GROUP = "value"
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Options:
    """Per-call settings some detectors look at (public addresses that are not personal)."""

    public_emails: Collection[str] = ()
    public_phones: Collection[str] = ()


NO_OPTIONS = Options()


class PatternDetector:
    """One named detector: regexes plus a ``validate`` hook; subclasses set the constants."""

    KIND: ClassVar[str]
    CATEGORY: ClassVar[SensitiveCategory]
    LABEL: ClassVar[Localized]
    PLACEHOLDER: ClassVar[str]
    PATTERNS: ClassVar[tuple[re.Pattern[str], ...]] = ()
    TRIGGERS: ClassVar[tuple[str, ...]] = ()  # lower-case substrings; empty = no such filter
    ANCHOR: ClassVar[re.Pattern[str] | None] = None  # where to try PATTERNS (lowered text)
    MIN_DIGITS: ClassVar[int] = 0
    PREFILTER: ClassVar[re.Pattern[str] | None] = None
    SCORE: ClassVar[float] = 1.0
    PRIORITY: ClassVar[int] = 50  # wins overlaps against lower priorities

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        """Return the score of a hit, or ``None`` to drop it. Default: ``SCORE``."""
        return self.SCORE

    def find(self, text: str, options: Options = NO_OPTIONS) -> Iterator[Match]:
        """Every validated hit of every pattern (may overlap; the table resolves that)."""
        for m in self.raw_matches(text):
            has_value = VALUE_GROUP in m.re.groupindex
            start, end = m.span(VALUE_GROUP) if has_value else m.span()
            if start < 0 or start == end:
                continue
            score = self.validate(text[start:end], m, options)
            if score is not None:
                yield self.make(text, start, end, score)

    def raw_matches(self, text: str) -> Iterator[re.Match[str]]:
        """The regex matches of ``PATTERNS``, tried only at ``ANCHOR`` hits when set."""
        lowered = text.lower() if self.ANCHOR is not None else ""
        if self.ANCHOR is None or len(lowered) != len(text):
            for pattern in self.PATTERNS:
                yield from pattern.finditer(text)
            return
        starts = [a.start() for a in self.ANCHOR.finditer(lowered)]
        for pattern in self.PATTERNS:
            for pos in starts:
                m = pattern.match(text, pos)
                if m is not None:
                    yield m

    def make(self, text: str, start: int, end: int, score: float | None = None) -> Match:
        return Match(
            kind=self.KIND,
            category=self.CATEGORY,
            start=start,
            end=end,
            text=text[start:end],
            label=self.LABEL,
            placeholder=self.PLACEHOLDER,
            score=self.SCORE if score is None else score,
        )


class DetectorTable:
    """A fixed table of detectors, run with shared prefilters and overlap resolution."""

    def __init__(self, detectors: Sequence[PatternDetector]) -> None:
        kinds = [d.KIND for d in detectors]
        if len(set(kinds)) != len(kinds):
            raise ValueError(f"duplicate detector kinds: {kinds}")
        self.detectors: tuple[PatternDetector, ...] = tuple(detectors)
        self._priority = {d.KIND: d.PRIORITY for d in detectors}
        self._always = tuple(i for i, d in enumerate(detectors) if not d.TRIGGERS)
        by_trigger: dict[str, set[int]] = {}
        for i, d in enumerate(detectors):
            for t in d.TRIGGERS:
                if t != t.lower():
                    raise ValueError(f"{d.KIND}: trigger {t!r} must be lower case")
                by_trigger.setdefault(t, set()).add(i)
        self._lower = any(t != t.upper() for t in by_trigger)
        self._triggers: ahocorasick.Automaton | None = None
        if by_trigger:
            self._triggers = ahocorasick.Automaton()
            for t, ids in by_trigger.items():
                self._triggers.add_word(t, frozenset(ids))
            self._triggers.make_automaton()

    def find(self, text: str, options: Options = NO_OPTIONS) -> list[Match]:
        candidates = self._always
        if self._triggers is not None:
            triggered: set[int] = set()
            for _, ids in self._triggers.iter(text.lower() if self._lower else text):
                triggered |= ids
            if triggered:
                candidates = tuple(sorted(triggered.union(self._always)))
        if not candidates:
            return []
        digits = -1  # counted when a detector first asks
        prefiltered: dict[int, bool] = {}
        found: list[Match] = []
        for i in candidates:
            d = self.detectors[i]
            if d.MIN_DIGITS:
                if digits < 0:
                    digits = len(_DIGIT.findall(text))
                if digits < d.MIN_DIGITS:
                    continue
            if d.PREFILTER is not None:
                key = id(d.PREFILTER)
                if key not in prefiltered:
                    prefiltered[key] = d.PREFILTER.search(text) is not None
                if not prefiltered[key]:
                    continue
            found.extend(d.find(text, options))
        return resolve_overlaps(found, self._priority)


def resolve_overlaps(matches: Iterable[Match], priority: dict[str, int]) -> list[Match]:
    """Keep a non-overlapping subset (priority, then score, then length win); sort by start."""
    items = list(matches)
    if len(items) <= 1:
        return items
    items.sort(key=lambda m: (-priority.get(m.kind, 0), -m.score, m.start - m.end, m.start))
    starts: list[int] = []  # the kept matches, disjoint and sorted by start
    kept: list[Match] = []
    for m in items:
        i = bisect.bisect_left(starts, m.start)
        if i > 0 and kept[i - 1].end > m.start:
            continue  # overlaps the kept match that starts before it
        if i < len(kept) and kept[i].start < m.end:
            continue  # overlaps the kept match that starts at or after it
        starts.insert(i, m.start)
        kept.insert(i, m)
    return kept


class AsciiRun:
    """A fast necessary test: does a text hold ``length`` consecutive characters from an ASCII
    ``alphabet``? One ``bytes.translate`` and a substring search (about 0.5 µs for a tweet,
    a quarter of the equivalent regex search); a cheap gate before a costlier pattern."""

    def __init__(self, alphabet: str, length: int) -> None:
        members = alphabet.encode("ascii")
        self._table = bytes(0x61 if b in members else 0x20 for b in range(256))
        self._needle = b"a" * length

    def __call__(self, text: str) -> bool:
        return self._needle in text.encode("utf-8", "surrogatepass").translate(self._table)


def words(text: str) -> frozenset[str]:
    """A word list written as one string: ``words("a b c")``."""
    return frozenset(text.split())


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value`` (0 for a repeated character, ~4-6 for random tokens)."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


_FILLER = re.compile(r"(?i)^(?:[x*•·.#?_\-]+|(.)\1*)$")
_FILLER_RUN = re.compile(r"(?i)x{5,}|\*{3,}|•{3,}|\.{3,}|0{8,}|abcdefghij|qwertyuiop")
_PLACEHOLDER_WORDS = re.compile(
    r"(?i)your|jouw|example|voorbeeld|placeholder|insert|redacted|dummy"
)


def looks_like_placeholder(value: str) -> bool:
    """A filler or template value rather than a real secret: ``****``, ``xxxx``, ``<token>``,
    ``${API_KEY}``, ``{{ secret }}``, ``%s``, ``your_token_here``, ``AKIA…EXAMPLE``."""
    v = value.strip("\"'`")
    if not v or _FILLER.match(v) or _FILLER_RUN.search(v):
        return True
    if v[0] in "<[{" and v[-1] in ">]}":
        return True
    if v.startswith(("$", "%")) or "{{" in v or "${" in v:
        return True
    return _PLACEHOLDER_WORDS.search(v) is not None


# ---- detect-secrets: entropy and heuristic filters ------------------------------------------

_BASE64_PLUGIN = Base64HighEntropyString()
_HEX_PLUGIN = HexHighEntropyString()
BASE64_LIMIT: float = _BASE64_PLUGIN.entropy_limit  # detect-secrets' default, 4.5
HEX_LIMIT: float = _HEX_PLUGIN.entropy_limit  # detect-secrets' default, 3.0


def base64_entropy(value: str) -> float:
    """Shannon entropy over the base64 (and url-safe base64) alphabet, as detect-secrets'
    ``Base64HighEntropyString`` computes it. About 20 µs: call it last, on few candidates."""
    return float(_BASE64_PLUGIN.calculate_shannon_entropy(value))


def hex_entropy(value: str) -> float:
    """Shannon entropy over the hex alphabet, as detect-secrets' ``HexHighEntropyString``
    computes it (an all-digit string is penalised: ids and numbers are rarely secrets)."""
    return float(_HEX_PLUGIN.calculate_shannon_entropy(value))


def rejected_by_detect_secrets(value: str, *, word: str = "", line: str = "") -> bool:
    """detect-secrets' heuristic filters for a candidate ``value``: no letter at all, a
    sequence (``ABCDEF…``, ``0123…``), a UUID, a template (``{x}``, ``<x>``, ``${x}``) or
    ``$VAR`` (checked on ``word``, the candidate with what surrounds it up to whitespace), or
    an id (``user_id: …``, checked on ``line``, the line holding the candidate)."""
    shell = word or value
    return (
        ds_heuristic.is_not_alphanumeric_string(value)
        or ds_heuristic.is_sequential_string(value)
        or ds_heuristic.is_potential_uuid(value)
        or ds_heuristic.is_templated_secret(shell)
        or ds_heuristic.is_prefixed_with_dollar_sign(shell)
        or (bool(line) and ds_heuristic.is_likely_id_string(value, line))
    )
