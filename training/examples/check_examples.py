"""Validate the hand-written example files: `python training/examples/check_examples.py FILE...`.

Each file is UTF-8 TSV with the header `text<TAB>label<TAB>note`; one example a line, no tabs or
newlines inside a text, labels from the set allowed for the task, no duplicate texts (case- and
space-insensitive), and a note (may be empty) saying why a hard example has its label.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

LABELS = {
    "abuse": {"aimed", "untargeted", "none"},
    "tone": {"negative", "constructive"},
    "irony": {"ironic", "sincere"},
    "customer_question": {"question", "other"},
    "internal": {"internal", "public"},
    "sentiment": {"negative", "neutral", "positive"},
}


def check(path: Path) -> list[str]:
    task = path.name.split(".")[0]
    allowed = LABELS.get(task)
    errors: list[str] = []
    if allowed is None:
        return [f"{path}: unknown task {task!r} (file name must be TASK.LANG.tsv)"]
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[0] != "text\tlabel\tnote":
        errors.append(f"{path}:1: header must be 'text<TAB>label<TAB>note'")
    seen: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            errors.append(f"{path}:{n}: expected 3 tab-separated columns, got {len(cols)}")
            continue
        text, label, _note = cols
        if not text.strip():
            errors.append(f"{path}:{n}: empty text")
        if label not in allowed:
            errors.append(f"{path}:{n}: label {label!r} not in {sorted(allowed)}")
        key = " ".join(text.lower().split())
        if key in seen:
            errors.append(f"{path}:{n}: duplicate of line {seen[key]}")
        seen[key] = n
        counts[label] += 1
    print(f"{path}: {sum(counts.values())} examples {dict(counts)}")
    return errors


def main() -> int:
    errors = [e for p in sys.argv[1:] for e in check(Path(p))]
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
