"""Regel 7 — geen woordvoerder / Rule 7 — not a spokesperson.

## Wat het controleert / What it checks
NL: een persoonlijk account dat namens het bedrijf spreekt ("namens Tulpwerk", "wij als
Tulpwerk", "Officiële reactie: …"), dat aankondigingen doet ("we lanceren vandaag…",
"vandaag lanceren we…"), of dat een mening geeft over het bedrijf of zijn producten ("ik vind",
of een oordeel als "geweldig" in dezelfde zin) zonder disclaimer ("mijn eigen mening") in de
tekst of de bio. Niet: "niet namens Tulpwerk", verwijzen naar de officiële reactie, "ik denk
dat ik…".
EN: a personal account speaking for the company ("on behalf of", "we at"), making
announcements ("we're launching…"), or giving an opinion on the company or its products
without a disclaimer ("views are my own") in the text or the bio. Not: "not speaking for
Tulpwerk", pointing to the official statement, "I think I…".

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
from tweetguard.rules._common import (
    SENTENCES,
    Hit,
    Rule,
    append,
    company_names,
    names_pattern,
    phrases,
)
from tweetguard.types import Localized

SENTENCE = Localized(
    "Geef duidelijk aan dat je niet een officiële contactpersoon voor [Het Bedrijf] bent en dat "
    "je persoonlijke mening niet die van [Het Bedrijf] hoeft te vertegenwoordigen.",
    "Make it clear that you are not an official contact person for [Het Bedrijf] and that your "
    "personal opinion does not necessarily represent that of [Het Bedrijf].",
)
TITLE = Localized("Geen officiële woordvoerder", "Not an official spokesperson")


# fmt: off
DISCLAIMER = phrases(
    ["eigen mening", "persoonlijke mening", "mening is van mij", "meningen zijn van mij",
     "mening van mijzelf", "tweets zijn persoonlijk", "tweets zijn van mij", "privé account",
     "privéaccount", "persoonlijk account", "spreek niet namens", "niet namens",
     "niet het standpunt van", "views are my own", "views my own", "views are mine",
     "opinions are my own", "opinions my own", "opinions are mine", "my own views",
     "my own opinions", "personal views", "personal account", "not speaking for",
     "not on behalf of", "tweets are my own", "rt ≠ endorsement", "rts are not endorsements",
     "rt != endorsement"]
)
OPINION = phrases(
    ["ik vind", "vind ik", "ik denk", "denk ik", "volgens mij", "naar mijn mening",
     "mijns inziens", "mijn mening", "ik geloof", "eerlijk gezegd", "ik verwacht",
     "i think", "in my opinion", "imo", "imho", "i believe", "i feel", "personally",
     "honestly", "my take", "i expect", "i reckon"]
)
# An opinion without "ik vind": a judgement of the product in the same sentence.
EVALUATIVE = phrases(
    ["geweldig", "geweldige", "fantastisch", "fantastische", "briljant", "briljante",
     "waardeloos", "waardeloze", "slecht", "slechte", "slechtste", "teleurstellend",
     "teleurstellende", "belabberd", "te duur", "aanrader", "awesome", "amazing", "terrible",
     "awful", "disappointing", "brilliant", "fantastic", "rubbish", "overpriced", "must-have",
     "game changer", "i love", "love the", "i hate", "hate the"]
)
ANNOUNCE = phrases(
    ["we lanceren", "wij lanceren", "lanceren we", "we introduceren", "wij introduceren",
     "introduceren we", "we presenteren", "wij presenteren", "presenteren we", "we kondigen",
     "wij kondigen", "kondigen we", "we maken bekend", "wij maken bekend", "maken we bekend",
     "we gaan lanceren", "gaan we lanceren", "binnenkort bij ons", "we are launching",
     "we're launching", "we launch", "we'll launch", "we will launch", "we'll be launching",
     "we are introducing", "we're introducing", "we're rolling out", "we are rolling out",
     "we announce", "we are announcing", "we're announcing", "we're excited to announce",
     "we are excited to announce", "we are proud to announce", "we're proud to announce",
     "we're thrilled to announce", "we will release", "we'll release", "we are releasing",
     "we're releasing"]
)
# fmt: on
# "we brengen ... uit / op de markt" (not "we brengen de kinderen naar school").
BRING_OUT = re.compile(
    r"(?<!\w)(?:w(?:e|ij)\s+brengen|brengen\s+w(?:e|ij))(?!\w)[^.!?\n]{0,60}?"
    r"(?<!\w)(?:uit|op\s+de\s+markt)(?!\w)"
)
# "ik denk dat ik…", "I think I left…": about the author, not an opinion on the company.
ABOUT_SELF = re.compile(r"\s+(?:dat\s+|that\s+)?(?:ik|i)(?!\w)")
# "niet namens Tulpwerk", "not speaking for Tulpwerk": a disclaimer, not a statement.
NEGATED = re.compile(r"(?<!\w)(?:niet|not|never|nooit)\s+(?:\w+\s+){0,2}$")


@dataclass(frozen=True)
class Compiled:
    speaks_for: re.Pattern[str]


def prepare(policy: Policy) -> Compiled:
    names = names_pattern(company_names(policy))
    # "namens het hele team van Tulpwerk", "on behalf of everyone at Tulpwerk"
    fill = (
        r"(?:(?:het|heel|hele|ons|onze|de|alle|allemaal|iedereen|collega's|collegas|medewerkers"
        r"|mensen|team|van|bij|the|whole|entire|everyone|all|of|at|us|my|colleagues|people)\s+)"
        r"{0,4}"
    )
    start = r"(?:^|(?<=[.!?\n]))\s*"
    return Compiled(
        re.compile(
            rf"(?<!\w)(?:namens\s+{fill}{names}|in\s+naam\s+van\s+{fill}{names}"
            rf"|wij\s+(?:als|van)\s+{names}|we\s+(?:als|van)\s+{names}"
            rf"|on\s+behalf\s+of\s+{fill}{names}|we\s+at\s+{names}"
            rf"|speaking\s+(?:for|on\s+behalf\s+of)\s+{names}"
            # issuing a statement: "Officiële reactie: …", "ons officiële standpunt",
            # "het officiële standpunt van Tulpwerk is" (not "lees de officiële reactie
            # van Tulpwerk" or "de officiële reactie van de gemeente")
            rf"|(?:ons|onze)\s+officiele\s+(?:reactie|verklaring|standpunt)"
            rf"|officiele?\s+standpunt\s+van\s+{names}\s+is"
            rf"|our\s+official\s+(?:statement|response|position)"
            rf"|official\s+position\s+of\s+{names}\s+is)"
            rf"|{start}(?:officiele\s+(?:reactie|verklaring|mededeling)|officieel\s+standpunt"
            rf"|official\s+(?:statement|response))(?:\s+(?:van|namens|from|of)\s+{names})?\s*:",
            re.MULTILINE,
        )
    )


def _has_disclaimer(view: TextView | None) -> bool:
    return view is not None and view.has(DISCLAIMER)


def _sentence_of(text: str, pos: int) -> str:
    for s in SENTENCES.finditer(text):
        if s.start() <= pos < s.end():
            return s.group()
    return ""


def _speaks_for(view: TextView, comp: Compiled) -> list[tuple[int, int]]:
    folded = view.folded.folded
    spans = []
    for m in comp.speaks_for.finditer(folded):
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if NEGATED.search(folded[max(0, start - 30) : start]):
            continue
        spans.append(view.folded.span(start, m.end()))
    return spans


def _announcements(view: TextView) -> list[tuple[int, int]]:
    folded = view.folded.folded
    found = [(m.start(), m.end()) for m in ANNOUNCE.finditer(folded)]
    found += [(m.start(), m.end()) for m in BRING_OUT.finditer(folded)]
    # "Lanceren we echt volgende week?" is a question, not an announcement.
    kept = [(s, e) for s, e in found if not _sentence_of(folded, s).rstrip().endswith("?")]
    return [view.folded.span(s, e) for s, e in sorted(kept)]


def _opinions(view: TextView, about: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans (original offsets) of opinion markers, and of judgements in a sentence that
    names the company or a product (``about``)."""
    folded = view.folded.folded
    spans = [
        view.folded.span(m.start(), m.end())
        for m in OPINION.finditer(folded)
        if not ABOUT_SELF.match(folded, m.end())
    ]
    sentences = [(s.start(), s.end()) for s in SENTENCES.finditer(view.text)]
    for j_start, j_end in view.search(EVALUATIVE):
        if any(s <= j_start < e and any(s <= a < e for a, _ in about) for s, e in sentences):
            spans.append((j_start, j_end))
    return sorted(spans)


