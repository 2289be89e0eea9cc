"""``make bench``: how fast ``check`` is, on real tweets from ``../shared/data``.

Prints, for one process on one core:
- policy load time (parse, validate, compile) and model load time (weights, lingua);
- drafts per second for ``Engine.check`` with every model over every tweet of the corpora
  (the check only: drafts are built before the clock starts), and without the models;
- latency per draft (median, p99) for single drafts;
- time per character for drafts of growing length, to show that nothing is quadratic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from tweetguard.detect.language import NL_EN, lingua_detector
from tweetguard.draft import Draft
from tweetguard.engine import Engine
from tweetguard.models.runtime import Models
from tweetguard.models.signals import signal_providers
from tweetguard.policy import load_policy

CORPORA = (
    "tweeteval_sentiment",
    "olid_offenseval2019",
    "davidson2017_hate_offensive_en",
    "hatecheck_en",
    "hatecheck_nl_mhc",
)
# Inputs that make naive URL, mention or emoji regexes backtrack (from the entity tests).
PATHOLOGICAL = (
    "a." * 5000,
    "a" * 10000 + ".com",
    "日本." * 3000,
    "a-" * 5000 + ".com",
    "http://" + "a." * 3000,
    "(a." * 3000 + "com",
    "\u200d👍" * 3000,
    "1⃣" * 5000,
    "@" * 10000,
    "#" * 10000,
    "rt:@" * 3000,
    "e\u0301" * 5000,
)
NOW = dt.datetime(2026, 11, 24, 10, 15, tzinfo=dt.UTC)


def unquote(field: str) -> str:
    """A TSV field as written by a CSV writer: outer quotes off, doubled quotes single."""
    if len(field) > 1 and field.startswith('"') and field.endswith('"'):
        return field[1:-1].replace('""', '"')
    return field


def read_corpus(data: Path) -> list[str]:
    """The text column of every train and dev split (one row a line; test splits are held
    out and never read)."""
    texts: list[str] = []
    for name in CORPORA:
        for split in ("train", "dev"):
            path = data / name / f"{split}.tsv"
            if not path.is_file():
                continue
            lines = path.read_text(encoding="utf-8").splitlines()[1:]
            texts.extend(t for line in lines if (t := unquote(line.split("\t", 1)[0]).strip()))
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=0, help="check at most N drafts")
    parser.add_argument("--skip-detection", action="store_true", help="no detection report")
    args = parser.parse_args(argv)
    texts = read_corpus(args.data)
    if not texts:
        print(f"no corpora found under {args.data}", file=sys.stderr)
        return 2
    if args.limit:
        texts = texts[: args.limit]

    t0 = time.perf_counter()
    policy = load_policy()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    models = Models()
    models_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    lingua_detector()
    lingua_detector(NL_EN)
    lingua_s = time.perf_counter() - t0
    engine = Engine(policy, signals=signal_providers(models))
    drafts = [Draft(text=t, created_at=NOW) for t in texts]
    engine.check(drafts[0])  # warm caches (lexicons load lazily)
    lexicon_only = Engine(policy, signals={})
    sub = drafts[: min(len(drafts), 20_000)]
    t0 = time.perf_counter()
    for d in sub:
        lexicon_only.check(d)
    lexicon_rate = len(sub) / (time.perf_counter() - t0)

    t0 = time.perf_counter()
    verdicts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for d in drafts:
        report = engine.check(d)
        verdicts[report.verdict] += 1
        codes.update(f.code for f in report.findings)
    elapsed = time.perf_counter() - t0
    rate = len(drafts) / elapsed

    sample = drafts[:: max(1, len(drafts) // 2000)]
    lat = []
    for d in sample:
        s = time.perf_counter()
        engine.check(d)
        lat.append((time.perf_counter() - s) * 1e6)
    lat.sort()

    print("tweetguard bench (one process, one core)")
    print(f"  corpus            {len(drafts):>9,} tweets from {args.data}")
    print(f"  policy load       {load_s * 1000:>9.1f} ms")
    print(
        f"  model load        {models_s * 1000:>9.1f} ms  "
        f"(+ lingua {lingua_s * 1000:.0f} ms; target < 1 s together)"
    )
    print(f"  check throughput  {rate:>9,.0f} drafts/s  (all models; target >= 10,000)")
    print(f"  without models    {lexicon_rate:>9,.0f} drafts/s  (word lists only, 20k drafts)")
    print(f"  latency median    {statistics.median(lat):>9.0f} µs")
    print(f"  latency p99       {lat[int(len(lat) * 0.99) - 1]:>9.0f} µs  (target < 2,000)")
    print("  verdicts          " + ", ".join(f"{k} {v:,}" for k, v in verdicts.most_common()))
    print("  top codes         " + ", ".join(f"{k} {v:,}" for k, v in codes.most_common(8)))
    print("  scaling (µs per character; flat = linear)")
    base = " ".join(texts[:400])
    for n in (250, 2_500, 25_000):
        text = (base * (n // max(1, len(base)) + 1))[:n]
        d = Draft(text=text, created_at=NOW)
        s = time.perf_counter()
        reps = max(1, 50_000 // n)
        for _ in range(reps):
            engine.check(d)
        per = (time.perf_counter() - s) / reps * 1e6
        print(f"    {n:>6,} chars   {per:>10,.0f} µs/draft   {per / n:>6.2f} µs/char")
    print("  pathological inputs (10,000 characters each)")
    worst = 0.0
    for text in PATHOLOGICAL:
        s = time.perf_counter()
        engine.check(Draft(text=text, created_at=NOW))
        worst = max(worst, time.perf_counter() - s)
    print(f"    worst of {len(PATHOLOGICAL)}      {worst * 1000:>10,.1f} ms/draft")
    if not args.skip_detection:
        from tweetguard.bench_detect import report as detection_report

        print("\n".join(detection_report(args.data, engine)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
