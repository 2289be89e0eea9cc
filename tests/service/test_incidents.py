"""Incident reports (rule 1) through the HTTP API, against SQLite and PostgreSQL: the flow
report → the manager's inbox → acknowledged → takedown requested → resolved, each step with
who and when; who sees and changes what; bad input; nothing stored in clear."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from service.people import add_user, logged_in, make_app, team, token
from tweetguard.service.audit import verify
from tweetguard.service.db import transaction
from tweetguard.service.schema import AuditEntry, Incident, OutboxMessage, User

PUBLIC = "https://tweetguard.tulpwerk.nl"
SECRETS = ("Zomer2024!", "111222333", "AKIAQYLPMN5HHHFPZAM2")
REPORT = {
    "link": "https://x.com/lekker_lek/status/1861234567890123456",
    "text": "Het wachtwoord: Zomer2024! staat gewoon op Twitter, en BSN 111222333",
    "note": "Gezien om 9 uur; de sleutel AKIAQYLPMN5HHHFPZAM2 staat er ook in",
}


@pytest.fixture
def app(database_url: str) -> Iterator[FastAPI]:
    application = make_app(database_url, public_url=PUBLIC)
    with TestClient(application):  # runs the migrations
        team(application)
        add_user(application, "mark", "manager")  # another manager, with a team of one
        add_user(application, "mila", "employee", manager="mark")
        yield application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


class People:
    """Request headers per person: an API token with the scope ``incidents``."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.headers: dict[str, dict[str, str]] = {}

    def __getitem__(self, username: str) -> dict[str, str]:
        if username not in self.headers:
            self.headers[username] = token(self.app, username, ["incidents"])
        return self.headers[username]


@pytest.fixture
def as_(app: FastAPI) -> People:
    return People(app)


