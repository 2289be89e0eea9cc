"""What every rule module shares: the rule record, hits, and phrase matching helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tweetguard.context import Context, Signal
from tweetguard.policy.compiled import Policy
from tweetguard.report import Edit, Evidence
from tweetguard.text.normalize import fold
from tweetguard.text.phrases import PhrasePattern
from tweetguard.types import Localized, Severity

DOC_SECTIONS = (
    "## Wat het controleert / What it checks",
    "## Waarom (regel {n})",
    "## Voorbeeld",
    "## Beter zo",
)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports; the engine adds the rule number, title and redacted excerpt.

    ``media`` is the index of an attached image when the hit was found in the text recognised
    in that image; ``start``/``end`` then refer to that text (``ctx.media_context(i)``).
    ``edit`` is a fix a machine can apply to the draft's own text (see :func:`append`); the
    engine drops it on a hit in an image.
    """

    code: str
    severity: Severity
    start: int
    end: int
    message: Localized
    fix: Localized | None = None
    evidence: Evidence | None = None
    media: int | None = None
    edit: Edit | None = None


Check = Callable[[Context, Any], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A rule of the policy: its number, title, the sentence it enforces, and its check.

    ``prepare`` (optional) compiles what the rule needs from a policy, once per policy; the
    engine passes its result to ``check`` as the second argument.
    """

    number: int
    slug: str
    title: Localized
    sentence: Localized  # the policy sentence, with "[Het Bedrijf]" as in the policy text
    codes: tuple[str, ...]
    check: Check
    doc: str
    prepare: Callable[[Policy], Any] | None = field(default=None)

    def cite(self, company: str) -> Localized:
        return Localized(
            self.sentence.nl.replace("[Het Bedrijf]", company),
            self.sentence.en.replace("[Het Bedrijf]", company),
        )


def phrases(items: Iterable[str], *, prefix: bool = False) -> PhrasePattern:
    """Any of the phrases, on word boundaries, in folded text (a :class:`PhrasePattern`,
    matched with Aho-Corasick; it answers ``finditer``/``search``/``match`` like a regex).

    Phrases are folded like the text (case, diacritics); a space in a phrase matches any run
    of whitespace; ``prefix=True`` lets the last word continue (``reorganis`` matches
    ``reorganisatie``).
    """
    return PhrasePattern((fold(p) for p in items), prefix=prefix)


def names_pattern(names: Iterable[str]) -> str:
    """Regex alternation of folded names (for embedding in larger patterns)."""
    alts = sorted({fold(n).strip() for n in names if n.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in alts) + ")"


def whole(ctx: Context) -> tuple[int, int]:
    """The span of the whole draft, for findings about the draft as a whole."""
    return 0, len(ctx.text)


def append(text: str, addition: Localized) -> Edit:
    """An edit that adds ``addition`` at the end of ``text``, after a space unless the text
    already ends in whitespace (or is empty)."""
    sep = "" if not text or text[-1].isspace() else " "
    return Edit(len(text), len(text), Localized(sep + addition.nl, sep + addition.en))


def company_names(policy: Policy) -> list[str]:
    c = policy.config
    return [c.company.name, *c.company.aliases, *policy.company_handles]


# A sentence: up to and including its closing punctuation or line break.
SENTENCES = re.compile(r"[^.!?\n]+[.!?\n]*")

SECOND_PERSON = phrases(
    ["je", "jij", "jou", "jouw", "jullie", "u", "uw", "you", "your", "you're", "youre", "ur", "u r"]
)
FIRST_PLURAL = phrases(["we", "wij", "ons", "onze", "our", "us", "we're", "we've", "we'll"])


def model_evidence(sig: Signal, *, words: tuple[str, ...] | None = None) -> Evidence:
    """Evidence of a finding a model decided: the words that tipped it and the score."""
    return Evidence(
        words=sig.words if words is None else words,
        score=round(sig.score, 3),
        source=f"model:{sig.name}",
    )


def signal_spans(ctx: Context, sig: Signal) -> list[tuple[int, int]]:
    """Where a model's finding points: the words that tipped it, else the whole draft."""
    return list(sig.spans) or [(0, len(ctx.text))]
