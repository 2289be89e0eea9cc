"""Platformcontroles / Platform checks (code ``P``; not rules of the policy).

## Wat het controleert / What it checks
NL: een lege draft, een tekst die langer is dan X toestaat (gewogen lengte zoals X telt:
280, links tellen 23, tekens buiten de lichte Unicode-blokken en emoji tellen 2) en een
draft met erg veel links.
EN: an empty draft, a text longer than X allows (weighted length the way X counts it), and a
draft with very many links.
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
    codes=("P.empty", "P.length", "P.url-count"),
    check=check,
    doc=__doc__ or "",
)
