"""Regel 3 — origineel en eerlijk / Rule 3 — original and honest.

## Wat het controleert / What it checks
NL: een persoonlijk account dat een product of dienst van het bedrijf bespreekt (naam, alias,
hashtag, handle, domein, ook met kleine spelfouten) zonder te vermelden dat je er werkt, in
de tekst of in je profiel (bio).
EN: a personal account that discusses a product or service of the company (name, alias,
hashtag, handle, domain, small misspellings included) without saying, in the text or the
profile bio, that you work there.

## Waarom (regel 3)
"Blijf origineel en eerlijk. Als je een produkt of dienst van [Het Bedrijf] bespreekt wordt
je geacht om aan te geven dat je voor [Het Bedrijf] werkt."

## Voorbeeld
    De nieuwe #TulpApp is echt de beste energie-app die er is!

## Beter zo
    De nieuwe #TulpApp is echt de beste energie-app die er is! (Ik werk bij Tulpwerk.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tweetguard.context import Context, TextView
from tweetguard.detect.terms import TermHit
from tweetguard.policy.compiled import Policy
from tweetguard.rules._common import (
    Hit,
    Rule,
    append,
    company_names,
    names_pattern,
    phrases,
)
from tweetguard.text.normalize import fold
from tweetguard.types import Localized

SENTENCE = Localized(
    "Als je een produkt of dienst van [Het Bedrijf] bespreekt wordt je geacht om aan te geven "
    "dat je voor [Het Bedrijf] werkt.",
    "If you discuss a product or service of [Het Bedrijf], you are expected to state that you "
    "work for [Het Bedrijf].",
)
TITLE = Localized("Origineel en eerlijk", "Original and honest")

GENERIC_DISCLOSURE = phrases(
    ["mijn werkgever", "ik werk hier", "ik werk daar", "werk ik", "#werkgever", "#disclosure",
     "disclosure", "#medewerker", "my employer", "i work there", "i work here", "#employee",
     "#iworkhere", "full disclosure"]
)  # fmt: skip


# "een thuisbatterij", "a home battery": a product named with an ordinary word, used as
# that word. Only for a lower-case product name after an indefinite article or quantifier.
GENERIC_BEFORE = re.compile(r"(?<!\w)(?:een|geen|elke|iedere|zo'n|a|an|any|every|no)\s+$")
PLURAL_ENDINGS = ("en", "s", "'s")


@dataclass(frozen=True)
class Compiled:
    disclosure: re.Pattern[str]  # says so in the tweet or the bio
    bio_only: re.Pattern[str]  # says so in a bio ("Data @ Tulpwerk", "bij Tulpwerk sinds 2019")


def prepare(policy: Policy) -> Compiled:
    names = names_pattern(company_names(policy))
    role = (
        r"(?:medewerker|werknemer|collega|developer|ontwikkelaar|engineer|manager|adviseur|"
        r"employee|consultant|designer|analist|analyst|monteur|specialist|lead|staff|intern|"
        r"stagiair|colleague)"
    )
    # "klantadviseur", "softwareontwikkelaar": a role may be the tail of a compound word.
    pattern = (
        rf"(?:(?:ik\s+)?(?:werk|werkzaam|in\s+dienst)\s+(?:bij|voor)\s+{names}"
        rf"|\w*{role}[\w'’]*\s+(?:van|bij|@|at|for|of|voor)\s*{names}"
        rf"|{names}[\s-]*{role}"
        rf"|(?:i|we)\s+work\s+(?:at|for)\s+{names}"
        rf"|(?:works|working)\s+(?:at|for)\s+{names}"
        rf"|(?:wij|we|ons\s+team|our\s+team|hier|here)\s+(?:bij|at)\s+{names}(?!\w)"
        rf"|#werkenbij\w*)"
    )
    bio_only = rf"(?:bij|at|@)\s*{names}(?!\w)|\|\s*{names}(?!\w)"
    return Compiled(re.compile(rf"(?<!\w){pattern}"), re.compile(rf"(?<!\w){bio_only}"))


def disclosed(view: TextView | None, comp: Compiled, *, bio: bool = False) -> bool:
    if view is None:
        return False
    folded = view.folded.folded
    return bool(
        comp.disclosure.search(folded)
        or GENERIC_DISCLOSURE.search(folded)
        or (bio and comp.bio_only.search(folded))
    )


def _generic(ctx: Context, hit: TermHit) -> bool:
    """The product's name used as an ordinary noun: "een thuisbatterij", "thuisbatterijen"."""
    if hit.term.kind != "product" or hit.how == "hashtag":
        return False
    written = fold(ctx.text[hit.start : hit.end])
    key = hit.term.key
    if hit.how == "fuzzy":
        return any(written == key + end for end in PLURAL_ENDINGS)
    if hit.term.label != hit.term.ref or not ctx.text[hit.start : hit.end].islower():
        return False
    return GENERIC_BEFORE.search(fold(ctx.text[max(0, hit.start - 12) : hit.start])) is not None


def check(ctx: Context, comp: Compiled) -> Iterator[Hit]:
    if not ctx.is_personal:
        return
    hits = [h for h in ctx.view.terms_of("product", "company") if not _generic(ctx, h)]
    if not hits:
        return
    if disclosed(ctx.view, comp) or disclosed(ctx.bio, comp, bio=True):
        return
    first = hits[0]
    words = ctx.quote(first.start, first.end)
    company = ctx.policy.company
    disclosure = Localized(f"(Ik werk bij {company}.)", f"(I work at {company}.)")
    yield Hit(
        "R3.no-disclosure",
        "warn",
        first.start,
        first.end,
        Localized(
            f"Regel 3: je noemt \u201c{words}\u201d van {company} zonder te vermelden dat je "
            f"voor {company} werkt.",
            f"Rule 3: you mention \u201c{words}\u201d of {company} without saying that you work "
            f"for {company}.",
        ),
        Localized(
            f"Voeg toe: \u201c{disclosure.nl}\u201d, of zet het in je bio.",
            f"Add: \u201c{disclosure.en}\u201d, or put it in your bio.",
        ),
        edit=append(ctx.text, disclosure),
    )


RULE = Rule(
    number=3,
    slug="disclosure",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R3.no-disclosure",),
    check=check,
    doc=__doc__ or "",
    prepare=prepare,
)
