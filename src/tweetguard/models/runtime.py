"""Scoring with the shipped models: load once, score a text in microseconds, explain.

A text's score for an output is ``intercept + (Σ token vectors + Σ bigram rows) / sqrt(n)``,
where a token's vector (its word, character n-gram and lexicon rows summed) is computed once
per distinct token and cached. Because the score is a sum over tokens, the words that tipped
a model are read off exactly: a token's share is its own vector plus half of each bigram it is
part of.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt

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
    """The shipped models, ready to score. Thread-safe for reading; the token cache is a
    plain dict whose updates are atomic under the GIL."""

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
        # raw token (as found in folded text) -> (model key, summed weight rows or None)
        self._tokens: dict[str, tuple[str, Vector | None]] = {}

    def token(self, raw: str) -> tuple[str, Vector | None]:
        """A raw token's model key and the summed weight rows of its own features (cached:
        tokens repeat, so most texts cost a few dictionary look-ups)."""
        got = self._tokens.get(raw)
        if got is not None:
            return got
        key = normalise_token(raw)
        rows = [i for f in token_features(key) if (i := self.vocab.get(f)) is not None]
        got = (key, self.weights[rows].sum(axis=0) if rows else None)
        if len(self._tokens) >= TOKEN_CACHE_MAX:
            self._tokens.clear()
        self._tokens[raw] = got
        return got

    def token_vector(self, key: str) -> Vector | None:
        """The summed weight rows of a token's own features."""
        return self.token(key)[1]

    def analyse(self, folded: str) -> Analysis:
        return Analysis(self, folded)


class Analysis:
    """One folded text scored by every model at once (lazily: nothing is computed until a
    score is asked for)."""

    def __init__(self, models: Models, folded: str) -> None:
        self.models = models
        self.folded = folded
        self._keys: list[str] = []
        self._vectors: list[Vector | None] = []
        self._bigram_rows: list[int | None] = []

    @cached_property
    def logits(self) -> Vector:
        m = self.models
        token = m.token
        pairs = [token(raw) for raw in TOKEN.findall(self.folded)]
        keys = [k for k, _ in pairs]
        self._keys = keys
        self._vectors = [v for _, v in pairs]
        vocab = m.vocab
        prev = BOS
        bigram_rows: list[int | None] = []
        for k in keys:
            bigram_rows.append(vocab.get("b:" + prev + "|" + k))
            prev = k
        bigram_rows.append(vocab.get("b:" + prev + "|" + EOS))
        self._bigram_rows = bigram_rows
        vecs = [v for v in self._vectors if v is not None]
        rows = [r for r in bigram_rows if r is not None]
        total = m._zero.copy()
        if vecs:
            total += np.add.reduce(vecs)
        if rows:
            total += m.weights[rows].sum(axis=0)
        out: Vector = m.intercepts + total * (1.0 / math.sqrt(max(len(keys), 1)))
        return out

    @cached_property
    def tokens(self) -> list[Token]:
        """The tokens with their offsets in the folded text (for explanations)."""
        return tokenize(self.folded)

    def probability(self, name: str, label: str | None = None) -> float:
        """The model's probability for ``label`` (binary: the positive label), calibrated so
        that 0.5 is the model's decision threshold."""
        spec = self.models.specs[name]
        logits = self.logits
        if spec.kind == "binary":
            return _sigmoid(float(logits[spec.columns[0]]) - _logit(spec.threshold))
        values = [float(logits[c]) for c in spec.columns]
        top = max(values)
        exps = [math.exp(v - top) for v in values]
        k = spec.labels.index(label) if label else int(np.argmax(values))
        return exps[k] / sum(exps)

    def label(self, name: str) -> str:
        spec = self.models.specs[name]
        if spec.kind == "binary":
            return spec.labels[1] if self.probability(name) >= 0.5 else spec.labels[0]
        return spec.labels[int(np.argmax([self.logits[c] for c in spec.columns]))]

    def contributions(self, column: int) -> list[float]:
        """Each token's share of one output's score."""
        _ = self.logits  # fills the token vectors and bigram rows
        weights = self.models.weights
        scale = 1.0 / math.sqrt(max(len(self._keys), 1))
        out = []
        last = len(self._vectors) - 1
        for i, v in enumerate(self._vectors):
            own = float(v[column]) if v is not None else 0.0
            # a bigram is shared by its two tokens; the first and last are a token's own
            left, right = self._bigram_rows[i], self._bigram_rows[i + 1]
            if left is not None:
                own += (1.0 if i == 0 else 0.5) * float(weights[left, column])
            if right is not None:
                own += (1.0 if i == last else 0.5) * float(weights[right, column])
            out.append(own * scale)
        return out

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
        order = sorted(
            (i for i, c in enumerate(contrib) if c > MIN_SHARE and _nameable(self.tokens[i].key)),
            key=lambda i: -contrib[i],
        )[:top]
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
