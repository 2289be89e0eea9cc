"""Regel 6 — klantenservice / Rule 6 — customer service.

## Wat het controleert / What it checks
NL: een antwoord op een klantvraag of klacht (aan het bedrijf, op een bedrijfspagina of over
een product) vanaf een account dat geen klantenservice-account is, zeker als het de zaak
zelf afhandelt (om een ordernummer of DM vraagt, geld terug belooft). Klantenservice-accounts
uit het beleid zijn uitgezonderd, net als antwoorden die naar de officiële kanalen verwijzen
(handle, pagina ook zonder https://, telefoonnummer in elke schrijfwijze). "Stuur me een DM"
zonder klant in beeld (een feestje, een vacature) telt niet; lof ("werkt top, dank!") is
geen klacht.
EN: a reply to a customer question or complaint (to the company, on a company page or about
a product) from an account that is not a customer-service account, especially one that
handles the case (asks for an order number or a DM, promises a refund). The customer-service
accounts of the policy are exempt, and so are replies that point to the official channels.
"DM me" with no customer in sight (a party, a vacancy) does not count; praise is no
complaint.

Taalmodel / language model: whether the tweet replied to is a customer question or
complaint is also judged by the customer-question model (Dutch and English), which finds
complaints and questions the word lists miss.

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

import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers

from tweetguard.context import Context, TextView
from tweetguard.policy.compiled import Policy
from tweetguard.report import Edit, Evidence
from tweetguard.rules._common import SENTENCES, Hit, Rule, phrases
from tweetguard.types import Localized

SENTENCE = Localized(
    "Handel geen klantvragen af via Twitter, maar verwijs klanten naar de officiële "
    "klantenservice kanalen.",
    "Do not handle customer questions via Twitter, but refer customers to the official "
    "customer service channels.",
)
TITLE = Localized("Klantenservice", "Customer service")


# fmt: off
# Something is wrong: a complaint, whatever else the tweet says.
NEGATIVE = phrases(
    ["werkt niet", "werkt nog steeds niet", "doet het niet", "doet het nog steeds niet", "kapot",
     "defect", "storing", "klacht", "wacht al", "niet ontvangen", "niet binnen", "niet geleverd",
     "niet bezorgd", "niet gekomen", "niet opgedaagd", "kwam niet", "komt niet", "laadt niet",
     "laadt al", "geen stroom", "zonder stroom", "crash", "foutmelding", "twee keer afgeschreven",
     "dubbel afgeschreven", "waar blijft", "klopt niet", "verkeerd", "probleem", "problemen",
     "waardelo", "belachelijk", "schandalig", "geld terug", "terugbetaling", "not working",
     "doesn't work", "does not work", "isn't working", "stopped working", "isn't charging",
     "not charging", "still waiting", "still not", "still isn't", "still no", "never arrived",
     "hasn't arrived", "didn't arrive", "didn't show", "charged twice", "double charged",
     "wrong", "no power", "where is my", "keeps crashing", "keeps disconnecting", "broken",
     "outage", "refund", "problem", "issue", "complain", "useless", "terrible", "ridiculous",
     "error"],
    prefix=True,
)
# Customer-service topics: a question or complaint unless the tweet only praises.
SERVICE = phrases(
    ["bestelling", "besteld", "levering", "geleverd", "bezorg", "pakket", "factu", "rekening",
     "retour", "monteur", "afspraak", "opzeg", "abonnement", "install", "contract", "aansluiting",
     "nog steeds", "klantenservice", "order", "deliver", "invoice", "bill", "subscription",
     "cancel", "appointment", "customer service"],
    prefix=True,
)
# Asking for help counts in a tweet someone else wrote, not in the employee's own draft
# ("wil je ons team helpen?" is recruiting, not customer service).
HELP = phrases(["help", "hulp", "support", "helpdesk"], prefix=True)
PRAISE = phrases(
    ["top", "dank", "bedankt", "dankjewel", "dankzij", "super", "blij", "tevreden", "geweldig",
     "fantastisch", "perfect", "fijn", "prima", "complimenten", "thanks", "thank you", "great",
     "love", "happy", "awesome", "amazing", "excellent", "kudos", "well done"]
)
# Handling the case itself: collecting the customer's data or promising an outcome.
HANDLES_STRONG = phrases(
    ["ordernummer", "klantnummer", "bestelnummer", "factuurnummer", "contractnummer",
     "postcode en huisnummer", "je adres", "je krijgt je geld terug", "krijg je je geld terug",
     "je geld terug", "terugbetaling", "compensatie", "vergoeding", "creditnota",
     "order number", "customer number", "account number", "your address", "your postcode",
     "you'll get a refund", "refund", "compensation", "replacement", "credit note"]
)
# Taking the case on: into DM, "I'll sort it". Also said to friends, so these need a
# customer context.
HANDLES_WEAK = phrases(
    ["stuur me", "stuur mij", "stuur even", "stuur een dm", "stuur je", "stuur ons", "dm me",
     "dm mij", "dm even", "via dm", "in een dm", "privébericht", "app me", "mail me",
     "ik regel het", "ik regel dat", "regel ik het", "regel ik dat", "ik ga het regelen",
     "ik ga het voor je regelen", "ik zorg dat", "ik zorg ervoor", "ik kijk het na",
     "ik kijk even", "kijk ik even", "ik zoek het uit", "zoek ik het", "zoek ik uit",
     "ik los het op", "los ik het", "ik vraag het na", "vraag ik het na", "ik zet het door",
     "zet ik het door", "ik zet het in gang", "we sturen", "we regelen", "send me", "send us",
     "dm us", "direct message", "drop me a dm", "shoot me a dm", "message me", "i'll sort",
     "i will sort", "i'll look into", "i will look into", "i'll fix", "i will fix",
     "let me check", "i'll check", "i'll make sure", "i will make sure", "i'll get it sorted",
     "we'll send", "we will send", "we'll look into", "we will look into", "we'll sort"]
)
# A referral to customer service ("neem contact op met de klantenservice", "our customer
# service team can help"): the department and a verb that sends the customer there.
SERVICE_DESK = phrases(
    ["klantenservice", "klantendienst", "customer service", "customer support", "support team"]
)
REFER_VERB = phrases(
    ["neem", "contact", "bel", "mail", "meld", "vraag", "helpt", "helpen", "kan", "kunnen",
     "kijkt", "zoekt", "uitzoeken", "denkt", "via", "call", "get in touch", "reach out",
     "message", "ask", "can help", "will help", "helps", "happy to help"]
)
# fmt: on
_DIGITS = re.compile(r"\+?\d[\d\s().-]{6,}\d")


@dataclass(frozen=True)
class Compiled:
    """The official channels as they are written in tweets."""

    handles: tuple[str, ...]
    urls: tuple[str, ...]  # without scheme and "www.", lower case
    phone_digits: str | None  # the national number, digits only
    email: str | None


def prepare(policy: Policy) -> Compiled:
    ch = policy.channels
    urls: tuple[str, ...] = ()
    if ch.url:
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", ch.url.lower()).rstrip("/")
        urls = (bare,)
    digits = None
    if ch.phone:
        try:
            digits = str(phonenumbers.parse(ch.phone, "NL").national_number)
        except phonenumbers.NumberParseException:
            digits = re.sub(r"\D", "", ch.phone) or None
    return Compiled(
        tuple(h.lower() for h in ch.handles),
        urls,
        digits,
        ch.email.lower() if ch.email else None,
    )


def _refers_to_channels(ctx: Context, comp: Compiled) -> bool:
    """The draft names an official channel (handle, page with or without scheme, phone
    number in any notation, e-mail address)."""
    folded = ctx.view.folded.folded
    if any(h in folded for h in comp.handles) or any(u in folded for u in comp.urls):
        return True
    if comp.email and comp.email in folded:
        return True
    if comp.phone_digits:
        for m in _DIGITS.finditer(ctx.text):
            if re.sub(r"\D", "", m.group()).endswith(comp.phone_digits):
                return True
    return False


def _refers_to_service_desk(view: TextView) -> bool:
    """A sentence that sends the customer to customer service, without naming a channel."""
    return any(
        SERVICE_DESK.search(s.group()) and REFER_VERB.search(s.group())
        for s in SENTENCES.finditer(view.folded.folded)
    )


def _addressed(ctx: Context) -> bool:
    """The tweet replied to is on a company page, or names a company handle or a product."""
    reply = ctx.draft.in_reply_to
    parent = ctx.parent
    if reply is None or parent is None:
        return False
    return reply.on_company_page or any(
        h.term.kind == "product" or h.term.label.startswith("@")
        for h in parent.terms_of("company", "product")
    )


def _customer_question(ctx: Context, addressed: bool) -> bool:
    """A question or complaint of a customer: addressed to the company (any question or
    complaint counts), or naming the company (a complaint or a service topic counts, so a
    colleague asking who comes to the Christmas drinks does not)."""
    parent = ctx.parent
    if parent is None:
        return False
    if not addressed and not parent.terms_of("company", "product"):
        return False
    # The model finds questions and complaints the word lists miss ("mijn maandbedrag is
    # ineens verdubbeld??"); the word lists keep what they know (product questions).
    sig = ctx.signal("customer_question")
    if sig is not None and sig.score >= 0.5:
        return True
    if parent.has(NEGATIVE):
        return True
    if (parent.has(SERVICE) or parent.has(HELP)) and not parent.has(PRAISE):
        return True
    return addressed and "?" in parent.text


def _referral(ctx: Context) -> Localized:
    """The reply that refers the customer to the official channels."""
    channels = ctx.policy.channels.sentence()
    return Localized(
        "Vervelend dat je hier last van hebt! Onze klantenservice helpt je graag verder: "
        f"{channels.nl}.",
        f"Sorry to hear that! Our customer service is happy to help: {channels.en}.",
    )


def _fix(ctx: Context) -> Localized:
    reply = _referral(ctx)
    return Localized(
        f"Antwoord bijvoorbeeld: \u201c{reply.nl}\u201d",
        f"Reply for example: \u201c{reply.en}\u201d",
    )


def _after_mentions(ctx: Context) -> int:
    """Where the draft's own words begin: after the leading run of ``@handle`` mentions and
    the whitespace after them (0 when the draft does not start with a mention)."""
    text = ctx.text
    pos = 0
    for ent in sorted(ctx.view.entities, key=lambda e: e.start):
        if ent.kind != "mention" or text[pos : ent.start].strip():
            break
        if ent.end < len(text) and not text[ent.end].isspace():
            break  # "@klant: …" or "@klant's": the mention is part of the sentence
        pos = ent.end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return pos


def _edit(ctx: Context) -> Edit | None:
    """Replace the draft after its leading mentions with the referral (``None`` when that is
    what it already says)."""
    text = ctx.text
    start = _after_mentions(ctx)
    reply = _referral(ctx)
    if text[start:] in (reply.nl, reply.en):
        return None
    sep = " " if 0 < start == len(text) and not text[-1].isspace() else ""
    return Edit(start, len(text), Localized(sep + reply.nl, sep + reply.en))


def check(ctx: Context, comp: Compiled) -> Iterator[Hit]:
    if ctx.account_kind == "customer_service":
        return
    view = ctx.view
    parent = ctx.parent
    strong = view.search(HANDLES_STRONG)
    handling = sorted(strong + view.search(HANDLES_WEAK))
    if not handling and parent is None:
        return  # neither handling a case nor replying to anyone
    if _refers_to_channels(ctx, comp):
        return
    addressed = _addressed(ctx)
    question = _customer_question(ctx, addressed)
    company = (
        question
        or addressed
        or bool(view.terms_of("company", "product"))
        or (parent is not None and bool(parent.terms_of("company", "product")))
    )
    # Without a customer in sight, "DM me" about the company is recruiting or a party.
    customer = (
        bool(strong)
        or question
        or addressed
        or view.has(NEGATIVE)
        or view.has(SERVICE)
        or (parent is not None and parent.has(NEGATIVE))
    )
    if handling and company and customer:
        start, end = handling[0]
        words = ctx.quote(start, end)
        yield Hit(
            "R6.handles-case",
            "warn",
            start,
            end,
            Localized(
                f"Regel 6: \u201c{words}\u201d handelt een klantvraag af via Twitter. Verwijs "
                "naar de officiële klantenservice.",
                f"Rule 6: \u201c{words}\u201d handles a customer question on Twitter. Refer to "
                "the official customer service.",
            ),
            _fix(ctx),
            edit=_edit(ctx),
        )
    elif question and not _refers_to_service_desk(view):
        yield Hit(
            "R6.customer-question",
            "warn",
            0,
            len(ctx.text),
            Localized(
                "Regel 6: je antwoordt op een klantvraag of klacht. Twitter is geen vervanging "
                "van klantenservice.",
                "Rule 6: you are replying to a customer question or complaint. Twitter is not a "
                "substitute for customer service.",
            ),
            _fix(ctx),
            _question_evidence(ctx),
            edit=_edit(ctx),
        )


def _question_evidence(ctx: Context) -> Evidence:
    """Why the parent counts as a customer question: the model's words and score when it
    said so, else the word lists."""
    sig = ctx.signal("customer_question")
    if sig is not None and sig.score >= 0.5:
        return Evidence(
            words=sig.words, score=round(sig.score, 3), source="model:customer_question"
        )
    return Evidence(score=round(sig.score, 3) if sig is not None else None, source="lexicon")


RULE = Rule(
    number=6,
    slug="customer-service",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R6.handles-case", "R6.customer-question"),
    check=check,
    doc=__doc__ or "",
    prepare=prepare,
)
