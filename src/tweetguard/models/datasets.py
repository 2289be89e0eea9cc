"""The labelled data each model learns from and is evaluated on.

Public corpora come from ``../shared/data`` (train and dev splits; the test splits are held out
and never read). Our own examples are ``training/examples/TASK.LANG.tsv`` (``text``, ``label``,
``note``), written by the team with our own labels; a fixed hash of the text puts one in five
of them in the dev split, so the split never changes when rows are added elsewhere.

Labels are mapped to what the policy means (see ``docs/model-card.md``): HateCheck's
``non-hateful`` insults aimed at individuals and non-protected groups are abuse for rule 8,
its non-hateful profanity is untargeted coarse language, and its criticism of objects is not
abuse.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED = 20261124
ROOT = Path(__file__).resolve().parents[3]  # the repository (training/ lives there)
DEV_SHARE = 5  # one in five own examples is dev


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    source: str  # e.g. "olid", "own:abuse.nl"
    lang: str  # "nl" or "en"
    weight: float = 1.0


def parser(description: str | None) -> argparse.ArgumentParser:
    """The command line shared by ``make models`` and ``make eval``: where the data is."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    p.add_argument("--examples", type=Path, default=ROOT / "training" / "examples")
    return p


def missing_data(data: Path) -> str | None:
    """An error message when the public corpora are not under ``data``."""
    if (data / "olid_offenseval2019").is_dir():
        return None
    return f"error: corpora not found under {data} (use --data)"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def unquote(field: str) -> str:
    """A text field of the public corpora as their CSV writer quoted it (one record a line):
    outer quotes off, doubled quotes single."""
    if len(field) > 1 and field.startswith('"') and field.endswith('"'):
        return field[1:-1].replace('""', '"')
    return field


def _public(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a public corpus, with the text unquoted."""
    for row in _rows(path):
        row["text"] = unquote(row["text"])
        yield row


def own_split(text: str) -> str:
    digest = hashlib.sha256(" ".join(text.lower().split()).encode()).digest()
    return "dev" if digest[0] % DEV_SHARE == 0 else "train"


def own(examples: Path, task: str, split: str) -> list[Example]:
    """Our own examples of a task, both languages, one split (a fresh list)."""
    return list(_own(examples, task, split))


@cache
def _own(examples: Path, task: str, split: str) -> tuple[Example, ...]:
    out: list[Example] = []
    for lang in ("nl", "en"):
        path = examples / f"{task}.{lang}.tsv"
        if not path.is_file():
            continue
        for row in _rows(path):
            text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
            if text and label and own_split(text) == split:
                out.append(Example(text, label, f"own:{task}.{lang}", lang))
    return tuple(out)


# --- public corpora --------------------------------------------------------------------
HATECHECK_AIMED_NH = {"target_indiv_nh", "target_group_nh"}
HATECHECK_UNTARGETED_NH = {"profanity_nh"}
# Non-hateful cases that name a group kindly or neutrally, or counter hate: the words of a
# hateful text without its hate. Rare next to the hateful cases, so they weigh more in
# training, or the model learns that naming a group is abuse.
HATECHECK_CONTRAST_NH = {
    "ident_neutral_nh", "ident_pos_nh", "negate_neg_nh", "counter_quote_nh", "counter_ref_nh",
}  # fmt: skip
CONTRAST_WEIGHT = 3.0


def hatecheck(data: Path, name: str, split: str, lang: str) -> list[Example]:
    """HateCheck relabelled for rule 8: ``aimed``, ``untargeted`` or ``none``."""
    out: list[Example] = []
    for row in _public(data / name / f"{split}.tsv"):
        func = row["functionality"]
        if row["label"] == "hateful" or func in HATECHECK_AIMED_NH:
            label = "aimed"
        elif func in HATECHECK_UNTARGETED_NH:
            label = "untargeted"
        else:
            label = "none"
        weight = CONTRAST_WEIGHT if func in HATECHECK_CONTRAST_NH else 1.0
        out.append(Example(row["text"], label, name, lang, weight))
    return out


def hatecheck_original(data: Path, name: str, split: str) -> list[Example]:
    """HateCheck with its own labels (``hateful`` / ``non-hateful``), for evaluation."""
    return [
        Example(row["text"], row["label"], name, "nl" if "nl" in name else "en")
        for row in _public(data / name / f"{split}.tsv")
    ]


def olid(data: Path, split: str) -> list[Example]:
    """OLID level A and B: ``aimed`` (TIN), ``untargeted`` (UNT) or ``none`` (NOT)."""
    out = []
    for row in _public(data / "olid_offenseval2019" / f"{split}.tsv"):
        label = (
            "none"
            if row["label"] == "NOT"
            else "aimed"
            if row["subtask_b"] == "TIN"
            else ("untargeted")
        )
        out.append(Example(row["text"], label, "olid", "en"))
    return out


def davidson(data: Path, split: str, *, offensive: int = 2500) -> list[Example]:
    """Davidson et al.: every ``neither`` tweet, and a seeded sample of the offensive and
    hateful ones (the set is 77% offensive by construction and must not dominate)."""
    rows = list(_public(data / "davidson2017_hate_offensive_en" / f"{split}.tsv"))
    neither = [r for r in rows if r["label"] == "neither"]
    bad = [r for r in rows if r["label"] != "neither"]
    random.Random(SEED).shuffle(bad)
    return [Example(r["text"], "none", "davidson", "en") for r in neither] + [
        Example(r["text"], "abusive", "davidson", "en") for r in bad[:offensive]
    ]


def tweeteval(data: Path, split: str) -> list[Example]:
    return [
        Example(row["text"], row["label"], "tweeteval", "en")
        for row in _public(data / "tweeteval_sentiment" / f"{split}.tsv")
    ]
