"""Storage back-ends for the service tests: every test using ``database_url`` runs twice.

Once against SQLite (a file in the test's temp directory) and once against PostgreSQL (a fresh
database on one throw-away server for the whole session, see ``pg.py``). Without the PostgreSQL
binaries the PostgreSQL runs fail and say what to install; with ``TWEETGUARD_TEST_POSTGRES=skip``
in the environment they are skipped instead, with that reason in the report (``pytest -rs``).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.people import make_app, team
from service.pg import INSTALL_HINT, PostgresNotFound, ThrowawayPostgres, find_bindir

SKIP_VARIABLE = "TWEETGUARD_TEST_POSTGRES"
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[ThrowawayPostgres]:
    """One throw-away PostgreSQL server on 127.0.0.1 for the whole session."""
    bindir: Path | None = None
    missing = ""
    try:
        bindir = find_bindir()
    except PostgresNotFound as error:
        missing = str(error)  # failed or skipped below, outside the except: no chained traceback
    if missing and os.environ.get(SKIP_VARIABLE) == "skip":
        pytest.skip(f"PostgreSQL tests skipped because {SKIP_VARIABLE}=skip: {missing}")
    if missing:
        pytest.fail(
            f"{missing}\nThe storage tests need PostgreSQL: run `{INSTALL_HINT}` (as root; "
            f"`make test` does it), or set {SKIP_VARIABLE}=skip to skip them explicitly.",
            pytrace=False,
        )
    with ThrowawayPostgres(bindir=bindir) as server:
        yield server


def _database_name(test_name: str) -> str:
    """A PostgreSQL database name unique within the session, readable in the server log."""
    slug = re.sub(r"[^a-z0-9]+", "_", test_name.lower()).strip("_")
    return f"t{next(_numbers)}_{slug}"[:63].rstrip("_")


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The SQLAlchemy URL of an empty database, for SQLite and for PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tweetguard.db'}"
        return
    # Asked for here, not as an argument, so the SQLite runs never start PostgreSQL.
    server: ThrowawayPostgres = request.getfixturevalue("postgres")
    name = _database_name(request.node.name)
    url = server.fresh_database(name)
    yield url
    # Dropped (closing leftover connections) so hundreds of tests do not fill the disk.
    server.drop_database(name)


@pytest.fixture
def app(database_url: str) -> Iterator[FastAPI]:
    """The service on ``database_url`` with the demo team of ``people.team``."""
    application = make_app(database_url)
    with TestClient(application):  # runs the migrations
        team(application)
        yield application


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)
