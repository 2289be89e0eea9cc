"""Regel 7 — geen woordvoerder / Rule 7 — not a spokesperson.

## Wat het controleert / What it checks
NL: een persoonlijk account dat namens het bedrijf spreekt ("namens Tulpwerk", "wij als
Tulpwerk", "officiële reactie"), dat aankondigingen doet ("we lanceren vandaag…"), of dat een
mening geeft over het bedrijf of zijn producten zonder disclaimer ("mijn eigen mening") in de
tekst of de bio.
EN: a personal account speaking for the company ("on behalf of", "we at"), making
announcements ("we're launching…"), or giving an opinion on the company or its products
without a disclaimer ("views are my own") in the text or the bio.

## Waarom (regel 7)
"Geef duidelijk aan dat je niet een officiële contactpersoon voor [Het Bedrijf] bent en dat
je persoonlijke mening niet die van [Het Bedrijf] hoeft te vertegenwoordigen."

## Voorbeeld
    Namens Tulpwerk: we lanceren volgende week de nieuwe Thuisbatterij!

## Beter zo
    Benieuwd naar de nieuwe Thuisbatterij; het officiële nieuws volgt via @Tulpwerk.
    (Persoonlijke mening, niet namens Tulpwerk.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tweetguard.context import Context, TextView
from tweetguard.policy.compiled import Policy
from tweetguard.rules._common import Hit, Rule, company_names, names_pattern, phrases
from tweetguard.types import Localized

SENTENCE = Localized(
    "Geef duidelijk aan dat je niet een officiële contactpersoon voor [Het Bedrijf] bent en dat "
    "je persoonlijke mening niet die van [Het Bedrijf] hoeft te vertegenwoordigen.",
    "Make it clear that you are not an official contact person for [Het Bedrijf] and that your "
    "personal opinion does not necessarily represent that of [Het Bedrijf].",
)
TITLE = Localized("Geen officiële woordvoerder", "Not an official spokesperson")

DISCLAIMER = phrases(
    ["eigen mening", "persoonlijke mening", "mening is van mij", "meningen zijn van mij",
     "mening van mijzelf", "tweets zijn persoonlijk", "tweets zijn van mij", "privé account",
     "privéaccount", "persoonlijk account", "spreek niet namens", "niet namens",
     "niet het standpunt van", "views are my own", "views my own", "opinions are my own",
     "opinions my own", "my own views", "my own opinions", "personal views", "personal account",
     "not speaking for", "not on behalf of", "tweets are my own", "rt ≠ endorsement",
     "rts are not endorsements", "rt != endorsement"]
)
OPINION = phrases(
    ["ik vind", "vind ik", "ik denk", "denk ik", "volgens mij", "naar mijn mening",
     "mijns inziens", "mijn mening", "ik geloof", "eerlijk gezegd", "ik verwacht",
     "i think", "in my opinion", "imo", "imho", "i believe", "i feel", "personally",
     "honestly", "my take", "i expect", "i reckon"]
)
ANNOUNCE = phrases(
    ["we lanceren", "wij lanceren", "we introduceren", "wij introduceren", "we kondigen",
     "wij kondigen", "we maken bekend", "wij maken bekend", "we brengen", "wij brengen",
     "we gaan lanceren", "binnenkort bij ons", "we are launching", "we're launching",
     "we launch", "we announce", "we are announcing", "we're announcing",
     "we're excited to announce", "we are excited to announce", "we are proud to announce",
     "we're proud to announce", "we will release", "we'll release", "we are releasing"]
)


@dataclass(frozen=True)
class Compiled:
    speaks_for: re.Pattern[str]


def prepare(policy: Policy) -> Compiled:
    names = names_pattern(company_names(policy))
    return Compiled(
        re.compile(
            rf"(?<!\w)(?:namens\s+{names}|in\s+naam\s+van\s+{names}|wij\s+(?:als|van)\s+{names}"
            rf"|we\s+(?:als|van)\s+{names}|on\s+behalf\s+of\s+{names}|we\s+at\s+{names}"
            rf"|speaking\s+for\s+{names}|officiele\s+(?:reactie|verklaring|standpunt)"
            rf"|official\s+(?:statement|response|position)\s+(?:of|from)\s+{names}"
            rf"|officieel\s+standpunt)"
        )
    )


def _has_disclaimer(view: TextView | None) -> bool:
    return view is not None and view.has(DISCLAIMER)


def check(ctx: Context, comp: Compiled) -> Iterator[Hit]:
    if not ctx.is_personal:
        return
    view = ctx.view
    disclaimed = _has_disclaimer(view) or _has_disclaimer(ctx.bio)
    speaks = [
        view.folded.span(m.start(), m.end())
        for m in comp.speaks_for.finditer(view.folded.folded)
        if not view.folded.folded[max(0, m.start() - 5) : m.start()].endswith("niet ")
    ]
    company = ctx.policy.company
    if speaks:
        start, end = speaks[0]
        words = ctx.quote(start, end)
        yield Hit(
            "R7.speaks-for-company", "block", start, end,
            Localized(
                f"Regel 7: \u201c{words}\u201d: vanaf een persoonlijk account spreek je niet "
                f"namens {company}.",
                f"Rule 7: \u201c{words}\u201d: a personal account does not speak on behalf of "
                f"{company}.",
            ),
            Localized(
                f"Laat officiële uitspraken over aan de woordvoering van {company}; schrijf in "
                "de ik-vorm.",
                f"Leave official statements to {company}'s spokespeople; write in the first "
                "person singular.",
            ),
        )
        return
    mentions = view.terms_of("company", "product")
    announce = view.search(ANNOUNCE)
    if announce and mentions:
        start, end = announce[0]
        words = ctx.quote(start, end)
        official = ctx.policy.company_handles[0] if ctx.policy.company_handles else company
        yield Hit(
            "R7.announcement", "warn", start, end,
            Localized(
                f"Regel 7: \u201c{words}\u201d klinkt als een officiële aankondiging van "
                f"{company}; je bent geen officiële contactpersoon.",
                f"Rule 7: \u201c{words}\u201d sounds like an official announcement by {company}; "
                "you are not an official contact person.",
            ),
            Localized(
                f"Deel de officiële aankondiging van {official} in plaats van zelf aan te "
                "kondigen.",
                f"Share the official announcement by {official} instead of announcing it "
                "yourself.",
            ),
        )
        return
    if mentions and not disclaimed:
        sig = ctx.signal("opinion")
        opinion = view.search(OPINION) or (
            [(0, len(ctx.text))] if sig is not None and sig.score >= 0.5 else []
        )
        if opinion:
            start, end = opinion[0]
            words = ctx.quote(start, end)
            yield Hit(
                "R7.no-disclaimer", "warn", start, end,
                Localized(
                    f"Regel 7: je geeft je mening (\u201c{words}\u201d) over {company} zonder "
                    "te zeggen dat het je persoonlijke mening is.",
                    f"Rule 7: you give your opinion (\u201c{words}\u201d) on {company} without "
                    "saying it is your personal opinion.",
                ),
                Localized(
                    f"Voeg toe: \u201c(Persoonlijke mening, niet namens {company}.)\u201d, of zet "
                    "een disclaimer in je bio.",
                    f"Add: \u201c(Personal opinion, not on behalf of {company}.)\u201d, or put a "
                    "disclaimer in your bio.",
                ),
            )


RULE = Rule(
    number=7,
    slug="spokesperson",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R7.speaks-for-company", "R7.announcement", "R7.no-disclaimer"),
    check=check,
    doc=__doc__ or "",
    prepare=prepare,
)
