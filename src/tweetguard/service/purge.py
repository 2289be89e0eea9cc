"""The retention period (privacy by design): what is older than ``retention_days`` goes.

:func:`purge` runs from ``tweetguard purge`` and once an hour in the worker. "Older" means
the last change (``updated_at``) lies more than ``retention_days`` before ``now``, so a
case or a post that is still being worked on is not purged under someone's hands.

- **Posts not approved** (``draft``, ``submitted``, ``rejected``, ``withdrawn``): deleted.
- **Approved posts** (and any later state, e.g. published or exported) keep their record
  (author, account, status, verdict, who decided, the written reason, policy version and
  dates: what the company account said was approved by whom), but their text and the
  excerpts in their findings are replaced by :data:`MARKER`.
- **Incidents**: the case record stays (status, dates, reporter, manager, history); its
  text, note and link are replaced by :data:`MARKER`.
- **Outbox**: sent messages (by ``sent_at``) and given-up ones (by ``created_at``) are
  deleted; they may quote an incident's redacted text. Pending ones stay.
- **Web sessions** past their expiry are deleted.

The audit trail is never purged: its entries carry decisions and counts, not texts. Each
purge adds one entry ``retention.purge`` with what it did, as counts.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import and_, case, delete, or_, select, update
from sqlalchemy.orm import Session

from tweetguard.service import audit
from tweetguard.service.schema import Incident, OutboxMessage, Post, WebSession
from tweetguard.times import as_utc

MARKER = "[verwijderd na bewaartermijn]"
DELETED_POSTS = ("draft", "submitted", "rejected", "withdrawn")
_TEXT_KEYS = frozenset({"excerpt", "text"})


@dataclass
class PurgeReport:
    """What one purge did, as counts (never contents)."""

    retention_days: int
    cutoff: str
    posts_deleted: int = 0
    posts_redacted: int = 0
    incidents_redacted: int = 0
    outbox_deleted: int = 0
    sessions_deleted: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _without_texts(value: Any) -> Any:
    """``value`` (parsed JSON) with every ``excerpt`` and ``text`` replaced by the marker."""
    if isinstance(value, dict):
        return {
            k: (MARKER if k in _TEXT_KEYS and isinstance(v, str) else _without_texts(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_without_texts(v) for v in value]
    return value


def _findings_without_texts(findings: str) -> str:
    try:
        parsed = json.loads(findings)
    except ValueError:
        return "[]"  # unreadable: keep nothing rather than a text
    return json.dumps(_without_texts(parsed), ensure_ascii=False)


def _keep_null(column: Any) -> Any:
    """The marker where ``column`` holds something, NULL where it holds nothing."""
    return case((column.is_(None), None), else_=MARKER)


def _has_content(column: Any) -> Any:
    return and_(column.is_not(None), column != MARKER)


def purge(
    session: Session,
    *,
    retention_days: int,
    now: dt.datetime | None = None,
    actor: str = "system",
) -> PurgeReport:
    """Purge what is older than ``retention_days`` at ``now`` (default: the current time),
    in the caller's transaction, and audit it as ``retention.purge`` with the counts."""
    if retention_days < 1:
        raise ValueError(f"retention_days must be at least 1, not {retention_days}")
    at = as_utc(now)
    cutoff = at - dt.timedelta(days=retention_days)
    report = PurgeReport(retention_days=retention_days, cutoff=cutoff.isoformat())
    quiet = {"synchronize_session": False}

    result: Any = session.execute(
        delete(Post).where(Post.status.in_(DELETED_POSTS), Post.updated_at < cutoff),
        execution_options=quiet,
    )
    report.posts_deleted = result.rowcount or 0

    kept = session.scalars(
        select(Post).where(
            Post.status.not_in(DELETED_POSTS), Post.updated_at < cutoff, Post.text != MARKER
        )
    ).all()
    for post in kept:
        post.text = MARKER
        post.findings = _findings_without_texts(post.findings)
    report.posts_redacted = len(kept)

    result = session.execute(
        update(Incident)
        .where(
            Incident.updated_at < cutoff,
            or_(
                _has_content(Incident.text),
                _has_content(Incident.note),
                _has_content(Incident.link),
            ),
        )
        .values(
            text=_keep_null(Incident.text),
            note=_keep_null(Incident.note),
            link=_keep_null(Incident.link),
        ),
        execution_options=quiet,
    )
    report.incidents_redacted = result.rowcount or 0

    result = session.execute(
        delete(OutboxMessage).where(
            or_(
                and_(OutboxMessage.status == "sent", OutboxMessage.sent_at < cutoff),
                and_(OutboxMessage.status == "failed", OutboxMessage.created_at < cutoff),
            )
        ),
        execution_options=quiet,
    )
    report.outbox_deleted = result.rowcount or 0

    result = session.execute(
        delete(WebSession).where(WebSession.expires_at < at), execution_options=quiet
    )
    report.sessions_deleted = result.rowcount or 0

    session.flush()
    session.expire_all()  # rows changed behind the session's back
    audit.append(
        session,
        actor=actor,
        action="retention.purge",
        subject="retention",
        data=report.to_dict(),
    )
    return report
