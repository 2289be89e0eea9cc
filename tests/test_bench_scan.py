"""The scan bench (``python -m tweetguard.bench_scan``) on a tiny corpus: its synthetic
archives read back as written, and every line of its report is there with figures > 0."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tweetguard.bench import CORPORA
from tweetguard.bench_scan import YEAR, main, write_archive, write_archives
from tweetguard.ingest import BadRecord, Post
from tweetguard.ingest.sources import read_all

TEMPLATES = (
    "Mooie dag in Utrecht met het team #{n} @collega{n}",
    "Mail me at jan.jansen{n}@example.com or call +31 6 1234 {n:04d}",
    "IBAN NL91 ABNA 0417 1643 00 voor de donatie {n} & <bedankt>",
    "what the fuck is this shit, day {n}",
    "Lees meer op https://example.nl/blog/{n} 🎉",
    "aws key AKIAIOSFODNN7EXAMPLE leaked in build {n}",
    "The meeting moved to 12/03/2025 at 14:00, room {n}",
    "Klanten zijn idioten, nummer {n}",
)


def _corpus(root: Path, n: int = 320) -> Path:
    data = root / "data"
    half = n // 2
    for k, name in enumerate(CORPORA[:2]):
        folder = data / name
        folder.mkdir(parents=True)
        rows = [TEMPLATES[i % len(TEMPLATES)].format(n=i) for i in range(k * half, (k + 1) * half)]
        quoted = [f'"{r}"' if k else r for r in rows]  # read_corpus unquotes CSV-style fields
        (folder / "train.tsv").write_text(
            "text\tlabel\n" + "".join(f"{r}\t0\n" for r in quoted), encoding="utf-8"
        )
    return data


def test_archives_read_back_as_written(tmp_path: Path) -> None:
    texts = [t.format(n=i) for i, t in enumerate(TEMPLATES)] + ["a &amp; b < c > d “é” 👍🏽"]
    path = tmp_path / "one.zip"
    assert write_archive(path, "bench_x", "42", texts, 25) > 0
    records = list(read_all([path]))
    assert not [r for r in records if isinstance(r, BadRecord)]
    posts = [r for r in records if isinstance(r, Post)]
    assert [p.draft.text for p in posts] == [texts[i % len(texts)] for i in range(25)]
    assert {p.draft.account.handle for p in posts} == {"@bench_x"}
    assert len({p.draft.id for p in posts}) == 25
    times = [p.draft.created_at for p in posts]
    assert all(t is not None and t.year == YEAR and t.tzinfo is not None for t in times)
    assert times[0] is not None and times[-1] is not None and times[0] > times[-1]

    folder = tmp_path / "six"
    folder.mkdir()
    archives = write_archives(folder, texts * 3)
    assert len(archives) == 6
    handles = {r.draft.account.handle for r in read_all(archives) if isinstance(r, Post)}
    assert len(handles) == 6


def test_no_corpora_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path)]) == 2
    assert "no corpora" in capsys.readouterr().err


def _figure(pattern: str, text: str) -> float:
    m = re.search(pattern, text)
    assert m, f"no line matching {pattern!r} in:\n{text}"
    return float(m.group(1).replace(",", ""))


def test_bench_on_a_tiny_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _corpus(tmp_path)
    argv = ["--data", str(data), "--posts", "300", "--sample", "40", "--million"]
    assert main([*argv, "--million-size", "2000"]) == 0
    out = capsys.readouterr().out
    assert _figure(r"corpus\s+([\d,]+) posts", out) == 300
    assert _figure(r"archives\s+(\d+) accounts", out) == 6
    for pattern in (
        r"full check\s+([\d,]+) posts/s",
        r"scan, 1 worker\s+([\d,]+) posts/s",
        r"scan, 2 workers\s+([\d,]+) posts/s",
        r"speed-up\s+([\d.]+)×",
        r"reading alone\s+([\d,]+) posts/s",
        r"Presidio, \d+ recognizers\s+[\d,]+\s+([\d,]+)",
        r"better-profanity\s+40\s+([\d,]+)",
        r"detect-secrets scan_line\s+40\s+([\d,]+)",
        r"\s+200 posts .* scan\s+([\d,]+) posts/s",
        r"\s+2,000 posts .* scan\s+([\d,]+) posts/s",
        r"peak RSS 200: (\d+) MB",
        r"peak RSS 200: \d+ MB \+ worker (\d+) MB",
        r"2,000: (\d+) MB",
    ):
        assert _figure(pattern, out) > 0, pattern
    assert re.search(r"\(300 posts, [\d,]+ findings", out)  # every post of the archives
    assert "same findings: yes" in out
    assert "bad records" not in out
    assert out.count("target") == 3 and out.count("met") >= 3
    assert "Email" in out and "Iban" in out and "SpacyRecognizer" in out
