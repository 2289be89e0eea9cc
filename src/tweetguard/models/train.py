"""``make models``: train the models from ``../shared/data`` and ``training/examples`` and
write ``src/tweetguard/models/weights.tgm``.

Every model is a logistic regression over the features of :mod:`tweetguard.models.features`
(one shared vocabulary: features seen in at least two training texts). Binary models use
naive-Bayes log-count-ratio feature weights (Wang & Manning 2012, "NBSVM"), folded into the
exported weights so that scoring stays one sum; their decision threshold is chosen on
5-fold out-of-fold predictions of the training data (never on dev). Seeds are fixed, the
solvers are deterministic and the weights are rounded before writing, so a rerun on the same
data gives the same bytes.

    python -m tweetguard.models.train --data ../shared/data --examples training/examples
"""

from __future__ import annotations

import math
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from tweetguard.models import datasets as D
from tweetguard.models.artefact import DEFAULT_PATH, Artefact, ModelSpec, write
from tweetguard.models.features import bigrams, lexicon, token_features, tokenize
from tweetguard.text.normalize import fold_with_offsets

MIN_DF = 2
MAX_FEATURES = 400_000


@dataclass(frozen=True)
class Task:
    """A binary or multiclass model and the function that gathers its training data."""

    name: str
    kind: str  # "binary" or "multiclass"
    labels: tuple[str, ...]  # binary: (negative, positive)
    train: Callable[[Path, Path], list[D.Example]]
    C: float
    description: str


def _own_texts_as(examples: Path, tasks: tuple[str, ...], label: str) -> list[D.Example]:
    """Texts of other own example files as extra examples of ``label`` (e.g. everyday Dutch
    tweets as "not abuse"), leaving out any that hits the insult lists. ``TASK:LABEL`` takes
    only the rows of one label ("sentiment:positive")."""
    cues = lexicon()
    out = []
    for item in tasks:
        task, _, only = item.partition(":")
        for ex in D.own(examples, task, "train"):
            if only and ex.label != only:
                continue
            keys = [t.key for t in tokenize(fold_with_offsets(ex.text).folded)]
            if any(c in ("L:insult", "L:prof") for k in keys for c in cues.get(k, ())):
                continue
            out.append(D.Example(ex.text, label, ex.source, ex.lang, 0.5))
    return out


def _tweeteval_sample(
    data: Path, labels: set[str], n: int, label: str, w: float
) -> list[D.Example]:
    rows = [e for e in D.tweeteval(data, "train") if e.label in labels]
    random.Random(D.SEED).shuffle(rows)
    return [D.Example(e.text, label, e.source, e.lang, w) for e in rows[:n]]


def abuse_data(data: Path, examples: Path) -> list[D.Example]:
    rows = (
        D.olid(data, "train")
        + D.hatecheck(data, "hatecheck_en", "train", "en")
        + D.hatecheck(data, "hatecheck_nl_mhc", "train", "nl")
        + D.davidson(data, "train")
        + [
            D.Example(e.text, e.label, e.source, e.lang, 2.0)
            for e in D.own(examples, "abuse", "train")
        ]
        + _own_texts_as(examples, ("sentiment", "customer_question", "internal", "tone"), "none")
        + _tweeteval_sample(data, {"neutral", "positive"}, 3000, "none", 0.5)
    )
    return [
        D.Example(e.text, "no" if e.label == "none" else "yes", e.source, e.lang, e.weight)
        for e in rows
    ]


def aimed_data(data: Path, examples: Path) -> list[D.Example]:
    rows = (
        D.olid(data, "train")
        + D.hatecheck(data, "hatecheck_en", "train", "en")
        + D.hatecheck(data, "hatecheck_nl_mhc", "train", "nl")
        + [
            D.Example(e.text, e.label, e.source, e.lang, 2.0)
            for e in D.own(examples, "abuse", "train")
        ]
    )
    return [
        D.Example(e.text, "yes" if e.label == "aimed" else "no", e.source, e.lang, e.weight)
        for e in rows
        if e.label in ("aimed", "untargeted")
    ]


