"""Regel 9 — positieve houding / Rule 9 — positive attitude.

## Wat het controleert / What it checks
NL: een antwoord op commentaar op een bedrijfspagina of over het bedrijf (de oorspronkelijke
tweet noemt het bedrijf, een product of een handle uit het beleid) met een negatieve,
defensieve of afwijzende toon ("niet ons probleem", "u heeft het mis", "lees eerst de
handleiding").
EN: a reply to a comment on a company page or about the company whose tone is negative,
defensive or dismissive ("not our problem", "you're wrong", "read the manual").

## Waarom (regel 9)
"Hanteer altijd een positieve houding bij het beantwoorden van commentaren op
bedrijfspagina's, of commentaar over het bedrijf in het algemeen."

## Voorbeeld
    (antwoord op "De TulpApp crasht steeds, waardeloos") Lees eerst de handleiding, dan werkt het gewoon.

## Beter zo
    Vervelend dat de app crasht! Welke versie gebruik je? Onze klantenservice kijkt graag mee.
"""

from __future__ import annotations

from collections.abc import Iterator

from tweetguard.context import Context
from tweetguard.rules._common import Hit, Rule, phrases
from tweetguard.types import Localized

SENTENCE = Localized(
    "Hanteer altijd een positieve houding bij het beantwoorden van commentaren op "
    "bedrijfspagina's, of commentaar over het bedrijf in het algemeen.",
    "Always maintain a positive attitude when responding to comments on company pages, or to "
    "comments about the company in general.",
)
TITLE = Localized("Positieve houding", "Positive attitude")

NEGATIVE_TONE = phrases(
    ["niet ons probleem", "niet mijn probleem", "ons probleem niet", "lees eerst", "lees even",
     "lees de handleiding", "u heeft het mis", "je hebt het mis", "jij hebt het mis",
     "dat klopt niet", "klopt gewoon niet", "klopt helemaal niet", "jammer dan", "pech gehad",
     "eigen schuld", "eigen fout", "boeiend", "zoek het zelf uit", "zoek het maar uit",
     "ga dan ergens anders", "ga lekker ergens anders", "niemand dwingt je", "onzin",
     "kletskoek", "flauwekul", "je overdrijft", "overdrijf niet", "stel je niet aan",
     "ophouden met zeuren", "zeur niet", "wat een gezeur", "leer lezen", "had je maar",
     "dat had je zelf", "not our problem", "not my problem", "read the manual", "rtfm",
     "you're wrong", "you are wrong", "whatever", "deal with it", "too bad", "tough luck",
     "nobody forces you", "go elsewhere", "stop whining", "stop complaining", "nonsense",
     "get over it", "calm down", "your own fault", "user error", "learn to read",
     "that's not true", "that is not true", "should have read"]
)


def _about_company(ctx: Context) -> bool:
    reply = ctx.draft.in_reply_to
    parent = ctx.parent
    if reply is None or parent is None:
        return False
    return reply.on_company_page or bool(parent.terms_of("company", "product"))


def check(ctx: Context, _: object) -> Iterator[Hit]:
    if not _about_company(ctx):
        return
    spans = ctx.view.search(NEGATIVE_TONE)
    sig = ctx.signal("tone")
    if not spans and sig is not None and sig.score >= 0.5:
        spans = list(sig.spans) or [(0, len(ctx.text))]
    if not spans:
        return
    start, end = spans[0]
    words = ctx.quote(start, end)
    channels = ctx.policy.channels.sentence()
    yield Hit(
        "R9.negative-reply", "warn", start, end,
        Localized(
            f"Regel 9: \u201c{words}\u201d klinkt negatief of afwijzend in een antwoord op "
            "commentaar over het bedrijf.",
            f"Rule 9: \u201c{words}\u201d sounds negative or dismissive in a reply to a comment "
            "about the company.",
        ),
        Localized(
            "Begin met begrip (\u201cVervelend om te horen\u201d), blijf bij de feiten en bied "
            f"hulp aan: {channels.nl}.",
            "Start with understanding (\u201cSorry to hear that\u201d), stick to the facts and "
            f"offer help: {channels.en}.",
        ),
    )


RULE = Rule(
    number=9,
    slug="attitude",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R9.negative-reply",),
    check=check,
    doc=__doc__ or "",
)