def report(client: TestClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    r = client.post("/api/v1/incidents", json=body or REPORT, headers=headers)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def move(
    client: TestClient, headers: dict[str, str], incident_id: int, status: str, **extra: Any
) -> Any:
    return client.post(
        f"/api/v1/incidents/{incident_id}/status",
        json={"status": status, **extra},
        headers=headers,
    )


def outbox(app: FastAPI) -> list[OutboxMessage]:
    with app.state.sessions() as s:
        return list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def parse(at: str) -> dt.datetime:
    return dt.datetime.fromisoformat(at)


def test_the_whole_flow_with_who_and_when(app: FastAPI, client: TestClient, as_: People) -> None:
    before = dt.datetime.now(dt.UTC)
    incident = report(client, as_["eva"])
    assert incident["status"] == "new"
    assert incident["reporter"]["username"] == "eva"
    assert incident["manager"]["username"] == "maria"
    assert incident["link"] == REPORT["link"]
    assert "[geheim]" in incident["text"] and "[BSN]" in incident["text"]
    assert [h["action"] for h in incident["history"]] == ["incident.report"]
    assert incident["history"][0]["actor"] == "eva"
    assert before <= parse(incident["created_at"]) <= dt.datetime.now(dt.UTC)
    number = incident["id"]

    # The manager is notified at once (in the outbox, same transaction) and sees it in the inbox.
    mails = outbox(app)
    assert [m.recipient for m in mails] == ["maria@tulpwerk.nl"]
    assert mails[0].status == "pending" and mails[0].attempts == 0
    assert f"#{number}" in mails[0].subject and "Melding" in mails[0].subject
    assert "Report" in mails[0].subject
    assert f"{PUBLIC}/incidents/{number}" in mails[0].body
    assert "Beste Maria" in mails[0].body and "Dear Maria" in mails[0].body
    inbox = client.get("/api/v1/incidents", headers=as_["maria"]).json()["incidents"]
    assert [i["id"] for i in inbox] == [number]
    new = client.get("/api/v1/incidents?status=new", headers=as_["maria"]).json()
    assert [i["id"] for i in new["incidents"]] == [number]

    r = move(client, as_["maria"], number, "acknowledged")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "acknowledged"
    r = move(client, as_["maria"], number, "takedown_requested", note="Meldformulier van X")
    assert r.status_code == 200, r.text
    r = move(client, as_["cor"], number, "resolved", note="Tweet is verwijderd")
    assert r.status_code == 200, r.text

    seen = client.get(f"/api/v1/incidents/{number}", headers=as_["eva"]).json()
    assert seen["status"] == "resolved"
    steps = [(h["action"], h["actor"], h["status"]) for h in seen["history"]]
    assert steps == [
        ("incident.report", "eva", "new"),
        ("incident.acknowledged", "maria", "acknowledged"),
        ("incident.takedown_requested", "maria", "takedown_requested"),
        ("incident.resolved", "cor", "resolved"),
    ]
    times = [parse(h["at"]) for h in seen["history"]]
    assert times == sorted(times) and all(t.tzinfo is not None for t in times)
    assert seen["history"][2]["note"] == "Meldformulier van X"
    assert parse(seen["updated_at"]) >= parse(seen["created_at"])
    assert client.get("/api/v1/incidents?status=new", headers=as_["maria"]).json() == {
        "incidents": []
    }

    # The reporter hears of every change, in Dutch and English, with the link.
    mails = outbox(app)
    to_eva = [m for m in mails if m.recipient == "eva@tulpwerk.nl"]
    assert len(to_eva) == 3
    assert "afgehandeld" in to_eva[-1].subject and "resolved" in to_eva[-1].subject
    assert f"{PUBLIC}/incidents/{number}" in to_eva[-1].body
    with app.state.sessions() as s:
        assert verify(s).ok


def test_without_a_manager_the_report_goes_to_compliance(
    app: FastAPI, client: TestClient, as_: People
) -> None:
    incident = report(
        client, as_["otto"], text="Iemand tweette de sleutel ghp_1a2B3c4D5e6F7g8H9i0J"
    )
    assert incident["manager"] is None
    assert [m.recipient for m in outbox(app)] == ["cor@tulpwerk.nl"]
    number = incident["id"]
    assert client.get(f"/api/v1/incidents/{number}", headers=as_["cor"]).status_code == 200
    assert client.get(f"/api/v1/incidents/{number}", headers=as_["maria"]).status_code == 404
    assert move(client, as_["maria"], number, "acknowledged").status_code == 404
    assert move(client, as_["cor"], number, "acknowledged").status_code == 200

    # A manager who left (inactive) is skipped too: compliance gets the report.
    with transaction(app.state.sessions) as s:
        maria = s.scalar(select(User).where(User.username == "maria"))
        assert maria is not None
        maria.active = False
    assert report(client, as_["eva"])["manager"] is None
    assert [m.recipient for m in outbox(app)][-1] == "cor@tulpwerk.nl"


def test_who_sees_what(app: FastAPI, client: TestClient, as_: People) -> None:
    mine = report(client, as_["eva"])["id"]
    milas = report(client, as_["mila"], text="Een vertrouwelijk memo staat online")["id"]

    def visible(user: str) -> list[int]:
        r = client.get("/api/v1/incidents", headers=as_[user])
        assert r.status_code == 200, r.text
        return sorted(i["id"] for i in r.json()["incidents"])

    assert visible("eva") == [mine]
    assert visible("erik") == []  # a colleague in the same team
    assert visible("otto") == []
    assert visible("carla") == []
    assert visible("maria") == [mine]  # her inbox, not Mark's
    assert visible("mark") == [milas]
    assert visible("cor") == [mine, milas]
    assert visible("ada") == [mine, milas]
    for user, status in [
        ("eva", 200),
        ("maria", 200),
        ("cor", 200),
        ("ada", 200),
        ("erik", 404),
        ("otto", 404),
        ("carla", 404),
        ("mark", 404),
        ("mila", 404),
    ]:
        r = client.get(f"/api/v1/incidents/{mine}", headers=as_[user])
        assert r.status_code == status, (user, r.text)
    assert client.get("/api/v1/incidents/999", headers=as_["ada"]).status_code == 404


def test_who_may_change_the_status(app: FastAPI, client: TestClient, as_: People) -> None:
    number = report(client, as_["eva"])["id"]
    for user, status in [("eva", 403), ("erik", 404), ("mark", 404), ("carla", 404)]:
        r = move(client, as_[user], number, "acknowledged")
        assert r.status_code == status, (user, r.text)
        assert r.json()["error"]
    assert move(client, as_["ada"], number, "acknowledged").status_code == 200
    with app.state.sessions() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.subject == f"incident:{number}")
        ).all()
    assert actions == ["incident.report", "incident.acknowledged"]


def test_a_token_without_the_scope_and_nobody_are_refused(
    app: FastAPI, client: TestClient, as_: People
) -> None:
    number = report(client, as_["eva"])["id"]
    for user in ("eva", "maria", "ada"):
        wrong = token(app, user, ["check", "posts"])
        calls = [
            client.post("/api/v1/incidents", json=REPORT, headers=wrong),
            client.get("/api/v1/incidents", headers=wrong),
            client.get(f"/api/v1/incidents/{number}", headers=wrong),
            move(client, wrong, number, "acknowledged"),
        ]
        for r in calls:
            assert r.status_code == 403 and "scope" in r.json()["error"], r.text
    for r in [
        client.post("/api/v1/incidents", json=REPORT),
        client.get("/api/v1/incidents"),
        client.get(f"/api/v1/incidents/{number}"),
        move(client, {}, number, "acknowledged"),
    ]:
        assert r.status_code == 401
    with app.state.sessions() as s:
        assert s.scalar(select(Incident.status)) == "new"
        assert len(s.scalars(select(Incident)).all()) == 1


def test_a_logged_in_person_reports_with_the_csrf_token(app: FastAPI) -> None:
    browser = logged_in(app, "erik")
    r = browser.post("/api/v1/incidents", json={"link": "https://x.com/a/status/1"})
    assert r.status_code == 201, r.text
    csrf = browser.headers.pop("X-CSRF-Token")
    r = browser.post("/api/v1/incidents", json={"link": "https://x.com/a/status/2"})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    browser.headers["X-CSRF-Token"] = csrf
    assert len(browser.get("/api/v1/incidents").json()["incidents"]) == 1
    browser.__exit__(None, None, None)


