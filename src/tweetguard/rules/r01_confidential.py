"""Regel 1 — vertrouwelijke informatie / Rule 1 — confidential information.

## Wat het controleert / What it checks
NL: geheimen (API-sleutels, tokens, privésleutels, wachtwoorden), persoonsgegevens van
anderen (BSN, IBAN, kaartnummers, telefoonnummers, e-mailadressen, adressen), codenamen van
producten die nog niet openbaar zijn, interne hostnamen en links, vertrouwelijkheidsmarkeringen
("vertrouwelijk", "embargo", "NDA") en financiële cijfers tijdens een stille periode.
EN: secrets (API keys, tokens, private keys, passwords), other people's personal data (BSN,
IBAN, card numbers, phone numbers, e-mail addresses, street addresses), codenames of products
that are not public yet, internal host names and links, confidentiality markers and financial
figures during a quiet period.

## Waarom (regel 1)
"Ontsluit geen vertrouwelijke of bedrijfseigen informatie op je Twitter account. Ontsluiten
van concurrerende gevoelige informatie of geheimen kan aanleiding geven tot ontslag."

## Voorbeeld
    Eindelijk mag ik het zeggen: project Zeppelin gaat in maart live! Wachtwoord: Lente2026!

## Beter zo
    Binnenkort meer nieuws van ons team, houd de officiële kanalen in de gaten!
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tweetguard.context import Context
from tweetguard.policy.compiled import Policy
from tweetguard.rules._common import FIRST_PLURAL, Hit, Rule, phrases
from tweetguard.text.normalize import fold
from tweetguard.types import Localized, Match, Severity

SENTENCE = Localized(
    "Ontsluit geen vertrouwelijke of bedrijfseigen informatie op je Twitter account.",
    "Do not disclose confidential or proprietary information on your Twitter account.",
)
TITLE = Localized("Vertrouwelijke informatie", "Confidential information")

CODENAME_CONTEXT = phrases(
    ["project", "projectnaam", "codenaam", "codename", "code name", "operatie", "operation",
     "programma", "program", "initiatief", "initiative", "product"]
)  # fmt: skip
# Words that name the company's financial results: a figure near one of them is enough.
FINANCIAL = phrases(
    ["omzet", "winst", "brutomarge", "ebitda", "ebit", "kwartaalcijfers", "jaarcijfers",
     "halfjaarcijfers", "dividend", "guidance", "revenue", "revenues", "profit", "profits",
     "earnings", "turnover", "ebitda-marge", "nettowinst", "net profit", "operating margin"]
)  # fmt: skip
# Words that are financial only when it is about us ("our sales", "onze groei"): "winter
# sales 50% off" or "mijn budget is €50" in December are not the company's figures.
FINANCIAL_WEAK = phrases(
    ["verlies", "marge", "kwartaal", "resultaat", "resultaten", "groei", "krimp", "prognose",
     "forecast", "loss", "margin", "sales", "quarter", "quarterly", "results", "growth", "q1",
     "q2", "q3", "q4", "h1", "h2", "fy", "boekjaar", "begroting", "budget"]
)  # fmt: skip
FIGURE = re.compile(
    r"(?<!\w)(?:[€$£]\s?\d[\d.,]*\s?(?:mln|mld|miljoen|miljard|k|m|bn|million|billion)?"
    r"|\d[\d.,]*\s?(?:%|procent|percent|mln|mld|miljoen|miljard|million|billion|bn)"
    r"|[+-]\d[\d.,]*)(?!\w)"
)
SURE = 0.8  # detector score from which a secret or personal datum blocks
FIGURE_WINDOW = 60  # characters between a financial word and a figure
# Inflected Dutch forms the term matcher (whole words only) does not see as markers.
INFLECTED_MARKERS = phrases(
    ["vertrouwelijke", "bedrijfsvertrouwelijke", "strikt vertrouwelijke", "interne memo's"]
)  # fmt: skip
# "je gegevens worden vertrouwelijk behandeld", "your data is kept confidential": a promise
# about privacy, not a sign that something confidential is being disclosed.
PRIVACY_USE = re.compile(
    r"(?<!\w)(?:behandel\w*|omgaan|omgegaan|mee\s+om|om\s+met|kept|keep|keeps|treated|treat|"
    r"treats|handled|handle|handles)(?!\w)"
)
PRIVACY_WINDOW = 30
# A codename inside another name is not the codename: after a capitalised word mid-sentence
# ("listening to Led Zeppelin"), or before a capitalised place or institution ("het Zeppelin
# Museum"). "de Walrus App", "the Zeppelin Release" still count.
PREV_WORD = re.compile(r"([^\W\d_][\w'-]*)[ \t]+$")
NAME_HEAD = re.compile(
    r"[ \t]+(?:Museum|Museo|Hotel|Hostel|Stadion|Stadium|Arena|Theater|Theatre|Straat|Street|"
    r"Plein|Square|Park|Zoo|Café|Cafe|Bar|Restaurant|Brouwerij|Brewery|Festival|Records|"
    r"Brug|Bridge|Station|Airport|Luchthaven)(?!\w)"
)


@dataclass(frozen=True)
class Compiled:
    codename_exact: dict[str, str]  # folded key -> configured spelling


def prepare(policy: Policy) -> Compiled:
    return Compiled({k: cn.name for k, cn in policy.codenames.items()})


def check(ctx: Context, comp: Compiled) -> Iterator[Hit]:
    yield from _text_checks(ctx, comp)
    for i in range(len(ctx.draft.media)):
        yield from _media_checks(ctx, comp, i)


def _media_checks(ctx: Context, comp: Compiled, i: int) -> Iterator[Hit]:
    """An attached image: its location data and the text in it, as read at the boundary
    (``tweetguard.media.inspect_media``). Whatever could not be checked is said in an info
    finding, never passed over in silence."""
    item = ctx.draft.media[i]
    name = Path(item.path).name if item.path else f"#{i + 1}"
    where = Localized(f"Afbeelding {i + 1} ({name})", f"Image {i + 1} ({name})")
    n = len(ctx.text)
    ins = item.inspection
    if ins is None or ins.error:
        why = Localized(
            f": niet gelezen ({ins.error})" if ins and ins.error else " is niet gecontroleerd",
            f": not read ({ins.error})" if ins and ins.error else " was not checked",
        )
        yield Hit(
            "R1.media-unchecked",
            "info",
            0,
            n,
            Localized(
                f"Regel 1: {where.nl}{why.nl} op locatiegegevens (GPS) of tekst in beeld. Kijk "
                "zelf of er niets vertrouwelijks op staat.",
                f"Rule 1: {where.en}{why.en} for location data (GPS) or text in the image. Make "
                "sure nothing confidential is visible.",
            ),
        )
        return
    if ins.gps is not None:
        lat, lon = ins.gps.lat, ins.gps.lon
        yield Hit(
            "R1.media-location",
            "warn",
            0,
            n,
            Localized(
                f"Regel 1: {where.nl} bevat de plek waar de foto is gemaakt (GPS {lat:.5f}, "
                f"{lon:.5f}). Dat kan een huis, een klant of een locatie van het bedrijf "
                "verraden.",
                f"Rule 1: {where.en} contains where the photo was taken (GPS {lat:.5f}, "
                f"{lon:.5f}). That can give away a home, a customer or a company site.",
            ),
            Localized(
                f"Verwijder de metadata: tweetguard media strip {item.path or name}",
                f"Remove the metadata: tweetguard media strip {item.path or name}",
            ),
            media=i,
        )
    if ins.ocr == "unavailable":
        yield Hit(
            "R1.media-text-unchecked",
            "info",
            0,
            n,
            Localized(
                f"Regel 1: tekst in {where.nl.lower()} is niet gelezen: tekstherkenning "
                "(tesseract) is niet geïnstalleerd. Kijk zelf of er niets vertrouwelijks in "
                "beeld staat.",
                f"Rule 1: text in {where.en.lower()} was not read: text recognition "
                "(tesseract) is not installed. Make sure nothing confidential is visible.",
            ),
        )
    elif ins.ocr in ("failed", "skipped"):
        how = (
            ("is mislukt", "failed")
            if ins.ocr == "failed"
            else ("is niet uitgevoerd (video, of uitgezet)", "was not run (a video, or turned off)")
        )
        yield Hit(
            "R1.media-text-unchecked",
            "info",
            0,
            n,
            Localized(
                f"Regel 1: tekstherkenning op {where.nl.lower()} {how[0]}. Kijk zelf of er "
                "niets vertrouwelijks in beeld staat.",
                f"Rule 1: text recognition on {where.en.lower()} {how[1]}. Make sure nothing "
                "confidential is visible.",
            ),
        )
    if ins.ocr_text and ins.ocr_text.strip():
        sub = ctx.media_context(i)
        for hit in _text_checks(sub, comp):
            yield Hit(
                hit.code,
                hit.severity,
                hit.start,
                hit.end,
                Localized(f"{where.nl}: {hit.message.nl}", f"{where.en}: {hit.message.en}"),
                hit.fix,
                hit.evidence,
                media=i,
            )


def _text_checks(ctx: Context, comp: Compiled) -> Iterator[Hit]:
    """The checks on a text: the draft's own, or the text recognised in an image."""
    for m in ctx.secrets:
        yield Hit(
            "R1.secret",
            _severity(m),
            m.start,
            m.end,
            Localized(
                f"Regel 1: dit lijkt een geheim ({m.label.nl}). Geheimen ontsluiten kan "
                "aanleiding geven tot ontslag.",
                f"Rule 1: this looks like a secret ({m.label.en}). Disclosing secrets may be "
                "grounds for dismissal.",
            ),
            Localized(
                "Haal het geheim uit de tekst en laat het intrekken of vervangen (roteren): "
                "het kan al gekopieerd zijn.",
                "Remove the secret and have it revoked or rotated: it may already have been "
                "copied.",
            ),
        )
    for m in ctx.personal_data:
        if any(sec.start < m.end and m.start < sec.end for sec in ctx.secrets):
            continue  # part of a secret already reported ("user:pass@host" is no e-mail)
        yield Hit(
            "R1.personal-data",
            _severity(m),
            m.start,
            m.end,
            Localized(
                f"Regel 1: persoonsgegeven van iemand anders ({m.label.nl}). Dat is "
                "vertrouwelijke informatie.",
                f"Rule 1: someone else's personal data ({m.label.en}). That is confidential "
                "information.",
            ),
            Localized(
                "Verwijder het gegeven; help iemand liever via een privékanaal.",
                "Remove it; help the person through a private channel instead.",
            ),
        )
    yield from _codenames(ctx, comp)
    yield from _internal_hosts(ctx)
    yield from _markers(ctx)
    yield from _quiet_period(ctx)


