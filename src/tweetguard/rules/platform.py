"""Platformcontroles / Platform checks (code ``P``; not rules of the policy).

## Wat het controleert / What it checks
NL: een lege draft, een tekst die langer is dan X toestaat (gewogen lengte zoals X telt:
280, links tellen 23, tekens buiten de lichte Unicode-blokken en emoji tellen 2) en een
draft met erg veel links. Een antwoord waarvan de tekst van het bericht waarop het
antwoordt ontbreekt (in een archief), krijgt een melding dat regels 6 en 9 het niet in zijn
context konden beoordelen; een bericht zonder tijd, dat de regels over uur en dag niet
konden beoordelen. Een draft in een andere taal dan Nederlands of Engels krijgt een
melding dat de oordelen van de taalmodellen (regels 2, 5, 6, 8 en 9) er niet voor gelden en
alleen de woordenlijsten meetellen.
EN: an empty draft, a text longer than X allows (weighted length the way X counts it), and a
draft with very many links. A reply whose parent's text is missing (in an archive) gets a
note that rules 6 and 9 could not judge it in its context; a post without a time, that the
rules about the hour and the day could not judge. A draft in a language other than
Dutch or English gets a note that the language models (rules 2, 5, 6, 8 and 9) do not judge
it; only the word lists count.
"""

from __future__ import annotations

from collections.abc import Iterator

from tweetguard.context import Context
from tweetguard.rules._common import Hit, Rule
from tweetguard.types import Localized


def check(ctx: Context, _: object) -> Iterator[Hit]:
    limit = ctx.policy.config.platform.max_length
    if not ctx.text.strip():
        if not ctx.draft.media:
            yield Hit(
                "P.empty",
                "block",
                0,
                len(ctx.text),
                Localized("De draft is leeg.", "The draft is empty."),
                Localized("Schrijf eerst een tekst.", "Write a text first."),
            )
        return
    yield from _language(ctx)
    yield from _unread_parent(ctx)
    yield from _unknown_time(ctx)
    info = ctx.length
    if info.weighted > limit:
        start = info.valid_end if limit == 280 else _cut(ctx, limit)
        over = info.weighted - limit
        yield Hit(
            "P.length",
            "block",
            start,
            len(ctx.text),
            Localized(
                f"De tekst telt {info.weighted} van de {limit} tekens zoals X telt "
                f"({over} te veel; links tellen 23, emoji 2).",
                f"The text counts {info.weighted} of {limit} characters the way X counts "
                f"({over} too many; links count 23, emoji 2).",
            ),
            Localized(
                f"Kort de tekst met {over} tekens in of verdeel hem over een draadje.",
                f"Shorten the text by {over} characters or split it into a thread.",
            ),
        )
    urls = [e for e in ctx.view.entities if e.kind == "url"]
    max_urls = ctx.policy.config.platform.max_urls
    if len(urls) > max_urls:
        yield Hit(
            "P.url-count",
            "info",
            urls[max_urls].start,
            urls[-1].end,
            Localized(
                f"De draft bevat {len(urls)} links; met meer dan {max_urls} lijkt hij op spam.",
                f"The draft has {len(urls)} links; with more than {max_urls} it looks like spam.",
            ),
            Localized("Houd één of twee links over.", "Keep one or two links."),
        )


# Names of languages lingua may report, for the message.
LANGUAGE_NAMES = {
    "de": ("Duits", "German"), "fr": ("Frans", "French"), "es": ("Spaans", "Spanish"),
    "it": ("Italiaans", "Italian"), "pt": ("Portugees", "Portuguese"), "tr": ("Turks", "Turkish"),
    "pl": ("Pools", "Polish"), "ar": ("Arabisch", "Arabic"),
}  # fmt: skip
MODEL_RULES = "2, 5, 6, 8, 9"


def _language(ctx: Context) -> Iterator[Hit]:
    code = ctx.lang
    if code is None or code in ("nl", "en"):
        return
    nl, en = LANGUAGE_NAMES.get(code, (f"taal \u201c{code}\u201d", f"language \u201c{code}\u201d"))
    yield Hit(
        "P.language",
        "info",
        0,
        len(ctx.text),
        Localized(
            f"De draft lijkt {nl}. De taalmodellen kennen alleen Nederlands en Engels: regels "
            f"{MODEL_RULES} controleren deze tekst alleen met woordenlijsten (ironie, toon, "
            "klantvragen, interne berichten en grof taalgebruik kunnen gemist worden).",
            f"The draft seems to be in {en}. The language models know only Dutch and English: "
            f"rules {MODEL_RULES} check this text with word lists only (irony, tone, customer "
            "questions, internal messages and abuse may be missed).",
        ),
        Localized(
            "Lees de regels zelf nog eens na, of schrijf de tekst in het Nederlands of Engels.",
            "Read the rules yourself once more, or write the text in Dutch or English.",
        ),
    )


def _unread_parent(ctx: Context) -> Iterator[Hit]:
    """A reply whose parent's text is not known (an archive holds only its author): rules 6
    and 9 judge a reply with the post it answers, so say they could not."""
    reply = ctx.draft.in_reply_to
    if reply is None or reply.text.strip():
        return
    who = reply.author or "?"
    yield Hit(
        "P.reply-unread",
        "info",
        0,
        len(ctx.text),
        Localized(
            f"Dit is een antwoord aan {who}, maar de tekst van het bericht waarop het "
            "antwoordt ontbreekt: regels 6 (klantenservice) en 9 (positieve houding) konden "
            "het antwoord niet in zijn context beoordelen.",
            f"This is a reply to {who}, but the text of the post it answers is missing: rules "
            "6 (customer service) and 9 (positive attitude) could not judge the reply in its "
            "context.",
        ),
        Localized(
            "Geef de tekst van dat bericht mee (in_reply_to.text) om ook die regels te laten "
            "meetellen.",
            "Give the text of that post (in_reply_to.text) so that those rules count too.",
        ),
    )


def _unknown_time(ctx: Context) -> Iterator[Hit]:
    """A post of an archive or feed without a time: the rules about the hour and the day did
    not judge it."""
    if ctx.time_known:
        return
    yield Hit(
        "P.time-unknown",
        "info",
        0,
        len(ctx.text),
        Localized(
            "Het bericht heeft geen tijd: regel 1 (stille periodes), regel 2 (laat op de "
            "avond) en regel 10 (werktijd) konden het niet beoordelen.",
            "The post has no time: rule 1 (quiet periods), rule 2 (late at night) and rule 10 "
            "(working time) could not judge it.",
        ),
        Localized(
            "Geef de tijd van plaatsing mee (created_at, of een kolom met --map).",
            "Give the time it was posted (created_at, or a column with --map).",
        ),
    )


def _cut(ctx: Context, limit: int) -> int:
    """Offset where a custom limit is reached (weights as X counts them, prefix by prefix)."""
    from tweetguard.text.length import weighted_length

    lo, hi = 0, len(ctx.text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if weighted_length(ctx.text[:mid]).weighted <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


RULE = Rule(
    number=0,
    slug="platform",
    title=Localized("Platform", "Platform"),
    sentence=Localized("", ""),
    codes=(
        "P.empty",
        "P.length",
        "P.url-count",
        "P.language",
        "P.reply-unread",
        "P.time-unknown",
    ),
    check=check,
    doc=__doc__ or "",
)