def check(ctx: Context, comp: Compiled) -> Iterator[Hit]:
    if not ctx.is_personal:
        return
    view = ctx.view
    speaks = _speaks_for(view, comp)
    company = ctx.policy.company
    if speaks:
        start, end = speaks[0]
        words = ctx.quote(start, end)
        yield Hit(
            "R7.speaks-for-company",
            "block",
            start,
            end,
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
    if not mentions:
        return
    announce = _announcements(view)
    if announce:
        start, end = announce[0]
        words = ctx.quote(start, end)
        official = ctx.policy.company_handles[0] if ctx.policy.company_handles else company
        yield Hit(
            "R7.announcement",
            "warn",
            start,
            end,
            Localized(
                f"Regel 7: \u201c{words}\u201d klinkt als een officiële aankondiging van "
                f"{company}; je bent geen officiële contactpersoon.",
                f"Rule 7: \u201c{words}\u201d sounds like an official announcement by {company}; "
                "you are not an official contact person.",
            ),
            Localized(
                f"Deel de officiële aankondiging van {official} in plaats van zelf aan te "
                "kondigen.",
                f"Share the official announcement by {official} instead of announcing it yourself.",
            ),
        )
        return
    if not (_has_disclaimer(view) or _has_disclaimer(ctx.bio)):
        sig = ctx.signal("opinion")
        about = [(h.start, h.end) for h in mentions]
        opinion = _opinions(view, about) or (
            [(0, len(ctx.text))] if sig is not None and sig.score >= 0.5 else []
        )
        if opinion:
            start, end = opinion[0]
            words = ctx.quote(start, end)
            disclaimer = Localized(
                f"(Persoonlijke mening, niet namens {company}.)",
                f"(Personal opinion, not on behalf of {company}.)",
            )
            yield Hit(
                "R7.no-disclaimer",
                "warn",
                start,
                end,
                Localized(
                    f"Regel 7: je geeft je mening (\u201c{words}\u201d) over {company} zonder "
                    "te zeggen dat het je persoonlijke mening is.",
                    f"Rule 7: you give your opinion (\u201c{words}\u201d) on {company} without "
                    "saying it is your personal opinion.",
                ),
                Localized(
                    f"Voeg toe: \u201c{disclaimer.nl}\u201d, of zet een disclaimer in je bio.",
                    f"Add: \u201c{disclaimer.en}\u201d, or put a disclaimer in your bio.",
                ),
                edit=append(ctx.text, disclaimer),
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
