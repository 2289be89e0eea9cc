"""The demo team (``tweetguard.service.demo`` and ``tweetguard demo``), against SQLite and
PostgreSQL: eight people in every role, who accepted the policy, eight posts in their states,
four incidents along their way, a verifiable audit trail; seeded once only."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tweetguard.cli import app as cli
from tweetguard.engine import Engine
from tweetguard.service import auth
from tweetguard.service.audit import verify
from tweetguard.service.db import make_engine, migrate, sessions
from tweetguard.service.demo import DEMO_PASSWORD, PEOPLE, POSTS, seed_demo
from tweetguard.service.schema import (
    Acknowledgement,
    AuditEntry,
    Incident,
    OutboxMessage,
    Post,
    User,
)
from tweetguard.times import as_utc

NOW = dt.datetime(2026, 11, 24, 9, 15, tzinfo=dt.UTC)
FATE = {"approve": "approved", "reject": "rejected", "submit": "submitted", "draft": "draft"}
TABLES = (User, Acknowledgement, Post, Incident, AuditEntry, OutboxMessage)


pytestmark = pytest.mark.usefixtures("quick_passwords")


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    db = make_engine(database_url)
    migrate(db)
    yield sessions(db)
    db.dispose()


def counts(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory() as s:
        return {
            t.__tablename__: int(s.scalar(select(func.count()).select_from(t)) or 0) for t in TABLES
        }


def test_seed_demo_on_an_empty_database(factory: sessionmaker[Session], engine: Engine) -> None:
    assert seed_demo(factory, engine, now=NOW) is True
    with factory() as s:
        users = {u.username: u for u in s.scalars(select(User))}
        by_id = {u.id: u.username for u in users.values()}

        # the people, their roles and managers
        assert sorted(users) == sorted(p[0] for p in PEOPLE) and len(users) == 8
        for username, name, role, manager, _ in PEOPLE:
            user = users[username]
            assert (user.display_name, user.role, user.active) == (name, role, True)
            assert (by_id[user.manager_id] if user.manager_id else None) == manager
        assert {u.role for u in users.values()} == {
            "admin",
            "manager",
            "employee",
            "communications",
            "compliance",
        }
        assert [u for u, *_, m, _ in PEOPLE if m == "maria"] == ["eva", "erik"]
        # everyone logs in with the demo password
        for username in users:
            cookie, _ = auth.login(s, username, DEMO_PASSWORD)
            assert cookie
        s.rollback()

        # acknowledgements of the current policy: everyone but erik and otto
        acks = s.scalars(select(Acknowledgement)).all()
        assert sorted(by_id[a.user_id] for a in acks) == sorted(p[0] for p in PEOPLE if p[4])
        assert len(acks) == 6 and {a.policy_version for a in acks} == {engine.policy.version}

        # the posts, in the order of POSTS, in their states
        posts = s.scalars(select(Post).order_by(Post.id)).all()
        assert len(posts) == len(POSTS) == 8
        for row, (author, _text, fate, days) in zip(posts, POSTS, strict=True):
            assert by_id[row.author_id] == author
            assert row.status == FATE[fate]
            assert row.account == "@Tulpwerk"
            assert row.policy_version == engine.policy.version
            assert as_utc(row.created_at) == NOW - dt.timedelta(days=days)
            if fate in ("approve", "reject"):
                assert by_id[row.decided_by] == "cor"
            else:
                assert row.decided_by is None and row.reason is None
            if fate == "reject" or (row.verdict == "block" and fate == "approve"):
                assert row.reason  # rejections and overrides have a written reason
        assert Counter(p.status for p in posts) == {
            "approved": 3,
            "rejected": 2,
            "submitted": 2,
            "draft": 1,
        }
        # stored redacted: the IBAN of the third post is not in the database in clear
        assert "NL91ABNA0417164300" in POSTS[2][1]
        assert all("NL91ABNA0417164300" not in p.text for p in posts)
        assert "[IBAN]" in posts[2].text
        # a block that was approved was overridden by compliance
        overridden = [p for p in posts if p.verdict == "block" and p.status == "approved"]
        assert overridden and all(by_id[p.decided_by] == "cor" for p in overridden)

        # the incidents along their way
        incidents = s.scalars(select(Incident).order_by(Incident.id)).all()
        assert [(by_id[i.reporter_id], i.status, by_id.get(i.manager_id)) for i in incidents] == [
            ("eva", "new", "maria"),
            ("erik", "acknowledged", "maria"),
            ("otto", "takedown_requested", None),  # no manager: compliance handles it
            ("eva", "resolved", "maria"),
        ]
        assert [(NOW - as_utc(i.created_at)).days for i in incidents] == [0, 3, 12, 40]
        # the notifications were queued: reports to the manager (or compliance), steps
        # to the reporter
        recipients = Counter(m.recipient.split("@")[0] for m in s.scalars(select(OutboxMessage)))
        assert recipients == {"maria": 3, "cor": 1, "erik": 1, "otto": 2, "eva": 2}

        # the audit trail is real and intact
        actions = Counter(e.action for e in s.scalars(select(AuditEntry)))
        assert actions["user.create"] == 8 and actions["policy.acknowledge"] == 6
        assert actions["post.create"] == 8 and actions["post.submit"] == 7
        assert actions["post.approve"] + actions["post.override"] == 3
        assert actions["post.reject"] == 2 and actions["incident.report"] == 4
        check = verify(s)
        assert check.ok, check.problems
        assert check.entries == sum(actions.values())


def test_seed_demo_twice_seeds_once(factory: sessionmaker[Session], engine: Engine) -> None:
    assert seed_demo(factory, engine, now=NOW) is True
    before = counts(factory)
    assert before["users"] == 8 and before["posts"] == 8 and before["incidents"] == 4
    assert seed_demo(factory, engine, now=NOW) is False
    assert counts(factory) == before
    with factory() as s:
        assert verify(s).ok


def test_seed_demo_refuses_a_database_with_people(
    factory: sessionmaker[Session], engine: Engine
) -> None:
    with factory() as s, s.begin():
        auth.create_user(
            s,
            username="jan",
            display_name="Jan",
            email="jan@tulpwerk.nl",
            role="admin",
            password="a long enough password",
        )
    before = counts(factory)
    assert seed_demo(factory, engine, now=NOW) is False
    assert counts(factory) == before


def test_seed_demo_keeps_the_instant_of_a_non_utc_now(tmp_path: Path, engine: Engine) -> None:
    db = make_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    migrate(db)
    factory = sessions(db)
    amsterdam = NOW.astimezone(dt.timezone(dt.timedelta(hours=1)))  # the same instant
    assert seed_demo(factory, engine, now=amsterdam)
    with factory() as s:
        first = s.scalars(select(Incident).order_by(Incident.id)).first()
        assert first is not None
        assert as_utc(first.created_at) == NOW
    db.dispose()


def test_demo_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("TWEETGUARD_DATABASE_URL", url)
    monkeypatch.delenv("TWEETGUARD_POLICY", raising=False)
    monkeypatch.chdir(tmp_path)  # no ./policy.toml: the bundled example policy
    monkeypatch.setenv("COLUMNS", "200")  # the table is not wrapped
    runner = CliRunner()

    first = runner.invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    assert DEMO_PASSWORD in first.output
    for username, name, role, _, _ in PEOPLE:
        assert username in first.output and name in first.output and role in first.output

    db = make_engine(url)
    factory = sessions(db)
    seeded = counts(factory)
    assert seeded["users"] == 8 and seeded["posts"] == 8 and seeded["incidents"] == 4

    second = runner.invoke(cli, ["demo"])
    assert second.exit_code == 0, second.output
    assert "no demo team seeded" in second.output
    assert DEMO_PASSWORD not in second.output
    assert counts(factory) == seeded
    db.dispose()
