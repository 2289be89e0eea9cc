"""Scoring with the shipped models: load once, score a text in microseconds, explain.

A text's score for an output is ``intercept + (Σ token vectors + Σ bigram rows) / sqrt(n)``,
where a token's vector (its word, character n-gram and lexicon rows summed) is computed once
per distinct token and cached. Because the score is a sum over tokens, the words that tipped
a model are read off exactly: a token's share is its own vector plus half of each bigram it is
part of.
"""

from __future__ import annotations

import itertools
import math
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tweetguard.detect.language import EN_WORDS, NL_WORDS
from tweetguard.models.artefact import DEFAULT_PATH, ModelSpec, read
from tweetguard.models.features import (
    BOS,
    EOS,
    TOKEN,
    Token,
    normalise_token,
    token_features,
    tokenize,
)

Vector = npt.NDArray[np.float32]
TOKEN_CACHE_MAX = 200_000
# Words too common to be named as a reason when a content word pushed the score as well.
FUNCTION_WORDS = (
    NL_WORDS
    | EN_WORDS
    | frozenset(
        [
            "de",
            "en",
            "je",
            "te",
            "die",
            "was",
            "er",
            "als",
            "of",
            "in",
            "is",
            "we",
            "me",
            "a",
            "i",
            "an",
            "on",
            "do",
            "no",
            "so",
            "al",
        ]
    )
)
MIN_SHARE = 0.05  # a token must add at least this much to a logit to be named


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _nameable(key: str) -> bool:
    """Whether a token may be named as a reason: a word of two letters or more or a symbol
    (emoji), not a mention, a link or anything with digits (a number in a text may be a
    personal datum, and is never the point)."""
    if key in ("@user", "<url>") or "0" in key:
        return False
    return len(key) > 1 or not key.isalpha()


@dataclass(frozen=True, slots=True)
class Explanation:
    """What a model said about a text: the probability (``score``, where 0.5 is the model's
    own decision threshold), the label, and the tokens that pushed towards it."""

    model: str
    score: float
    label: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # in the folded text


class Models:
    """The shipped models, ready to score.

    Scoring reads one float32 table: the weight rows of the vocabulary, followed by a row per
    distinct token seen so far holding the sum of that token's own feature rows (word,
    character n-grams, lexicon cues). A text then costs a dictionary look-up per token and
    bigram and one numpy sum. Thread-safe for reading: cache updates are single dictionary
    operations, atomic under the GIL; explanations never depend on the cache.
    """

    def __init__(self, path: Path = DEFAULT_PATH) -> None:
        art = read(path)
        self.path = path
        self.specs: dict[str, ModelSpec] = {s.name: s for s in art.specs}
        self.vocab: dict[str, int] = {f: i for i, f in enumerate(art.vocabulary)}
        self.weights = art.weights
        self.intercepts = art.intercepts
        self.meta = art.meta
        self.n_outputs = int(self.weights.shape[1])
        self._zero = np.zeros(self.n_outputs, dtype=np.float32)
        # bigram features as nested dictionaries: no string is built to look one up
        self.bigrams: dict[str, dict[str, int]] = {}
        for feature, row in self.vocab.items():
            if feature.startswith("b:"):
                a, _, b = feature[2:].partition("|")
                self.bigrams.setdefault(a, {})[b] = row
        n = len(art.vocabulary)
        self._first_token_row = n
        self._table = np.zeros((n + TOKEN_CACHE_MAX, self.n_outputs), dtype=np.float32)
        self._table[:n] = self.weights
        self._next_row = n
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[str, int]] = {}  # raw token -> (key, table row or -1)
        self._keys: dict[str, int] = {}  # model key -> table row, or -1 (no known feature)
        self.generation = 0  # counts cache resets: rows read before one are stale

    def feature_rows(self, key: str) -> list[int]:
        """Vocabulary rows of one token's own features."""
        return [i for f in token_features(key) if (i := self.vocab.get(f)) is not None]

    def token(self, raw: str) -> tuple[str, int]:
        """A raw token's model key and the table row of its summed feature weights (-1 when
        it has no known feature); cached by raw form, and by key for the many raw forms of
        one key (every link and mention is new, but they all are ``<url>`` and ``@user``)."""
        got = self._tokens.get(raw)
        if got is not None:
            return got
        key = normalise_token(raw)
        row = self._keys.get(key)
        if row is None:
            row = self._add_token(key)
        got = (key, row)
        if key not in ("<url>", "@user"):
            if len(self._tokens) >= TOKEN_CACHE_MAX:
                self._reset()
                return self.token(raw)
            self._tokens[raw] = got
        return got

    def _add_token(self, key: str) -> int:
        rows = self.feature_rows(key)
        with self._lock:
            if len(self._keys) >= TOKEN_CACHE_MAX or self._next_row >= len(self._table):
                self._reset()
            if not rows:
                self._keys[key] = -1
                return -1
            row = self._next_row
            self._next_row += 1
            self._table[row] = self.weights[rows].sum(axis=0)
            self._keys[key] = row
        return row

    def _reset(self) -> None:
        """Forget every cached token (the cache is full: bounded memory, rare)."""
        self._tokens.clear()
        self._keys.clear()
        self._next_row = self._first_token_row
        self.generation += 1

    def token_vector(self, key: str) -> Vector | None:
        """The summed weight rows of a token's own features (``None``: no known feature)."""
        rows = self.feature_rows(key)
        return self.weights[rows].sum(axis=0) if rows else None

    def bigram_row(self, a: str, b: str) -> int | None:
        following = self.bigrams.get(a)
        return following.get(b) if following is not None else None

    def analyse(self, folded: str) -> Analysis:
        return Analysis(self, folded)


