"""What the pages say, in Dutch (the default) and English, side by side.

A page asks ``t("key")``; the language comes from the ``tweetguard_lang`` cookie, set by the
switch in the header (``/lang/en``). Findings carry their own Dutch and English texts (the
engine writes both); only the pages' own words live here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from fastapi import Request

Lang = Literal["nl", "en"]
LANG_COOKIE = "tweetguard_lang"

TEXTS: dict[str, tuple[str, str]] = {
    # layout
    "skip": ("Naar de inhoud", "Skip to content"),
    "nav.check": ("Controleer", "Check"),
    "nav.policy": ("Beleid", "Policy"),
    "nav.report": ("Melden", "Report"),
    "nav.incidents": ("Mijn meldingen", "My reports"),
    "nav.posts": ("Bedrijfsaccount", "Company account"),
    "nav.queue": ("Goedkeuren", "Approve"),
    "nav.inbox": ("Inbox", "Inbox"),
    "nav.dashboard": ("Compliance", "Compliance"),
    "nav.login": ("Inloggen", "Log in"),
    "nav.logout": ("Uitloggen", "Log out"),
    "nav.main": ("Hoofdmenu", "Main menu"),
    "switch": ("English", "Nederlands"),
    "switch.label": ("Switch to English", "Schakel naar Nederlands"),
    "footer": (
        "tweetguard controleert berichten aan de hand van het Twitterbeleid. Alles blijft "
        "binnen het bedrijf.",
        "tweetguard checks posts against the Twitter policy. Nothing leaves the company.",
    ),
    # check page
    "check.title": ("Controleer een bericht", "Check a post"),
    "check.intro": (
        "Typ of plak je bericht. Je ziet meteen wat het Twitterbeleid erover zegt. Er wordt "
        "niets bewaard.",
        "Type or paste your post. You see at once what the Twitter policy says about it. "
        "Nothing is stored.",
    ),
    "check.text": ("Je bericht", "Your post"),
    "check.options": ("Meer opties", "More options"),
    "check.kind": ("Account", "Account"),
    "kind.personal": ("Mijn eigen account", "My own account"),
    "kind.company": ("Bedrijfsaccount", "Company account"),
    "kind.customer_service": ("Klantenservice-account", "Customer service account"),
    "check.handle": ("Accountnaam (optioneel)", "Account handle (optional)"),
    "check.bio": ("Bio van het account (optioneel)", "The account's bio (optional)"),
    "check.reply": (
        "Antwoord op (tekst van het bericht waarop je reageert)",
        "In reply to (text of the post you answer)",
    ),
    "check.reply_author": ("Van (accountnaam)", "By (handle)"),
    "check.on_company_page": (
        "Dat bericht staat op een pagina van het bedrijf",
        "That post is on a company page",
    ),
    "check.image": ("Afbeelding (wordt niet bewaard)", "Image (not kept)"),
    "check.image_help": (
        "We lezen de locatie (EXIF) en de tekst in de afbeelding en gooien haar daarna weg.",
        "We read the location (EXIF) and the text in the image, then throw it away.",
    ),
    "check.image_remove": ("Afbeelding weghalen", "Remove image"),
    "check.image_read": ("Gelezen", "Read"),
    "check.image_gps": ("bevat een locatie", "contains a location"),
    "check.image_text": ("tekst herkend", "text recognised"),
    "check.image_notext": ("geen tekst herkend", "no text recognised"),
    "check.image_error": ("kon niet gelezen worden", "could not be read"),
    "check.counter": ("tekens", "characters"),
    "check.counter_help": (
        "Telt zoals X: links 23, emoji en CJK-tekens 2.",
        "Counted as X counts: links 23, emoji and CJK characters 2.",
    ),
    "check.findings": ("Wat het beleid zegt", "What the policy says"),
    "check.empty": (
        "Begin met typen; de bevindingen verschijnen hier.",
        "Start typing; the findings appear here.",
    ),
    "check.ok": ("Geen bezwaren gevonden.", "No objections found."),
    "check.apply": ("Pas toe", "Apply fix"),
    "check.whole": ("het hele bericht", "the whole post"),
    "check.in_image": ("in afbeelding", "in image"),
    "check.policy_says": ("Het beleid", "The policy"),
    "check.fix": ("Zo los je het op", "How to fix it"),
    "check.why": ("Waarom", "Why"),
    "check.words": ("woorden", "words"),
    "check.error": ("Dit bericht kan niet gecontroleerd worden", "This post cannot be checked"),
    "verdict.ok": ("In orde", "OK"),
    "verdict.warn": ("Let op", "Careful"),
    "verdict.block": ("Niet plaatsen", "Do not post"),
    "severity.block": ("blokkeert", "blocks"),
    "severity.warn": ("waarschuwing", "warning"),
    "severity.info": ("ter info", "for information"),
    "rule": ("Regel", "Rule"),
    "platform": ("Platform", "Platform"),
    # login
    "login.title": ("Inloggen", "Log in"),
    "login.username": ("Gebruikersnaam", "Username"),
    "login.password": ("Wachtwoord", "Password"),
    "login.submit": ("Inloggen", "Log in"),
    "login.failed": (
        "Onbekende gebruiker of verkeerd wachtwoord.",
        "Unknown user or wrong password.",
    ),
    "login.needed": ("Log in om deze pagina te zien.", "Log in to see this page."),
    "logged_in_as": ("Ingelogd als", "Logged in as"),
    # policy
    "policy.title": ("Twitterbeleid", "Twitter policy"),
    "policy.version": ("Versie", "Version"),
    "policy.agree": ("Ik heb het beleid gelezen en ga ermee akkoord", "I have read and agree"),
    "policy.agreed": ("Je hebt deze versie geaccepteerd op", "You accepted this version on"),
    "policy.not_agreed": (
        "Je hebt deze versie nog niet geaccepteerd. Dat is nodig om voor het bedrijfsaccount "
        "te schrijven.",
        "You have not accepted this version yet. You need to before drafting for the company "
        "account.",
    ),
    "policy.login": (
        "Log in om het beleid te accepteren.",
        "Log in to accept the policy.",
    ),
    # incidents
    "report.title": ("Vertrouwelijke informatie melden", "Report confidential information"),
    "report.intro": (
        "Zag je vertrouwelijke informatie van het bedrijf op Twitter? Meld het hier. Je "
        "manager krijgt meteen bericht.",
        "Did you see confidential company information on Twitter? Report it here. Your "
        "manager is told at once.",
    ),
    "report.link": ("Link naar het bericht", "Link to the post"),
    "report.text": ("Wat je zag (tekst van het bericht)", "What you saw (text of the post)"),
    "report.note": ("Toelichting", "Note"),
    "report.help": (
        "Geef de link, de tekst, of allebei.",
        "Give the link, the text, or both.",
    ),
    "report.submit": ("Melding versturen", "Send report"),
    "report.sent": (
        "Je melding is verstuurd. Je manager is op de hoogte gebracht.",
        "Your report has been sent. Your manager has been told.",
    ),
    "incident": ("Melding", "Report"),
    "incidents.title": ("Mijn meldingen", "My reports"),
    "incidents.none": ("Nog geen meldingen.", "No reports yet."),
    "inbox.title": ("Meldingen van mijn team", "Reports from my team"),
    "inbox.none": ("Geen meldingen in je inbox.", "No reports in your inbox."),
    "incident.status": ("Status", "Status"),
    "incident.reporter": ("Gemeld door", "Reported by"),
    "incident.manager": ("Manager", "Manager"),
    "incident.created": ("Gemeld op", "Reported on"),
    "incident.history": ("Verloop", "History"),
    "incident.move": ("Status wijzigen", "Change status"),
    "incident.move_note": ("Notitie (optioneel)", "Note (optional)"),
    "incident.age": ("Leeftijd", "Age"),
    "status.new": ("nieuw", "new"),
    "status.acknowledged": ("in behandeling", "acknowledged"),
    "status.takedown_requested": ("verwijdering aangevraagd", "takedown requested"),
    "status.resolved": ("afgehandeld", "resolved"),
    "filter.all": ("alle", "all"),
    "filter.open": ("open", "open"),
    # posts
    "posts.title": ("Bedrijfsaccount", "Company account"),
    "posts.new": ("Nieuw bericht", "New post"),
    "posts.mine": ("Berichten", "Posts"),
    "posts.none": ("Nog geen berichten.", "No posts yet."),
    "posts.account": ("Account", "Account"),
    "posts.save": ("Concept opslaan", "Save draft"),
    "posts.update": ("Wijziging opslaan", "Save change"),
    "posts.submit": ("Ter goedkeuring aanbieden", "Submit for approval"),
    "posts.approve": ("Goedkeuren", "Approve"),
    "posts.reject": ("Afwijzen", "Reject"),
    "posts.override": ("Blokkade opheffen en goedkeuren", "Override the block and approve"),
    "posts.reason": ("Toelichting (optioneel)", "Note (optional)"),
    "posts.reject_reason": ("Reden van afwijzing", "Reason for rejecting"),
    "posts.override_reason": (
        "Reden (verplicht, minstens 10 tekens)",
        "Reason (required, at least 10 characters)",
    ),
    "posts.author": ("Auteur", "Author"),
    "posts.decided_by": ("Besloten door", "Decided by"),
    "posts.history": ("Geschiedenis", "History"),
    "posts.verdict": ("Oordeel", "Verdict"),
    "posts.status": ("Status", "Status"),
    "posts.needs_ack": (
        "Accepteer eerst het huidige beleid voordat je voor het bedrijfsaccount schrijft.",
        "Accept the current policy before drafting for the company account.",
    ),
    "posts.four_eyes": (
        "Vier ogen: een collega beslist over je bericht.",
        "Four eyes: a colleague decides on your post.",
    ),
    "posts.export": ("Klaar om te plaatsen", "Ready to post"),
    "queue.title": ("Ter goedkeuring", "Awaiting approval"),
    "queue.none": ("Niets te beoordelen.", "Nothing to review."),
    "pstatus.draft": ("concept", "draft"),
    "pstatus.submitted": ("aangeboden", "submitted"),
    "pstatus.approved": ("goedgekeurd", "approved"),
    "pstatus.rejected": ("afgewezen", "rejected"),
    # dashboard
    "dash.title": ("Compliance-dashboard", "Compliance dashboard"),
    "dash.coverage": ("Acceptatie van het huidige beleid", "Acceptance of the current policy"),
    "dash.accepted": ("geaccepteerd", "accepted"),
    "dash.not_accepted": ("niet geaccepteerd", "not accepted"),
    "dash.missing": ("Nog niet geaccepteerd", "Not accepted yet"),
    "dash.incidents_status": ("Meldingen per status", "Reports by status"),
    "dash.incidents_age": ("Open meldingen naar leeftijd", "Open reports by age"),
    "dash.findings": ("Bevindingen per regel per week", "Findings per rule per week"),
    "dash.findings_help": (
        "Bevindingen bij berichten voor het bedrijfsaccount, naar de week waarin ze zijn "
        "geschreven (laatste 12 weken).",
        "Findings on posts for the company account, by the week they were written (last 12 weeks).",
    ),
    "dash.audit": ("Audittrail", "Audit trail"),
    "dash.audit_ok": (
        "De keten is intact: {n} items, elk item klopt met zijn hash.",
        "The chain is intact: {n} entries, each matching its hash.",
    ),
    "dash.audit_bad": (
        "De keten is NIET intact: er is met de audittrail geknoeid.",
        "The chain is NOT intact: the audit trail has been tampered with.",
    ),
    "dash.older": ("Oudere items", "Older entries"),
    "dash.newer": ("Nieuwste items", "Newest entries"),
    "audit.at": ("Tijd", "Time"),
    "audit.actor": ("Wie", "Who"),
    "audit.action": ("Actie", "Action"),
    "audit.subject": ("Onderwerp", "Subject"),
    "audit.hash": ("Hash", "Hash"),
    "age.day": ("< 1 dag", "< 1 day"),
    "age.week": ("1–7 dagen", "1–7 days"),
    "age.month": ("7–30 dagen", "7–30 days"),
    "age.older": ("> 30 dagen", "> 30 days"),
    # errors
    "error.title": ("Er ging iets mis", "Something went wrong"),
    "error.403": ("Je hebt geen toegang tot deze pagina.", "You do not have access to this page."),
    "error.404": ("Deze pagina bestaat niet.", "This page does not exist."),
    "error.back": ("Terug naar de start", "Back to the start"),
    "when": ("Wanneer", "When"),
    "who": ("Wie", "Who"),
    "what": ("Wat", "What"),
    "none": ("geen", "none"),
    "send": ("Versturen", "Send"),
}


def lang_of(request: Request) -> Lang:
    """The page language: the switch's cookie, else Dutch."""
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "nl"


def translator(lang: Lang) -> Callable[..., str]:
    index = 1 if lang == "en" else 0

    def t(key: str, **values: object) -> str:
        text = TEXTS[key][index]
        return text.format(**values) if values else text

    return t
