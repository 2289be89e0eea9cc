"""Figures for the compliance dashboard, read from the store: incidents by status and age,
findings on company posts by rule and week, and a page of the audit trail.

Only aggregates and the audit trail's own (redacted) entries leave here; no texts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tweetguard.service.schema import AuditEntry, Incident, Post
from tweetguard.times import as_utc

INCIDENT_STATUSES = ("new", "acknowledged", "takedown_requested", "resolved")
AGE_BUCKETS = (("day", 1.0), ("week", 7.0), ("month", 30.0), ("older", float("inf")))


def incidents_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Incident.status, func.count()).group_by(Incident.status)).all()
    found = {status: int(n) for status, n in rows}
    return {status: found.get(status, 0) for status in INCIDENT_STATUSES}


def open_incident_ages(session: Session, now: dt.datetime) -> dict[str, int]:
    """Open (not resolved) incidents by how long ago they were reported: under a day, a
    week, a month, older."""
    counts = {name: 0 for name, _ in AGE_BUCKETS}
    created = session.scalars(
        select(Incident.created_at).where(Incident.status != "resolved")
    ).all()
    for at in created:
        days = (now - as_utc(at)).total_seconds() / 86400
        name = next(name for name, limit in AGE_BUCKETS if days < limit)
        counts[name] += 1
    return counts


@dataclass(frozen=True)
class WeeklyFindings:
    weeks: tuple[str, ...]  # ISO weeks, oldest first: "2026-W47"
    by_rule: dict[int, tuple[int, ...]]  # rule number -> findings per week (rules seen only)
    posts: int  # posts in the period


def _week(at: dt.datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"


def findings_by_rule_week(session: Session, now: dt.datetime, weeks: int = 12) -> WeeklyFindings:
    """Findings on company posts per rule, by the week the post was written, for the last
    ``weeks`` ISO weeks (this week included)."""
    monday = (now - dt.timedelta(days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    first = monday - dt.timedelta(weeks=weeks - 1)
    labels = tuple(_week(first + dt.timedelta(weeks=i)) for i in range(weeks))
    index = {label: i for i, label in enumerate(labels)}
    counts: dict[int, list[int]] = {}
    posts = 0
    rows = session.execute(
        select(Post.created_at, Post.findings).where(Post.created_at >= first)
    ).all()
    for created_at, findings in rows:
        week = index.get(_week(as_utc(created_at)))
        if week is None:
            continue
        posts += 1
        per_rule = Counter(int(f["rule"]) for f in json.loads(findings).get("findings", []))
        for rule, n in per_rule.items():
            counts.setdefault(rule, [0] * weeks)[week] += n
    return WeeklyFindings(labels, {r: tuple(c) for r, c in sorted(counts.items())}, posts)


def audit_entries(
    session: Session, *, before: int | None = None, limit: int = 50
) -> list[AuditEntry]:
    """The newest ``limit`` audit entries (older than entry ``before`` when given)."""
    query = select(AuditEntry)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    return list(session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)).all())
