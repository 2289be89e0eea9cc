"""Regel 6 — klantenservice / Rule 6 — customer service.

## Wat het controleert / What it checks
NL: een antwoord op een klantvraag of klacht (aan het bedrijf, op een bedrijfspagina of over
een product) vanaf een account dat geen klantenservice-account is, zeker als het de zaak
zelf afhandelt (om een ordernummer of DM vraagt, geld terug belooft). Klantenservice-accounts
uit het beleid zijn uitgezonderd.
EN: a reply to a customer question or complaint (to the company, on a company page or about
a product) from an account that is not a customer-service account, especially one that
handles the case (asks for an order number or a DM, promises a refund). The customer-service
accounts of the policy are exempt.

## Waarom (regel 6)
"Twitter is geen vervanging van klantenservice. Handel geen klantvragen af via Twitter, maar
verwijs klanten naar de officiële klantenservice kanalen. (dit geldt niet voor een
klantenservice kanaal op Twitter)"

## Voorbeeld
    (antwoord op "@Tulpwerk mijn thuisbatterij doet het nog steeds niet!")
    Stuur me je ordernummer even via DM, dan regel ik het.

## Beter zo
    Vervelend dat je hier last van hebt! Onze klantenservice helpt je graag verder: stuur een
    bericht naar @TulpwerkHelpt of kijk op https://tulpwerk.nl/klantenservice.
"""

from __future__ import annotations

from collections.abc import Iterator

from tweetguard.context import Context
from tweetguard.rules._common import Hit, Rule, phrases
from tweetguard.types import Localized

SENTENCE = Localized(
    "Handel geen klantvragen af via Twitter, maar verwijs klanten naar de officiële "
    "klantenservice kanalen.",
    "Do not handle customer questions via Twitter, but refer customers to the official "
    "customer service channels.",
)
TITLE = Localized("Klantenservice", "Customer service")

COMPLAINT = phrases(
    ["bestelling", "besteld", "levering", "geleverd", "bezorgd", "bezorging", "pakket", "factuur",
     "rekening", "storing", "klacht", "terugbetaling", "geld terug", "retour", "niet ontvangen",
     "werkt niet", "doet het niet", "kapot", "defect", "nog steeds", "wacht al", "helpdesk",
     "klantenservice", "monteur", "afspraak", "opzeggen", "abonnement", "help", "hulp",
     "probleem", "order", "delivery", "delivered", "refund", "invoice", "bill", "broken",
     "not working", "doesn't work", "does not work", "still waiting", "outage", "support",
     "cancel", "subscription", "problem", "issue", "complaint"],
    prefix=True,
)
HANDLES_CASE = phrases(
    ["stuur me", "stuur mij", "stuur even", "stuur een dm", "stuur je", "dm me", "dm mij",
     "dm even", "via dm", "in een dm", "privébericht", "ordernummer", "klantnummer",
     "bestelnummer", "factuurnummer", "contractnummer", "postcode en huisnummer",
     "ik regel het", "ik regel dat", "regel ik het", "regel ik dat", "ik zorg dat",
     "ik zorg ervoor", "ik kijk het na", "ik kijk even", "ik zoek het uit", "ik los het op",
     "we sturen", "je krijgt je geld terug", "krijg je je geld terug", "terugbetaling",
     "compensatie", "vergoeding", "creditnota", "send me", "dm me", "direct message",
     "order number", "customer number", "account number", "i'll sort it", "i will sort it",
     "i'll look into it", "i'll fix", "i will fix", "let me check", "i'll check",
     "we'll send", "we will send", "you'll get a refund", "refund", "compensation",
     "replacement"]
)


def _refers_to_channels(ctx: Context) -> bool:
    ch = ctx.policy.channels
    folded = ctx.view.folded.folded
    return any(
        h.lower() in folded for h in ch.handles
    ) or any(v and v.lower() in folded for v in (ch.url, ch.phone, ch.email))


def _customer_question(ctx: Context) -> bool:
    parent = ctx.parent
    reply = ctx.draft.in_reply_to
    if parent is None or reply is None:
        return False
    about_company = reply.on_company_page or bool(parent.terms_of("company", "product"))
    if not about_company:
        return False
    sig = ctx.signal("customer_question")
    if sig is not None:
        return sig.score >= 0.5
    return "?" in parent.text or parent.has(COMPLAINT)


def _fix(ctx: Context) -> Localized:
    channels = ctx.policy.channels.sentence()
    return Localized(
        f"Antwoord bijvoorbeeld: \u201cVervelend dat je hier last van hebt! Onze klantenservice "
        f"helpt je graag verder: {channels.nl}.\u201d",
        f"Reply for example: \u201cSorry to hear that! Our customer service is happy to help: "
        f"{channels.en}.\u201d",
    )


def check(ctx: Context, _: object) -> Iterator[Hit]:
    if ctx.account_kind == "customer_service":
        return
    if _refers_to_channels(ctx):
        return
    handling = ctx.view.search(HANDLES_CASE)
    question = _customer_question(ctx)
    parent = ctx.parent
    about_company = question or bool(ctx.view.terms_of("company", "product")) or (
        parent is not None and parent.has(COMPLAINT)
    )
    if handling and about_company:
        start, end = handling[0]
        words = ctx.quote(start, end)
        yield Hit(
            "R6.handles-case", "warn", start, end,
            Localized(
                f"Regel 6: \u201c{words}\u201d handelt een klantvraag af via Twitter. Verwijs "
                "naar de officiële klantenservice.",
                f"Rule 6: \u201c{words}\u201d handles a customer question on Twitter. Refer to "
                "the official customer service.",
            ),
            _fix(ctx),
        )
    elif question:
        yield Hit(
            "R6.customer-question", "warn", 0, len(ctx.text),
            Localized(
                "Regel 6: je antwoordt op een klantvraag of klacht. Twitter is geen vervanging "
                "van klantenservice.",
                "Rule 6: you are replying to a customer question or complaint. Twitter is not a "
                "substitute for customer service.",
            ),
            _fix(ctx),
        )


RULE = Rule(
    number=6,
    slug="customer-service",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R6.handles-case", "R6.customer-question"),
    check=check,
    doc=__doc__ or "",
)
