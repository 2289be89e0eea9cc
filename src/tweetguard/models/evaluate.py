"""``make eval``: how good the shipped models are, on data they were not trained on.

For each model: precision, recall and macro-F1 on the dev splits of ``../shared/data`` and on
the dev part of our own example files (Dutch and English apart); the language detector's
accuracy; and, through the whole engine with the example policy, how often everyday tweets
(the non-offensive, neutral and positive dev rows) are blocked or warned about. Prints the
tables and writes ``docs/model-card.md``.

    python -m tweetguard.models.evaluate --data ../shared/data --examples training/examples
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import f1_score, precision_score, recall_score

from tweetguard.detect.language import detect_language
from tweetguard.models import datasets as D
from tweetguard.models.artefact import DEFAULT_PATH
from tweetguard.models.runtime import Models
from tweetguard.text.normalize import fold_with_offsets

NOW = dt.datetime(2026, 11, 24, 10, 15, tzinfo=dt.UTC)  # a Tuesday morning: no late-night info


@dataclass(frozen=True)
class Score:
    model: str
    dataset: str
    n: int
    precision: float  # of the positive class (binary); macro (multiclass)
    recall: float
    macro_f1: float
    note: str = ""


def _binary(
    models: Models, model: str, dataset: str, rows: list[D.Example], positive: Callable[[str], bool]
) -> Score:
    if not rows:
        return Score(model, dataset, 0, float("nan"), float("nan"), float("nan"), "no data")
    y = [positive(e.label) for e in rows]
    p = [models.analyse(fold_with_offsets(e.text).folded).probability(model) >= 0.5 for e in rows]
    return Score(
        model,
        dataset,
        len(rows),
        float(precision_score(y, p, zero_division=0)),
        float(recall_score(y, p, zero_division=0)),
        float(f1_score(y, p, average="macro", zero_division=0)),
    )


def _multiclass(models: Models, model: str, dataset: str, rows: list[D.Example]) -> Score:
    if not rows:
        return Score(model, dataset, 0, float("nan"), float("nan"), float("nan"), "no data")
    y = [e.label for e in rows]
    p = [models.analyse(fold_with_offsets(e.text).folded).label(model) for e in rows]
    return Score(
        model,
        dataset,
        len(rows),
        float(precision_score(y, p, average="macro", zero_division=0)),
        float(recall_score(y, p, average="macro", zero_division=0)),
        float(f1_score(y, p, average="macro", zero_division=0)),
        "precision and recall are macro averages over the three classes",
    )


def _by_lang(rows: list[D.Example], lang: str) -> list[D.Example]:
    return [e for e in rows if e.lang == lang]


def model_scores(models: Models, data: Path, examples: Path) -> list[Score]:
    out: list[Score] = []
    is_abuse = lambda label: label != "none"  # noqa: E731
    olid = D.olid(data, "dev")
    out.append(_binary(models, "abuse", "OLID dev (level A: OFF vs NOT)", olid, is_abuse))
    for name, lang in (("hatecheck_nl_mhc", "nl"), ("hatecheck_en", "en")):
        label = "Dutch" if lang == "nl" else "English"
        orig = D.hatecheck_original(data, name, "dev")
        out.append(
            _binary(
                models, "abuse", f"{label} HateCheck dev, original labels (hateful)", orig,
                lambda lab: lab == "hateful",
            )
        )  # fmt: skip
        relabelled = D.hatecheck(data, name, "dev", lang)
        out.append(
            _binary(
                models, "abuse", f"{label} HateCheck dev, policy labels (abuse)", relabelled,
                is_abuse,
            )
        )  # fmt: skip
    dav = D.davidson(data, "dev", offensive=10**9)
    out.append(_binary(models, "abuse", "Davidson dev (offensive or hate vs neither)", dav,
                       is_abuse))  # fmt: skip
    own_abuse = D.own(examples, "abuse", "dev")
    for lang in ("nl", "en"):
        out.append(
            _binary(models, "abuse", f"own abuse.{lang} dev", _by_lang(own_abuse, lang), is_abuse)
        )
    off = [e for e in olid if e.label != "none"]
    out.append(
        _binary(models, "aimed", "OLID dev (level B: TIN vs UNT)", off, lambda lab: lab == "aimed")
    )
    abusive = [e for e in own_abuse if e.label != "none"]
    for lang in ("nl", "en"):
        out.append(
            _binary(models, "aimed", f"own abuse.{lang} dev (aimed vs untargeted)",
                    _by_lang(abusive, lang), lambda lab: lab == "aimed")
        )  # fmt: skip
    out.append(
        _multiclass(models, "sentiment", "TweetEval sentiment dev", D.tweeteval(data, "dev"))
    )
    own_sent = D.own(examples, "sentiment", "dev")
    out.append(_multiclass(models, "sentiment", "own sentiment.nl dev", _by_lang(own_sent, "nl")))
    for task, model, positive in (
        ("tone", "tone", "negative"),
        ("irony", "irony", "ironic"),
        ("customer_question", "customer_question", "question"),
        ("internal", "internal", "internal"),
    ):
        rows = D.own(examples, task, "dev")
        is_positive = functools.partial(operator.eq, positive)
        for lang in ("nl", "en"):
            out.append(
                _binary(models, model, f"own {task}.{lang} dev", _by_lang(rows, lang),
                        is_positive)
            )  # fmt: skip
    return out


def language_scores(data: Path, examples: Path) -> list[tuple[str, int, float, float]]:
    """(dataset, n, accuracy, share decided by function words) of the language detector;
    texts too short to tell count as right (every check treats them as Dutch or English)."""
    sets = {
        "OLID dev (en)": D.olid(data, "dev"),
        "TweetEval dev (en)": D.tweeteval(data, "dev"),
        "Dutch HateCheck dev (nl)": D.hatecheck(data, "hatecheck_nl_mhc", "dev", "nl"),
    }
    for task in ("abuse", "tone", "irony", "customer_question", "internal", "sentiment"):
        for ex in D.own(examples, task, "dev"):
            sets.setdefault(f"own examples dev ({ex.lang})", []).append(ex)
    out = []
    for name, rows in sets.items():
        guesses = [detect_language(e.text) for e in rows]
        right = sum(1 for e, g in zip(rows, guesses, strict=True) if g.code in (None, e.lang))
        fast = sum(1 for g in guesses if g.method == "function-words")
        out.append((name, len(rows), right / len(rows), fast / len(rows)))
    return out


def everyday_rates(data: Path) -> list[tuple[str, int, float, float, float]]:
    """(dataset, n, block rate, any-warn rate, rule-8 warn rate) through the whole engine.

    Blocks and warnings count findings of the policy's rules; platform checks (``P.length``:
    OLID's anonymised "@USER @USER …" runs push some texts over 280) are left out."""
    from tweetguard.draft import text_draft
    from tweetguard.engine import Engine
    from tweetguard.policy import load_policy

    engine = Engine(load_policy())
    sets = {
        "TweetEval dev neutral+positive": [
            e for e in D.tweeteval(data, "dev") if e.label != "negative"
        ],
        "OLID dev NOT": [e for e in D.olid(data, "dev") if e.label == "none"],
        "Davidson dev neither": [e for e in D.davidson(data, "dev") if e.label == "none"],
    }
    out = []
    for name, rows in sets.items():
        block = warn = warn8 = 0
        for e in rows:
            report = engine.check(text_draft(e.text), now=NOW)
            severities = {f.severity for f in report.findings if f.rule > 0}
            block += "block" in severities
            warn += "warn" in severities and "block" not in severities
            warn8 += any(f.rule == 8 and f.severity == "warn" for f in report.findings)
        n = len(rows)
        out.append((name, n, block / n, warn / n, warn8 / n))
    return out