class Analysis:
    """One folded text scored by every model at once (lazily: nothing is computed until a
    score is asked for)."""

    def __init__(self, models: Models, folded: str) -> None:
        self.models = models
        self.folded = folded
        self._keys: list[str] = []
        self._token_rows: list[int] = []
        self._generation = -1

    @cached_property
    def logits(self) -> Vector:
        m = self.models
        token = m.token
        cached = m._tokens.get
        bigrams = m.bigrams
        generation = m.generation
        rows: list[int] = []
        keys: list[str] = []
        token_rows: list[int] = []
        prev = BOS
        for raw in TOKEN.findall(self.folded):
            key, row = cached(raw) or token(raw)
            if row >= 0:
                rows.append(row)
            following = bigrams.get(prev)
            if following is not None and (b := following.get(key)) is not None:
                rows.append(b)
            keys.append(key)
            token_rows.append(row)
            prev = key
        following = bigrams.get(prev)
        if following is not None and (b := following.get(EOS)) is not None:
            rows.append(b)
        self._keys = keys
        self._token_rows = token_rows
        self._generation = generation
        if m.generation != generation:  # the cache was reset while reading this text
            return self._logits_uncached()
        total = m._table[rows].sum(axis=0) if rows else m._zero
        out: Vector = m.intercepts + total * (1.0 / math.sqrt(max(len(keys), 1)))
        return out

    def _logits_uncached(self) -> Vector:
        """The same sum, from the vocabulary alone (after a cache reset mid-text)."""
        m = self.models
        seq = [BOS, *self._keys, EOS]
        rows = [r for k in self._keys for r in m.feature_rows(k)]
        rows += [r for a, b in itertools.pairwise(seq) if (r := m.bigram_row(a, b)) is not None]
        total = m.weights[rows].sum(axis=0) if rows else m._zero
        out: Vector = m.intercepts + total * (1.0 / math.sqrt(max(len(self._keys), 1)))
        return out

    @cached_property
    def tokens(self) -> list[Token]:
        """The tokens with their offsets in the folded text (for explanations)."""
        return tokenize(self.folded)

    def probability(self, name: str, label: str | None = None) -> float:
        """The model's probability for ``label`` (binary: the positive label), calibrated so
        that 0.5 is the model's decision threshold."""
        spec = self.models.specs[name]
        logits = self.values
        if spec.kind == "binary":
            return _sigmoid(logits[spec.columns[0]] - _logit(spec.threshold))
        values = [logits[c] for c in spec.columns]
        top = max(values)
        exps = [math.exp(v - top) for v in values]
        k = spec.labels.index(label) if label else values.index(top)
        return exps[k] / sum(exps)

    @cached_property
    def values(self) -> list[float]:
        """The logits as Python floats (cheaper to read one by one than numpy scalars)."""
        return [float(x) for x in self.logits.tolist()]

    def label(self, name: str) -> str:
        spec = self.models.specs[name]
        if spec.kind == "binary":
            return spec.labels[1] if self.probability(name) >= 0.5 else spec.labels[0]
        values = [self.values[c] for c in spec.columns]
        return spec.labels[values.index(max(values))]

    def contributions(self, column: int) -> list[float]:
        """Each token's share of one output's score."""
        return [float(x) for x in self.shares[:, column].tolist()]

    @cached_property
    def shares(self) -> npt.NDArray[np.float32]:
        """Each token's share of every output's score (tokens x outputs): its own features,
        and half of each bigram it is part of (the first and last bigram belong to one token
        only). The rows add up to the logits minus the intercepts."""
        _ = self.logits  # fills the keys and rows
        m = self.models
        keys = self._keys
        n = len(keys)
        out = np.zeros((n, m.n_outputs), dtype=np.float32)
        if n == 0:
            return out
        if m.generation == self._generation:
            known = [i for i, r in enumerate(self._token_rows) if r >= 0]
            out[known] = m._table[[self._token_rows[i] for i in known]]
        else:  # the cache was reset since: from the vocabulary
            for i, key in enumerate(keys):
                vec = m.token_vector(key)
                if vec is not None:
                    out[i] = vec
        seq = [BOS, *keys, EOS]
        bigram = np.zeros((n + 1, m.n_outputs), dtype=np.float32)
        for i, (a, b) in enumerate(itertools.pairwise(seq)):
            row = m.bigram_row(a, b)
            if row is not None:
                bigram[i] = m.weights[row]
        out += 0.5 * (bigram[:-1] + bigram[1:])
        out[0] += 0.5 * bigram[0]
        out[-1] += 0.5 * bigram[-1]
        scaled: npt.NDArray[np.float32] = out * (1.0 / math.sqrt(n))
        return scaled

    def explain(self, name: str, label: str | None = None, top: int = 3) -> Explanation:
        """The score for ``label`` (default: the positive or most likely label) and the
        tokens that pushed the score towards it most."""
        spec = self.models.specs[name]
        if label is None:
            label = spec.labels[1] if spec.kind == "binary" else self.label(name)
        score = self.probability(name, label)
        if spec.kind == "binary":
            sign = 1.0 if label == spec.labels[1] else -1.0
            contrib = [sign * c for c in self.contributions(spec.columns[0])]
        else:
            k = spec.labels.index(label)
            mine = self.contributions(spec.columns[k])
            others = [self.contributions(c) for j, c in enumerate(spec.columns) if j != k]
            contrib = [c - sum(o[i] for o in others) / len(others) for i, c in enumerate(mine)]
        ranked = sorted(
            (i for i, c in enumerate(contrib) if c > MIN_SHARE and _nameable(self.tokens[i].key)),
            key=lambda i: -contrib[i],
        )
        # Name content words first ("Tja", "verwacht"), function words ("als", "je") only
        # when nothing else pushed the score.
        content = [i for i in ranked if self.tokens[i].key not in FUNCTION_WORDS]
        order = (content or ranked)[:top]
        order.sort()
        words = tuple(self.folded[self.tokens[i].start : self.tokens[i].end] for i in order)
        spans = tuple((self.tokens[i].start, self.tokens[i].end) for i in order)
        return Explanation(name, score, label, words, spans)


_LOCK = threading.Lock()
_LOADED: list[Models] = []


def load_models() -> Models:
    """The shipped models, loaded on first use and shared by the process."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                _LOADED.append(Models())
    return _LOADED[0]