def _severity(m: Match) -> Severity:
    """Sure matches block; doubtful ones (a role address such as info@, a plain word after
    "ww:") warn, so a person decides."""
    return "block" if m.score >= SURE else "warn"


def _codenames(ctx: Context, comp: Compiled) -> Iterator[Hit]:
    on = ctx.local_time.date()
    text = ctx.text
    for hit in ctx.view.terms_of("codename"):
        key = hit.term.key
        if not ctx.policy.codename_confidential(key, on):
            continue
        if _in_exception(ctx, key, hit.start, hit.end):
            continue
        written = text[hit.start : hit.end]
        before = fold(text[max(0, hit.start - 25) : hit.start])
        in_context = bool(CODENAME_CONTEXT.search(before)) or hit.how == "hashtag"
        styled = written == comp.codename_exact.get(key) or (written.isupper() and len(written) > 2)
        sentence_start = not text[: hit.start].strip() or text[: hit.start].rstrip()[-1] in ".!?\n"
        if not in_context and (
            not styled
            or sentence_start
            or hit.how == "fuzzy"
            or _part_of_other_name(ctx, hit.start, hit.end)
        ):
            continue
        name = hit.term.ref
        cn = ctx.policy.codenames[key]
        until_nl = f" tot {cn.public_from:%d-%m-%Y}" if cn.public_from else ""
        until_en = f" until {cn.public_from:%Y-%m-%d}" if cn.public_from else ""
        yield Hit(
            "R1.codename",
            "block",
            hit.start,
            hit.end,
            Localized(
                f"Regel 1: \u201c{name}\u201d is een vertrouwelijke codenaam{until_nl}.",
                f"Rule 1: \u201c{name}\u201d is a confidential codename{until_en}.",
            ),
            Localized(
                "Noem de codenaam niet; wacht op de officiële aankondiging.",
                "Leave the codename out; wait for the official announcement.",
            ),
        )


