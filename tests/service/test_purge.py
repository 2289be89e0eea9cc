"""The retention purge against SQLite and PostgreSQL: old drafts and incident texts go,
recent ones stay, approved posts and case records keep their record without the text,
sent e-mails and expired sessions go, and the audit chain still verifies."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from service.people import make_app, team, token
from tweetguard.service.audit import verify
from tweetguard.service.auth import create_user
from tweetguard.service.db import make_engine, migrate, sessions, transaction
from tweetguard.service.purge import MARKER, PurgeReport, purge
from tweetguard.service.schema import (
    AuditEntry,
    Incident,
    OutboxMessage,
    Post,
    User,
    WebSession,
)

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
OLD = NOW - dt.timedelta(days=91)
RECENT = NOW - dt.timedelta(days=89)
FINDINGS = json.dumps(
    {
        "verdict": "warn",
        "findings": [{"rule": 6, "code": "R6.handles-case", "excerpt": "Stuur me je ordernummer"}],
    }
)


@pytest.fixture
def db(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(db: Engine) -> sessionmaker[Session]:
    return sessions(db)


def people(factory: sessionmaker[Session]) -> tuple[int, int]:
    with transaction(factory) as s:
        boss = create_user(
            s, username="maria", display_name="Maria", email="m@tulpwerk.nl", role="manager"
        )
        eva = create_user(
            s,
            username="eva",
            display_name="Eva",
            email="e@tulpwerk.nl",
            role="employee",
            manager="maria",
        )
        return eva.id, boss.id


def add_post(s: Session, author: int, status: str, at: dt.datetime, text: str) -> int:
    post = Post(
        author_id=author,
        account="@Tulpwerk",
        text=text,
        status=status,
        verdict="warn",
        findings=FINDINGS,
        policy_version="sha256:abc",
        decided_by=None,
        reason=None,
        created_at=at,
        updated_at=at,
    )
    s.add(post)
    s.flush()
    return post.id


def add_incident(s: Session, reporter: int, manager: int, at: dt.datetime, text: str) -> int:
    incident = Incident(
        reporter_id=reporter,
        manager_id=manager,
        link="https://x.com/lek/status/1",
        text=text,
        note="gezien op maandag",
        status="resolved",
        created_at=at,
        updated_at=at,
    )
    s.add(incident)
    s.flush()
    return incident.id


def add_mail(s: Session, status: str, at: dt.datetime, subject: str) -> None:
    s.add(
        OutboxMessage(
            recipient="m@tulpwerk.nl",
            subject=subject,
            body="tekst",
            status=status,
            attempts=1,
            next_attempt_at=at,
            created_at=at,
            sent_at=at if status == "sent" else None,
        )
    )


def test_old_texts_go_recent_ones_stay(factory: sessionmaker[Session]) -> None:
    eva, maria = people(factory)
    with transaction(factory) as s:
        old_draft = add_post(s, eva, "draft", OLD, "oud concept")
        old_submitted = add_post(s, eva, "submitted", OLD, "oud ingediend")
        old_rejected = add_post(s, eva, "rejected", OLD, "oud afgewezen")
        old_approved = add_post(s, eva, "approved", OLD, "oud goedgekeurd")
        new_draft = add_post(s, eva, "draft", RECENT, "nieuw concept")
        new_approved = add_post(s, eva, "approved", RECENT, "nieuw goedgekeurd")
        old_case = add_incident(s, eva, maria, OLD, "oude melding")
        new_case = add_incident(s, eva, maria, RECENT, "nieuwe melding")
        add_mail(s, "sent", OLD, "oud verzonden")
        add_mail(s, "failed", OLD, "oud mislukt")
        add_mail(s, "pending", OLD, "oud wachtend")
        add_mail(s, "sent", RECENT, "nieuw verzonden")
        for expires in (NOW - dt.timedelta(minutes=1), NOW + dt.timedelta(hours=1)):
            s.add(
                WebSession(
                    user_id=eva,
                    session_hash=f"h{expires.timestamp()}",
                    csrf_token="c",
                    created_at=expires - dt.timedelta(hours=12),
                    expires_at=expires,
                )
            )

    with transaction(factory) as s:
        result = purge(s, retention_days=90, now=NOW)
    assert result == PurgeReport(
        retention_days=90,
        cutoff=(NOW - dt.timedelta(days=90)).isoformat(),
        posts_deleted=3,
        posts_redacted=1,
        incidents_redacted=1,
        outbox_deleted=2,
        sessions_deleted=1,
    )

    with factory() as s:
        posts = {p.id: p for p in s.scalars(select(Post))}
        assert set(posts) == {old_approved, new_draft, new_approved}
        assert not {old_draft, old_submitted, old_rejected} & set(posts)
        kept = posts[old_approved]
        assert kept.text == MARKER and kept.status == "approved" and kept.author_id == eva
        assert kept.verdict == "warn" and kept.policy_version == "sha256:abc"
        finding = json.loads(kept.findings)["findings"][0]
        assert finding["excerpt"] == MARKER and finding["code"] == "R6.handles-case"
        assert posts[new_draft].text == "nieuw concept"
        assert posts[new_approved].text == "nieuw goedgekeurd"
        assert json.loads(posts[new_approved].findings) == json.loads(FINDINGS)

        case = s.get(Incident, old_case)
        assert case is not None
        assert (case.text, case.note, case.link) == (MARKER, MARKER, MARKER)
        assert case.status == "resolved" and case.reporter_id == eva and case.manager_id == maria
        assert case.created_at.replace(tzinfo=None) == OLD.replace(tzinfo=None)
        fresh = s.get(Incident, new_case)
        assert fresh is not None and fresh.text == "nieuwe melding"
        assert fresh.note == "gezien op maandag"

        subjects = sorted(m.subject for m in s.scalars(select(OutboxMessage)))
        assert subjects == ["nieuw verzonden", "oud wachtend"]
        assert len(s.scalars(select(WebSession)).all()) == 1

        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "retention.purge"))
        data = json.loads(entry.data)
        assert data["posts_deleted"] == 3 and data["incidents_redacted"] == 1
        assert "oud" not in entry.data and "melding" not in entry.data  # counts, not contents
        assert verify(s).ok


def test_a_second_purge_finds_nothing_and_is_audited_too(factory: sessionmaker[Session]) -> None:
    eva, maria = people(factory)
    with transaction(factory) as s:
        add_incident(s, eva, maria, OLD, "oude melding")
        add_post(s, eva, "approved", OLD, "oud goedgekeurd")
    with transaction(factory) as s:
        first = purge(s, retention_days=90, now=NOW)
    with transaction(factory) as s:
        second = purge(s, retention_days=90, now=NOW)
    assert first.incidents_redacted == 1 and first.posts_redacted == 1
    assert (second.incidents_redacted, second.posts_redacted, second.posts_deleted) == (0, 0, 0)
    with factory() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions.count("retention.purge") == 2
        result = verify(s)
        assert result.ok, result.problems


def test_a_shorter_retention_purges_more(factory: sessionmaker[Session]) -> None:
    eva, maria = people(factory)
    with transaction(factory) as s:
        add_incident(s, eva, maria, NOW - dt.timedelta(days=8), "een week oud")
        add_incident(s, eva, maria, NOW - dt.timedelta(days=6), "zes dagen oud")
    with transaction(factory) as s:
        assert purge(s, retention_days=7, now=NOW).incidents_redacted == 1
    with factory() as s:
        texts = sorted(i.text or "" for i in s.scalars(select(Incident)))
        assert texts == sorted([MARKER, "zes dagen oud"])


def test_the_retention_must_be_at_least_a_day(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as s, pytest.raises(ValueError, match="at least 1"):
        purge(s, retention_days=0, now=NOW)


def test_a_purged_case_still_shows_its_history(database_url: str) -> None:
    app: FastAPI = make_app(database_url)
    with TestClient(app) as client:
        team(app)
        eva, maria = (token(app, u, ["incidents"]) for u in ("eva", "maria"))
        r = client.post(
            "/api/v1/incidents",
            json={"link": "https://x.com/a/status/1", "text": "Het memo lekt", "note": "snel"},
            headers=eva,
        )
        number = r.json()["id"]
        assert client.post(
            f"/api/v1/incidents/{number}/status", json={"status": "resolved"}, headers=maria
        ).is_success
        with transaction(app.state.sessions) as s:
            later = dt.datetime.now(dt.UTC) + dt.timedelta(days=91)
            result = purge(s, retention_days=90, now=later)
            assert result.incidents_redacted == 1
        case = client.get(f"/api/v1/incidents/{number}", headers=maria).json()
        assert case["text"] == MARKER and case["note"] == MARKER and case["link"] == MARKER
        assert case["status"] == "resolved"
        assert [h["action"] for h in case["history"]] == ["incident.report", "incident.resolved"]
        assert case["reporter"]["username"] == "eva"
        with app.state.sessions() as s:
            assert verify(s).ok
            eva_row = s.scalar(select(User).where(User.username == "eva"))
            assert eva_row is not None  # people are not purged
