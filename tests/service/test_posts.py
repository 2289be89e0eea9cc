"""Posts for the company account, against SQLite and PostgreSQL: draft → check → submit →
approve or reject by someone else (four eyes) → export; a block only overridden by
compliance with a written reason; who sees and does what; bad input leaves nothing behind;
every transition audited; nothing sensitive in clear in the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from service.people import logged_in, make_app, token
from tweetguard.service.audit import verify
from tweetguard.service.schema import AuditEntry, Post

POSTS = "/api/v1/posts"
GOOD = "Vanaf vandaag is de TulpApp te downloaden in de App Store. Meer op tulpwerk.nl"
BETTER = "De TulpApp staat vanaf vandaag in de App Store. Lees er meer over op tulpwerk.nl"
BLOCKED = "Project Walrus gaat volgende week live"  # a confidential codename
BSN = "Mijn BSN is 111222333, bel me even"
EXAMPLE = Path(__file__).parents[2] / "src" / "tweetguard" / "policy" / "example.toml"

TEAM = ("ada", "maria", "eva", "erik", "otto", "carla", "chris", "cor")

Headers = Callable[..., dict[str, str]]


@pytest.fixture
def auth(app: FastAPI) -> Headers:
    """``auth("eva")``: headers with an API token of eva (scopes posts and
    acknowledgements unless others are named), one token per user and scopes. Those with
    the default scopes are made at once, so that they add no audit entries later."""
    made: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}

    def headers(username: str, *scopes: str) -> dict[str, str]:
        key = (username, scopes or ("posts", "acknowledgements"))
        if key not in made:
            made[key] = token(app, username, list(key[1]))
        return made[key]

    for name in TEAM:
        headers(name)
    return headers


def acknowledge(client: TestClient, headers: dict[str, str]) -> None:
    version = client.get("/api/v1/policy").json()["version"]
    r = client.post("/api/v1/acknowledgements", json={"policy_version": version}, headers=headers)
    assert r.status_code == 200, r.text


def draft(
    client: TestClient, headers: dict[str, str], body: str = GOOD, account: str = "@Tulpwerk"
) -> dict[str, Any]:
    r = client.post(POSTS, json={"text": body, "account": account}, headers=headers)
    assert r.status_code == 201, r.text
    post: dict[str, Any] = r.json()
    return post


def submitted(client: TestClient, headers: dict[str, str], body: str = GOOD) -> int:
    """A post of this author, submitted for approval: its id."""
    post_id = int(draft(client, headers, body)["id"])
    r = client.post(f"{POSTS}/{post_id}/submit", headers=headers)
    assert r.status_code == 200, r.text
    return post_id


def counts(app: FastAPI) -> tuple[int, int]:
    """(posts, audit entries)."""
    with app.state.sessions() as s:
        posts = s.scalar(select(func.count()).select_from(Post)) or 0
        entries = s.scalar(select(func.count()).select_from(AuditEntry)) or 0
        return int(posts), int(entries)


def history(app: FastAPI, post_id: int) -> list[tuple[str, str]]:
    with app.state.sessions() as s:
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.subject == f"post:{post_id}")
            .order_by(AuditEntry.id)
        )
        return [(e.action, e.actor) for e in entries]


def chain_ok(app: FastAPI) -> bool:
    with app.state.sessions() as s:
        result = verify(s)
        return result.ok and result.entries > 0


def test_draft_check_submit_approve_export(app: FastAPI, client: TestClient, auth: Headers) -> None:
    eva, carla = auth("eva"), auth("carla")
    acknowledge(client, eva)
    post = draft(client, eva, account="tulpwerk")  # the policy's spelling is kept
    version = client.get("/api/v1/policy").json()["version"]
    assert post["account"] == "@Tulpwerk" and post["status"] == "draft"
    assert post["text"] == GOOD and post["author"] == "eva"
    assert post["verdict"] in ("ok", "warn") and isinstance(post["findings"], list)
    assert post["report"]["verdict"] == post["verdict"]
    assert post["report"]["findings"] == post["findings"]
    assert post["policy_version"] == version
    assert post["decided_by"] is None and post["reason"] is None
    assert post["created_at"] and post["updated_at"]
    assert [(h["action"], h["actor"]) for h in post["history"]] == [("post.create", "eva")]
    post_id = post["id"]

    r = client.post(f"{POSTS}/{post_id}/submit", headers=eva)
    assert r.status_code == 200 and r.json()["status"] == "submitted"

    queue = client.get(POSTS, params={"status": "submitted"}, headers=carla)
    assert queue.status_code == 200
    assert [p["id"] for p in queue.json()["posts"]] == [post_id] and queue.json()["count"] == 1
    r = client.post(f"{POSTS}/{post_id}/approve", headers=carla)
    assert r.status_code == 200, r.text
    approved = r.json()
    assert approved["status"] == "approved" and approved["decided_by"] == "carla"
    assert client.get(POSTS, params={"status": "submitted"}, headers=carla).json()["posts"] == []

    r = client.get(f"{POSTS}/{post_id}/export", headers=eva)
    assert r.status_code == 200, r.text
    exported = r.json()
    assert exported["account"] == "@Tulpwerk" and exported["text"] == GOOD
    assert exported["approved_by"] == "carla" and exported["approved_at"] == approved["updated_at"]
    assert exported["policy_version"] == version

    got = client.get(f"{POSTS}/{post_id}", headers=eva).json()
    assert [(h["action"], h["actor"]) for h in got["history"]] == [
        ("post.create", "eva"),
        ("post.submit", "eva"),
        ("post.approve", "carla"),
        ("post.export", "eva"),
    ]
    assert all(h["at"] for h in got["history"])
    assert history(app, post_id) == [(h["action"], h["actor"]) for h in got["history"]]
    assert chain_ok(app)


def test_only_company_accounts(app: FastAPI, client: TestClient, auth: Headers) -> None:
    eva = auth("eva")
    acknowledge(client, eva)
    before = counts(app)
    for account in ("@TulpwerkHelpt", "@jan_de_vries", "Stroomkracht"):
        r = client.post(POSTS, json={"text": GOOD, "account": account}, headers=eva)
        assert r.status_code == 422, account
        assert "not a company account" in r.json()["error"] and "@Tulpwerk" in r.json()["error"]
    assert counts(app) == before


def test_drafting_needs_the_current_acknowledgement(
    app: FastAPI, client: TestClient, auth: Headers
) -> None:
    otto = auth("otto")
    before = counts(app)
    r = client.post(POSTS, json={"text": GOOD, "account": "@Tulpwerk"}, headers=otto)
    assert r.status_code == 403 and "acknowledged" in r.json()["error"]
    assert counts(app) == before
    acknowledge(client, otto)
    assert draft(client, otto)["author"] == "otto"


def test_four_eyes(app: FastAPI, client: TestClient, auth: Headers) -> None:
    for author in ("carla", "cor", "ada"):  # people who may decide, on their own post
        acknowledge(client, auth(author))
        post_id = submitted(client, auth(author))
        before = counts(app)
        r = client.post(f"{POSTS}/{post_id}/approve", headers=auth(author))
        assert r.status_code == 403 and "four eyes" in r.json()["error"], author
        r = client.post(f"{POSTS}/{post_id}/reject", json={"reason": "nope"}, headers=auth(author))
        assert r.status_code == 403 and "four eyes" in r.json()["error"], author
        assert counts(app) == before
        r = client.post(f"{POSTS}/{post_id}/approve", headers=auth("chris"))
        assert r.status_code == 200 and r.json()["decided_by"] == "chris"
    assert chain_ok(app)


def test_a_block_is_overridden_only_by_compliance_with_a_reason(
    app: FastAPI, client: TestClient, auth: Headers
) -> None:
    eva = auth("eva")
    acknowledge(client, eva)
    post = draft(client, eva, BLOCKED)
    assert post["verdict"] == "block"
    assert "R1.codename" in {f["code"] for f in post["findings"]}
    post_id = post["id"]
    assert client.post(f"{POSTS}/{post_id}/submit", headers=eva).status_code == 200
    before = counts(app)
    approve = f"{POSTS}/{post_id}/approve"
    reason = {"reason": "Walrus is vandaag publiek aangekondigd door de directie."}
    for name in ("carla", "ada"):
        r = client.post(approve, json=reason, headers=auth(name))
        assert r.status_code == 403 and "only compliance" in r.json()["error"], name
    cor = auth("cor")
    for body in (None, {}, {"reason": None}, {"reason": "prima"}, {"reason": "   x      "}):
        r = client.post(approve, json=body, headers=cor)
        assert r.status_code == 422 and "reason" in r.json()["error"], body
    assert counts(app) == before
    assert client.get(f"{POSTS}/{post_id}", headers=cor).json()["status"] == "submitted"

    r = client.post(approve, json=reason, headers=cor)
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["status"] == "approved" and got["decided_by"] == "cor"
    assert got["reason"] == reason["reason"]
    assert got["history"][-1]["action"] == "post.override"
    assert got["history"][-1]["data"]["reason"] == reason["reason"]
    assert history(app, post_id)[-1] == ("post.override", "cor")
    assert chain_ok(app)


def test_compliance_approving_a_post_without_a_block_is_no_override(
    app: FastAPI, client: TestClient, auth: Headers
) -> None:
    acknowledge(client, auth("erik"))
    post_id = submitted(client, auth("erik"))
    r = client.post(f"{POSTS}/{post_id}/approve", json={}, headers=auth("cor"))
    assert r.status_code == 200 and r.json()["reason"] is None
    assert history(app, post_id)[-1] == ("post.approve", "cor")


def test_reject_edit_resubmit(app: FastAPI, client: TestClient, auth: Headers) -> None:
    eva, chris = auth("eva"), auth("chris")
    acknowledge(client, eva)
    post_id = submitted(client, eva)
    reject = f"{POSTS}/{post_id}/reject"
    before = counts(app)
    for body in (None, {}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 2001}):
        r = client.post(reject, json=body, headers=chris)
        assert r.status_code == 422, body
    assert counts(app) == before
    r = client.post(reject, json={"reason": "Te lang, en noem de prijs."}, headers=chris)
    assert r.status_code == 200
    rejected = r.json()
    assert rejected["status"] == "rejected" and rejected["decided_by"] == "chris"
    assert rejected["reason"] == "Te lang, en noem de prijs."

    r = client.put(f"{POSTS}/{post_id}", json={"text": BETTER}, headers=eva)
    assert r.status_code == 200, r.text
    edited = r.json()
    assert edited["status"] == "draft" and edited["text"] == BETTER
    assert edited["decided_by"] is None and edited["reason"] is None
    assert client.post(f"{POSTS}/{post_id}/submit", headers=eva).status_code == 200
    r = client.post(f"{POSTS}/{post_id}/approve", headers=chris)
    assert r.status_code == 200
    assert [a for a, _ in history(app, post_id)] == [
        "post.create",
        "post.submit",
        "post.reject",
        "post.update",
        "post.submit",
        "post.approve",
    ]
    reject_entry = client.get(f"{POSTS}/{post_id}", headers=eva).json()["history"][2]
    assert reject_entry["data"]["reason"] == "Te lang, en noem de prijs."
    assert chain_ok(app)


def test_a_draft_is_checked_again_when_edited(
    app: FastAPI, client: TestClient, auth: Headers
) -> None:
    eva = auth("eva")
    acknowledge(client, eva)
    post = draft(client, eva)
    assert post["verdict"] != "block"
    r = client.put(f"{POSTS}/{post['id']}", json={"text": BLOCKED}, headers=eva)
    assert r.status_code == 200 and r.json()["verdict"] == "block"
    assert "R1.codename" in {f["code"] for f in r.json()["findings"]}


def test_illegal_transitions_are_409(app: FastAPI, client: TestClient, auth: Headers) -> None:
    eva, carla = auth("eva"), auth("carla")
    acknowledge(client, eva)
    post_id = draft(client, eva)["id"]
    url = f"{POSTS}/{post_id}"
    before = counts(app)
    for method, path, headers, body, status in [
        ("post", "/approve", carla, None, "draft"),
        ("post", "/reject", carla, {"reason": "nee"}, "draft"),
        ("get", "/export", eva, None, "draft"),
    ]:
        r = client.request(method, url + path, headers=headers, json=body)
        assert r.status_code == 409 and f"is {status}" in r.json()["error"], path
    assert counts(app) == before
    assert client.post(url + "/submit", headers=eva).status_code == 200
    before = counts(app)
    for method, path, headers, body, status in [
        ("post", "/submit", eva, None, "submitted"),
        ("put", "", eva, {"text": BETTER}, "submitted"),
        ("get", "/export", eva, None, "submitted"),
    ]:
        r = client.request(method, url + path, headers=headers, json=body)
        assert r.status_code == 409 and f"is {status}" in r.json()["error"], path
    assert counts(app) == before
    assert client.post(url + "/approve", headers=carla).status_code == 200
    before = counts(app)
    for method, path, headers, body, status in [
        ("post", "/approve", auth("chris"), None, "approved"),
        ("post", "/reject", carla, {"reason": "toch niet"}, "approved"),
        ("post", "/submit", eva, None, "approved"),
        ("put", "", eva, {"text": BETTER}, "approved"),
    ]:
        r = client.request(method, url + path, headers=headers, json=body)
        assert r.status_code == 409 and f"is {status}" in r.json()["error"], path
    assert counts(app) == before
    assert client.get(url, headers=eva).json()["status"] == "approved"


def test_an_unknown_post_is_404(app: FastAPI, client: TestClient, auth: Headers) -> None:
    eva, cor = auth("eva"), auth("cor")
    acknowledge(client, eva)
    for method, path, headers, body in [
        ("get", "", cor, None),
        ("put", "", eva, {"text": GOOD}),
        ("post", "/submit", eva, None),
        ("post", "/approve", cor, None),
        ("post", "/reject", cor, {"reason": "onbekend"}),
        ("get", "/export", cor, None),
    ]:
        r = client.request(method, f"{POSTS}/4711{path}", headers=headers, json=body)
        assert r.status_code == 404 and "4711" in r.json()["error"], path
    r = client.get(f"{POSTS}/not-a-number", headers=cor)
    assert r.status_code == 422


def test_who_sees_which_posts(app: FastAPI, client: TestClient, auth: Headers) -> None:
    ids: dict[str, int] = {}
    for name in ("eva", "erik", "otto", "carla"):
        acknowledge(client, auth(name))
        ids[name] = draft(client, auth(name))["id"]
    everyone = set(ids)
    sees = {
        "eva": {"eva"},
        "erik": {"erik"},
        "otto": {"otto"},
        "maria": {"eva", "erik"},  # her team; otto is in none
        "carla": everyone,
        "chris": everyone,
        "cor": everyone,
        "ada": everyone,
    }
    for viewer, visible in sees.items():
        listed = client.get(POSTS, headers=auth(viewer)).json()["posts"]
        assert {p["author"] for p in listed} == visible, viewer
        for author, post_id in ids.items():
            r = client.get(f"{POSTS}/{post_id}", headers=auth(viewer))
            assert r.status_code == (200 if author in visible else 404), (viewer, author)
            if author not in visible:  # indistinguishable from a post that does not exist
                assert r.json()["error"] == f"post {post_id} does not exist"
    # Nor can they act on what they may not see.
    erik_post = ids["erik"]
    otto = auth("otto")
    assert client.put(f"{POSTS}/{erik_post}", json={"text": GOOD}, headers=otto).status_code == 404
    assert client.post(f"{POSTS}/{erik_post}/submit", headers=otto).status_code == 404
    assert client.get(f"{POSTS}/{erik_post}/export", headers=otto).status_code == 404


def test_who_may_do_what(app: FastAPI, client: TestClient, auth: Headers) -> None:
    eva = auth("eva")
    no_scope = auth("cor", "acknowledgements", "check")
    acknowledge(client, eva)
    post_id = submitted(client, eva)
    url = f"{POSTS}/{post_id}"
    before = counts(app)
    # Employees and managers do not decide on posts.
    for name in ("erik", "otto", "maria"):
        r = client.post(url + "/approve", headers=auth(name))
        assert r.status_code == 403 and "role" in r.json()["error"], name
        r = client.post(url + "/reject", json={"reason": "mag niet"}, headers=auth(name))
        assert r.status_code == 403, name
    # Only the author edits and submits; others who see the post get 403.
    for name in ("carla", "cor", "maria"):
        r = client.put(url, json={"text": BETTER}, headers=auth(name))
        assert r.status_code == 403 and "only the author" in r.json()["error"], name
    assert counts(app) == before
    acknowledge(client, auth("carla"))
    draft_id = draft(client, eva)["id"]
    before = counts(app)
    for name in ("carla", "maria"):
        r = client.post(f"{POSTS}/{draft_id}/submit", headers=auth(name))
        assert r.status_code == 403 and "only the author" in r.json()["error"], name
    assert counts(app) == before

    # A token without the scope "posts": 403 everywhere.
    for method, path, body in [
        ("get", POSTS, None),
        ("post", POSTS, {"text": GOOD, "account": "@Tulpwerk"}),
        ("get", url, None),
        ("put", url, {"text": BETTER}),
        ("post", url + "/submit", None),
        ("post", url + "/approve", None),
        ("post", url + "/reject", {"reason": "geen scope"}),
        ("get", url + "/export", None),
    ]:
        r = client.request(method, path, headers=no_scope, json=body)
        assert r.status_code == 403 and "scope" in r.json()["error"], (method, path)
        r = client.request(method, path, json=body)  # no credentials at all
        assert r.status_code == 401 and r.json()["error"], (method, path)
    assert counts(app) == before


def test_a_session_needs_its_csrf_token(app: FastAPI, client: TestClient, auth: Headers) -> None:
    acknowledge(client, auth("eva"))
    post_id = submitted(client, auth("eva"))
    carla = logged_in(app, "carla")
    csrf = carla.headers.pop("X-CSRF-Token")
    assert carla.get(POSTS).status_code == 200  # reading needs no CSRF token
    before = counts(app)
    for path, body in [
        (POSTS, {"text": GOOD, "account": "@Tulpwerk"}),
        (f"{POSTS}/{post_id}/approve", None),
        (f"{POSTS}/{post_id}/reject", {"reason": "zonder token"}),
    ]:
        r = carla.post(path, json=body)
        assert r.status_code == 403 and "CSRF" in r.json()["error"], path
    r = carla.put(f"{POSTS}/{post_id}", json={"text": BETTER})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    assert counts(app) == before
    r = carla.post(f"{POSTS}/{post_id}/approve", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["decided_by"] == "carla"


def test_bad_input_gets_a_json_error_and_leaves_nothing(
    app: FastAPI, client: TestClient, auth: Headers
) -> None:
    eva = auth("eva")
    acknowledge(client, eva)
    post_id = draft(client, eva)["id"]
    before = counts(app)
    bad_drafts: list[tuple[Any, int, str]] = [
        ({"text": GOOD, "account": "@Tulpwerk", "colour": "red"}, 422, "colour"),
        ({"text": "", "account": "@Tulpwerk"}, 422, "text"),
        ({"text": "   \n ", "account": "@Tulpwerk"}, 422, "empty"),
        ({"text": "x" * 25_001, "account": "@Tulpwerk"}, 422, "25000"),
        ({"text": 42, "account": "@Tulpwerk"}, 422, "text"),
        ({"text": GOOD}, 422, "account"),
        ({"account": "@Tulpwerk"}, 422, "text"),
        ({"text": GOOD, "account": "@Tulp werk; DROP TABLE posts"}, 422, "account"),
        ({"text": GOOD, "account": "@" + "a" * 80}, 422, "account"),
        (["not", "an", "object"], 422, ""),
    ]
    for body, status, needle in bad_drafts:
        r = client.post(POSTS, json=body, headers=eva)
        assert r.status_code == status, (body, r.text)
        data = r.json()
        assert set(data) == {"error", "details"}
        assert needle in data["error"] or any(
            needle in d["loc"] + d["msg"] for d in data["details"]
        )
    r = client.post(
        POSTS, content=b'{"text": ', headers={**eva, "content-type": "application/json"}
    )
    assert r.status_code == 400 and "JSON" in r.json()["error"]
    for body in ({"text": GOOD, "account": "@Tulpwerk"}, {"text": ""}, {}, {"text": "x" * 25_001}):
        r = client.put(f"{POSTS}/{post_id}", json=body, headers=eva)
        assert r.status_code == 422, body
    r = client.post(
        f"{POSTS}/{post_id}/approve", json={"reason": "prima", "extra": 1}, headers=auth("carla")
    )
    assert r.status_code == 422 and "extra" in r.json()["error"]
    r = client.post(
        f"{POSTS}/{post_id}/reject", json={"reasons": "typefout"}, headers=auth("carla")
    )
    assert r.status_code == 422
    for query in ({"status": "published"}, {"limit": 0}, {"limit": 501}, {"offset": -1}):
        r = client.get(POSTS, params=query, headers=eva)
        assert r.status_code == 422 and r.json()["error"], query
    assert counts(app) == before
    assert chain_ok(app)


def test_nothing_sensitive_is_stored_in_clear(
    app: FastAPI, client: TestClient, auth: Headers
) -> None:
    eva = auth("eva")
    acknowledge(client, eva)
    r = client.post(POSTS, json={"text": BSN, "account": "@Tulpwerk"}, headers=eva)
    assert r.status_code == 201 and "111222333" not in r.text
    post = r.json()
    assert post["verdict"] == "block" and post["text"] == "Mijn BSN is [BSN], bel me even"
    # The findings point into the stored text.
    [pd] = [f for f in post["findings"] if f["code"] == "R1.personal-data"]
    assert post["text"][pd["start"] : pd["end"]] == "[BSN]"
    for f in post["findings"]:
        assert 0 <= f["start"] <= f["end"] <= len(post["text"])
    r = client.post(f"{POSTS}/{post['id']}/submit", headers=eva)
    r = client.post(
        f"{POSTS}/{post['id']}/reject",
        json={"reason": "Noem nooit een BSN zoals 111222333 in een post."},
        headers=auth("chris"),
    )
    assert r.status_code == 200 and "111222333" not in r.text
    assert r.json()["reason"] == "Noem nooit een BSN zoals [BSN] in een post."
    r = client.put(f"{POSTS}/{post['id']}", json={"text": BSN + " of 111222333"}, headers=eva)
    assert r.status_code == 200 and "111222333" not in r.text
    edited = r.json()
    spans = [(f["start"], f["end"]) for f in edited["findings"] if f["code"] == "R1.personal-data"]
    assert len(spans) == 2 and all(edited["text"][s:e] == "[BSN]" for s, e in spans)
    with app.state.db.connect() as conn:
        rows = conn.execute(text("SELECT text, findings, reason FROM posts")).all()
        entries = conn.execute(text("SELECT data FROM audit_entries")).all()
    assert rows and all("111222333" not in json.dumps(list(row)) for row in rows)
    assert all("111222333" not in row[0] for row in entries)
    assert "[BSN]" in rows[0][0]
    assert chain_ok(app)


def test_a_post_checked_under_an_old_policy_is_checked_again(
    app: FastAPI, client: TestClient, auth: Headers, database_url: str, tmp_path: Path
) -> None:
    eva, carla = auth("eva"), auth("carla")
    acknowledge(client, eva)
    waiting = draft(client, eva)["id"]
    queued = submitted(client, eva)
    policy = tmp_path / "policy.toml"
    policy.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace('name = "Tulpwerk"', 'name = "Tulpwerk NV"'),
        encoding="utf-8",
    )
    changed = make_app(database_url, policy=policy)
    with TestClient(changed) as new:
        acknowledge(new, eva)
        r = new.post(f"{POSTS}/{waiting}/submit", headers=eva)
        assert r.status_code == 409 and "older policy version" in r.json()["error"]
        r = new.post(f"{POSTS}/{queued}/approve", headers=carla)
        assert r.status_code == 409 and "older policy version" in r.json()["error"]
        r = new.put(f"{POSTS}/{waiting}", json={"text": GOOD}, headers=eva)
        assert r.status_code == 200
        assert r.json()["policy_version"] == new.get("/api/v1/policy").json()["version"]
        assert new.post(f"{POSTS}/{waiting}/submit", headers=eva).status_code == 200
        assert new.post(f"{POSTS}/{waiting}/approve", headers=carla).status_code == 200
        r = new.post(f"{POSTS}/{queued}/reject", json={"reason": "opnieuw"}, headers=carla)
        assert r.status_code == 200
    assert chain_ok(app)
