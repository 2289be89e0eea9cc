"""A policy compiled once for checking: term automaton, account map, version, channels.

Everything a rule needs that can be computed from the policy alone is computed here, once,
when the policy loads, and never per draft.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from tweetguard.detect.terms import Term, TermMatcher
from tweetguard.policy.model import Codename, PolicyConfig, QuietPeriod
from tweetguard.policy.render import policy_version
from tweetguard.text.normalize import fold
from tweetguard.types import Localized

# Built-in confidentiality markers (Dutch and English). Phrases, not single ambiguous words:
# "intern" alone is also an English noun ("our new intern"), so only its Dutch uses count.
BUILTIN_MARKERS: tuple[str, ...] = (
    "vertrouwelijk",
    "strikt vertrouwelijk",
    "bedrijfsvertrouwelijk",
    "vertrouwelijke info",
    "alleen intern",
    "intern gebruik",
    "voor intern gebruik",
    "interne memo",
    "intern document",
    "intern stuk",
    "strikt intern",
    "niet delen",
    "niet verder delen",
    "niet voor publicatie",
    "onder embargo",
    "embargo tot",
    "nda",
    "geheimhoudingsverklaring",
    "confidential",
    "strictly confidential",
    "internal only",
    "internal use only",
    "for internal use",
    "do not share",
    "do not forward",
    "not for publication",
    "under embargo",
    "embargoed",
    "under nda",
    "proprietary",
)


@dataclass(frozen=True, slots=True)
class Channels:
    """The official customer-service channels, for fixes of rule 6."""

    handles: tuple[str, ...]
    url: str | None
    phone: str | None
    email: str | None

    def sentence(self) -> Localized:
        nl: list[str] = []
        en: list[str] = []
        if self.handles:
            joined = " of ".join(self.handles)
            nl.append(f"stuur een bericht naar {joined}")
            en.append(f"message {' or '.join(self.handles)}")
        if self.url:
            nl.append(f"kijk op {self.url}")
            en.append(f"visit {self.url}")
        if self.phone:
            nl.append(f"bel {self.phone}")
            en.append(f"call {self.phone}")
        if self.email:
            nl.append(f"mail {self.email}")
            en.append(f"e-mail {self.email}")
        if not nl:
            return Localized(
                "neem contact op met onze klantenservice", "contact our customer service"
            )
        return Localized(_join(nl, "of"), _join(en, "or"))


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


class Policy:
    """A validated policy, compiled for checking. Build with :func:`tweetguard.load_policy`."""

    def __init__(self, config: PolicyConfig, *, source: str | None = None) -> None:
        self.config = config
        self.source = source
        c = config
        self.company = c.company.name
        self.version = policy_version(c.company.name)
        self.account_kinds: dict[str, str] = {a.handle.lower(): a.kind for a in c.accounts}
        self.company_handles = tuple(a.handle for a in c.accounts)
        self.public_emails = frozenset(e.lower() for e in c.company.public_emails)
        # The detector compares numbers in any notation (E.164), so the configured form is kept.
        self.public_phones = frozenset(p for p in (c.customer_service.phone,) if p)
        self.channels = Channels(
            handles=tuple(a.handle for a in c.accounts if a.kind == "customer_service"),
            url=c.customer_service.url,
            phone=c.customer_service.phone,
            email=c.customer_service.email,
        )
        self.legal_contact = c.contacts.legal
        self.codenames: dict[str, Codename] = {fold(cn.name): cn for cn in c.confidential.codenames}
        self.codename_exceptions: dict[str, re.Pattern[str]] = {
            fold(cn.name): re.compile(
                "|".join(rf"(?<!\w){re.escape(fold(x))}(?!\w)" for x in cn.exceptions)
            )
            for cn in c.confidential.codenames
            if cn.exceptions
        }
        self.quiet_periods: tuple[QuietPeriod, ...] = tuple(c.confidential.quiet_periods)
        self.internal_host = _host_regex(c.company.internal_domains)
        self.public_domains = tuple(c.company.domains)
        self.terms = TermMatcher(self._terms())

    def _terms(self) -> list[Term]:
        c = self.config
        terms: list[Term] = []
        company = c.company.name
        for label in (company, *c.company.aliases):
            terms.append(Term(label, "company", company))
        for acc in c.accounts:
            terms.append(Term(acc.handle, "company", company, fuzzy=False))
        for domain in c.company.domains:
            terms.append(Term(domain, "company", company, fuzzy=False))
        for p in c.products:
            for label in (p.name, *p.aliases, *p.hashtags):
                terms.append(Term(label, "product", p.name))
        for cn in c.confidential.codenames:
            terms.append(Term(cn.name, "codename", cn.name))
        for name in c.relations.competitors:
            terms.append(Term(name, "competitor", name))
        for name in c.relations.partners:
            terms.append(Term(name, "partner", name))
        for marker in (*BUILTIN_MARKERS, *c.confidential.markers):
            terms.append(Term(marker, "marker", marker, fuzzy=False))
        return terms

    def kind_of(self, handle: str | None) -> str:
        if not handle:
            return "personal"
        key = handle.lower() if handle.startswith("@") else "@" + handle.lower()
        return self.account_kinds.get(key, "personal")

    def codename_confidential(self, key: str, on: dt.date) -> bool:
        cn = self.codenames.get(key)
        return cn is not None and (cn.public_from is None or on < cn.public_from)

    def quiet_period(self, on: dt.date) -> QuietPeriod | None:
        for qp in self.quiet_periods:
            if qp.from_ <= on <= qp.to:
                return qp
        return None

    @cached_property
    def timezone(self) -> dt.tzinfo:
        import zoneinfo

        return zoneinfo.ZoneInfo(self.config.work.timezone)


def _host_regex(patterns: list[str]) -> re.Pattern[str] | None:
    """One regex for the internal domains; ``*.corp.x.nl`` matches any sub-domain of it."""
    if not patterns:
        return None
    alts = []
    for p in patterns:
        if p.startswith("*."):
            alts.append(r"(?:[a-z0-9-]+\.)+" + re.escape(p[2:]))
        else:
            alts.append(r"(?:[a-z0-9-]+\.)*" + re.escape(p))
    return re.compile(
        r"(?<![\w.-])(?:https?://)?(?:" + "|".join(alts) + r")(?![\w-])(?::\d+)?(?:/[^\s]*)?",
        re.IGNORECASE,
    )
