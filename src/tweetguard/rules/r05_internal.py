"""Regel 5 — interne communicatie / Rule 5 — internal communication.

## Wat het controleert / What it checks
NL: berichten die voor collega's bedoeld zijn: aanhef aan collega's ("beste collega's",
"hi team"), interne mededelingen, vergaderingen en overleggen met tijdstip, reorganisaties,
HR-nieuws en interne hulpmiddelen (intranet, Teams-kanaal, Jira). Onderwerpen die ook
openbaar besproken worden (Jira, een teamuitje, een town hall) tellen alleen met interne
details: een tijdstip, een zaal, "aanmelden", "staat op het intranet".
EN: posts meant for colleagues: addressing colleagues ("dear colleagues", "hi team"), internal
announcements, meetings with a time, reorganisations, HR news and internal tools. Topics that
are also talked about in public (Jira, a team outing, a town hall) count only with internal
details: a time, a room, "sign up", "check Confluence".

Taalmodel / language model: a text without those cues that the internal-communication model
(Dutch and English) finds meant for colleagues is flagged too, with the words that tipped
the model and its score.

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
from tweetguard.report import Evidence
from tweetguard.rules._common import FIRST_PLURAL, Hit, Rule, model_evidence, phrases, signal_spans
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
     "aan alle collega's", "aan alle medewerkers", "hoi team", "hallo team", "beste team",
     "interne mededeling", "mededeling aan het personeel", "dear colleagues", "hi team",
     "hello team", "hey team", "dear team", "all staff", "to all employees",
     "internal announcement", "team update:", "reminder team", "reminder collega's",
     "@allen", "@channel", "@here"]
)  # fmt: skip
# "Collega's, ..." opening the tweet addresses them; "dank aan mijn collega's, ..." does not.
ADDRESSED_START = re.compile(r"^\s*(?:collega's|collega’s|colleagues)\s*[,:]", re.IGNORECASE)
# Greetings that may be for followers as well ("Beste allemaal, bedankt voor ..."): they
# count together with an internal topic or internal details (a time, a room, "aanmelden").
GREETING = phrases(
    ["beste allemaal", "hoi allemaal", "hallo allemaal", "hey allemaal", "hi all",
     "hi everyone", "hello everyone", "hey all", "folks"]
)  # fmt: skip
# Internal topics: count with "we/ons/our", a time or day, or the company's name.
TOPIC = phrases(
    ["reorganis", "reorg", "ontslagronde", "gedwongen ontslagen", "personeelsbijeenkomst",
     "personeelsvergadering", "teamoverleg", "afdelingsoverleg", "werkoverleg",
     "all-hands", "all hands", "kwartaalmeeting", "mt-overleg", "mt-besluit",
     "or-vergadering", "functioneringsgesprek", "beoordelingsgesprek", "bonusregeling",
     "roosterwijziging", "thuiswerkbeleid", "ziekmelding", "interne nieuwsbrief", "layoff",
     "layoffs", "restructuring", "staff meeting", "team meeting", "company meeting",
     "performance review", "hr update", "org chart", "rto policy", "internal newsletter"],
    prefix=True,
)  # fmt: skip
# Topics that are just as often public talk ("we moved from Jira to Linear", "the town hall
# in our village", "teamuitje vandaag: suppen!"): internal only with internal details.
TOPIC_WITH_DETAILS = phrases(
    ["teamuitje", "town hall", "townhall", "intranet", "teams-kanaal", "slack-kanaal",
     "sharepoint", "confluence", "jira", "sprint review", "salarisverhoging",
     "return to office", "verzuim", "managementteam", "ondernemingsraad"],
    prefix=True,
)  # fmt: skip
WHEN = re.compile(
    r"(?<!\w)(?:morgen|vandaag|vanmiddag|vanochtend|vanavond|maandag|dinsdag|woensdag|donderdag|"
    r"vrijdag|volgende week|tomorrow|today|this afternoon|monday|tuesday|wednesday|thursday|"
    r"friday|next week|om \d{1,2}[:.]\d{2}|at \d{1,2}(?::\d{2})?\s?(?:am|pm)?|"
    r"\d{1,2}[:.]\d{2}\s?(?:uur|u)?|zaal \w+|room \w+)(?!\w)"
)
# Internal details: a clock time, a room, something colleagues must do or look up.
DETAILS = re.compile(
    r"(?<!\w)(?:(?:om|at|vanaf|from|tot|until)\s+\d{1,2}(?:[:.]\d{2})?\s?(?:uur|u|am|pm)?"
    r"|\d{1,2}[:.]\d{2}\s?(?:uur|u)?|\d{1,2}\s?(?:am|pm)|zaal \w+|room \w+|verdieping"
    r"|floor|verzamelen|aanmelden|inschrijven|meld je|vergeet (?:niet|je|jullie)|don't forget"
    r"|dont forget|sign up|rsvp|staat op|staan op|staat in|check|kijk op|zie|graag|please)"
    r"(?!\w)"
)


def check(ctx: Context, _: object) -> Iterator[Hit]:
    view = ctx.view
    spans = view.search(ADDRESSED)
    if m := ADDRESSED_START.match(ctx.text):
        spans.insert(0, m.span())
    code_reason: tuple[str, str] = ("aan collega's gericht", "seems addressed to colleagues")
    evidence: Evidence | None = None
    if not spans:
        topic = view.search(TOPIC)
        topic_details = view.search(TOPIC_WITH_DETAILS)
        greeting = view.search(GREETING)
        cued = bool(topic or topic_details or greeting)
        details = cued and view.has(DETAILS)
        company = cued and bool(view.terms_of("company"))
        sig = ctx.signal("internal")
        code_reason = ("over interne zaken te gaan", "seems to be about internal matters")
        if topic and (view.has(FIRST_PLURAL) or view.has(WHEN) or company or greeting):
            spans = topic
        elif topic_details and (details or company or greeting):
            spans = topic_details
        elif greeting and details:
            spans = greeting
            code_reason = ("aan collega's gericht", "seems addressed to colleagues")
        elif sig is not None and sig.score >= 0.5:
            spans = signal_spans(ctx, sig)
            evidence = model_evidence(sig, words=tuple(ctx.quote(s, e) for s, e in sig.spans))
    if not spans:
        return
    start, end = spans[0]
    words = ctx.quote(start, end)
    yield Hit(
        "R5.internal",
        "warn",
        start,
        end,
        Localized(
            f"Regel 5: \u201c{words}\u201d: dit lijkt {code_reason[0]}. Twitter is geen "
            "vervanging van interne communicatie.",
            f"Rule 5: \u201c{words}\u201d: this {code_reason[1]}. Twitter is not a "
            "substitute for internal communication.",
        ),
        Localized(
            "Deel dit via de interne kanalen (e-mail, intranet, teamkanaal), niet op Twitter.",
            "Share this through the internal channels (e-mail, intranet, team channel), not "
            "on Twitter.",
        ),
        evidence,
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
