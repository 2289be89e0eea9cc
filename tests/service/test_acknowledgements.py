"""Acknowledgements of the policy, against SQLite and PostgreSQL: who acknowledged which
version and when, idempotent, refused for an outdated version, listed for compliance, and
needed again (before drafting for the company account) when the policy version changes."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from service.people import logged_in, make_app, token
from tweetguard.service.audit import verify
from tweetguard.service.schema import Acknowledgement, AuditEntry, User

EXAMPLE = Path(__file__).parents[2] / "src" / "tweetguard" / "policy" / "example.toml"
ACKS = "/api/v1/acknowledgements"
ME = "/api/v1/acknowledgements/me"
GOOD = "Vanaf vandaag is de TulpApp te downloaden in de App Store. Meer op tulpwerk.nl"


def headers(
    app: FastAPI, username: str, scopes: tuple[str, ...] = ("acknowledgements",)
) -> dict[str, str]:
    return token(app, username, list(scopes))


def version_of(client: TestClient) -> str:
    version: str = client.get("/api/v1/policy").json()["version"]
    return version


def count(app: FastAPI, table: type[Acknowledgement] | type[AuditEntry]) -> int:
    with app.state.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def actions(app: FastAPI, action: str) -> list[AuditEntry]:
    with app.state.sessions() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def chain_ok(app: FastAPI) -> bool:
    with app.state.sessions() as s:
        return verify(s).ok


def other_policy(tmp_path: Path, company: str = "Tulpwerk Groep") -> Path:
    """The example policy under another company name: another policy version, the same
    company accounts."""
    text = EXAMPLE.read_text(encoding="utf-8").replace('name = "Tulpwerk"', f'name = "{company}"')
    assert f'name = "{company}"' in text
    path = tmp_path / "other-policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_acknowledge_the_current_version(app: FastAPI, client: TestClient) -> None:
    eva = headers(app, "eva")
    version = version_of(client)
    assert version.startswith("sha256:")
    me = client.get(ME, headers=eva)
    assert me.status_code == 200, me.text
    assert me.json() == {
        "username": "eva",
        "policy_version": version,
        "acknowledged": False,
        "at": None,
    }
    r = client.post(ACKS, json={"policy_version": version}, headers=eva)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["acknowledged"] is True and body["policy_version"] == version and body["at"]
    assert client.get(ME, headers=eva).json() == body
    with app.state.sessions() as s:
        ack = s.scalar(select(Acknowledgement))
        assert ack is not None and ack.policy_version == version
        user = s.get(User, ack.user_id)
        assert user is not None and user.username == "eva"
    [entry] = actions(app, "policy.acknowledge")
    assert entry.actor == "eva" and entry.subject == "user:eva" and version in entry.data
    assert chain_ok(app)


def test_acknowledging_twice_keeps_the_first_record(app: FastAPI, client: TestClient) -> None:
    eva = headers(app, "eva")
    version = version_of(client)
    first = client.post(ACKS, json={"policy_version": version}, headers=eva).json()
    second = client.post(ACKS, json={"policy_version": version}, headers=eva)
    assert second.status_code == 200 and second.json() == first
    assert count(app, Acknowledgement) == 1
    assert len(actions(app, "policy.acknowledge")) == 1


def test_an_outdated_version_is_refused(app: FastAPI, client: TestClient) -> None:
    eva = headers(app, "eva")
    before = count(app, AuditEntry)
    r = client.post(ACKS, json={"policy_version": "sha256:" + "0" * 64}, headers=eva)
    assert r.status_code == 409
    assert "policy changed" in r.json()["error"] and version_of(client) in r.json()["error"]
    assert count(app, Acknowledgement) == 0 and count(app, AuditEntry) == before


def test_bad_bodies_get_a_json_error_and_change_nothing(app: FastAPI, client: TestClient) -> None:
    eva = headers(app, "eva")
    version = version_of(client)
    before = count(app, AuditEntry)
    for body, status in [
        ({}, 422),
        ({"policy_version": version, "colour": "red"}, 422),
        ({"policy_version": 5}, 422),
        ({"policy_version": "the latest"}, 422),
        ({"policy_version": "sha256:" + "a" * 500}, 422),
        ([version], 422),
    ]:
        r = client.post(ACKS, json=body, headers=eva)
        assert r.status_code == status, (body, r.text)
        assert r.json()["error"] and isinstance(r.json()["details"], list)
    r = client.post(ACKS, content=b"{oops", headers={**eva, "content-type": "application/json"})
    assert r.status_code == 400 and "JSON" in r.json()["error"]
    assert count(app, Acknowledgement) == 0 and count(app, AuditEntry) == before


def test_compliance_lists_who_has_and_has_not_acknowledged(
    app: FastAPI, client: TestClient
) -> None:
    version = version_of(client)
    for name in ("eva", "carla"):
        r = client.post(ACKS, json={"policy_version": version}, headers=headers(app, name))
        assert r.status_code == 200
    with app.state.sessions.begin() as s:  # a user who left is no longer expected to
        s.execute(update(User).where(User.username == "otto").values(active=False))
    for reader in ("cor", "ada"):
        r = client.get(ACKS, headers=headers(app, reader))
        assert r.status_code == 200, r.text
        data = r.json()
        assert data["policy_version"] == version
        assert [a["username"] for a in data["acknowledged"]] == ["carla", "eva"]
        assert all(a["at"] for a in data["acknowledged"])
        assert [a["username"] for a in data["not_acknowledged"]] == [
            "ada",
            "chris",
            "cor",
            "erik",
            "maria",
        ]
        assert data["counts"] == {"acknowledged": 2, "not_acknowledged": 5, "active_users": 7}


def test_who_may_do_what(app: FastAPI, client: TestClient) -> None:
    version = version_of(client)
    # Only compliance and admin list everyone's acknowledgements.
    for name in ("eva", "otto", "maria", "carla", "chris"):
        r = client.get(ACKS, headers=headers(app, name))
        assert r.status_code == 403 and "role" in r.json()["error"], name
    # Without the scope a token does nothing here.
    posts_only = headers(app, "cor", ("posts", "check"))
    assert client.get(ME, headers=posts_only).status_code == 403
    assert client.get(ACKS, headers=posts_only).status_code == 403
    r = client.post(ACKS, json={"policy_version": version}, headers=posts_only)
    assert r.status_code == 403 and "scope" in r.json()["error"]
    # Without credentials: 401.
    assert client.get(ME).status_code == 401
    assert client.get(ACKS).status_code == 401
    assert client.post(ACKS, json={"policy_version": version}).status_code == 401
    bogus = {"Authorization": "Bearer tg_not-a-token"}
    assert client.get(ME, headers=bogus).status_code == 401
    # A session must send its CSRF token with a POST.
    eva = logged_in(app, "eva")
    csrf = eva.headers.pop("X-CSRF-Token")
    assert eva.get(ME).status_code == 200  # reading needs none
    r = eva.post(ACKS, json={"policy_version": version})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    assert count(app, Acknowledgement) == 0
    r = eva.post(ACKS, json={"policy_version": version}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["acknowledged"] is True
    assert chain_ok(app)


def test_a_new_policy_version_must_be_acknowledged_again(
    app: FastAPI, client: TestClient, database_url: str, tmp_path: Path
) -> None:
    eva = headers(app, "eva", ("acknowledgements", "posts"))
    old = version_of(client)
    assert client.post(ACKS, json={"policy_version": old}, headers=eva).status_code == 200
    draft = {"text": GOOD, "account": "@Tulpwerk"}
    assert client.post("/api/v1/posts", json=draft, headers=eva).status_code == 201

    # The policy file changes (another company name): the service restarts with it.
    changed = make_app(database_url, policy=other_policy(tmp_path))
    with TestClient(changed) as new:
        version = version_of(new)
        assert version != old and version.startswith("sha256:")
        me = new.get(ME, headers=eva).json()
        assert me == {
            "username": "eva",
            "policy_version": version,
            "acknowledged": False,
            "at": None,
        }
        r = new.post("/api/v1/posts", json=draft, headers=eva)
        assert r.status_code == 403 and "acknowledged" in r.json()["error"]
        assert version in r.json()["error"]
        listing = new.get(ACKS, headers=headers(app, "cor")).json()
        assert listing["counts"]["acknowledged"] == 0
        assert "eva" in {u["username"] for u in listing["not_acknowledged"]}
        # What she read before is no longer the policy.
        r = new.post(ACKS, json={"policy_version": old}, headers=eva)
        assert r.status_code == 409 and "policy changed" in r.json()["error"]
        r = new.post(ACKS, json={"policy_version": version}, headers=eva)
        assert r.status_code == 200 and r.json()["acknowledged"] is True
        r = new.post("/api/v1/posts", json=draft, headers=eva)
        assert r.status_code == 201 and r.json()["policy_version"] == version
        listing = new.get(ACKS, headers=headers(app, "cor")).json()
        assert [u["username"] for u in listing["acknowledged"]] == ["eva"]
    with app.state.sessions() as s:
        versions = set(s.scalars(select(Acknowledgement.policy_version)))
        assert versions == {old, version}  # the old record is kept: who, when, which version
        assert verify(s).ok
