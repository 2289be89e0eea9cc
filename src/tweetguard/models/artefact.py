"""The file the models ship in: ``tweetguard/models/weights.tgm``.

One gzip stream (no timestamp, so the same weights give the same bytes) holding:
a JSON header line (format, model descriptions, sizes), the feature vocabulary (one feature a
line, sorted), the intercepts and the weight matrix (float32, little endian, one row per
feature, one column per model output). Weights are rounded to 4 decimals before they are
written, which keeps ``make models`` bit-for-bit reproducible across runs.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FORMAT = "tweetguard-models/1"
DEFAULT_PATH = Path(__file__).with_name("weights.tgm")


@dataclass(frozen=True)
class ModelSpec:
    """One model: its output columns in the weight matrix and what they mean.

    ``kind`` is ``binary`` (one column, the positive label's logit) or ``multiclass`` (one
    column per label, softmax). ``threshold`` is the probability at which a binary model says
    yes; it was chosen on out-of-fold predictions of the training data, never on dev.
    """

    name: str
    kind: str
    labels: tuple[str, ...]
    columns: tuple[int, ...]
    threshold: float = 0.5
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "labels": list(self.labels),
            "columns": list(self.columns),
            "threshold": self.threshold,
            "description": self.description,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelSpec:
        return cls(
            d["name"],
            d["kind"],
            tuple(d["labels"]),
            tuple(d["columns"]),
            float(d["threshold"]),
            d.get("description", ""),
        )


@dataclass(frozen=True)
class Artefact:
    specs: tuple[ModelSpec, ...]
    vocabulary: tuple[str, ...]
    intercepts: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]  # (n_features, n_outputs)
    meta: dict[str, Any]


def write(path: Path, art: Artefact) -> None:
    weights = np.round(art.weights.astype(np.float64), 4).astype("<f4")
    intercepts = np.round(art.intercepts.astype(np.float64), 4).astype("<f4")
    header = {
        "format": FORMAT,
        "models": [s.to_dict() for s in art.specs],
        "n_features": len(art.vocabulary),
        "n_outputs": int(weights.shape[1]),
        "meta": art.meta,
    }
    vocab = "\n".join(art.vocabulary).encode("utf-8")
    body = b"".join(
        [
            json.dumps(header, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n",
            len(vocab).to_bytes(8, "little"),
            vocab,
            intercepts.tobytes(),
            weights.tobytes(),
        ]
    )
    path.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))


def read(path: Path = DEFAULT_PATH) -> Artefact:
    """Read a model file; a damaged or foreign file raises :class:`ValueError` naming it."""
    try:
        return _read(path)
    except (OSError, EOFError, ValueError, KeyError, UnicodeDecodeError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise ValueError(f"{path}: not a tweetguard model file ({exc})") from exc


def _read(path: Path) -> Artefact:
    body = gzip.decompress(path.read_bytes())
    nl = body.index(b"\n")
    header = json.loads(body[:nl])
    if header.get("format") != FORMAT:
        raise ValueError(f"format {header.get('format')!r}, expected {FORMAT!r}")
    pos = nl + 1
    n_vocab = int.from_bytes(body[pos : pos + 8], "little")
    pos += 8
    raw = body[pos : pos + n_vocab].decode("utf-8")
    vocabulary = tuple(raw.split("\n")) if raw else ()
    pos += n_vocab
    n_out = int(header["n_outputs"])
    size = 4 * n_out * (1 + len(vocabulary))
    if len(body) - pos != size:
        raise ValueError(f"{len(body) - pos} bytes of weights, expected {size}")
    intercepts = np.frombuffer(body, dtype="<f4", count=n_out, offset=pos).astype(np.float32)
    pos += 4 * n_out
    weights = np.frombuffer(body, dtype="<f4", offset=pos).reshape(len(vocabulary), n_out)
    return Artefact(
        tuple(ModelSpec.from_dict(d) for d in header["models"]),
        vocabulary,
        intercepts,
        weights.astype(np.float32),
        header.get("meta", {}),
    )
