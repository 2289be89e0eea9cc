"""The audit trail against SQLite and PostgreSQL: the chain holds, and any edit, deletion or
cut is found; what is stored is redacted; ``tweetguard audit verify`` says so."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import pytest
from sqlalchemy import Engine, delete, text, update
from typer.testing import CliRunner

from tweetguard.cli import app as cli
from tweetguard.service.audit import GENESIS, append, verify
from tweetguard.service.db import make_engine, migrate, sessions, transaction
from tweetguard.service.schema import AuditEntry, AuditHead

AT = dt.datetime(2026, 11, 24, 9, 15, tzinfo=dt.UTC)


@pytest.fixture
def db(database_url: str) -> Engine:
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # idempotent
    yield engine
    engine.dispose()


def fill(db: Engine, n: int = 5) -> None:
    factory = sessions(db)
    for i in range(n):
        with transaction(factory) as s:
            append(
                s,
                actor=f"user{i}",
                action="post.approve",
                subject=f"post:{i}",
                data={"i": i},
                at=AT,
            )


def check(db: Engine):  # type: ignore[no-untyped-def]
    with sessions(db)() as s:
        return verify(s)


def test_empty_trail_is_intact(db: Engine) -> None:
    result = check(db)
    assert result.ok and result.entries == 0 and result.last_hash == GENESIS


def test_chain_holds(db: Engine) -> None:
    fill(db)
    result = check(db)
    assert result.ok, result.problems
    assert result.entries == 5
    with sessions(db)() as s:
        entries = s.query(AuditEntry).order_by(AuditEntry.id).all()
        assert [e.id for e in entries] == [1, 2, 3, 4, 5]
        assert entries[0].prev_hash == GENESIS
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
        assert s.get(AuditHead, 1).last_hash == entries[-1].hash == result.last_hash


def test_an_edited_entry_is_found(db: Engine) -> None:
    fill(db)
    with db.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == 3).values(actor="mallory"))
    result = check(db)
    assert not result.ok
    assert any("entry 3" in p and "edited" in p for p in result.problems)


def test_an_edited_time_is_found(db: Engine) -> None:
    fill(db)
    with db.begin() as conn:
        conn.execute(
            update(AuditEntry).where(AuditEntry.id == 2).values(at=AT + dt.timedelta(hours=1))
        )
    assert any("entry 2" in p for p in check(db).problems)


def test_a_deleted_entry_is_found(db: Engine) -> None:
    fill(db)
    with db.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id == 2))
    problems = check(db).problems
    assert any("entry 2 is missing" in p for p in problems)
    assert any("entry 3" in p for p in problems)


def test_entries_cut_from_the_end_are_found(db: Engine) -> None:
    fill(db)
    with db.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id >= 4))
    problems = check(db).problems
    assert any("head names entry 5" in p for p in problems)


def test_a_rewritten_link_is_found(db: Engine) -> None:
    fill(db)
    with db.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == 4).values(prev_hash="f" * 64))
    assert any("entry 4" in p for p in check(db).problems)


def test_an_entry_lands_with_its_transaction_or_not_at_all(db: Engine) -> None:
    factory = sessions(db)
    with pytest.raises(RuntimeError), transaction(factory) as s:
        append(s, actor="a", action="x", subject="y")
        raise RuntimeError("the change it records failed")
    result = check(db)
    assert result.ok and result.entries == 0


def test_data_is_redacted_before_it_is_stored(db: Engine) -> None:
    with transaction(sessions(db)) as s:
        append(
            s,
            actor="jan",
            action="incident.report",
            subject="incident:1",
            data={
                "text": "BSN 111222333 en key AKIAZ7Q4R2MXWKD3LW5P",
                "n": [1, "piet.jansen@gmail.com"],
            },
        )
    with db.connect() as conn:
        stored = conn.execute(text("SELECT data FROM audit_entries")).scalar_one()
    assert "111222333" not in stored and "AKIAZ7Q4R2MXWKD3LW5P" not in stored
    assert "piet.jansen@gmail.com" not in stored
    assert check(db).ok


def test_concurrent_writers_keep_one_chain(db: Engine) -> None:
    factory = sessions(db)
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for i in range(10):
                with transaction(factory) as s:
                    append(s, actor=f"w{k}", action="a", subject=f"{k}:{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = check(db)
    assert result.ok, result.problems
    assert result.entries == 40


def test_cli_verify(db: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWEETGUARD_DATABASE_URL", database_url)
    fill(db, 3)
    runner = CliRunner()
    ok = runner.invoke(cli, ["audit", "verify"])
    assert ok.exit_code == 0 and "intact: 3 entries" in ok.stdout
    with db.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == 2).values(action="post.reject"))
    broken = runner.invoke(cli, ["audit", "verify"])
    assert broken.exit_code == 1
    assert "entry 2" in broken.stderr
