"""Helpers for service tests: an app on a database, people with roles, logged-in clients."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tweetguard.service import Settings, create_app
from tweetguard.service.auth import create_token, create_user
from tweetguard.service.db import transaction
from tweetguard.service.schema import User

PASSWORD = "correct horse battery"


def make_app(database_url: str, **settings: Any) -> FastAPI:
    return create_app(Settings(database_url=database_url, **settings))


def add_user(
    app: FastAPI, username: str, role: str = "employee", manager: str | None = None
) -> None:
    with transaction(app.state.sessions) as s:
        create_user(
            s,
            username=username,
            display_name=username.title(),
            email=f"{username}@tulpwerk.nl",
            role=role,
            manager=manager,
            password=PASSWORD,
        )


def token(app: FastAPI, username: str, scopes: list[str]) -> dict[str, str]:
    """Headers with a fresh API token of ``username`` limited to ``scopes``."""
    from sqlalchemy import select

    with transaction(app.state.sessions) as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None
        plain = create_token(s, user, name="test", scopes=scopes)
    return {"Authorization": f"Bearer {plain}"}


def logged_in(app: FastAPI, username: str) -> TestClient:
    """A client with a session cookie; its CSRF token is sent with every request."""
    client = TestClient(app)
    client.__enter__()
    r = client.post("/api/v1/login", json={"username": username, "password": PASSWORD})
    assert r.status_code == 200, r.text
    client.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return client


def team(app: FastAPI) -> None:
    """The demo team: an employee and a second one under manager Maria, communications
    Carla and Chris, compliance Cor, admin Ada."""
    add_user(app, "ada", "admin")
    add_user(app, "maria", "manager")
    add_user(app, "eva", "employee", manager="maria")
    add_user(app, "erik", "employee", manager="maria")
    add_user(app, "otto", "employee")  # in no team
    add_user(app, "carla", "communications")
    add_user(app, "chris", "communications")
    add_user(app, "cor", "compliance")
