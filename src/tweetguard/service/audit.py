"""The audit trail: append-only, each entry hash-chained to the one before.

``hash(n) = sha256(hash(n-1) + "\\n" + canonical JSON of entry n)`` with ids 1, 2, 3 … and
a one-row head naming the newest entry. :func:`verify` recomputes the chain: an edited
entry no longer matches its hash, a deleted one leaves a gap in the ids and a broken link,
entries cut from the end disagree with the head. Whoever can rewrite the whole table and
the head can forge it; the chain makes any partial change visible, and the newest hash can
be copied elsewhere (printed by ``tweetguard audit verify``) to pin the whole history.

What goes in is redacted first: every string in ``data`` passes the secret and
personal-data detectors, so a draft quoted in an entry never stores a key or a BSN in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tweetguard.detect import find_personal_data, find_secrets
from tweetguard.redact import redact
from tweetguard.service.schema import AuditEntry, AuditHead
from tweetguard.times import as_utc

GENESIS = "0" * 64


def redacted(value: Any) -> Any:
    """``value`` with every string in it redacted (secrets, personal data)."""
    if isinstance(value, str):
        matches = [*find_secrets(value), *find_personal_data(value)]
        return redact(value, matches) if matches else value
    if isinstance(value, dict):
        return {str(k): redacted(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redacted(v) for v in value]
    return value


def _utc(at: dt.datetime) -> dt.datetime:
    """UTC, naive: the same value whichever database gave it back."""
    return as_utc(at).replace(tzinfo=None)


def canonical(
    entry_id: int, at: dt.datetime, actor: str, action: str, subject: str, data: str
) -> bytes:
    content = {
        "id": entry_id,
        "at": _utc(at).isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "subject": subject,
        "data": data,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + content).hexdigest()


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    subject: str,
    data: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Add an entry in the caller's transaction (it lands with the change it records, or
    not at all). The head row is locked, so concurrent writers chain one after the other."""
    head = session.get(AuditHead, 1, with_for_update=True)
    if head is None:  # the first migration creates it; someone deleted it
        raise RuntimeError("the audit trail has no head row: run `tweetguard audit verify`")
    prev_id, prev_hash = head.last_id, head.last_hash
    when = _utc(at or dt.datetime.now(dt.UTC))
    body = json.dumps(
        redacted(data or {}), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    entry_id = prev_id + 1
    digest = chain_hash(prev_hash, canonical(entry_id, when, actor, action, subject, body))
    entry = AuditEntry(
        id=entry_id,
        at=when,
        actor=actor,
        action=action,
        subject=subject,
        data=body,
        prev_hash=prev_hash,
        hash=digest,
    )
    session.add(entry)
    head.last_id, head.last_hash = entry_id, digest
    session.flush()
    return entry


@dataclass
class Verification:
    entries: int = 0
    last_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session, *, batch: int = 1000) -> Verification:
    """Recompute the whole chain, in id order, a batch at a time."""
    result = Verification()
    expected_id, prev_hash = 1, GENESIS
    last_seen = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_seen).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            break
        for e in rows:
            if e.id != expected_id:
                result.problems.append(
                    f"entry {expected_id}"
                    + (f"–{e.id - 1}" if e.id - 1 > expected_id else "")
                    + " is missing (deleted)"
                )
            if e.prev_hash != prev_hash:
                result.problems.append(f"entry {e.id}: does not follow the entry before it")
            content = canonical(e.id, e.at, e.actor, e.action, e.subject, e.data)
            if chain_hash(e.prev_hash, content) != e.hash:
                result.problems.append(f"entry {e.id}: content does not match its hash (edited)")
            prev_hash, expected_id, last_seen = e.hash, e.id + 1, e.id
            result.entries += 1
    result.last_hash = prev_hash
    head = session.get(AuditHead, 1)
    if head is None:
        result.problems.append("the head of the chain is missing (deleted)")
    elif head.last_id != last_seen or head.last_hash != prev_hash:
        result.problems.append(
            f"the chain ends at entry {last_seen}, but the head names entry {head.last_id} "
            "(entries deleted from the end, or the head edited)"
        )
    return result
