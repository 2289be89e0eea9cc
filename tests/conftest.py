"""Shared fixtures: the bundled policy, a second policy, an engine that re-raises."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.pg import INSTALL_HINT, PostgresNotFound, ThrowawayPostgres, find_bindir
from tweetguard.bench_web import ARGS as CHROMIUM_ARGS
from tweetguard.bench_web import CHROMIUM
from tweetguard.engine import Engine
from tweetguard.policy import Policy, load_policy

TESTS = Path(__file__).resolve().parent
SECOND_POLICY = TESTS / "policy" / "fixtures" / "zorgkompas.toml"
# A Tuesday morning in working hours, outside the example's quiet period.
NOW = dt.datetime(2026, 11, 24, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
SHARED = TESTS.parents[1] / "shared"


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy(Path(__file__).parents[1] / "src" / "tweetguard" / "policy" / "example.toml")


@pytest.fixture(scope="session")
def second_policy() -> Policy:
    return load_policy(SECOND_POLICY)


@pytest.fixture(scope="session")
def engine(policy: Policy) -> Engine:
    return Engine(policy, reraise=True)


@pytest.fixture(scope="session")
def second_engine(second_policy: Policy) -> Engine:
    return Engine(second_policy, reraise=True)


# --- storage back-ends for the service and page tests -------------------------------------

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


# --- the browser (Debian's Chromium through Playwright) -------------------------------------

BROWSER_SKIP = "TWEETGUARD_TEST_BROWSER"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, started by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} not found: the browser tests need Debian's chromium"
        if os.environ.get(BROWSER_SKIP) == "skip":
            pytest.skip(f"{message} ({BROWSER_SKIP}=skip)")
        pytest.fail(
            f"{message}: run `apt-get install chromium` (as root; `make test` does it), or "
            f"set {BROWSER_SKIP}=skip to skip them explicitly.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def quick_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters for tests that seed the demo team (eight hashes) and log in
    often; hashes made this way verify all the same, and hashing is tested on its own."""
    from argon2 import PasswordHasher

    from tweetguard.service import auth

    monkeypatch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
