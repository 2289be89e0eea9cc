"""Regel 5 — interne communicatie / Rule 5 — internal communication.

## Wat het controleert / What it checks
NL: berichten die voor collega's bedoeld zijn: aanhef aan collega's ("beste collega's",
"hi team"), interne mededelingen, vergaderingen en overleggen met tijdstip, reorganisaties,
HR-nieuws en interne hulpmiddelen (intranet, Teams-kanaal, Jira).
EN: posts meant for colleagues: addressing colleagues ("dear colleagues", "hi team"), internal
announcements, meetings with a time, reorganisations, HR news and internal tools.

## Waarom (regel 5)
"Twitter is geen vervanging van interne communicatie. Belangrijke interne informatie moet
worden uitgewisseld via de normale interne communicatie kanalen, niet op Twitter."

## Voorbeeld
    Beste collega's, het teamoverleg van morgen is verplaatst naar 14:00 in zaal 3.

## Beter zo
    (Deel dit via de interne kanalen: e-mail, intranet of het teamkanaal.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tweetguard.context import Context
from tweetguard.rules._common import FIRST_PLURAL, Hit, Rule, phrases
from tweetguard.types import Localized

SENTENCE = Localized(
    "Belangrijke interne informatie moet worden uitgewisseld via de normale interne "
    "communicatie kanalen, niet op Twitter.",
    "Important internal information must be exchanged through the normal internal "
    "communication channels, not on Twitter.",
)
TITLE = Localized("Interne communicatie", "Internal communication")

# Addressed to colleagues or explicitly internal: enough on its own.
ADDRESSED = phrases(
    ["beste collega's", "lieve collega's", "hoi collega's", "hallo collega's", "hey collega's",
     "collega's,", "aan alle collega's", "aan alle medewerkers", "beste allemaal", "hoi team",
     "hallo team", "beste team", "interne mededeling", "mededeling aan het personeel",
     "dear colleagues", "hi team", "hello team", "hey team", "dear team", "all staff",
     "to all employees", "internal announcement", "team update:", "reminder team",
     "reminder collega's", "@allen", "@channel", "@here"]
)
# Internal topics: count with "we/ons/our", a time or day, or the company's name.
TOPIC = phrases(
    ["reorganis", "reorg", "ontslagronde", "gedwongen ontslagen", "personeelsbijeenkomst",
     "personeelsvergadering", "teamoverleg", "afdelingsoverleg", "werkoverleg", "teamuitje",
     "all-hands", "all hands", "town hall", "townhall", "kwartaalmeeting", "mt-overleg",
     "mt-besluit", "managementteam", "ondernemingsraad", "or-vergadering", "functioneringsgesprek",
     "beoordelingsgesprek", "salarisverhoging", "bonusregeling", "roosterwijziging",
     "thuiswerkbeleid", "ziekmelding", "verzuim", "interne nieuwsbrief", "intranet",
     "teams-kanaal", "slack-kanaal", "sharepoint", "confluence", "jira",
     "sprint review", "layoff", "layoffs", "restructuring", "staff meeting",
     "team meeting", "company meeting", "performance review", "hr update", "org chart",
     "salary increase", "return to office", "rto policy", "internal newsletter"],
    prefix=True,
)
WHEN = re.compile(
    r"(?<!\w)(?:morgen|vandaag|vanmiddag|vanochtend|vanavond|maandag|dinsdag|woensdag|donderdag|"
    r"vrijdag|volgende week|tomorrow|today|this afternoon|monday|tuesday|wednesday|thursday|"
    r"friday|next week|om \d{1,2}[:.]\d{2}|at \d{1,2}(?::\d{2})?\s?(?:am|pm)?|"
    r"\d{1,2}[:.]\d{2}\s?(?:uur|u)?|zaal \w+|room \w+)(?!\w)"
)


def check(ctx: Context, _: object) -> Iterator[Hit]:
    view = ctx.view
    spans = view.search(ADDRESSED)
    code_reason: tuple[str, str] = ("aan collega's gericht", "addressed to colleagues")
    if not spans:
        topic = view.search(TOPIC)
        sig = ctx.signal("internal")
        if topic and (
            view.has(FIRST_PLURAL) or view.has(WHEN) or view.terms_of("company")
        ):
            spans = topic
            code_reason = ("interne zaken", "internal matters")
        elif sig is not None and sig.score >= 0.5:
            spans = list(sig.spans) or [(0, len(ctx.text))]
            code_reason = ("interne zaken", "internal matters")
    if not spans:
        return
    start, end = spans[0]
    words = ctx.quote(start, end)
    yield Hit(
        "R5.internal", "warn", start, end,
        Localized(
            f"Regel 5: \u201c{words}\u201d: dit lijkt {code_reason[0]}. Twitter is geen "
            "vervanging van interne communicatie.",
            f"Rule 5: \u201c{words}\u201d: this looks like {code_reason[1]}. Twitter is not a "
            "substitute for internal communication.",
        ),
        Localized(
            "Deel dit via de interne kanalen (e-mail, intranet, teamkanaal), niet op Twitter.",
            "Share this through the internal channels (e-mail, intranet, team channel), not "
            "on Twitter.",
        ),
    )


RULE = Rule(
    number=5,
    slug="internal",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R5.internal",),
    check=check,
    doc=__doc__ or "",
)