def test_status_moves_only_forward(app: FastAPI, client: TestClient, as_: People) -> None:
    number = report(client, as_["eva"])["id"]
    r = move(client, as_["maria"], number, "takedown_requested")  # skipping is allowed
    assert r.status_code == 200, r.text
    for back in ("acknowledged", "takedown_requested"):
        r = move(client, as_["maria"], number, back)
        assert r.status_code == 409 and "forward" in r.json()["error"], r.text
    assert move(client, as_["maria"], number, "resolved").status_code == 200
    assert move(client, as_["cor"], number, "resolved").status_code == 409
    for body in ({"status": "new"}, {"status": "gone"}, {}, {"status": "resolved", "x": 1}):
        r = client.post(f"/api/v1/incidents/{number}/status", json=body, headers=as_["cor"])
        assert r.status_code == 422, (body, r.text)
    r = move(client, as_["cor"], number, "resolved", note="x" * 1001)
    assert r.status_code == 422 and "note" in r.json()["error"]
    r = move(client, as_["cor"], 2**40, "resolved")
    assert r.status_code == 422
    seen = client.get(f"/api/v1/incidents/{number}", headers=as_["eva"]).json()
    assert [h["status"] for h in seen["history"]] == ["new", "takedown_requested", "resolved"]


BAD_REPORTS = [
    (b"{not json", 400, "not valid JSON"),
    (b"{}", 422, "link to the tweet"),
    (b'{"note": "alleen een notitie"}', 422, "link to the tweet"),
    (b'{"link": "  ", "text": ""}', 422, "link to the tweet"),
    (b'{"link": "ftp://x.com/a"}', 422, "http"),
    (b'{"link": "javascript:alert(1)"}', 422, "http"),
    (b'{"link": "https://x.com/a b"}', 422, "spaces"),
    (b'{"text": 5}', 422, "text"),
    (b'{"text": "hoi", "author": "eva"}', 422, "author"),
    (b'["text"]', 422, "body"),
    (json.dumps({"text": "x" * 10_001}).encode(), 422, "10000"),
    (json.dumps({"text": "x", "note": "y" * 5_001}).encode(), 422, "5000"),
    (json.dumps({"link": "https://x.com/" + "a" * 2000}).encode(), 422, "2000"),
]


def test_bad_reports_get_a_clear_json_error_and_leave_nothing(
    app: FastAPI, client: TestClient, as_: People
) -> None:
    for body, status, needle in BAD_REPORTS:
        r = client.post(
            "/api/v1/incidents",
            content=body,
            headers={**as_["eva"], "content-type": "application/json"},
        )
        assert r.status_code == status, (body[:60], r.text)
        data = r.json()
        assert needle in data["error"] or any(
            needle in d["loc"] + d["msg"] for d in data["details"]
        ), (body[:60], data)
    with app.state.sessions() as s:
        assert s.scalars(select(Incident)).all() == []
        assert s.scalars(select(OutboxMessage)).all() == []
        assert "incident.report" not in s.scalars(select(AuditEntry.action)).all()


def test_a_failure_mid_way_leaves_nothing_half_written(
    app: FastAPI, as_: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tweetguard.service import audit

    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("the audit trail is away")

    headers = as_["eva"]
    # The incident and its e-mail are written before the audit entry fails.
    monkeypatch.setattr(audit, "append", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/api/v1/incidents", json=REPORT, headers=headers)
    assert r.status_code == 500
    with app.state.sessions() as s:
        assert s.scalars(select(Incident)).all() == []
        assert s.scalars(select(OutboxMessage)).all() == []


def test_no_secret_in_clear_in_any_table(app: FastAPI, client: TestClient, as_: People) -> None:
    number = report(client, as_["eva"])["id"]
    leaky = "https://x.com/a/status/1?token=ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"
    linked = report(client, as_["erik"], link=leaky)
    assert "ghp_" not in (linked["link"] or "")
    r = move(client, as_["maria"], number, "acknowledged", note="BSN 111222333 gezien")
    assert r.status_code == 200 and "111222333" not in r.text
    assert "Zomer2024!" not in client.get("/api/v1/incidents", headers=as_["maria"]).text
    with app.state.db.connect() as conn:
        for table in ("incidents", "outbox", "audit_entries"):
            rows = conn.execute(text(f"SELECT * FROM {table}")).all()
            dump = json.dumps([[str(v) for v in row] for row in rows])
            for secret in (*SECRETS, "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"):
                assert secret not in dump, (table, secret)
    # The e-mail quotes the redacted text only, with the case number and link.
    body = outbox(app)[0].body
    assert "[geheim]" in body and f"/incidents/{number}" in body


def test_openapi_lists_the_incident_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/incidents"])
    assert "get" in paths["/api/v1/incidents/{incident_id}"]
    assert "post" in paths["/api/v1/incidents/{incident_id}/status"]