# Hand-written part of the model card: what each model is for and what it cannot do.
CARDS: dict[str, tuple[str, str]] = {
    "abuse": (
        "Abusive, offensive or coarse language in a draft (rule 8). Trained on OLID (train), "
        "English and Dutch HateCheck (train, relabelled for the policy: hateful and insults at "
        "individuals or non-protected groups are abuse, non-hateful profanity is untargeted "
        "coarse language, criticism of objects is not abuse), a seeded 2,500-row sample of the "
        "offensive rows of Davidson et al. with all its 'neither' rows, our own Dutch and "
        "English abuse examples (weight 2), the texts of our other example files and 3,000 "
        "TweetEval neutral/positive tweets as everyday negatives (weight 0.5).",
        "Bag of n-grams: no real understanding of who is meant; quotes and counter-speech "
        "that repeat an insult score high; Dutch rests on synthetic HateCheck sentences and a "
        "few hundred own examples, not on real Dutch tweets; Davidson's known bias against "
        "African-American English is limited by sampling but not removed. On its own the "
        "model only warns from a score of 0.85 and blocks from 0.95 with an aimed label and a "
        "named target.",
    ),
    "aimed": (
        "Given abuse, is it aimed at someone (a person, group, company, colleagues, customers, "
        "partners, competitors) or untargeted coarse language? Trained on OLID level B "
        "(TIN/UNT), relabelled HateCheck and our own abuse examples.",
        "Untargeted examples are scarce (OLID has 481 in train); the rule combines the score "
        "with named targets from the policy, mentions and second-person words.",
    ),
    "sentiment": (
        "Negative / neutral / positive, used as 'heat' for rule 2 (a very negative text "
        "aimed at someone). Trained on the TweetEval sentiment train split (English, "
        "SemEval 2013-2016) and our own Dutch sentiment examples (weight 3), with the "
        "curated Pattern lexicon as features.",
        "Dutch sentiment has only a few hundred own examples and the lexicon; irony flips "
        "polarity and is not understood; rule 2 only uses a negative probability of 0.85 "
        "or more, and only as a reminder.",
    ),
    "tone": (
        "A reply whose tone is negative, defensive or dismissive rather than constructive "
        "(rule 9). Trained on our own Dutch and English reply examples, with 1,000 positive "
        "TweetEval tweets as constructive anchors (weight 0.5).",
        "Small hand-written training set; polite words used sarcastically are hard; it reads "
        "the reply only, not the comment it answers.",
    ),
    "irony": (
        "Irony or sarcasm (rule 2, a reminder). Trained on our own Dutch and English examples "
        "(no permissively licensed irony corpus is available here), with 3,000 neutral "
        "TweetEval tweets and our sincere Dutch examples (internal, positive and neutral "
        "sentiment) as everyday negatives (weight 0.5).",
        "Irony often needs context the text does not carry; the small training set makes "
        'single cue words ("top geregeld", emoji) weigh heavily.',
    ),
    "customer_question": (
        "Whether the tweet a draft replies to is a customer question or complaint (rule 6). "
        "Trained on our own Dutch and English examples, with 3,000 neutral and positive "
        "TweetEval tweets and our internal examples as everyday negatives (weight 0.5).",
        "Questions to a company that are not for customer service (press, job applicants) "
        "are near the line; the rule also requires the parent to address or name the "
        "company.",
    ),
    "internal": (
        "Content meant for colleagues rather than the public (rule 5). Trained on our own "
        "Dutch and English examples, with 3,000 TweetEval tweets and our other example files "
        "as everyday negatives (weight 0.5).",
        "Public posts about work (a team outing afterwards, a vacancy) are close to the line; "
        "the rule's phrase lists decide first, the model only adds what they miss.",
    ),
}

