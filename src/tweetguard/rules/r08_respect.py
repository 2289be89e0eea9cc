"""Regel 8 — respect / Rule 8 — respect.

## Wat het controleert / What it checks
NL: scheldwoorden, beledigingen en minachting, gericht aan het bedrijf, collega's, klanten,
partners of concurrenten (namen en handles uit het beleid, een @vermelding of "je/jij/jullie")
— dan blokkeert het — en ongerichte grove taal (waarschuwing). Nederlandse ziektevloeken
("kanker-", "tyfus-", "tering-") tellen mee; medische woorden ("kankeronderzoek") niet.
EN: insults, abuse and contempt aimed at the company, colleagues, customers, partners or
competitors (names and handles from the policy, an @mention or "you") — blocked — and
untargeted profanity (warning).

## Waarom (regel 8)
"Respecteer [Het Bedrijf], zijn medewerkers, klanten, partners en concurrenten."

## Voorbeeld
    Stroomkracht BV is echt een stelletje oplichters.

## Beter zo
    Ik ben niet tevreden over de service van Stroomkracht BV; ik hoop dat ze het verbeteren.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from tweetguard.context import Context
from tweetguard.report import Evidence
from tweetguard.rules._common import SECOND_PERSON, Hit, Rule, phrases
from tweetguard.types import Localized

SENTENCE = Localized(
    "Respecteer [Het Bedrijf], zijn medewerkers, klanten, partners en concurrenten.",
    "Respect [Het Bedrijf], its employees, customers, partners and competitors.",
)
TITLE = Localized("Respect", "Respect")

TARGET_WORDS = phrases(
    ["klant", "klanten", "collega", "collega's", "baas", "manager", "leidinggevende", "directie",
     "ceo", "medewerker", "medewerkers", "personeel", "helpdesk", "bedrijf", "concurrent",
     "customer", "customers", "colleague", "colleagues", "boss", "staff", "company",
     "competitor", "employees", "management"]
)
CURSE_PREFIX = re.compile(r"(?<!\w)(kanker|tyfus|tering|klere|pleur|kolere)(\w{3,})")
MEDICAL = (
    "onderzoek", "patient", "patienten", "bestrijding", "fonds", "cel", "cellen", "verwekkend",
    "centrum", "zorg", "screening", "behandeling", "diagnose", "vaccin", "risico", "soort",
    "soorten", "afdeling", "genezing", "gezwel", "specialist", "preventie",
)
WINDOW = 40  # characters between an insult and its target


@cache
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(insults, profanity) from the curated word lists shipped in tweetguard/data."""
    insults: list[str] = []
    profanity: list[str] = []
    files = resources.files("tweetguard.data")
    for name in ("insults.nl.txt", "insults.en.txt"):
        for line in files.joinpath(name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            kind, _, word = line.partition("\t")
            (profanity if kind == "profanity" else insults).append(word.strip())
    return phrases(insults), phrases(profanity)


def _targets(ctx: Context) -> list[tuple[int, int]]:
    spans = [(h.start, h.end) for h in ctx.view.terms if h.term.kind != "marker"]
    spans += [(e.start, e.end) for e in ctx.view.mentions()]
    spans += ctx.view.search(SECOND_PERSON)
    spans += ctx.view.search(TARGET_WORDS)
    return spans


def _near(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    s, e = span
    return any(o_s - e < WINDOW and s - o_e < WINDOW for o_s, o_e in others)


def check(ctx: Context, _: object) -> Iterator[Hit]:
    insults, profanity = _lexicon()
    view = ctx.view
    found: list[tuple[tuple[int, int], bool]] = [(sp, True) for sp in view.search(insults)]
    for m in CURSE_PREFIX.finditer(view.folded.folded):
        if not m.group(2).startswith(MEDICAL):
            found.append((view.folded.span(m.start(), m.end()), True))
    found += [(sp, False) for sp in view.search(profanity)]
    sig = ctx.signal("abuse")
    if not found:
        if sig is None or sig.score < 0.5:
            return
        found = [(sp, True) for sp in sig.spans] or [((0, len(ctx.text)), True)]
    targets = _targets(ctx)
    found.sort()
    aimed = [(sp, insult) for sp, insult in found if _near(sp, targets)]
    if aimed:
        (start, end), _insult = aimed[0]
        words = ctx.quote(start, end)
        yield Hit(
            "R8.abuse-aimed", "block", start, end,
            Localized(
                f"Regel 8: \u201c{words}\u201d is beledigend en gericht aan iemand. Respecteer "
                f"{ctx.policy.company}, zijn medewerkers, klanten, partners en concurrenten.",
                f"Rule 8: \u201c{words}\u201d is abusive and aimed at someone. Respect "
                f"{ctx.policy.company}, its employees, customers, partners and competitors.",
            ),
            Localized(
                "Laat de belediging weg en beschrijf feitelijk wat je dwarszit.",
                "Leave the insult out and describe factually what bothers you.",
            ),
            Evidence(words=(words,), source="lexicon" if sig is None else "lexicon+model"),
        )
        return
    (start, end), insult = found[0]
    words = ctx.quote(start, end)
    yield Hit(
        "R8.profanity", "warn", start, end,
        Localized(
            f"Regel 8: \u201c{words}\u201d is grof of beledigend taalgebruik.",
            f"Rule 8: \u201c{words}\u201d is coarse or abusive language.",
        ),
        Localized(
            "Kies een neutraler woord.", "Choose a more neutral word."
        ),
        Evidence(words=(words,), source="lexicon"),
    )
    _ = insult


RULE = Rule(
    number=8,
    slug="respect",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R8.abuse-aimed", "R8.profanity"),
    check=check,
    doc=__doc__ or "",
)
