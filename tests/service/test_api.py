"""The HTTP API of contract.md against SQLite and PostgreSQL: check, policy, health, errors."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tweetguard.service import Settings, create_app


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=database_url, max_body_bytes=64 * 1024))
    with TestClient(app) as c:
        yield c


def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["database"] == "ok"


def test_check_returns_the_contract_report(client: TestClient) -> None:
    draft = {
        "text": "Stuur me je ordernummer even via DM, dan regel ik het",
        "account": {"handle": "@jan_de_vries", "kind": "personal"},
        "in_reply_to": {
            "text": "@Tulpwerk mijn bestelling is nog steeds niet binnen!",
            "author": "@klant123",
            "on_company_page": True,
        },
        "created_at": "2026-11-24T10:15:00+01:00",
    }
    r = client.post("/api/v1/check", json=draft)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["verdict"] == "warn"
    assert report["policy_version"].startswith("sha256:")
    codes = {f["code"] for f in report["findings"]}
    assert "R6.handles-case" in codes
    f = next(f for f in report["findings"] if f["code"] == "R6.handles-case")
    assert set(f) >= {"rule", "code", "severity", "start", "end", "excerpt", "message", "fix"}
    assert set(f["message"]) == {"nl", "en"}


def test_check_never_echoes_a_secret(client: TestClient) -> None:
    r = client.post(
        "/api/v1/check",
        json={"text": "Mijn BSN is 111222333", "created_at": "2026-11-24T10:15:00+01:00"},
    )
    assert r.status_code == 200
    assert r.json()["verdict"] == "block"
    assert "111222333" not in r.text


def test_check_stores_nothing(client: TestClient) -> None:
    from sqlalchemy import inspect, text

    client.post("/api/v1/check", json={"text": "Beste collega's, teamoverleg om 14:00"})
    db = client.app.state.db  # type: ignore[attr-defined]
    with db.connect() as conn:
        for table in inspect(conn).get_table_names():
            if table == "alembic_version":
                continue
            if table == "audit_head":  # the one structural row: still naming no entry
                assert conn.execute(text("SELECT last_id FROM audit_head")).scalar() == 0
                continue
            assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == 0, table


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        (b"{not json", 400, "not valid JSON"),
        (b'{"txt": "hoi"}', 422, "text"),
        (b'{"text": 5}', 422, "text"),
        (b'{"text": "hoi", "colour": "red"}', 422, "colour"),
        (b'{"text": "hoi", "account": {"kind": "robot"}}', 422, "account.kind"),
        (json.dumps({"text": "x" * 25_001}).encode(), 422, "25000"),
    ],
)
def test_bad_drafts_get_a_clear_json_error(
    client: TestClient, body: bytes, status: int, needle: str
) -> None:
    r = client.post("/api/v1/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    data = r.json()
    assert needle in data["error"] or any(needle in d["loc"] + d["msg"] for d in data["details"])


def test_a_body_over_the_limit_is_refused(client: TestClient) -> None:
    big = json.dumps({"text": "a" * 10, "pad": "x" * 70_000}).encode()
    r = client.post("/api/v1/check", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "larger than" in r.json()["error"]


def test_a_streamed_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    r = client.post("/api/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_policy_text_and_version(client: TestClient, lang: str) -> None:
    r = client.get("/api/v1/policy", params={"lang": lang})
    assert r.status_code == 200
    data = r.json()
    assert data["version"].startswith("sha256:")
    assert "Tulpwerk" in data["text"]
    assert ("Twitter" in data["text"]) and ("[Het Bedrijf]" not in data["text"])


def test_policy_refuses_an_unknown_language(client: TestClient) -> None:
    r = client.get("/api/v1/policy", params={"lang": "fr"})
    assert r.status_code == 422 and "lang" in r.json()["error"]


def test_unknown_path_is_json_404(client: TestClient) -> None:
    r = client.get("/api/v1/nothing")
    assert r.status_code == 404 and "error" in r.json()


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/check", "/api/v1/policy", "/healthz"} <= set(paths)
    assert "requestBody" in paths["/api/v1/check"]["post"]