BASELINES = (
    "Published baselines are on the held-out test sets, ours on dev, so they compare only "
    "roughly: OLID level A, SVM 0.69 and CNN 0.80 macro-F1 (Zampieri et al. 2019); TweetEval "
    "sentiment, SVM 62.9 macro-recall (Barbieri et al. 2020)."
)


def _find(scores: list[Score], model: str, dataset: str) -> Score | None:
    return next((s for s in scores if s.model == model and s.dataset.startswith(dataset)), None)


def _targets(
    scores: list[Score], everyday: list[tuple[str, int, float, float, float]]
) -> list[str]:
    rows = []
    for label, score, goal in (
        ("OLID dev macro-F1 >= 0.78", _find(scores, "abuse", "OLID dev"), 0.78),
        (
            "Dutch HateCheck dev macro-F1 >= 0.85 (policy labels)",
            _find(scores, "abuse", "Dutch HateCheck dev, policy"),
            0.85,
        ),
        (
            "Dutch HateCheck dev macro-F1 >= 0.85 (original labels)",
            _find(scores, "abuse", "Dutch HateCheck dev, original"),
            0.85,
        ),
    ):
        if score is not None:
            ok = "yes" if score.macro_f1 >= goal else "no"
            rows.append(f"| {label} | {score.macro_f1:.3f} | {ok} |")
    te = _find(scores, "sentiment", "TweetEval")
    if te is not None:
        ok = "yes" if te.recall >= 0.65 else "no"
        rows.append(f"| TweetEval sentiment dev macro-recall >= 0.65 | {te.recall:.3f} | {ok} |")
    for name, _n, block, _warn, warn8 in everyday:
        rows.append(
            f"| {name}: block <= 0.5% | {block:.2%} | {'yes' if block <= 0.005 else 'no'} |"
        )
        rows.append(
            f"| {name}: rule-8 warn <= 3% | {warn8:.2%} | {'yes' if warn8 <= 0.03 else 'no'} |"
        )
    return rows


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def render_card(
    models: Models,
    scores: list[Score],
    lang: list[tuple[str, int, float, float]],
    everyday: list[tuple[str, int, float, float, float]],
    size: int,
) -> str:
    lines = [
        "# Model card: tweetguard's language models",
        "",
        "Generated by `make eval` (`python -m tweetguard.models.evaluate`); do not edit by hand.",
        "",
        "All models are logistic regressions over one shared feature space (word uni- and "
        "bigrams, character 3-5-grams within words, cues from the curated lexicons), trained "
        "by `make models` (`python -m tweetguard.models.train`) with fixed seeds. Binary models "
        "use naive-Bayes feature weights (NBSVM) folded into the exported weights; their "
        "threshold is chosen on 5-fold out-of-fold predictions of the training data, never "
        "on dev. Scores are calibrated so that 0.5 is each model's threshold. "
        f"Artefact: `src/tweetguard/models/weights.tgm`, {size / 1e6:.1f} MB, "
        f"{len(models.vocab):,} features, {models.n_outputs} outputs.",
        "",
        "Test splits of the public corpora are held out and were never read; every figure "
        "below is on dev data the models did not see in training. Our own example files are "
        "split by a fixed hash of the text (one in five rows is dev).",
        "",
        BASELINES,
        "",
        "Our own dev examples were written by the same team as the training examples: their "
        "scores show that a model learned the task as we described it, and are optimistic "
        "about real tweets.",
        "",
        "## Targets (issue 4)",
        "",
        "| target | measured | met |",
        "|---|---:|:---:|",
        *_targets(scores, everyday),
        "",
        "## Scores",
        "",
        "| model | dataset | n | precision | recall | macro-F1 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.model} | {s.dataset} | {s.n} | {_fmt(s.precision)} | {_fmt(s.recall)} | "
            f"{_fmt(s.macro_f1)} |"
        )
    lines += [
        "",
        "Binary models: precision and recall of the positive class (abusive, aimed, negative "
        "tone, ironic, customer question, internal). Sentiment: macro averages; its macro "
        "recall is TweetEval's official measure.",
        "",
        "## Everyday tweets through the whole engine (example policy)",
        "",
        "Davidson's 'neither' rows were sampled by slur keywords and many keep an insult "
        'aimed at someone ("Ur retarded", "you fool"), which rule 8 blocks by its word lists; '
        "the everyday sets proper are TweetEval's neutral and positive tweets and OLID's "
        "non-offensive ones.",
        "",
        'Platform checks are left out (OLID\'s anonymised "@USER @USER …" runs push some '
        "texts over 280 characters). *Warn* counts drafts whose worst finding is a warning.",
        "",
        "| dataset | n | block | warn | rule-8 warn |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, n, block, warn, warn8 in everyday:
        lines.append(f"| {name} | {n} | {block:.2%} | {warn:.2%} | {warn8:.2%} |")
    lines += [
        "",
        "## Language detection",
        "",
        "| dataset | n | accuracy | decided by function words |",
        "|---|---:|---:|---:|",
    ]
    for name, n, acc, fast in lang:
        lines.append(f"| {name} | {n} | {acc:.2%} | {fast:.0%} |")
    lines += ["", "## The models", ""]
    for name, spec in models.specs.items():
        purpose, limits = CARDS.get(name, ("", ""))
        lines += [
            f"### {name}",
            "",
            f"- **Output:** {spec.kind}, labels {', '.join(spec.labels)}; threshold "
            f"{spec.threshold}.",
            f"- **Purpose and data:** {purpose}",
            f"- **Known limits:** {limits}",
            "",
        ]
    lines += [
        "## Data sources and licences",
        "",
        "- OLID / OffensEval 2019 (Zampieri et al. 2019), via TweetEval's split; host "
        "repository CC BY 4.0.",
        "- HateCheck (Röttger et al. 2021) and Multilingual HateCheck, Dutch (Röttger et al. "
        "2022): CC BY 4.0.",
        "- Davidson et al. 2017, hate speech and offensive language: MIT.",
        "- TweetEval sentiment (SemEval-2017 task 4A, Barbieri et al. 2020): CC BY 3.0.",
        "- Pattern sentiment lexicons (CLiPS, De Smedt & Daelemans): PDDL; curated by "
        "`training/lexicons/build_sentiment.py`.",
        "- LDNOOBW word lists: CC BY 4.0, consulted for the curated insult lists (sexual "
        "vocabulary left out).",
        "- Our own examples in `training/examples/` (written by the tweetguard team, labelled "
        "by us; same licence as the code).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = D.parser(__doc__)
    parser.add_argument("--card", type=Path, default=D.ROOT / "docs" / "model-card.md")
    args = parser.parse_args(argv)
    if error := D.missing_data(args.data):
        print(error, file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    models = Models()
    scores = model_scores(models, args.data, args.examples)
    print(f"{'model':<18} {'dataset':<52} {'n':>5} {'P':>6} {'R':>6} {'macro-F1':>8}")
    for s in scores:
        print(
            f"{s.model:<18} {s.dataset:<52} {s.n:>5} {s.precision:>6.3f} {s.recall:>6.3f} "
            f"{s.macro_f1:>8.3f}"
        )
    print("\nlanguage detection")
    lang = language_scores(args.data, args.examples)
    for name, n, acc, fast in lang:
        print(f"  {name:<32} {n:>5}  accuracy {acc:.2%}  function words {fast:.0%}")
    print("\neveryday tweets through the engine")
    everyday = everyday_rates(args.data)
    for name, n, block, warn, warn8 in everyday:
        print(f"  {name:<32} {n:>5}  block {block:.2%}  warn {warn:.2%}  rule-8 warn {warn8:.2%}")
    print("\n" + BASELINES)
    card = render_card(models, scores, lang, everyday, DEFAULT_PATH.stat().st_size)
    args.card.parent.mkdir(parents=True, exist_ok=True)
    args.card.write_text(card, encoding="utf-8")
    print(f"\nwrote {args.card} in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
