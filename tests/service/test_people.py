"""People: login sessions with CSRF, API tokens with scopes, my own data, the user CLI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from typer.testing import CliRunner

from service.people import PASSWORD, add_user, logged_in, make_app, token
from tweetguard.cli import app as cli
from tweetguard.service.audit import verify
from tweetguard.service.auth import UserError, create_user, password_ok
from tweetguard.service.db import transaction
from tweetguard.service.schema import ApiToken, User


def test_passwords_are_argon2_hashes(app) -> None:  # type: ignore[no-untyped-def]
    with app.state.sessions() as s:
        user = s.scalar(select(User).where(User.username == "eva"))
        assert user.password_hash.startswith("$argon2")
        assert PASSWORD not in user.password_hash
        assert password_ok(user.password_hash, PASSWORD)
        assert not password_ok(user.password_hash, PASSWORD + "x")


def test_login_me_logout(app) -> None:  # type: ignore[no-untyped-def]
    client = logged_in(app, "eva")
    me = client.get("/api/v1/me").json()
    assert me["user"]["username"] == "eva" and me["via"] == "session"
    assert client.post("/api/v1/logout").status_code == 200
    assert client.get("/api/v1/me").status_code == 401


def test_wrong_password_is_refused_and_audited(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        r = client.post("/api/v1/login", json={"username": "eva", "password": "nope nope nope"})
        assert r.status_code == 401 and "wrong password" in r.json()["error"]
        r = client.post("/api/v1/login", json={"username": "nobody", "password": PASSWORD})
        assert r.status_code == 401
    with app.state.sessions() as s:
        actions = [a for (a,) in s.execute(text("SELECT action FROM audit_entries"))]
        assert actions.count("login.failed") == 2
        assert verify(s).ok


def test_session_cookie_is_http_only_and_strict(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        r = client.post("/api/v1/login", json={"username": "eva", "password": PASSWORD})
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie


def test_state_change_by_session_needs_the_csrf_token(app) -> None:  # type: ignore[no-untyped-def]
    client = logged_in(app, "eva")
    csrf = client.headers.pop("X-CSRF-Token")
    r = client.post("/api/v1/logout")
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    client.headers["X-CSRF-Token"] = "wrong"
    assert client.post("/api/v1/logout").status_code == 403
    client.headers["X-CSRF-Token"] = csrf
    assert client.post("/api/v1/logout").status_code == 200


def test_tokens_are_hashed_and_scoped(app) -> None:  # type: ignore[no-untyped-def]
    headers = token(app, "eva", ["check"])
    plain = headers["Authorization"].split()[1]
    with app.state.sessions() as s:
        stored = [t.token_hash for t in s.scalars(select(ApiToken))]
    assert plain not in stored and len(stored) == 1
    with TestClient(app) as client:
        assert client.get("/api/v1/me", headers=headers).json()["scopes"] == ["check"]
        r = client.get("/api/v1/me/export", headers=headers)
        assert r.status_code == 403 and "scope" in r.json()["error"]
        bad = client.get("/api/v1/me", headers={"Authorization": "Bearer tg_nonsense"})
        assert bad.status_code == 401
        odd = client.get("/api/v1/me", headers={"Authorization": "Basic abc"})
        assert odd.status_code == 401


def test_nobody_gets_401(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        for path in ("/api/v1/me", "/api/v1/me/export"):
            r = client.get(path)
            assert r.status_code == 401 and r.json()["error"]


def test_export_is_mine_only(app) -> None:  # type: ignore[no-untyped-def]
    client = logged_in(app, "eva")
    data = client.get("/api/v1/me/export").json()
    assert data["user"]["username"] == "eva"
    assert {"acknowledgements", "posts", "incidents", "audit"} <= set(data)
    assert all(
        e["subject"] == "user:eva" or e["action"] in ("login", "logout") for e in data["audit"]
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"username": "Eva Smit"}, "username"),
        ({"role": "king"}, "role"),
        ({"email": "no-at-sign"}, "e-mail"),
        ({"manager": "nobody"}, "manager"),
        ({"manager": "eva"}, "not manager"),
        ({"username": "eva"}, "exists"),
        ({"password": "short"}, "10 characters"),
    ],
)
def test_bad_users_are_refused(app, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    base = {
        "username": "nieuw",
        "display_name": "Nieuw",
        "email": "nieuw@tulpwerk.nl",
        "role": "employee",
        "password": PASSWORD,
    }
    with pytest.raises(UserError, match=message), transaction(app.state.sessions) as s:
        create_user(s, **{**base, **kwargs})
    with app.state.sessions() as s:
        assert s.scalar(select(User).where(User.username == "nieuw")) is None


def test_user_cli(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWEETGUARD_DATABASE_URL", database_url)
    runner = CliRunner()
    r = runner.invoke(
        cli,
        ["user", "add", "baas", "--role", "manager", "--email", "baas@tulpwerk.nl",
         "--password-stdin"],
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    r = runner.invoke(
        cli,
        ["user", "add", "jan", "--manager", "baas", "--email", "jan@tulpwerk.nl",
         "--password-stdin"],
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    again = runner.invoke(
        cli,
        ["user", "add", "jan", "--email", "j@tulpwerk.nl", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert again.exit_code == 2 and "exists" in again.stderr
    r = runner.invoke(cli, ["user", "token", "jan", "--scopes", "check,posts"])
    assert r.exit_code == 0 and r.stdout.startswith("tg_")
    bad = runner.invoke(cli, ["user", "token", "jan", "--scopes", "everything"])
    assert bad.exit_code == 2 and "scopes" in bad.stderr
    app = make_app(database_url)
    with TestClient(app) as client:
        me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {r.stdout.strip()}"})
        assert me.json()["scopes"] == ["check", "posts"]
    add_user(app, "later")  # the CLI and the app share one database