def sentiment_data(data: Path, examples: Path) -> list[D.Example]:
    own = [
        D.Example(e.text, e.label, e.source, e.lang, 3.0)
        for e in D.own(examples, "sentiment", "train")
    ]
    return D.tweeteval(data, "train") + own


def _own_binary(
    task: str,
    positive: str,
    everyday: set[str],
    own_negatives: tuple[str, ...],
    n_everyday: int = 3000,
) -> Callable[[Path, Path], list[D.Example]]:
    """Our own examples of a task, anchored on everyday tweets: a seeded sample of TweetEval
    tweets with the given sentiment labels and the texts of other own example files, as
    negatives of half weight (without them a model that saw a few hundred texts calls any
    unfamiliar tweet positive)."""

    def gather(data: Path, examples: Path) -> list[D.Example]:
        own = [
            D.Example(e.text, "yes" if e.label == positive else "no", e.source, e.lang)
            for e in D.own(examples, task, "train")
        ]
        extra = _tweeteval_sample(data, everyday, n_everyday, "no", 0.5)
        extra += [
            D.Example(e.text, "no", e.source, e.lang, 0.5)
            for e in _own_texts_as(examples, own_negatives, "no")
        ]
        return own + extra

    return gather


TASKS = (
    Task("abuse", "binary", ("no", "yes"), abuse_data, 0.3,
         "abusive, offensive or coarse language (rule 8)"),
    Task("aimed", "binary", ("no", "yes"), aimed_data, 0.3,
         "given abuse: aimed at a person, group or organisation vs untargeted (rule 8)"),
    Task("sentiment", "multiclass", ("negative", "neutral", "positive"), sentiment_data, 0.3,
         "negative / neutral / positive (heat for rule 2, context for rule 9)"),
    Task("tone", "binary", ("no", "yes"),
         _own_binary("tone", "negative", {"positive"}, (), 1000), 1.0,
         "a reply whose tone is negative, defensive or dismissive (rule 9)"),
    Task("irony", "binary", ("no", "yes"),
         _own_binary("irony", "ironic", {"neutral"},
                     ("internal", "sentiment:positive", "sentiment:neutral")), 1.0,
         "irony or sarcasm (rule 2)"),
    Task("customer_question", "binary", ("no", "yes"),
         _own_binary("customer_question", "question", {"neutral", "positive"},
                     ("internal",)), 1.0,
         "the tweet replied to is a customer question or complaint (rule 6)"),
    Task("internal", "binary", ("no", "yes"),
         _own_binary("internal", "internal", {"neutral", "positive", "negative"},
                     ("sentiment", "irony", "customer_question", "abuse")), 1.0,
         "content meant for colleagues (rule 5)"),
)  # fmt: skip


class Featurizer:
    """Features of each distinct text, computed once."""

    def __init__(self) -> None:
        self.cache: dict[str, tuple[list[str], int]] = {}

    def __call__(self, text: str) -> tuple[list[str], int]:
        got = self.cache.get(text)
        if got is None:
            keys = [t.key for t in tokenize(fold_with_offsets(text).folded)]
            feats = [f for k in keys for f in token_features(k)]
            feats.extend(bigrams(keys))
            got = (feats, len(keys))
            self.cache[text] = got
        return got


def matrix(texts: list[str], feat: Featurizer, vocab: dict[str, int]) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for text in texts:
        feats, n = feat(text)
        counts = Counter(vocab[f] for f in feats if f in vocab)
        s = 1.0 / math.sqrt(max(n, 1))
        for k in sorted(counts):
            indices.append(k)
            values.append(counts[k] * s)
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.array(values), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(texts), len(vocab)),
    )


