"""Storage set-up: migrations build exactly the schema the code declares, on both back-ends;
SQLite runs in WAL mode; a bad URL is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from tweetguard.service.db import DatabaseError, make_engine, migrate
from tweetguard.service.schema import Base


def test_migrations_match_the_declared_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == [], "schema.py and migrations/versions disagree: add a migration"


def test_sqlite_file_is_created_in_wal_mode(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/var/deep/tweetguard.db")
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
    assert (tmp_path / "var" / "deep" / "tweetguard.db").is_file()


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x/y"])
def test_a_bad_url_is_a_clear_error(url: str) -> None:
    with pytest.raises(DatabaseError, match=r"TWEETGUARD_DATABASE_URL|could not"):
        migrate(make_engine(url))