def _in_exception(ctx: Context, key: str, start: int, end: int) -> bool:
    """The hit lies inside one of the codename's configured exceptions ("Led Zeppelin")."""
    pattern = ctx.policy.codename_exceptions.get(key)
    if pattern is None:
        return False
    folded = ctx.view.folded
    for m in pattern.finditer(folded.folded):
        s, e = folded.span(m.start(), m.end())
        if s <= start and end <= e:
            return True
    return False


def _part_of_other_name(ctx: Context, start: int, end: int) -> bool:
    """The codename is part of some other name ("Led Zeppelin", "Zeppelin Museum").

    A capitalised word before it counts only mid-sentence: at the start of a sentence
    ("Gisteren Walrus gedemonstreerd") every word is capitalised."""
    own = {fold(ctx.text[h.start : h.end]) for h in ctx.view.terms_of("company", "product")}
    text = ctx.text
    if NAME_HEAD.match(text, end):
        return True
    before = PREV_WORD.search(text[:start])
    if before is None:
        return False
    word = before.group(1)
    head = text[: before.start()].rstrip()
    at_sentence_start = not head or head[-1] in ".!?:\n"
    return word[0].isupper() and not at_sentence_start and word != "I" and fold(word) not in own


def _markers(ctx: Context) -> Iterator[Hit]:
    spans = [(h.start, h.end) for h in ctx.view.terms_of("marker")]
    spans += [
        sp for sp in ctx.view.search(INFLECTED_MARKERS) if not any(s <= sp[0] < e for s, e in spans)
    ]
    for start, end in sorted(spans):
        around = fold(ctx.text[max(0, start - PRIVACY_WINDOW) : end + PRIVACY_WINDOW])
        if PRIVACY_USE.search(around):
            continue
        words = ctx.quote(start, end)
        yield Hit(
            "R1.marker",
            "warn",
            start,
            end,
            Localized(
                f"Regel 1: \u201c{words}\u201d wijst op vertrouwelijke informatie.",
                f"Rule 1: \u201c{words}\u201d points to confidential information.",
            ),
            Localized(
                "Plaats alleen wat al openbaar is; twijfel je, vraag het je manager.",
                "Post only what is already public; when in doubt, ask your manager.",
            ),
        )


