"""The compliance dashboard's figures (``tweetguard.service.stats``), against SQLite and
PostgreSQL: incidents by status (zeros included) and by age, findings on company posts by
rule and ISO week, and the audit trail a page at a time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from itertools import count

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tweetguard.service import audit
from tweetguard.service.db import make_engine, migrate, sessions, transaction
from tweetguard.service.schema import Incident, Post, User
from tweetguard.service.stats import (
    AGE_BUCKETS,
    INCIDENT_STATUSES,
    audit_entries,
    findings_by_rule_week,
    incidents_by_status,
    open_incident_ages,
)

UTC = dt.UTC
# Tuesday 24 November 2026, ISO week 2026-W48.
NOW = dt.datetime(2026, 11, 24, 10, 15, tzinfo=UTC)
_ids = count(1)


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    migrate(engine)
    yield sessions(engine)
    engine.dispose()


def person(session: Session, role: str = "employee") -> User:
    n = next(_ids)
    user = User(
        username=f"user{n}",
        display_name=f"User {n}",
        email=f"user{n}@tulpwerk.nl",
        role=role,
        created_at=NOW,
    )
    session.add(user)
    session.flush()
    return user


def incident(session: Session, reporter: User, created: dt.datetime, status: str = "new") -> None:
    session.add(
        Incident(
            reporter_id=reporter.id,
            manager_id=None,
            link="https://x.com/a/status/1",
            text=None,
            note=None,
            status=status,
            created_at=created,
            updated_at=created,
        )
    )


def post(session: Session, author: User, created: dt.datetime, rules: list[int]) -> None:
    findings = [
        {"rule": r, "code": f"R{r}.x", "severity": "warn", "start": 0, "end": 1} for r in rules
    ]
    session.add(
        Post(
            author_id=author.id,
            account="@Tulpwerk",
            text="tekst",
            status="draft",
            verdict="warn" if rules else "ok",
            findings=json.dumps({"verdict": "warn", "findings": findings}),
            policy_version="sha256:00",
            created_at=created,
            updated_at=created,
        )
    )


# --- incidents -----------------------------------------------------------------------------


def test_incidents_by_status_counts_and_includes_zeros(factory: sessionmaker[Session]) -> None:
    with factory() as s:
        empty = incidents_by_status(s)
    assert empty == dict.fromkeys(INCIDENT_STATUSES, 0)
    assert list(empty) == list(INCIDENT_STATUSES)  # the chart's order

    with transaction(factory) as s:
        eva = person(s)
        for status in ("new", "new", "takedown_requested", "resolved", "resolved", "resolved"):
            incident(s, eva, NOW, status)
    with factory() as s:
        found = incidents_by_status(s)
    assert found == {"new": 2, "acknowledged": 0, "takedown_requested": 1, "resolved": 3}
    assert list(found) == list(INCIDENT_STATUSES)


def test_open_incident_ages_in_buckets(factory: sessionmaker[Session]) -> None:
    ago = {
        "an hour": dt.timedelta(hours=1),
        "just under a day": dt.timedelta(hours=23, minutes=59),
        "exactly a day": dt.timedelta(days=1),
        "six days": dt.timedelta(days=6, hours=23),
        "a week and a bit": dt.timedelta(days=7, hours=1),
        "29 days": dt.timedelta(days=29),
        "a month": dt.timedelta(days=30),
        "a year": dt.timedelta(days=365),
    }
    with transaction(factory) as s:
        eva = person(s)
        for delta in ago.values():
            incident(s, eva, NOW - delta, "acknowledged")
        # resolved ones are not open, however old
        incident(s, eva, NOW - dt.timedelta(hours=2), "resolved")
        incident(s, eva, NOW - dt.timedelta(days=90), "resolved")
    expected = {"day": 2, "week": 2, "month": 2, "older": 2}
    with factory() as s:
        found = open_incident_ages(s, NOW)
        assert found == expected
        assert list(found) == [name for name, _ in AGE_BUCKETS]
        # the same moment in another zone gives the same figures
        amsterdam = NOW.astimezone(dt.timezone(dt.timedelta(hours=1)))
        assert open_incident_ages(s, amsterdam) == expected
        # a week later everything has moved on a bucket (or stayed in the last)
        later = open_incident_ages(s, NOW + dt.timedelta(days=7))
    assert later == {"day": 0, "week": 0, "month": 5, "older": 3}


def test_open_incident_ages_of_nothing(factory: sessionmaker[Session]) -> None:
    with factory() as s:
        assert open_incident_ages(s, NOW) == {"day": 0, "week": 0, "month": 0, "older": 0}


# --- findings by rule and week -------------------------------------------------------------


def _weeks_before(n: int) -> dt.datetime:
    return NOW - dt.timedelta(weeks=n)


def test_findings_by_rule_week(factory: sessionmaker[Session]) -> None:
    monday = dt.datetime(2026, 11, 23, tzinfo=UTC)  # this week's Monday
    first = monday - dt.timedelta(weeks=11)  # 2026-09-07, W37: the window's first moment
    with transaction(factory) as s:
        carla = person(s, "communications")
        post(s, carla, NOW - dt.timedelta(hours=1), [1, 1, 3])  # this week
        post(s, carla, monday, [0])  # this week, its first moment
        post(s, carla, monday - dt.timedelta(seconds=1), [3])  # last week
        post(s, carla, _weeks_before(5), [1, 8])
        post(s, carla, first, [2])  # the oldest week, its first moment
        post(s, carla, first - dt.timedelta(seconds=1), [2, 9])  # before the window
        post(s, carla, _weeks_before(30), [1])  # long before
        post(s, carla, _weeks_before(2), [])  # a post without findings still counts
    with factory() as s:
        weekly = findings_by_rule_week(s, NOW)

    assert len(weekly.weeks) == 12
    assert weekly.weeks[-1] == "2026-W48" and weekly.weeks[0] == "2026-W37"
    assert list(weekly.weeks) == [f"2026-W{w}" for w in range(37, 49)]
    assert weekly.posts == 6
    zeros = [0] * 12

    def series(**at: int) -> tuple[int, ...]:
        out = list(zeros)
        for week, n in at.items():
            out[weekly.weeks.index(week.replace("_", "-"))] = n
        return tuple(out)

    assert weekly.by_rule == {
        0: series(**{"2026_W48": 1}),
        1: series(**{"2026_W48": 2, "2026_W43": 1}),
        2: series(**{"2026_W37": 1}),
        3: series(**{"2026_W48": 1, "2026_W47": 1}),
        8: series(**{"2026_W43": 1}),
    }
    assert list(weekly.by_rule) == sorted(weekly.by_rule)  # rule order
    assert 9 not in weekly.by_rule  # only outside the window


def test_findings_by_rule_week_labels_across_new_year(factory: sessionmaker[Session]) -> None:
    with factory() as s:
        weekly = findings_by_rule_week(s, dt.datetime(2027, 1, 6, 12, tzinfo=UTC), weeks=4)
    # 2026 has 53 ISO weeks (1 January 2026 is a Thursday)
    assert weekly.weeks == ("2026-W51", "2026-W52", "2026-W53", "2027-W01")
    assert weekly.by_rule == {} and weekly.posts == 0


def test_findings_by_rule_week_of_a_shorter_window(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s:
        cor = person(s, "compliance")
        post(s, cor, NOW, [5])
        post(s, cor, _weeks_before(1), [5, 5])
        post(s, cor, _weeks_before(2), [5])  # outside a two-week window
    with factory() as s:
        weekly = findings_by_rule_week(s, NOW, weeks=2)
    assert weekly.weeks == ("2026-W47", "2026-W48")
    assert weekly.by_rule == {5: (2, 1)} and weekly.posts == 2


# --- the audit trail -----------------------------------------------------------------------


def test_audit_entries_page_by_page(factory: sessionmaker[Session]) -> None:
    with factory() as s:
        assert audit_entries(s) == []
    with transaction(factory) as s:
        for n in range(1, 8):
            audit.append(s, actor="cor", action="test", subject=f"thing:{n}", data={"n": n})

    def ids(**options: int) -> list[int]:
        with factory() as s:
            return [e.id for e in audit_entries(s, **options)]

    assert ids() == [7, 6, 5, 4, 3, 2, 1]  # newest first
    assert ids(limit=3) == [7, 6, 5]
    assert ids(before=5, limit=3) == [4, 3, 2]
    assert ids(before=2, limit=3) == [1]
    assert ids(before=1) == []
    assert ids(before=100, limit=2) == [7, 6]
    with factory() as s:
        newest = audit_entries(s, limit=1)[0]
    assert (newest.subject, json.loads(newest.data)) == ("thing:7", {"n": 7})
