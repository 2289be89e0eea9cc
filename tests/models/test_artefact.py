"""The model file: write/read round trip, reproducible bytes, the shipped weights."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from tweetguard.models.artefact import DEFAULT_PATH, FORMAT, Artefact, ModelSpec, read, write

SPECS = (
    ModelSpec("abuse", "binary", ("no", "yes"), (0,), 0.45, "abusive language"),
    ModelSpec("sentiment", "multiclass", ("negative", "neutral", "positive"), (1, 2, 3)),
    ModelSpec("tone", "binary", ("no", "yes"), (4,), 0.525, "tone — négatif 👎"),
)
SHIPPED_MODELS = {"abuse", "aimed", "sentiment", "tone", "irony", "customer_question", "internal"}


def make_artefact(seed: int = 0, n_features: int = 50) -> Artefact:
    rng = np.random.default_rng(seed)
    vocab = tuple(sorted({f"w:{i}" for i in range(n_features - 3)} | {"L:pos", "c:<é>", "w:😀"}))
    return Artefact(
        specs=SPECS,
        vocabulary=vocab,
        intercepts=rng.normal(size=5).astype(np.float32),
        weights=(rng.normal(size=(len(vocab), 5)) * 3).astype(np.float32),
        meta={"seed": seed, "sources": ["a", "b"], "min_df": 2, "note": "ünïcode"},
    )


def rounded(a: np.ndarray) -> np.ndarray:
    return np.round(a.astype(np.float64), 4).astype(np.float32)


# ---------------------------------------------------------------------------------------------
# Round trip


def test_round_trip(tmp_path: Path) -> None:
    art = make_artefact()
    path = tmp_path / "m.tgm"
    write(path, art)
    back = read(path)
    assert back.specs == art.specs
    assert back.vocabulary == art.vocabulary
    assert back.meta == art.meta
    assert back.intercepts.dtype == np.float32
    assert back.weights.dtype == np.float32
    assert back.weights.shape == art.weights.shape
    np.testing.assert_array_equal(back.intercepts, rounded(art.intercepts))
    np.testing.assert_array_equal(back.weights, rounded(art.weights))
    np.testing.assert_allclose(back.weights, art.weights, atol=5e-5 + 1e-6)
    # rounding is to 4 decimals, not to float32 precision
    assert not np.array_equal(back.weights, art.weights)


def test_read_arrays_are_writable_copies(tmp_path: Path) -> None:
    path = tmp_path / "m.tgm"
    write(path, make_artefact())
    back = read(path)
    back.weights[0, 0] = 1.0
    back.intercepts[0] = 1.0
    assert back.weights[0, 0] == 1.0


def test_spec_round_trip_through_dict() -> None:
    for spec in SPECS:
        assert ModelSpec.from_dict(spec.to_dict()) == spec
        assert json.loads(json.dumps(spec.to_dict())) == spec.to_dict()
    d = SPECS[1].to_dict()
    del d["description"]
    assert ModelSpec.from_dict(d).description == ""
    assert ModelSpec("x", "binary", ("no", "yes"), (0,)).threshold == 0.5


def test_file_layout(tmp_path: Path) -> None:
    art = make_artefact()
    path = tmp_path / "m.tgm"
    write(path, art)
    raw = path.read_bytes()
    assert raw[:2] == b"\x1f\x8b"  # gzip
    assert raw[4:8] == b"\0\0\0\0"  # no timestamp
    body = gzip.decompress(raw)
    header = json.loads(body[: body.index(b"\n")])
    assert header["format"] == FORMAT
    assert header["n_features"] == len(art.vocabulary)
    assert header["n_outputs"] == 5
    assert [m["name"] for m in header["models"]] == ["abuse", "sentiment", "tone"]
    assert header["meta"] == art.meta


# ---------------------------------------------------------------------------------------------
# Reproducible bytes


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.tgm", tmp_path / "b.tgm"
    write(a, make_artefact(seed=3))
    write(b, make_artefact(seed=3))
    assert a.read_bytes() == b.read_bytes()
    c = tmp_path / "c.tgm"
    write(c, make_artefact(seed=4))
    assert c.read_bytes() != a.read_bytes()


def test_weights_equal_after_rounding_give_the_same_bytes(tmp_path: Path) -> None:
    art = make_artefact()
    nudged = Artefact(
        art.specs,
        art.vocabulary,
        art.intercepts,
        (rounded(art.weights).astype(np.float64) + 1e-7).astype(np.float32),
        art.meta,
    )
    a, b = tmp_path / "a.tgm", tmp_path / "b.tgm"
    write(a, art)
    write(b, nudged)
    assert a.read_bytes() == b.read_bytes()


def test_rewriting_what_was_read_gives_the_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.tgm", tmp_path / "b.tgm"
    write(a, make_artefact())
    write(b, read(a))
    assert a.read_bytes() == b.read_bytes()


# ---------------------------------------------------------------------------------------------
# Files that are not model files


def test_other_format_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "other.tgm"
    write(path, make_artefact())
    body = gzip.decompress(path.read_bytes()).replace(FORMAT.encode(), b"tweetguard-models/2", 1)
    path.write_bytes(gzip.compress(body))
    with pytest.raises(ValueError, match="not a tweetguard model file") as exc:
        read(path)
    assert str(path) in str(exc.value)
    assert "tweetguard-models/2" in str(exc.value)


def test_json_without_format_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "plain.tgm"
    path.write_bytes(gzip.compress(b'{"models": []}\n'))
    with pytest.raises(ValueError, match="not a tweetguard model file") as exc:
        read(path)
    assert str(path) in str(exc.value)


def test_not_gzip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_bytes(b"hello, this is not a model\n")
    with pytest.raises((ValueError, OSError)):
        read(path)


def test_not_gzip_error_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_bytes(b"hello, this is not a model\n")
    with pytest.raises(ValueError) as exc:
        read(path)
    assert str(path) in str(exc.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read(tmp_path / "missing.tgm")


def test_round_trip_without_features(tmp_path: Path) -> None:
    art = Artefact(SPECS[:1], (), np.zeros(1, np.float32), np.zeros((0, 1), np.float32), {})
    path = tmp_path / "empty.tgm"
    write(path, art)
    back = read(path)
    assert back.vocabulary == ()
    assert back.weights.shape == (0, 1)


# ---------------------------------------------------------------------------------------------
# The shipped file


@pytest.fixture(scope="module")
def shipped() -> Artefact:
    return read()


def test_shipped_file_size() -> None:
    assert DEFAULT_PATH.name == "weights.tgm"
    assert DEFAULT_PATH.is_file()
    assert DEFAULT_PATH.stat().st_size < 30 * 1024 * 1024


def test_shipped_models(shipped: Artefact) -> None:
    names = [s.name for s in shipped.specs]
    assert len(names) == len(set(names))
    assert set(names) == SHIPPED_MODELS
    n_out = shipped.weights.shape[1]
    assert shipped.intercepts.shape == (n_out,)
    assert shipped.weights.shape == (len(shipped.vocabulary), n_out)
    columns = [c for s in shipped.specs for c in s.columns]
    assert len(columns) == len(set(columns)), "each column belongs to one model"
    assert all(0 <= c < n_out for c in columns)
    assert sorted(columns) == list(range(n_out)), "every column is used"
    for s in shipped.specs:
        assert s.kind in ("binary", "multiclass")
        if s.kind == "binary":
            assert len(s.columns) == 1
            assert len(s.labels) == 2
        else:
            assert len(s.columns) == len(s.labels) >= 3
        assert 0.0 < s.threshold < 1.0
        assert s.description
    sentiment = next(s for s in shipped.specs if s.name == "sentiment")
    assert sentiment.labels == ("negative", "neutral", "positive")


def test_shipped_vocabulary_and_weights(shipped: Artefact) -> None:
    vocab = shipped.vocabulary
    assert len(vocab) > 1000
    assert list(vocab) == sorted(vocab)
    assert len(set(vocab)) == len(vocab)
    assert all(f and "\n" not in f for f in vocab)
    assert {"L:insult", "L:neg", "L:pos", "L:prof"} <= set(vocab)
    assert all(f[:2] in ("w:", "c:", "b:", "L:") for f in vocab)
    assert np.isfinite(shipped.weights).all()
    assert np.isfinite(shipped.intercepts).all()
    # written rounded to 4 decimals
    sample = shipped.weights[:: max(1, len(vocab) // 2000)]
    np.testing.assert_array_equal(sample, rounded(sample))
