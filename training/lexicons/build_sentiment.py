"""Build the curated sentiment lexicons shipped in ``src/tweetguard/data/sentiment.{nl,en}.tsv``.

Usage (from the repository root; stdlib only, deterministic)::

    python training/lexicons/build_sentiment.py [--source DIR] [--out DIR] [--dump]

Source: the Pattern subjectivity lexicons (CLiPS, Tom De Smedt & Walter Daelemans, licence PDDL),
staged as ``../shared/data/lexicon_pattern_sentiment_nl_en/{nl,en}-sentiment.tsv`` (one row per word
*sense*: text, label = polarity in [-1, 1], subjectivity, intensity, confidence, pos, ...).

Steps, per language:

1. Read the sense rows; keep senses with confidence >= 0.7 (1.0 = hand-tagged, 0.7-0.9 = inferred
   or checked). 221 English rows carry their value in a ``reliability`` attribute that the staged
   TSV leaves empty; Pattern's loader only reads ``confidence``, so we treat these as unknown and
   drop them (the useful ones are re-added by hand in ``sentiment_add.en.tsv``).
2. Lower-case the form, skip multi-word forms, and average the polarity the way Pattern does:
   first over the senses of one part of speech, then over the parts of speech of the form.
3. Keep forms with |average polarity| >= 0.3.
4. Drop the forms listed in ``sentiment_exclude.LANG.txt`` (hand-curated: ambiguous in tweets,
   senses that flip, neutral in business talk, profanity that belongs in the insult lists).
5. Add (or override with) the hand-picked entries of ``sentiment_add.LANG.tsv``: tweet words,
   interjections and emoji the adjective lexicon lacks.
6. Write ``word<TAB>polarity`` (rounded to 2 decimals), sorted by word, under a ``#`` header.

``--dump`` prints the words kept by steps 1-3 with their polarity (for reviewing the exclusions).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "lexicon_pattern_sentiment_nl_en"
DEFAULT_OUT = REPO / "src" / "tweetguard" / "data"
LANGS = ("nl", "en")
MIN_CONFIDENCE = 0.7
MIN_POLARITY = 0.3
EXAMPLES = {
    "nl": '"groot", "naar", "bangelijk"',
    "en": '"kind", "sick", "cheap"',
}

HEADER = """\
# Curated {name} sentiment lexicon for tweetguard: word<TAB>polarity in [-1, 1].
# Source: Pattern subjectivity lexicon {src}
# (https://github.com/clips/pattern, commit d25511f), licence PDDL (Open Data Commons Public
# Domain Dedication and License). Attribution: Pattern, CLiPS (University of Antwerp),
# Tom De Smedt & Walter Daelemans.
# Curation (by training/lexicons/build_sentiment.py): senses with confidence >= 0.7, polarity
# averaged per word form as Pattern does, kept if |polarity| >= 0.3; {n_excl} forms dropped by hand
# after reading them all (ambiguous in tweets, senses that flip, neutral in business talk,
# e.g. {examples}; insults and profanity are left to the insult lists);
# {n_add} tweet words and emoji added or re-weighted (files sentiment_exclude.{lang}.txt and
# sentiment_add.{lang}.tsv next to the script). Do not edit by hand.
"""


def read_senses(path: Path) -> dict[str, dict[str, list[float]]]:
    """Return {form: {pos: [polarity, ...]}} for the senses that pass the confidence filter."""
    senses: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    lines = path.read_text(encoding="utf-8").splitlines()
    cols = lines[0].split("\t")
    i_text, i_pol, i_conf, i_pos = (cols.index(c) for c in ("text", "label", "confidence", "pos"))
    for line in lines[1:]:
        row = line.split("\t")
        form = row[i_text].strip().lower()
        conf = row[i_conf].strip()
        if not form or " " in form or not conf or float(conf) < MIN_CONFIDENCE:
            continue
        senses[form][row[i_pos].strip()].append(float(row[i_pol]))
    return senses


def average(senses: dict[str, dict[str, list[float]]]) -> dict[str, float]:
    """Pattern's average: mean over the senses of each part of speech, then over the parts."""
    out = {}
    for form, by_pos in senses.items():
        per_pos = [sum(v) / len(v) for v in by_pos.values()]
        out[form] = sum(per_pos) / len(per_pos)
    return out


def read_exclude(path: Path) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return words


def read_add(path: Path) -> dict[str, float]:
    added: dict[str, float] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        word, pol = line.split("\t")[:2]
        value = float(pol)
        if not -1.0 <= value <= 1.0:
            raise SystemExit(f"{path}:{n}: polarity {value} outside [-1, 1]")
        word = word.strip().lower()
        if word in added:
            raise SystemExit(f"{path}:{n}: {word!r} listed twice")
        added[word] = value
    return added


Built = tuple[dict[str, float], dict[str, float], set[str], dict[str, float]]


def build(lang: str, source: Path) -> Built:
    raw = average(read_senses(source / f"{lang}-sentiment.tsv"))
    kept = {w: p for w, p in raw.items() if abs(p) >= MIN_POLARITY}
    exclude = read_exclude(HERE / f"sentiment_exclude.{lang}.txt")
    add = read_add(HERE / f"sentiment_add.{lang}.tsv")
    lexicon = {w: p for w, p in kept.items() if w not in exclude}
    lexicon.update(add)
    return lexicon, kept, exclude, add


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--dump", action="store_true", help="print the kept source words and exit")
    args = ap.parse_args(argv)
    for lang in LANGS:
        lexicon, kept, exclude, add = build(lang, args.source)
        if args.dump:
            for w in sorted(kept):
                mark = "x" if w in exclude else " "
                print(f"{lang}\t{mark}\t{w}\t{kept[w]:+.2f}")
            continue
        unused = sorted(exclude - set(kept))
        if unused:
            note = f"{lang}: note: excluded words not in the kept source set: {unused}"
            print(note, file=sys.stderr)
        name = {"nl": "Dutch", "en": "English"}[lang]
        header = HEADER.format(
            name=name,
            src=f"pattern/text/{lang}/{lang}-sentiment.xml",
            n_excl=len(exclude & set(kept)),
            n_add=len(add),
            lang=lang,
            examples=EXAMPLES[lang],
        )
        body = "".join(f"{w}\t{round(p, 2):.2f}\n" for w, p in sorted(lexicon.items()))
        path = args.out / f"sentiment.{lang}.tsv"
        path.write_text(header + body, encoding="utf-8")
        print(
            f"{path}: {len(lexicon)} words ({len(kept)} from Pattern, "
            f"{len(exclude & set(kept))} excluded, {len(add)} added)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
