"""The database: one SQLAlchemy 2 engine per URL, migrations with Alembic.

SQLite (the default, a file under ``./var/``) runs in WAL mode with foreign keys on, and
every transaction begins with ``BEGIN IMMEDIATE`` so that two writers never read the same
state and then both write (the audit trail relies on that). PostgreSQL takes the same code;
the audit trail locks its head row there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tweetguard.errors import TweetguardError


class DatabaseError(TweetguardError):
    """The database could not be opened or migrated."""


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created, WAL mode switched on."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError and friends
        raise DatabaseError(f"TWEETGUARD_DATABASE_URL {url!r} is not a database URL") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _sqlite_setup(engine)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # unknown dialect or driver
        raise DatabaseError(f"TWEETGUARD_DATABASE_URL {url!r}: {exc}") from exc


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed at the end, or rolled back entirely on error."""
    with factory() as session, session.begin():
        yield session


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option(
        "script_location", str(resources.files("tweetguard.service").joinpath("migrations"))
    )
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    from alembic import command

    try:
        command.upgrade(alembic_config(engine), "head")
    except Exception as exc:
        raise DatabaseError(f"could not migrate the database {engine.url!r}: {exc}") from exc
