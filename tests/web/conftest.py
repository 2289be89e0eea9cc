"""The pages on a seeded demo team: an app for quick page tests (on SQLite and PostgreSQL,
through ``TestClient``) and a live server driven by Debian's Chromium through Playwright.

The browser tests need ``/usr/bin/chromium`` (``apt-get install chromium``; ``make test``
installs it). Without it they fail and say so; ``TWEETGUARD_TEST_BROWSER=skip`` skips them
explicitly. Screenshots of every page go to ``test-output/screenshots/`` (or
``$TWEETGUARD_TEST_OUTPUT/screenshots``) for a reviewer to look at.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tweetguard.bench_service import free_port
from tweetguard.service import Settings, create_app
from tweetguard.service.demo import seed_demo

TESTS = Path(__file__).resolve().parents[1]
# Checks on the pages are judged at a Tuesday morning in working hours (as in the rule tests).
NOW = dt.datetime(2026, 11, 24, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def demo_app(database_url: str) -> FastAPI:
    """The service on ``database_url`` with the demo team, checks judged at :data:`NOW`."""
    application = create_app(Settings(database_url=database_url))
    application.state.clock = lambda: NOW
    return application


@pytest.fixture
def web_app(database_url: str, quick_passwords: None) -> Iterator[FastAPI]:
    application = demo_app(database_url)
    with TestClient(application):  # runs the migrations
        seeded = seed_demo(application.state.sessions, application.state.engine, now=NOW)
        assert seeded
        yield application


# --- the live server and the browser --------------------------------------------------------


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service with the demo team on a SQLite file, served by uvicorn in a thread."""
    import uvicorn

    path = tmp_path_factory.mktemp("live") / "tweetguard.db"
    application = demo_app(f"sqlite:///{path}")
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the live server did not start within 30 s", pytrace=False)
        time.sleep(0.05)
    assert seed_demo(application.state.sessions, application.state.engine, now=NOW)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh browser context (no cookies) at desktop width."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
