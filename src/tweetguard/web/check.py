"""The check page (``GET /``, no login): a text box whose findings appear beside it as the
user types.

- ``POST /check/findings`` (HTMX, debounced in the page): the form's draft is checked and
  the findings come back as HTML, with the weighted character counter and the text with the
  offending words marked (swapped in behind the text box, out of band).
- ``POST /check/media``: an attached image is read once (EXIF location, text by OCR) into
  a temporary file that is deleted at once; the page keeps only what was read (the draft's
  ``media[].inspection``) and sends it with every later check, so typing does not upload or
  read the image again.

Nothing is stored and nothing is logged: a check is private to the person typing.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from tweetguard.draft import (
    MAX_TEXT_CHARS,
    AccountInfo,
    AccountKind,
    Draft,
    MediaInspection,
    MediaItem,
    ReplyContext,
)
from tweetguard.engine import Engine
from tweetguard.media.inspect import inspect_file
from tweetguard.service.routes_posts import check_time
from tweetguard.text import MAX_WEIGHTED_LENGTH, weighted_length
from tweetguard.web.core import Seen, Visitor, page, templates
from tweetguard.web.findings import pieces, views
from tweetguard.web.i18n import Lang, translator

router = APIRouter(include_in_schema=False)

KINDS = ("personal", "company", "customer_service")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".tif", ".tiff", ".bmp"})


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def build_draft(
    *,
    text: str,
    kind: str,
    handle: str | None,
    bio: str | None,
    reply_text: str | None,
    reply_author: str | None,
    on_company_page: bool,
    media: str | None,
) -> Draft:
    """The draft the form describes; pydantic's ValidationError for what breaks the
    contract (too long, a bad handle, a bad inspection)."""
    items: list[MediaItem] = []
    if _opt(media):
        inspection = MediaInspection.model_validate_json(media or "")
        items.append(MediaItem(own=True, inspection=inspection))
    reply = None
    if _opt(reply_text):
        reply = ReplyContext(
            text=reply_text or "", author=_opt(reply_author), on_company_page=on_company_page
        )
    return Draft(
        text=text,
        account=AccountInfo(
            handle=_opt(handle),
            kind=cast(AccountKind, kind) if kind in KINDS else "personal",
            bio=_opt(bio),
        ),
        in_reply_to=reply,
        media=items,
    )


def results(request: Request, seen: Visitor, engine: Engine, draft: Draft) -> HTMLResponse:
    """The findings fragment for ``draft``, with the counter and the marked text."""
    report = engine.check(draft, now=check_time(request)).to_dict()
    return templates.TemplateResponse(
        request, "_results.html", results_context(seen.lang, engine, draft.text, report)
    )


def results_context(
    lang: Lang, engine: Engine, text: str, report: dict[str, Any]
) -> dict[str, Any]:
    findings = report["findings"]
    length = weighted_length(text)
    return {
        "t": translator(lang),
        "lang": lang,
        "report": report,
        "verdict": report["verdict"],
        "findings": views(
            text,
            findings,
            lang=lang,
            draft_lang=report.get("lang"),
            company=engine.policy.company,
        ),
        "pieces": pieces(text, findings),
        "trailing_newline": text.endswith("\n"),
        "weighted": length.weighted,
        "limit": MAX_WEIGHTED_LENGTH,
        "over": length.weighted > MAX_WEIGHTED_LENGTH,
        "swap_backdrop": True,
        "text_units": len(text.encode("utf-16-le")) // 2,
        "empty": not text.strip(),
    }


@router.get("/", response_class=HTMLResponse)
def check_page(request: Request, seen: Seen) -> HTMLResponse:
    return page(request, seen, "check.html", kinds=KINDS, limit=MAX_WEIGHTED_LENGTH)


@router.post("/check/findings", response_class=HTMLResponse)
def check_findings(
    request: Request,
    seen: Seen,
    text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)] = "",
    kind: Annotated[str, Form()] = "personal",
    handle: Annotated[str | None, Form(max_length=60)] = None,
    bio: Annotated[str | None, Form(max_length=2000)] = None,
    reply_text: Annotated[str | None, Form(max_length=MAX_TEXT_CHARS)] = None,
    reply_author: Annotated[str | None, Form(max_length=60)] = None,
    on_company_page: Annotated[bool, Form()] = False,
    media: Annotated[str | None, Form(max_length=4 * MAX_TEXT_CHARS)] = None,
    account: Annotated[str | None, Form(max_length=60)] = None,
) -> HTMLResponse:
    """The findings for the form's draft (``account`` is the company-post form's name for
    the handle)."""
    engine: Engine = request.app.state.engine
    try:
        draft = build_draft(
            text=text,
            kind=kind,
            handle=handle or account,
            bio=bio,
            reply_text=reply_text,
            reply_author=reply_author,
            on_company_page=on_company_page,
            media=media,
        )
    except ValidationError as exc:
        t = translator(seen.lang)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'media'}: {e['msg']}" for e in exc.errors()
        )
        return templates.TemplateResponse(
            request,
            "_check_error.html",
            {"t": t, "message": problems},
            status_code=200,
        )
    return results(request, seen, engine, draft)


@router.post("/check/media", response_class=HTMLResponse)
async def check_media(
    request: Request, seen: Seen, image: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """Read an image once and hand back what was read; the file is deleted at once."""
    t = translator(seen.lang)
    name = Path(image.filename or "image").name
    suffix = Path(name).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        kinds = ", ".join(sorted(IMAGE_SUFFIXES))
        inspection = MediaInspection(error=f"{name}: not an image ({kinds})")
    else:
        data = await image.read()
        with tempfile.TemporaryDirectory(prefix="tweetguard-") as tmp:
            path = Path(tmp) / ("upload" + suffix)
            path.write_bytes(data)
            inspection = inspect_file(path)
        if inspection.error:
            inspection = MediaInspection(error=f"{name}: {inspection.error.split(': ')[0]}")
    response = templates.TemplateResponse(
        request,
        "_media.html",
        {
            "t": t,
            "name": name,
            "inspection": inspection,
            "json": json.dumps(inspection.model_dump(exclude_none=True), ensure_ascii=False),
        },
    )
    response.headers["HX-Trigger-After-Settle"] = "recheck"
    return response
