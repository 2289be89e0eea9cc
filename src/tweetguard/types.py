"""Small value types shared by every layer: localised text, spans, detector matches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["info", "warn", "block"]
SEVERITY_RANK: dict[str, int] = {"ok": 0, "info": 0, "warn": 1, "block": 2}


@dataclass(frozen=True, slots=True)
class Localized:
    """A text a user reads, in Dutch and English side by side."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def to_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}


SensitiveCategory = Literal["secret", "personal"]


@dataclass(frozen=True, slots=True)
class Match:
    """Something a detector found in a text: a secret or a personal datum.

    ``start``/``end`` are character offsets into the text the detector was given (end
    exclusive). ``kind`` is a stable slug (``"bsn"``, ``"iban"``, ``"aws-access-key"``);
    ``label`` names it for people; ``placeholder`` is what redaction shows instead of the
    matched text (``"[BSN]"``). ``text`` is the matched text itself and must never be shown,
    logged or stored in clear.
    """

    kind: str
    category: SensitiveCategory
    start: int
    end: int
    text: str
    label: Localized
    placeholder: str
    score: float = 1.0
