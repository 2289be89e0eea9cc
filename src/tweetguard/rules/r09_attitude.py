"""Regel 9 — positieve houding / Rule 9 — positive attitude.

## Wat het controleert / What it checks
NL: een antwoord op commentaar op een bedrijfspagina of over het bedrijf (de oorspronkelijke
tweet noemt het bedrijf, een product of een handle uit het beleid) met een negatieve,
defensieve of afwijzende toon ("niet ons probleem", "u heeft het mis", "lees eerst de
handleiding", "Boeiend."). Woorden die ook vriendelijk kunnen zijn tellen alleen in hun
afwijzende vorm ("boeiend artikel", "jammer dat", "no-nonsense" niet) of zonder vriendelijk
woord ernaast ("Oei, dat klopt niet! Dank voor het melden" niet).
EN: a reply to a comment on a company page or about the company whose tone is negative,
defensive or dismissive ("not our problem", "you're wrong", "read the manual", "Whatever.");
not "whatever you need", "too bad the installer was late, sorry".

Taalmodel / language model: a reply without those phrases whose tone the tone model finds
negative, defensive or dismissive (Dutch and English) is flagged too, with the words that
tipped the model and its score; a complaint answered kindly is not.

## Waarom (regel 9)
"Hanteer altijd een positieve houding bij het beantwoorden van commentaren op
bedrijfspagina's, of commentaar over het bedrijf in het algemeen."

## Voorbeeld
    (antwoord op "De TulpApp crasht steeds, waardeloos")
    Lees eerst de handleiding, dan werkt het gewoon.

## Beter zo
    Vervelend dat de app crasht! Welke versie gebruik je? Onze klantenservice kijkt graag mee.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tweetguard.context import Context
from tweetguard.report import Evidence
from tweetguard.rules._common import Hit, Rule, model_evidence, phrases, signal_spans
from tweetguard.types import Localized

SENTENCE = Localized(
    "Hanteer altijd een positieve houding bij het beantwoorden van commentaren op "
    "bedrijfspagina's, of commentaar over het bedrijf in het algemeen.",
    "Always maintain a positive attitude when responding to comments on company pages, or to "
    "comments about the company in general.",
)
TITLE = Localized("Positieve houding", "Positive attitude")


# fmt: off
NEGATIVE_TONE = phrases(
    ["niet ons probleem", "niet mijn probleem", "ons probleem niet", "lees eerst",
     "lees de handleiding", "u heeft het mis", "je hebt het mis", "jij hebt het mis",
     "klopt gewoon niet", "klopt helemaal niet", "pech gehad", "eigen schuld", "eigen fout",
     "zoek het zelf uit", "zoek het maar uit", "ga dan ergens anders", "ga lekker ergens anders",
     "niemand dwingt je", "onzin", "kletskoek", "flauwekul", "je overdrijft", "overdrijf niet",
     "stel je niet aan", "doe even rustig", "ophouden met zeuren", "zeur niet", "wat een gezeur",
     "leer lezen", "had je maar", "dat had je zelf", "niet onze schuld", "niet mijn schuld",
     "ligt niet aan ons", "ligt aan jou", "ligt aan jouw", "ligt aan jezelf", "ligt aan uzelf",
     "ligt aan je eigen", "jouw probleem", "uw probleem", "koop dan wat anders",
     "koop dan iets anders", "stop met klagen", "hou op met klagen", "houd op met klagen",
     "not our problem", "not my problem", "read the manual", "rtfm", "you're wrong",
     "you are wrong", "deal with it", "tough luck", "nobody forces you", "go elsewhere",
     "stop whining", "stop complaining", "get over it", "your own fault", "user error",
     "learn to read", "should have read", "not our fault", "not my fault", "your problem",
     "that's on you", "if you don't like it", "get a life"]
)
# Said just as often with sympathy ("Oei, dat klopt niet! Dank voor het melden", "Goeie vraag!
# Lees even de FAQ"): negative only in a reply without a friendly word.
NEGATIVE_UNLESS_FRIENDLY = phrases(
    ["dat klopt niet", "lees even", "that's not true", "that is not true"]
)
FRIENDLY = phrases(
    ["sorry", "excuses", "vervelend", "balen", "oei", "oeps", "jammer dat", "dank", "bedankt",
     "dankjewel", "dank je", "goeie vraag", "goede vraag", "fijn dat", "helpen je graag",
     "help je graag", "good question", "thanks", "thank you", "apologies", "happy to help",
     "sorry to hear"]
)
# fmt: on
# Dismissive only in a certain form: "Boeiend." (not "boeiend artikel"), "Whatever." (not
# "whatever you need"), "Too bad." (not "too bad the installer was late"), "calm down" said
# to someone (not "things should calm down"), "nonsense" (not "no-nonsense"), "jammer dan"
# (not "jammer dan dat het niet lukte").
DISMISSIVE_FORMS = re.compile(
    r"(?<!\w)(?:boeiend(?=\s*(?:$|[.!?…]|hoor|joh|zeg|[^\w\s,]))"
    r"|whatever(?=\s*(?:$|[.!?,…]|[^\w\s]))"
    r"|too\s+bad(?=\s*(?:$|[.!…]|for\s+you|so\s+sad))"
    r"|(?:(?<=^)|(?<=[.!?,:]\s)|(?<=just\s)|(?<=please\s)|(?<=pls\s))calm\s+down"
    r"|(?<!no-)(?<!no\s)nonsense"
    r"|jammer\s+dan(?!\s+dat)(?!\w))",
    re.MULTILINE,
)


def _about_company(ctx: Context) -> bool:
    reply = ctx.draft.in_reply_to
    parent = ctx.parent
    if reply is None or parent is None:
        return False
    return reply.on_company_page or bool(parent.terms_of("company", "product"))


def _negative(ctx: Context) -> list[tuple[int, int]]:
    view = ctx.view
    spans = view.search(NEGATIVE_TONE) + view.search(DISMISSIVE_FORMS)
    if not view.has(FRIENDLY):
        spans += view.search(NEGATIVE_UNLESS_FRIENDLY)
    return sorted(spans)


def check(ctx: Context, _: object) -> Iterator[Hit]:
    if not _about_company(ctx):
        return
    spans = _negative(ctx)
    sig = ctx.signal("tone")
    evidence: Evidence | None = None
    if spans:
        evidence = Evidence(
            words=(ctx.quote(*spans[0]),),
            score=round(sig.score, 3) if sig is not None else None,
            source="lexicon" if sig is None else "lexicon+model:tone",
        )
    elif sig is not None and sig.score >= 0.5:
        spans = signal_spans(ctx, sig)
        evidence = model_evidence(sig, words=tuple(ctx.quote(s, e) for s, e in sig.spans))
    if not spans:
        return
    start, end = spans[0]
    words = ctx.quote(start, end)
    channels = ctx.policy.channels.sentence()
    yield Hit(
        "R9.negative-reply",
        "warn",
        start,
        end,
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
        evidence,
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
