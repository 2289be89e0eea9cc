"""The engine: ``check(draft, policy) -> Report``, a pure function.

Pipeline: build the :class:`~tweetguard.context.Context` (text parsed once, detectors run
lazily) → run every rule of the registry and the platform checks → turn hits into findings
with the rule's title and a redacted excerpt → verdict = the most severe finding.

A rule that raises is reported as a finding under its own number (``R4.error``) and the other
rules still run; tests construct the engine with ``reraise=True``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from tweetguard.context import Context, SignalProvider
from tweetguard.draft import Draft, text_draft
from tweetguard.policy import Policy, load_policy
from tweetguard.redact import excerpt
from tweetguard.report import Finding, Report, verdict_of
from tweetguard.rules import PLATFORM, RULES
from tweetguard.rules._common import Hit, Rule
from tweetguard.types import Localized

# What a draft without a time means: posted now (a draft being written), or unknown (a post
# of an archive or feed that lost its time).
Undated = Literal["now", "unknown"]


class Engine:
    """A policy with its rules prepared; call :meth:`check` per draft (thread- and
    process-safe: after construction only caches change, and they only ever hold what
    follows from their input, such as a token's model weights)."""

    def __init__(
        self,
        policy: Policy,
        *,
        rules: Sequence[Rule] | None = None,
        signals: Mapping[str, SignalProvider] | None = None,
        reraise: bool = False,
    ) -> None:
        self.policy = policy
        self.rules: tuple[Rule, ...] = tuple(rules if rules is not None else (*RULES, PLATFORM))
        if signals is None:
            from tweetguard.models.signals import signal_providers

            signals = signal_providers()
        self.signals = dict(signals)
        self.reraise = reraise
        self._prepared: dict[int, Any] = {
            id(r): (r.prepare(policy) if r.prepare else None) for r in self.rules
        }

    def context(
        self, draft: Draft, *, now: dt.datetime | None = None, undated: Undated = "now"
    ) -> Context:
        created = draft.created_at or now or dt.datetime.now(dt.UTC)
        if created.tzinfo is None:
            created = created.replace(tzinfo=self.policy.timezone)
        known = draft.created_at is not None or undated == "now"
        return Context(
            draft, self.policy, created_at=created, signals=self.signals, time_known=known
        )

    def check(
        self, draft: Draft | str, *, now: dt.datetime | None = None, undated: Undated = "now"
    ) -> Report:
        """The report for ``draft``. A draft without ``created_at`` is judged as posted
        ``now`` (default: the current time), as a draft being written is; with
        ``undated="unknown"`` (a post read from an archive or feed without a time) the rules
        about the hour and the day do not judge it and ``P.time-unknown`` says so."""
        if isinstance(draft, str):
            draft = text_draft(draft)
        ctx = self.context(draft, now=now, undated=undated)
        findings: list[Finding] = []
        for rule in self.rules:
            try:
                hits: Iterable[Hit] = list(rule.check(ctx, self._prepared[id(rule)]))
            except Exception as exc:
                if self.reraise:
                    raise
                hits = [_error_hit(rule, exc, len(ctx.text))]
            findings.extend(self._finding(rule, hit, ctx) for hit in hits)
        findings.sort(key=lambda f: (f.start, f.rule, f.code))
        return Report(
            verdict=verdict_of(findings),
            policy_version=self.policy.version,
            findings=tuple(findings),
            weighted_length=ctx.length.weighted,
            draft_id=draft.id,
            lang=ctx.lang,
        )

    def _finding(self, rule: Rule, hit: Hit, ctx: Context) -> Finding:
        source = ctx if hit.media is None else ctx.media_context(hit.media)
        n = len(source.text)
        start = min(max(hit.start, 0), n)
        end = min(max(hit.end, start), n)
        shown = excerpt(source.text, start, end, source.sensitive)
        if hit.media is not None:
            start = end = 0  # the finding points at the image, not at the draft's text
        edit = hit.edit if hit.media is None else None  # an image's text cannot be edited
        if edit is not None and not 0 <= edit.start <= edit.end <= n:
            if self.reraise:
                raise ValueError(f"{hit.code}: edit [{edit.start}:{edit.end}] outside the text")
            edit = None
        return Finding(
            rule=rule.number,
            code=hit.code,
            severity=hit.severity,
            start=start,
            end=end,
            excerpt=shown,
            message=hit.message,
            fix=hit.fix,
            title=rule.title,
            evidence=hit.evidence,
            media=hit.media,
            edit=edit,
        )


def _error_hit(rule: Rule, exc: Exception, n: int) -> Hit:
    name = type(exc).__name__
    return Hit(
        code=f"R{rule.number}.error" if rule.number else "P.error",
        severity="warn",
        start=0,
        end=n,
        message=Localized(
            f"Regel {rule.number} kon niet worden gecontroleerd ({name}); "
            "beoordeel deze regel zelf.",
            f"Rule {rule.number} could not be checked ({name}); judge this rule yourself.",
        ),
    )


_ENGINES: dict[int, tuple[Policy, Engine]] = {}


def check(
    draft: Draft | str, policy: Policy | None = None, *, now: dt.datetime | None = None
) -> Report:
    """Check one draft against a policy (default: :func:`tweetguard.load_policy`)."""
    if policy is None:
        policy = default_policy()
    cached = _ENGINES.get(id(policy))
    if cached is None or cached[0] is not policy:
        if len(_ENGINES) > 16:
            _ENGINES.clear()
        cached = (policy, Engine(policy))
        _ENGINES[id(policy)] = cached
    return cached[1].check(draft, now=now)


_DEFAULT: list[Policy] = []


def default_policy() -> Policy:
    if not _DEFAULT:
        _DEFAULT.append(load_policy())
    return _DEFAULT[0]
