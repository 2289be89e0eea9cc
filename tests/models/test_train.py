"""``make models`` reproduces the shipped artefact bit for bit, from data in the repository
and ``../shared/data``; the hand-written example files are well-formed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import SHARED, TESTS
from tweetguard.models import train
from tweetguard.models.artefact import DEFAULT_PATH
from tweetguard.models.datasets import own_split

EXAMPLES = TESTS.parent / "training" / "examples"


def test_example_files_are_well_formed() -> None:
    spec = importlib.util.spec_from_file_location("check_examples", EXAMPLES / "check_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = sorted(EXAMPLES.glob("*.tsv"))
    tasks = {p.name.split(".")[0] for p in files}
    assert tasks == set(module.LABELS), "every task has example files"
    names = {p.name for p in files}
    for task in tasks:
        assert f"{task}.nl.tsv" in names  # Dutch everywhere: no public Dutch corpus covers it
        if task != "sentiment":  # English sentiment comes from TweetEval
            assert f"{task}.en.tsv" in names
    errors = [e for p in files for e in module.check(p)]
    assert errors == []


def test_own_split_is_stable_and_about_one_in_five() -> None:
    assert own_split("Beste collega's, morgen geen overleg") == own_split(
        "beste  collega's,   MORGEN geen overleg"
    )
    texts = [
        line.split("\t", 1)[0]
        for p in EXAMPLES.glob("*.tsv")
        for line in p.read_text(encoding="utf-8").splitlines()[1:]
    ]
    dev = sum(own_split(t) == "dev" for t in texts) / len(texts)
    assert 0.15 < dev < 0.25


def test_training_reproduces_the_shipped_artefact(tmp_path: Path) -> None:
    if not (SHARED / "data" / "olid_offenseval2019").is_dir():
        pytest.skip(f"{SHARED / 'data'} not found (../shared/data is beside the repository in CI)")
    out = tmp_path / "weights.tgm"
    rc = train.main(
        ["--data", str(SHARED / "data"), "--examples", str(EXAMPLES), "--out", str(out)]
    )
    assert rc == 0
    assert out.read_bytes() == DEFAULT_PATH.read_bytes(), (
        "the committed weights differ from what `make models` trains: run `make models` and "
        "commit src/tweetguard/models/weights.tgm"
    )


def test_training_refuses_a_missing_data_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert train.main(["--data", str(tmp_path), "--out", str(tmp_path / "w.tgm")]) == 2
    assert "corpora not found" in capsys.readouterr().err
