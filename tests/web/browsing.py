"""Helpers for the browser tests: screenshots and logging in through the login page."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tweetguard.service.demo import DEMO_PASSWORD

TESTS = Path(__file__).resolve().parents[1]
OUTPUT = Path(os.environ.get("TWEETGUARD_TEST_OUTPUT", TESTS.parent / "test-output"))
SHOTS = OUTPUT / "screenshots"


def shot(tab: Any, name: str) -> Path:
    """Save a full-page screenshot as ``test-output/screenshots/<name>.png``."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def log_in(tab: Any, username: str) -> None:
    """Log in through the login page."""
    tab.goto("/login")
    tab.get_by_label("Gebruikersnaam").fill(username)
    tab.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Inloggen").click()
    tab.wait_for_url(lambda url: "/login" not in url)