def _internal_hosts(ctx: Context) -> Iterator[Hit]:
    pattern = ctx.policy.internal_host
    if pattern is None:
        return
    for m in pattern.finditer(ctx.text):
        host = ctx.quote(m.start(), m.end())
        yield Hit(
            "R1.internal-host",
            "warn",
            m.start(),
            m.end(),
            Localized(
                f"Regel 1: \u201c{host}\u201d is een interne host of link; die hoort niet "
                "op Twitter.",
                f"Rule 1: \u201c{host}\u201d is an internal host or link; it does not belong "
                "on Twitter.",
            ),
            Localized(
                "Verwijder de interne link; deel een openbare pagina als die er is.",
                "Remove the internal link; share a public page if there is one.",
            ),
        )


def _quiet_period(ctx: Context) -> Iterator[Hit]:
    if not ctx.time_known:
        return  # P.time-unknown says so
    qp = ctx.policy.quiet_period(ctx.local_time.date())
    if qp is None:
        return
    folded = ctx.view.folded.folded
    figures = [m.span() for m in FIGURE.finditer(folded)]
    if not figures:
        return
    words = list(FINANCIAL.finditer(folded))
    if FIRST_PLURAL.search(folded) or ctx.view.terms_of("company", "product"):
        words += FINANCIAL_WEAK.finditer(folded)
    for m in sorted(words, key=lambda w: w.start()):
        s, e = m.span()
        near = [f for f in figures if f[0] - e < FIGURE_WINDOW and s - f[1] < FIGURE_WINDOW]
        if not near:
            continue
        fs = min(s, near[0][0])
        fe = max(e, near[0][1])
        start, end = ctx.view.folded.span(fs, fe)
        topic = f" ({qp.topic})" if qp.topic else ""
        yield Hit(
            "R1.quiet-period",
            "warn",
            start,
            end,
            Localized(
                f"Regel 1: financiële cijfers tijdens de stille periode{topic}, "
                f"{qp.from_:%d-%m-%Y} t/m {qp.to:%d-%m-%Y}.",
                f"Rule 1: financial figures during the quiet period{topic}, "
                f"{qp.from_:%Y-%m-%d} to {qp.to:%Y-%m-%d}.",
            ),
            Localized(
                "Noem geen cijfers tot de officiële publicatie.",
                "Leave the figures out until they are officially published.",
            ),
        )
        return


RULE = Rule(
    number=1,
    slug="confidential",
    title=TITLE,
    sentence=SENTENCE,
    codes=(
        "R1.secret",
        "R1.personal-data",
        "R1.codename",
        "R1.internal-host",
        "R1.marker",
        "R1.quiet-period",
        "R1.media-unchecked",
        "R1.media-location",
        "R1.media-text-unchecked",
    ),
    check=check,
    doc=__doc__ or "",
    prepare=prepare,
)
