"""One post through the engine, as a scan keeps it: what the post was (id, account, time,
where it was read, its text redacted), its verdict, and its findings as records for the
findings file.

A finding's **fingerprint** identifies it across scans the way detect-secrets identifies a
secret in a baseline: by what was found, not where: SHA-256 over the finding's code, the
account and the matched text (in clear, but only its hash leaves the worker). A rerun with
``--baseline old.jsonl`` writes only findings whose fingerprint the old file lacks.

Everything here is pure (no I/O): the same functions run in the local process pool and in
the Spark UDF.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from tweetguard.draft import Draft
from tweetguard.engine import Engine
from tweetguard.ingest import Post
from tweetguard.redact import redact
from tweetguard.report import Finding, Report
from tweetguard.times import iso_utc


def fingerprint(code: str, account: str | None, matched: str) -> str:
    """SHA-256 (hex) of ``code``, the account (lower case) and the matched text."""
    key = "\x1f".join((code, (account or "").lower(), matched))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def matched_text(draft: Draft, finding: Finding) -> str:
    """What the finding points at, in clear: its span of the text, or for a finding in an
    image its code and excerpt, or for a whole-post finding the whole text."""
    if finding.media is not None:
        return f"media:{finding.media}:{finding.excerpt}"
    if finding.end > finding.start:
        return draft.text[finding.start : finding.end]
    return draft.text


@dataclass(frozen=True, slots=True)
class Scanned:
    """A post after the check: plain data (it crosses process boundaries)."""

    id: str | None
    account: str | None
    created_at: str | None  # ISO 8601, UTC
    where: str
    lang: str | None
    verdict: str
    text: str  # redacted
    findings: tuple[dict[str, Any], ...]  # the records of the findings file


def records(
    draft: Draft, report: Report, *, where: str, policy_version: str
) -> tuple[dict[str, Any], ...]:
    """The findings of ``report`` as findings-file records (redacted; fingerprinted)."""
    account = draft.account.handle
    out = []
    for f in report.findings:
        out.append(
            {
                "post": None if draft.id is None else str(draft.id),
                "account": account,
                "created_at": iso_utc(draft.created_at),
                "where": where,
                "rule": f.rule,
                "code": f.code,
                "severity": f.severity,
                "start": f.start,
                "end": f.end,
                "media": f.media,
                "excerpt": f.excerpt,
                "message": f.message.to_dict(),
                "fingerprint": fingerprint(f.code, account, matched_text(draft, f)),
                "policy_version": policy_version,
            }
        )
    return tuple(out)


def scan_post(engine: Engine, post: Post) -> Scanned:
    """Check one post. A post without a time is not judged by the rules about the hour and
    the day (``P.time-unknown`` says so): the time of the scan says nothing about it."""
    draft = post.draft
    report = engine.check(draft, undated="unknown")
    return Scanned(
        id=None if draft.id is None else str(draft.id),
        account=draft.account.handle,
        created_at=iso_utc(draft.created_at),
        where=post.where,
        lang=report.lang,
        verdict=report.verdict,
        text=redact(draft.text, report.findings),
        findings=records(draft, report, where=post.where, policy_version=engine.policy.version),
    )
