"""Storage back-ends for the service tests: every test using ``database_url`` runs twice.

Once against SQLite (a file in the test's temp directory) and once against PostgreSQL (a fresh
database on one throw-away server for the whole session, see ``pg.py``). Without the PostgreSQL
binaries the PostgreSQL runs fail and say what to install; with ``TWEETGUARD_TEST_POSTGRES=skip``
in the environment they are skipped instead, with that reason in the report (``pytest -rs``).
The ``postgres`` and ``database_url`` fixtures live in ``tests/conftest.py`` (the pages' tests
use them too).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.people import make_app, team


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