def nb_ratio(x: sparse.csr_matrix, y: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    xb = (x > 0).astype(np.float64)
    pos = np.asarray(xb[y].sum(0)).ravel() + 1.0
    neg = np.asarray(xb[~y].sum(0)).ravel() + 1.0
    return np.asarray(np.log((pos / pos.sum()) / (neg / neg.sum())))


def fit_binary(
    x: sparse.csr_matrix, y: npt.NDArray[np.bool_], w: npt.NDArray[np.float64], c: float
) -> tuple[npt.NDArray[np.float64], float]:
    """NB-weighted logistic regression; returns (effective weights, intercept)."""
    r = nb_ratio(x, y)
    model = LogisticRegression(
        C=c, class_weight="balanced", solver="liblinear", max_iter=5000, random_state=0
    )
    model.fit(x @ sparse.diags(r), y, sample_weight=w)
    return model.coef_.ravel() * r, float(model.intercept_[0])


def oof_threshold(
    x: sparse.csr_matrix, y: npt.NDArray[np.bool_], w: npt.NDArray[np.float64], c: float
) -> float:
    """The probability threshold with the best macro-F1 on 5-fold out-of-fold predictions."""
    prob = np.zeros(len(y))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    for tr, te in folds.split(np.zeros(len(y)), y):
        coef, icpt = fit_binary(x[tr], y[tr], w[tr], c)
        prob[te] = 1.0 / (1.0 + np.exp(-(x[te] @ coef + icpt)))
    grid = np.round(np.arange(0.20, 0.81, 0.025), 3)
    scores = [f1_score(y, prob >= t, average="macro") for t in grid]
    return float(grid[int(np.argmax(scores))])


def main(argv: list[str] | None = None) -> int:
    parser = D.parser(__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    if error := D.missing_data(args.data):
        print(error, file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    feat = Featurizer()
    sets = {task.name: task.train(args.data, args.examples) for task in TASKS}
    for name, rows in sets.items():
        if len({e.label for e in rows}) < 2:
            print(
                f"error: too few training examples for {name!r} (see {args.examples})",
                file=sys.stderr,
            )
            return 2
    df: Counter[str] = Counter()
    for text in sorted({e.text for rows in sets.values() for e in rows}):
        df.update(set(feat(text)[0]))
    vocab_list = sorted(f for f, n in df.items() if n >= MIN_DF)
    vocab = {f: i for i, f in enumerate(vocab_list)}
    print(f"{len(feat.cache)} texts, {len(vocab)} features (df >= {MIN_DF})")

    columns: list[npt.NDArray[np.float64]] = []
    intercepts: list[float] = []
    specs: list[ModelSpec] = []
    for task in TASKS:
        rows = sets[task.name]
        x = matrix([e.text for e in rows], feat, vocab)
        w = np.array([e.weight for e in rows])
        first = len(columns)
        if task.kind == "binary":
            y = np.array([e.label == task.labels[1] for e in rows])
            threshold = oof_threshold(x, y, w, task.C)
            coef, icpt = fit_binary(x, y, w, task.C)
            columns.append(coef)
            intercepts.append(icpt)
            cols: tuple[int, ...] = (first,)
        else:
            y_idx = np.array([task.labels.index(e.label) for e in rows])
            model = LogisticRegression(
                C=task.C, class_weight="balanced", max_iter=5000, random_state=0
            )
            model.fit(x, y_idx, sample_weight=w)
            threshold = 0.5
            for k in range(len(task.labels)):
                columns.append(model.coef_[k])
                intercepts.append(float(model.intercept_[k]))
            cols = tuple(range(first, first + len(task.labels)))
        specs.append(
            ModelSpec(task.name, task.kind, task.labels, cols, threshold, task.description)
        )
        counts = Counter(e.label for e in rows)
        print(f"  {task.name}: {len(rows)} examples {dict(counts)} threshold {threshold}")

    weights = np.stack(columns, axis=1)
    # Keep the features that matter: the largest weights, rounded as they will be written.
    strength = np.abs(np.round(weights, 4)).max(axis=1)
    keep = np.flatnonzero(strength > 0)
    if len(keep) > MAX_FEATURES:
        keep = np.sort(np.argsort(-strength, kind="stable")[:MAX_FEATURES])
    sources = sorted({e.source for rows in sets.values() for e in rows})
    art = Artefact(
        tuple(specs),
        tuple(vocab_list[i] for i in keep),
        np.array(intercepts, dtype=np.float32),
        weights[keep].astype(np.float32),
        {"sources": sources, "seed": D.SEED, "min_df": MIN_DF},
    )
    write(args.out, art)
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({len(keep)} features, {size / 1e6:.1f} MB) "
        f"in {time.perf_counter() - t0:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
