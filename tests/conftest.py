"""Shared fixtures: the bundled policy, a second policy, an engine that re-raises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

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
