"""A draft post as users and integrators send it (contract.md, "A draft").

Only ``text`` is required. Extensions beyond the contract: ``id`` (echoed in the report),
``media[].alt``, and ``history``: timestamps of the author's earlier posts, which rule 10
uses to judge activity during working hours.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tweetguard.errors import DraftError

MAX_TEXT_CHARS = 25_000  # X's limit for long posts; anything longer is not a draft
MAX_HISTORY = 10_000

AccountKind = Literal["personal", "company", "customer_service"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AccountInfo(_Strict):
    handle: str | None = None
    kind: AccountKind | None = None
    bio: str | None = Field(default=None, max_length=2_000)


class ReplyContext(_Strict):
    text: str = Field(max_length=MAX_TEXT_CHARS)
    author: str | None = None
    on_company_page: bool = False


class GpsLocation(_Strict):
    """Where a photo was taken, from its EXIF data (decimal degrees)."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


OcrStatus = Literal["ok", "unavailable", "failed", "skipped"]


class MediaInspection(_Strict):
    """What :func:`tweetguard.media.inspect_media` read from an attached file, at the boundary
    (the engine never opens files). ``error`` says why the file could not be read at all;
    ``ocr`` says whether text recognition ran: ``unavailable`` when tesseract is missing."""

    gps: GpsLocation | None = None
    ocr: OcrStatus = "skipped"
    ocr_text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    error: str | None = None


class MediaItem(_Strict):
    path: str | None = None
    credit: str | None = None
    own: bool = False
    alt: str | None = None
    inspection: MediaInspection | None = None


class Draft(_Strict):
    """A draft post. Build with ``Draft(text=...)`` or :func:`parse_draft` for JSON."""

    text: str = Field(max_length=MAX_TEXT_CHARS)
    account: AccountInfo = AccountInfo()
    in_reply_to: ReplyContext | None = None
    media: list[MediaItem] = []
    created_at: dt.datetime | None = None
    lang: str | None = Field(default=None, pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    id: str | int | None = None
    history: list[dt.datetime] = Field(default=[], max_length=MAX_HISTORY)


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(draft)"
        kind = err["type"]
        if kind == "extra_forbidden":
            msg = "unknown field"
        elif kind == "missing":
            msg = "required field is missing"
        elif kind == "string_too_long" and loc == "text":
            n = len(err["input"]) if isinstance(err.get("input"), str) else "?"
            msg = f"text is {n} characters long; a draft may have at most {MAX_TEXT_CHARS}"
        else:
            msg = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts)


def draft_from_obj(obj: Any, *, where: str | None = None) -> Draft:
    """Validate a decoded JSON value as a draft; raise :class:`DraftError` saying what."""
    if not isinstance(obj, dict):
        raise DraftError(
            f'a draft is a JSON object with at least "text", not {type(obj).__name__}',
            where=where,
        )
    try:
        return Draft.model_validate(obj)
    except ValidationError as exc:
        raise DraftError(f"not a valid draft: {_describe(exc)}", where=where) from None


def parse_draft(raw: str, *, where: str | None = None) -> Draft:
    """Parse one draft from JSON text."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DraftError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", where=where
        ) from None
    return draft_from_obj(obj, where=where)


def text_draft(text: str) -> Draft:
    """A draft from plain text, as ``tweetguard check TEXT`` builds it."""
    try:
        return Draft(text=text)
    except ValidationError as exc:
        raise DraftError(f"not a valid draft: {_describe(exc)}") from None
