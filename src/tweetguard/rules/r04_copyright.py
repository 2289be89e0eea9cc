"""Regel 4 — copyright / Rule 4 — copyright.

## Wat het controleert / What it checks
NL: bijgevoegde foto's of video's die niet van jezelf of het bedrijf zijn en geen
bronvermelding hebben (in het veld ``credit`` of in de tekst: "Foto: naam", "foto door naam",
"Bron: …", "via @naam", "©", een link naar de bron, of "eigen foto"), en lange citaten tussen
aanhalingstekens zonder bron. Een los woord als "foto" of "door" is geen bronvermelding.
EN: attached photos or videos that are not your own or the company's and carry no credit (in
the ``credit`` field or in the text: "Photo: name", "photo by name", "Source: …", "via
@name", "©", a link to the source, or "my own photo"), and long quotations without a source.
A bare "photo" or "by" in a sentence is no credit.

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

# A credit label: counts when a name or source follows after ":" or a dash ("Foto: Anna",
# "Bron - NOS"). A bare "foto", "video" or "door" in a sentence is no credit.
CREDIT_LABEL = phrases(
    ["foto", "foto's", "fotografie", "beeld", "bron", "credit", "credits", "fotograaf",
     "illustratie", "video", "photo", "photos", "photography", "image", "images", "source",
     "photographer", "illustration", "copyright", "rechten", "met dank aan", "h/t"]
)  # fmt: skip
LABEL_AFTER = re.compile(r"\s*[:\-–—|]\s*\S")
# A credit phrase: counts when a name follows ("Foto door Anna de Wit", "photo by @jan",
# "via @NOSweer", "met dank aan Rijkswaterstaat"): a capitalised word, a handle or a digit.
CREDIT_BY = phrases(
    ["foto door", "foto's door", "beeld door", "video door", "gemaakt door",
     "gefotografeerd door", "geschoten door", "getekend door", "met dank aan", "via",
     "photo by", "photos by", "image by", "video by", "picture by", "shot by", "taken by",
     "drawn by", "made by", "illustration by", "courtesy of", "credit to", "credits to",
     "thanks to", "h/t", "hat tip", "source"]
)  # fmt: skip
NAME_AFTER = re.compile(r"\s+[\"'“‘]?(?:[@#]\w|[^\W\d_]*[A-Z]|\d)")
# Always a credit: ©, (c), a camera emoji, a licence.
CREDIT_MARK = re.compile(
    r"©|\(c\)|📷|📸|🎥|(?<!\w)(?:cc[- ]by(?:-\w+)*|cc0|all rights reserved)(?!\w)",
    re.IGNORECASE,
)
# The author says the picture is their own.
OWN_WORK = phrases(
    ["eigen foto", "eigen foto's", "eigen beeld", "eigen video", "zelf gemaakt", "zelfgemaakt",
     "zelf geschoten", "zelf gefotografeerd", "mijn eigen foto", "door mij gemaakt",
     "photo by me", "my own photo", "my photo", "my own picture", "taken by me", "shot by me",
     "made by me", "i took this", "took this photo", "own photo"]
)  # fmt: skip
ATTRIBUTION = phrases(
    ["bron", "via", "aldus", "zegt", "zei", "schrijft", "schreef", "volgens", "citaat van",
     "uit het boek", "source", "says", "said", "writes", "wrote", "according to", "quoted from",
     "from the book"]
)  # fmt: skip
# A quotation opens at the start, after a space, "(" or ":" and closes before the end, a space
# or punctuation, so stray quote marks in a text do not pair up into a fake quotation.
QUOTE = re.compile(r"(?:^|(?<=[\s(:]))[\"“„«]([^\"“”„«»]{40,})[\"”»](?=$|[\s.,!?;:)…])")
# A retweet-style quotation names its author first: "@naam: …" or @naam: "…".
QUOTED_AUTHOR = re.compile(r"^\s*(?:RT\s+)?@\w+\s*:")
AUTHOR_BEFORE = re.compile(r"@\w+\s*:\s*$")
ATTRIBUTED_DASH = re.compile(r"[\"”»]\s*[-–—~]\s*\S")
MIN_QUOTE_WORDS = 12


def _credited_in_text(ctx: Context) -> bool:
    """The text names the maker or the source of the media, or says it is the author's own."""
    folded = ctx.view.folded
    if CREDIT_MARK.search(ctx.text):
        return True
    # "eigen foto" speaks for the pictures only when none is marked as own already (then it
    # is about that one: "links mijn eigen foto, rechts die uit de krant").
    if ctx.view.has(OWN_WORK) and not any(m.own for m in ctx.draft.media):
        return True
    if any(e.kind == "url" for e in ctx.view.entities):
        return True  # a link to the source
    if any(LABEL_AFTER.match(folded.folded, m.end()) for m in CREDIT_LABEL.finditer(folded.folded)):
        return True
    for m in CREDIT_BY.finditer(folded.folded):
        # Look at what follows in the original text: a name is capitalised, a handle has "@".
        _, end = folded.span(m.start(), m.end())
        if NAME_AFTER.match(ctx.text, end):
            return True
    return False


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
            "R4.media-without-credit",
            "warn",
            0,
            len(ctx.text),
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
        if QUOTED_AUTHOR.match(m.group(1)) or AUTHOR_BEFORE.search(ctx.text, 0, m.start()):
            continue
        if ATTRIBUTED_DASH.match(ctx.text, m.end() - 1) or ctx.view.has(ATTRIBUTION):
            continue
        if any(e.kind == "url" for e in ctx.view.entities):
            continue
        yield Hit(
            "R4.quote-without-source",
            "warn",
            m.start(),
            m.end(),
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
