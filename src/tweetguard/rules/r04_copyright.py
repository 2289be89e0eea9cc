"""Regel 4 — copyright / Rule 4 — copyright.

## Wat het controleert / What it checks
NL: bijgevoegde foto's of video's die niet van jezelf of het bedrijf zijn en geen
bronvermelding hebben (in het veld ``credit`` of in de tekst: "Foto:", "Bron:", "via", "©"),
en lange citaten tussen aanhalingstekens zonder bron.
EN: attached photos or videos that are not your own or the company's and carry no credit (in
the ``credit`` field or in the text: "Photo:", "Source:", "via", "©"), and long quotations
without a source.

## Waarom (regel 4)
"Respecteer copyright. Plaats geen tekst, plaatjes of video die gemaakt zijn door iemand
anders zonder de juiste bronvermelding."

## Voorbeeld
    Prachtige foto van de zonsondergang boven ons kantoor!   (met een foto van internet)

## Beter zo
    Prachtige foto van de zonsondergang boven ons kantoor! Foto: Anna de Wit
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tweetguard.context import Context
from tweetguard.rules._common import Hit, Rule, phrases
from tweetguard.types import Localized

SENTENCE = Localized(
    "Plaats geen tekst, plaatjes of video die gemaakt zijn door iemand anders zonder de juiste "
    "bronvermelding.",
    "Do not post text, images or video created by someone else without proper attribution.",
)
TITLE = Localized("Copyright", "Copyright")

CREDIT = phrases(
    ["foto", "foto's", "beeld", "bron", "via", "credit", "credits", "met dank aan", "gemaakt door",
     "door", "fotograaf", "illustratie", "video", "photo", "image", "source", "courtesy of",
     "h/t", "hat tip", "by", "photographer", "illustration", "copyright", "cc-by", "cc by",
     "rechten", "all rights reserved"]
)
CREDIT_MARK = re.compile(r"©|\(c\)|📷|📸|🎥", re.IGNORECASE)
CREDIT_AFTER = re.compile(r"^\s*[:\-–—]|^\s+(?:[@#]?\w)")
ATTRIBUTION = phrases(
    ["bron", "via", "aldus", "zegt", "zei", "schrijft", "schreef", "volgens", "citaat van",
     "uit het boek", "source", "says", "said", "writes", "wrote", "according to", "quoted from",
     "from the book"]
)
QUOTE = re.compile(r"[\"“”„«»]([^\"“”„«»]{40,})[\"“”„«»]")
ATTRIBUTED_DASH = re.compile(r"[\"”»]\s*[-–—~]\s*\S")
MIN_QUOTE_WORDS = 12


def _credited_in_text(ctx: Context) -> bool:
    folded = ctx.view.folded.folded
    if CREDIT_MARK.search(ctx.text):
        return True
    return any(CREDIT_AFTER.match(folded[m.end() :]) for m in CREDIT.finditer(folded))


def _legal(ctx: Context) -> Localized:
    legal = ctx.policy.legal_contact
    if legal:
        return Localized(
            f" Vragen over copyright? Raadpleeg de juridische afdeling ({legal}) of je manager.",
            f" Questions about copyright? Ask the legal department ({legal}) or your manager.",
        )
    return Localized(
        " Vragen over copyright? Raadpleeg de juridische afdeling of je manager.",
        " Questions about copyright? Ask the legal department or your manager.",
    )


def check(ctx: Context, _: object) -> Iterator[Hit]:
    legal = _legal(ctx)
    uncredited = [m for m in ctx.draft.media if not m.own and not (m.credit or "").strip()]
    if uncredited and not _credited_in_text(ctx):
        n = len(uncredited)
        yield Hit(
            "R4.media-without-credit", "warn", 0, len(ctx.text),
            Localized(
                f"Regel 4: {n} bijgevoegd(e) beeld(en) van iemand anders zonder bronvermelding.",
                f"Rule 4: {n} attached image(s) or video(s) by someone else without attribution.",
            ),
            Localized(
                "Vermeld de maker, bijvoorbeeld \u201cFoto: [naam maker]\u201d, of gebruik eigen "
                "beeld." + legal.nl,
                "Credit the maker, for example \u201cPhoto: [name of the maker]\u201d, or use "
                "your own images." + legal.en,
            ),
        )
    for m in QUOTE.finditer(ctx.text):
        if len(m.group(1).split()) < MIN_QUOTE_WORDS:
            continue
        if ATTRIBUTED_DASH.match(ctx.text, m.end() - 1) or ctx.view.has(ATTRIBUTION):
            continue
        if any(e.kind == "url" for e in ctx.view.entities):
            continue
        yield Hit(
            "R4.quote-without-source", "warn", m.start(), m.end(),
            Localized(
                "Regel 4: een lang citaat zonder bronvermelding.",
                "Rule 4: a long quotation without a source.",
            ),
            Localized(
                "Noem wie het schreef of zei, of link naar de bron." + legal.nl,
                "Name who wrote or said it, or link to the source." + legal.en,
            ),
        )
        break


RULE = Rule(
    number=4,
    slug="copyright",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R4.media-without-credit", "R4.quote-without-source"),
    check=check,
    doc=__doc__ or "",
)
