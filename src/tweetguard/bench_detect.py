"""The detection report of ``make bench``: how often rule 1's detectors fire on everyday
tweets, and how much of the secret and personal-data example sets they find.

Everyday tweets are the rows of the corpora in ``../shared/data`` that are neither offensive
nor secret: TweetEval sentiment (all), OLID ``NOT``, Davidson ``neither`` and the non-hateful
rows of both HateCheck sets (train and dev splits; test splits are held out and never read).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from tweetguard.bench import unquote
from tweetguard.detect import find_personal_data, find_secrets
from tweetguard.draft import Draft
from tweetguard.engine import Engine

NOW = dt.datetime(2026, 11, 24, 10, 15, tzinfo=dt.UTC)
EVERYDAY = {
    "tweeteval_sentiment": None,  # every label
    "olid_offenseval2019": {"NOT"},
    "davidson2017_hate_offensive_en": {"neither"},
    "hatecheck_en": {"non-hateful"},
    "hatecheck_nl_mhc": {"non-hateful"},
}
SECRET_SETS = ("secrets_gitleaks_cases", "secrets_detect_secrets_cases")
PII_SET = "pii_formats_nl_be_stdnum"
# How a person would write each identifier of the stdnum set in a tweet.
PII_CONTEXT = {"iban": "IBAN", "be_iban": "IBAN", "nl_bsn": "BSN"}


def rows(path: Path) -> Iterable[tuple[str, str]]:
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip():
            yield unquote(parts[0]), parts[1]


def everyday(data: Path) -> list[str]:
    out = []
    for name, labels in EVERYDAY.items():
        for split in ("train", "dev"):
            out += [
                t
                for t, lab in rows(data / name / f"{split}.tsv")
                if labels is None or lab in labels
            ]
    return out


def report(data: Path, engine: Engine) -> list[str]:
    lines = ["detection report (rule 1)"]
    texts = everyday(data)
    if not texts:
        return [*lines, f"  no corpora under {data}"]
    per_kind: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    policy = engine.policy
    for text in texts:
        kinds = {m.kind for m in find_secrets(text)}
        kinds |= {
            m.kind
            for m in find_personal_data(
                text, public_emails=policy.public_emails, public_phones=policy.public_phones
            )
        }
        per_kind.update(kinds)
        r1 = {f.severity for f in engine.check(Draft(text=text), now=NOW).findings if f.rule == 1}
        severities.update(r1)
    n = len(texts)
    lines.append(f"  everyday tweets   {n:,}")
    lines.append(
        f"  rule 1 block      {severities['block'] / n:7.3%}   (target < 0.5%)"
        f"   warn {severities['warn'] / n:.3%}"
    )
    for kind, count in per_kind.most_common():
        lines.append(f"    {kind:<22} {count / n:7.3%}  ({count})")
    lines.append("  recall on example sets (share of positives found; near-misses flagged)")
    for name in SECRET_SETS:
        for split in ("train", "dev"):
            data_rows = list(rows(data / name / f"{split}.tsv"))
            pos = [t for t, lab in data_rows if lab == "secret"]
            neg = [t for t, lab in data_rows if lab != "secret"]
            if not pos:
                continue
            found = sum(1 for t in pos if find_secrets(t))
            flagged = sum(1 for t in neg if find_secrets(t))
            lines.append(
                f"    {name}/{split:<5} {found / len(pos):7.1%} of {len(pos):>3} secrets"
                f"   near-misses flagged {flagged}/{len(neg)}"
            )
    for split in ("train", "dev"):
        data_rows = list(rows(data / PII_SET / f"{split}.tsv"))
        found = total = flagged = negatives = 0
        for text, label in data_rows:
            kind = label.split("_", 1)[1]
            if kind not in PII_CONTEXT:
                continue
            tweet = f"Mijn {PII_CONTEXT[kind]} is {text}"
            hit = bool(find_personal_data(tweet))
            if label.startswith("valid_"):
                total += 1
                found += hit
            else:
                negatives += 1
                flagged += hit
        if total:
            lines.append(
                f"    {PII_SET}/{split:<5} {found / total:7.1%} of {total:>3} IBAN/BSN"
                f"   invalid flagged {flagged}/{negatives}"
            )
    return lines
