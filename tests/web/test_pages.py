"""The pages through ``TestClient``: who may open what, logging in and out, the CSRF check of
every form, accepting the policy, reporting an incident and handling it, drafting, submitting
and deciding on company posts, the language switch, the live check fragment and reading an
image, and the error pages.

Tests on the demo team (``web_app``) run on SQLite and PostgreSQL; the check fragment and the
other pages that store nothing run on one SQLite app for the module.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import func, select

from tweetguard.service import Settings, auth, create_app
from tweetguard.service.demo import DEMO_PASSWORD
from tweetguard.service.schema import (
    Acknowledgement,
    AuditEntry,
    Incident,
    OutboxMessage,
    Post,
    User,
)
from tweetguard.text import weighted_length

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
IBAN = "NL91ABNA0417164300"
GOOD = "Vanaf vandaag is de TulpApp te downloaden in de App Store. Meer op tulpwerk.nl"
DISCLOSURE = "De nieuwe #TulpApp is echt de beste energie-app die er is!"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PRIVATE = ("/report", "/incidents", "/inbox", "/posts", "/posts/new", "/queue", "/compliance")


pytestmark = pytest.mark.usefixtures("quick_passwords")


# --- helpers -------------------------------------------------------------------------------


def login(app: FastAPI, username: str) -> TestClient:
    """A client logged in through the login form."""
    client = TestClient(app)
    r = client.post(
        "/login",
        data={"username": username, "password": DEMO_PASSWORD, "next": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client


def csrf(client: TestClient, path: str = "/") -> str:
    """The session's CSRF token, as a page's forms carry it."""
    r = client.get(path)
    assert r.status_code == 200, r.text
    found = TOKEN.search(r.text)
    assert found, f"no csrf_token on {path}"
    return found.group(1)


def post_form(client: TestClient, path: str, **data: Any) -> Any:
    return client.post(path, data=data, follow_redirects=False)


def count(app: FastAPI, table: type[Any]) -> int:
    with app.state.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def post_status(app: FastAPI, post_id: int) -> str:
    with app.state.sessions() as s:
        row = s.get(Post, post_id)
        assert row is not None
        return row.status


def incident_status(app: FastAPI, incident_id: int) -> str:
    with app.state.sessions() as s:
        row = s.get(Incident, incident_id)
        assert row is not None
        return row.status


def ids(pattern: str, page: str) -> list[int]:
    return [int(n) for n in re.findall(pattern, page)]


def post_ids(page: str) -> list[int]:
    return ids(r'<tr id="post-(\d+)"', page)


def incident_ids(page: str) -> list[int]:
    return ids(r'<tr id="incident-(\d+)"', page)


def company_handle(app: FastAPI) -> str:
    policy = app.state.engine.policy
    return next(h for h in policy.company_handles if policy.kind_of(h) == "company")


def alert(page: str) -> str:
    """The text of the page's error message(s)."""
    return " ".join(html.unescape(m) for m in re.findall(r'role="alert">(.*?)</', page, re.S))


def codes(fragment: str) -> list[str]:
    return re.findall(r'<li class="finding[^"]*"[^>]*data-code="([^"]+)"', fragment)


def backdrop(fragment: str) -> str:
    found = re.search(r'<div id="backdrop"[^>]*>(.*?)</div>', fragment, re.S)
    assert found, fragment
    return found.group(1)


def counter(fragment: str) -> tuple[int, bool]:
    found = re.search(r'<p id="counter" class="([^"]*)"[^>]*><span>(\d+)</span>', fragment)
    assert found, fragment
    return int(found.group(2)), "over" in found.group(1).split()


def create_post(client: TestClient, app: FastAPI, text: str) -> int:
    r = post_form(
        client,
        "/posts",
        text=text,
        account=company_handle(app),
        csrf_token=csrf(client, "/posts/new"),
    )
    assert r.status_code == 303, r.text
    found = re.fullmatch(r"/posts/(\d+)", r.headers["location"])
    assert found, r.headers["location"]
    return int(found.group(1))


def submit(client: TestClient, post_id: int) -> None:
    r = post_form(client, f"/posts/{post_id}/submit", csrf_token=csrf(client))
    assert r.status_code == 303 and r.headers["location"] == f"/posts/{post_id}", r.text


# --- who may open what ---------------------------------------------------------------------


def test_private_pages_send_anonymous_visitors_to_login(web_app: FastAPI) -> None:
    client = TestClient(web_app)
    for path in PRIVATE:
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"] == f"/login?next={path}"
    r = client.get("/posts/3?tab=history", follow_redirects=False)
    assert r.headers["location"] == "/login?next=/posts/3%3Ftab%3Dhistory"
    # the login page keeps where to go and says why
    page = client.get("/login?next=/inbox").text
    assert 'name="next" value="/inbox"' in page
    assert "Log in om deze pagina te zien." in page
    # and after logging in the visitor lands there
    r = post_form(client, "/login", username="maria", password=DEMO_PASSWORD, next="/inbox")
    assert r.status_code == 303 and r.headers["location"] == "/inbox"
    assert client.get("/inbox").status_code == 200
    # a form posted without a session goes to the login page too, and changes nothing
    anonymous = TestClient(web_app)
    r = post_form(anonymous, "/posts", text=GOOD, account="@Tulpwerk")
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/posts"
    assert count(web_app, Post) == 8


def test_public_pages_answer_anonymously(web_app: FastAPI) -> None:
    client = TestClient(web_app)
    for path in ("/", "/policy", "/login"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert '<html lang="nl">' in r.text
        assert "Uitloggen" not in r.text and 'href="/login?next=' in r.text
    policy = client.get("/policy").text
    assert "Log in om het beleid te accepteren." in policy
    assert 'action="/policy/acknowledge"' not in policy
    assert web_app.state.engine.policy.version in policy


def test_employees_are_refused_the_queue_inbox_and_dashboard(web_app: FastAPI) -> None:
    for username in ("otto", "eva"):
        client = login(web_app, username)
        for path in ("/queue", "/compliance", "/inbox"):
            r = client.get(path)
            assert r.status_code == 403, (username, path)
            assert r.headers["content-type"].startswith("text/html")
            assert "Je hebt geen toegang" in r.text
            assert "<!doctype html>" in r.text and "Uitloggen" in r.text  # a page, logged in
        page = client.get("/").text
        for link in ('href="/queue"', 'href="/inbox"', 'href="/compliance"'):
            assert link not in page  # nor offered in the menu
        assert client.get("/posts").status_code == 200


def test_manager_has_an_inbox_but_no_queue_or_dashboard(web_app: FastAPI) -> None:
    maria = login(web_app, "maria")
    inbox = maria.get("/inbox")
    assert inbox.status_code == 200
    # her team's open reports, newest first; not otto's (no manager) nor the resolved one
    assert incident_ids(inbox.text) == [2, 1]
    assert 'action="/incidents/1/status"' in inbox.text and TOKEN.search(inbox.text)
    assert incident_ids(maria.get("/inbox?show=all").text) == [4, 2, 1]
    for path in ("/compliance", "/queue"):
        r = maria.get(path)
        assert r.status_code == 403 and "Je hebt geen toegang" in r.text
    # compliance gets the report of the employee without a manager
    assert incident_ids(login(web_app, "cor").get("/inbox").text) == [3]


def test_compliance_dashboard(web_app: FastAPI) -> None:
    cor = login(web_app, "cor")
    r = cor.get("/compliance")
    assert r.status_code == 200
    page = r.text
    assert len(re.findall(r"<svg\b", page)) == 4
    assert len(re.findall(r'<svg\b[^>]*\brole="img"', page)) == 4
    status = re.search(r'id="audit-status">(.*?)</', page, re.S)
    assert status and "intact" in status.group(1)
    assert 'class="success"' in page
    # who has not accepted the current policy yet
    missing = re.search(r"Nog niet geaccepteerd \((\d+)\)</summary>(.*?)</details>", page, re.S)
    assert missing and missing.group(1) == "2"
    assert "Erik Visser" in missing.group(2) and "Otto Smit" in missing.group(2)
    assert "Eva Bakker" not in missing.group(2)
    # the audit trail, newest first, a page older than an entry
    rows = ids(r"<tr><td>(\d+)</td>", page)
    assert rows == sorted(rows, reverse=True) and rows[-1] == 1
    assert ids(r"<tr><td>(\d+)</td>", cor.get("/compliance?before=5").text) == [4, 3, 2, 1]
    # the admin sees it too
    assert login(web_app, "ada").get("/compliance").status_code == 200


def test_queue_lists_submitted_posts_and_employees_see_their_own(web_app: FastAPI) -> None:
    queue = login(web_app, "carla").get("/queue")
    assert queue.status_code == 200
    assert post_ids(queue.text) == [5, 7]
    assert "Zonnebloem" in queue.text and "kwartaalcijfers" in queue.text
    assert "Fijn weekend" not in queue.text  # a draft is not in the queue

    eva = login(web_app, "eva")
    mine = eva.get("/posts").text
    assert post_ids(mine) == [6]
    assert "Thuisbatterij" in mine and "Zonnebloem" not in mine
    other = eva.get("/posts/5")
    assert other.status_code == 404 and "Zonnebloem" not in other.text
    # a manager sees her team's posts; communications sees all, newest first
    assert post_ids(login(web_app, "maria").get("/posts").text) == [6]
    assert post_ids(login(web_app, "chris").get("/posts").text) == [8, 7, 6, 5, 4, 3, 2, 1]


# --- logging in and out --------------------------------------------------------------------


def test_login_with_a_wrong_password(web_app: FastAPI) -> None:
    client = TestClient(web_app)
    for username in ("eva", "nobody"):
        r = post_form(client, "/login", username=username, password="wrong password", next="/posts")
        assert r.status_code == 401
        assert "Onbekende gebruiker of verkeerd wachtwoord." in r.text
        assert f'value="{username}"' in r.text  # the name stays filled in
        assert 'type="password" autocomplete="current-password" required>' in r.text
        assert auth.SESSION_COOKIE not in client.cookies
    r = client.get("/posts", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_login_follows_next_only_to_local_paths(web_app: FastAPI) -> None:
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example", "http:/x", ""):
        client = TestClient(web_app)
        r = post_form(client, "/login", username="eva", password=DEMO_PASSWORD, next=target)
        assert r.status_code == 303 and r.headers["location"] == "/", target
        # logged in already, the login page sends on in the same way
        r = client.get("/login", params={"next": target}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/", target
    r = client.get("/login", params={"next": "/posts?status=draft"}, follow_redirects=False)
    assert r.headers["location"] == "/posts?status=draft"


def test_logout_needs_the_csrf_token_and_ends_the_session(web_app: FastAPI) -> None:
    client = login(web_app, "eva")
    cookie = client.cookies[auth.SESSION_COOKIE]
    for data in ({}, {"csrf_token": "not-the-token"}):
        r = post_form(client, "/logout", **data)
        assert r.status_code == 403
        assert client.get("/posts", follow_redirects=False).status_code == 200  # still in
    r = post_form(client, "/logout", csrf_token=csrf(client))
    assert r.status_code == 303 and r.headers["location"] == "/"
    r = client.get("/posts", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/posts"
    # the old cookie no longer opens anything: the session is gone on the server
    again = TestClient(web_app, cookies={auth.SESSION_COOKIE: cookie})
    assert again.get("/posts", follow_redirects=False).status_code == 303
    assert again.get("/api/v1/acknowledgements/me").status_code == 401


# --- CSRF ----------------------------------------------------------------------------------


def test_forms_without_the_csrf_token_are_refused(web_app: FastAPI) -> None:
    version = web_app.state.engine.policy.version
    erik, eva, chris = (login(web_app, name) for name in ("erik", "eva", "chris"))
    eva_token = csrf(eva)
    forms: list[tuple[TestClient, str, dict[str, str]]] = [
        (erik, "/policy/acknowledge", {"policy_version": version}),
        (eva, "/report", {"link": "https://x.com/a/status/1", "text": "lek", "note": "!"}),
        (eva, "/posts", {"text": GOOD, "account": "@Tulpwerk"}),
        (chris, "/posts/5/approve", {"reason": ""}),
        (chris, "/posts/7/reject", {"reason": "nee"}),
        (eva, "/incidents/1/status", {"status": "resolved"}),
    ]
    for client, path, data in forms:
        for token in (None, "wrong", eva_token if client is not eva else "x" * 32):
            sent = data if token is None else {**data, "csrf_token": token}
            r = post_form(client, path, **sent)
            assert r.status_code == 403, (path, token, r.text)
            assert "CSRF" in r.text and r.headers["content-type"].startswith("text/html")
    # nothing changed
    assert erik.get("/api/v1/acknowledgements/me").json()["acknowledged"] is False
    assert count(web_app, Incident) == 4 and count(web_app, Post) == 8
    assert post_status(web_app, 5) == post_status(web_app, 7) == "submitted"
    assert incident_status(web_app, 1) == "new"
    # HTMX sends the token as a header instead; that is accepted
    r = chris.post(
        "/posts/5/approve", headers={"X-CSRF-Token": csrf(chris)}, follow_redirects=False
    )
    assert r.status_code == 303 and post_status(web_app, 5) == "approved"


# --- the policy ----------------------------------------------------------------------------


def test_accepting_the_policy(web_app: FastAPI) -> None:
    erik = login(web_app, "erik")
    version = web_app.state.engine.policy.version
    page = erik.get("/policy").text
    assert 'action="/policy/acknowledge"' in page
    assert f'name="policy_version" value="{version}"' in page
    assert "Je hebt deze versie nog niet geaccepteerd" in page
    token = csrf(erik, "/policy")

    stale = "sha256:" + "0" * 64
    r = post_form(erik, "/policy/acknowledge", policy_version=stale, csrf_token=token)
    assert r.status_code == 409 and "the policy changed" in alert(r.text)
    assert erik.get("/api/v1/acknowledgements/me").json()["acknowledged"] is False

    r = post_form(erik, "/policy/acknowledge", policy_version=version, csrf_token=token)
    assert r.status_code == 303 and r.headers["location"] == "/policy#accept"
    me = erik.get("/api/v1/acknowledgements/me").json()
    assert me["acknowledged"] is True and me["policy_version"] == version and me["at"]
    page = erik.get("/policy").text
    agreed = re.search(r"Je hebt deze versie geaccepteerd op <strong>([^<]+)</strong>", page)
    assert agreed and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", agreed.group(1))
    assert agreed.group(1) == me["at"][:10] + " " + me["at"][11:16] + " UTC"
    assert 'action="/policy/acknowledge"' not in page
    # accepting again changes nothing
    r = post_form(erik, "/policy/acknowledge", policy_version=version, csrf_token=token)
    assert r.status_code == 303
    assert count(web_app, Acknowledgement) == 7
    # and the company account no longer asks for it
    assert "Accepteer eerst het huidige beleid" not in erik.get("/posts/new").text


def test_accepting_a_malformed_policy_version_is_a_422_page(web_app: FastAPI) -> None:
    erik = login(web_app, "erik")
    client = TestClient(web_app, raise_server_exceptions=False, cookies=erik.cookies)
    r = post_form(client, "/policy/acknowledge", policy_version="bogus", csrf_token=csrf(erik))
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")


# --- incidents -----------------------------------------------------------------------------


def test_reporting_an_incident_and_handling_it(web_app: FastAPI) -> None:
    eva = login(web_app, "eva")
    r = post_form(
        eva,
        "/report",
        link="https://x.com/lek/status/1861111111111111111",
        text=f"Salarissen gaan naar {IBAN} volgens dit bericht",
        note="Gezien vanochtend",
        csrf_token=csrf(eva, "/report"),
    )
    assert r.status_code == 303
    found = re.fullmatch(r"/incidents/(\d+)\?sent=1", r.headers["location"])
    assert found
    number = int(found.group(1))
    page = eva.get(r.headers["location"]).text
    assert "Je melding is verstuurd" in page
    status = re.search(r'id="incident-status">([^<]+)<', page)
    assert status and status.group(1) == "nieuw"
    assert IBAN not in page and "[IBAN]" in page  # stored and shown redacted
    assert "Gezien vanochtend" in page and "https://x.com/lek/status/1861111111111111111" in page
    assert 'action="/incidents/' not in page  # the reporter cannot move it on
    assert number in incident_ids(eva.get("/incidents").text)
    with web_app.state.sessions() as s:
        mails = s.scalars(select(OutboxMessage).where(OutboxMessage.subject.contains(f"#{number}")))
        assert [m.recipient for m in mails] == ["maria@tulpwerk.example"]

    maria = login(web_app, "maria")
    assert incident_ids(maria.get("/inbox").text)[0] == number
    token = csrf(maria, f"/incidents/{number}")
    r = post_form(
        maria,
        f"/incidents/{number}/status",
        status="acknowledged",
        note="Ik pak het op",
        csrf_token=token,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{number}"
    page = maria.get(f"/incidents/{number}").text
    status = re.search(r'id="incident-status">([^<]+)<', page)
    assert status and status.group(1) == "in behandeling"
    assert "Ik pak het op" in page
    # from the inbox: back to the inbox
    r = post_form(
        maria,
        f"/incidents/{number}/status",
        status="takedown_requested",
        back="inbox",
        csrf_token=token,
    )
    assert r.status_code == 303 and r.headers["location"] == "/inbox"
    assert incident_status(web_app, number) == "takedown_requested"
    # not backwards, not to an unknown status
    for status_name, code in (("acknowledged", 409), ("new", 422), ("gone", 422)):
        r = post_form(maria, f"/incidents/{number}/status", status=status_name, csrf_token=token)
        assert r.status_code == code, status_name
    assert incident_status(web_app, number) == "takedown_requested"

    # the reporter may not change the status; a colleague may not even see it
    r = post_form(eva, f"/incidents/{number}/status", status="resolved", csrf_token=csrf(eva))
    assert r.status_code == 403
    erik = login(web_app, "erik")
    r = erik.get(f"/incidents/{number}")
    assert r.status_code == 404 and "bestaat niet" in r.text and "Salarissen" not in r.text
    r = post_form(erik, f"/incidents/{number}/status", status="resolved", csrf_token=csrf(erik))
    assert r.status_code == 404
    assert incident_status(web_app, number) == "takedown_requested"
    # eva sees the new status in her list
    assert "verwijdering aangevraagd" in eva.get("/incidents").text


def test_an_empty_or_bad_report_is_refused(web_app: FastAPI) -> None:
    eva = login(web_app, "eva")
    token = csrf(eva, "/report")
    r = post_form(eva, "/report", link="", text="  ", note="", csrf_token=token)
    assert r.status_code == 422
    assert "give the link to the tweet, its text, or both" in alert(r.text)
    r = post_form(eva, "/report", link="ftp://x.com/a", text="iets geheims", csrf_token=token)
    assert r.status_code == 422
    assert "http:// or https://" in alert(r.text)
    assert "iets geheims</textarea>" in r.text  # what was typed is kept
    assert count(web_app, Incident) == 4


# --- posts for the company account ---------------------------------------------------------


def test_drafting_submitting_and_approving_a_post(web_app: FastAPI) -> None:
    eva = login(web_app, "eva")
    compose = eva.get("/posts/new").text
    assert f"<option>{company_handle(web_app)}</option>" in compose
    assert "Accepteer eerst" not in compose
    post_id = create_post(eva, web_app, DISCLOSURE)
    page = eva.get(f"/posts/{post_id}").text
    status = re.search(r'id="post-status">([^<]+)<', page)
    assert status and status.group(1) == "concept"
    assert DISCLOSURE.split("#")[0] in page
    assert "Wat het beleid zegt" in page
    assert post_ids(eva.get("/posts").text) == [post_id, 6]

    submit(eva, post_id)
    assert post_status(web_app, post_id) == "submitted"
    page = eva.get(f"/posts/{post_id}").text
    assert f'action="/posts/{post_id}/approve"' not in page  # nothing to decide for her
    # the author (an employee) cannot approve her own post
    r = post_form(eva, f"/posts/{post_id}/approve", csrf_token=csrf(eva))
    assert r.status_code == 403
    assert post_status(web_app, post_id) == "submitted"
    # nor can communications approve their own (four eyes)
    carla = login(web_app, "carla")
    r = post_form(carla, "/posts/5/approve", csrf_token=csrf(carla))
    assert r.status_code == 403 and "four eyes" in alert(r.text)
    assert post_status(web_app, 5) == "submitted"

    chris = login(web_app, "chris")
    assert post_id in post_ids(chris.get("/queue").text)
    page = chris.get(f"/posts/{post_id}").text
    assert f'action="/posts/{post_id}/approve"' in page
    r = post_form(chris, f"/posts/{post_id}/approve", reason="", csrf_token=csrf(chris))
    assert r.status_code == 303 and r.headers["location"] == f"/posts/{post_id}"
    assert post_status(web_app, post_id) == "approved"
    page = eva.get(f"/posts/{post_id}").text
    status = re.search(r'id="post-status">([^<]+)<', page)
    assert status and status.group(1) == "goedgekeurd"
    assert "<dd>chris</dd>" in page and "<code>post.approve</code>" in page
    assert post_id not in post_ids(chris.get("/queue").text)


def test_a_blocked_post_needs_compliance_and_a_reason(web_app: FastAPI) -> None:
    eva = login(web_app, "eva")
    post_id = create_post(eva, web_app, f"Maak het bedrag over naar {IBAN} vandaag nog.")
    page = eva.get(f"/posts/{post_id}").text
    assert IBAN not in page  # stored redacted, the mark moved onto the placeholder
    assert '<mark class="sev-block">[IBAN]</mark>' in page
    assert "R1.personal-data" in codes(page)
    submit(eva, post_id)

    chris = login(web_app, "chris")
    page = chris.get(f"/posts/{post_id}").text
    assert f'action="/posts/{post_id}/approve"' not in page  # only reject is offered
    assert f'action="/posts/{post_id}/reject"' in page
    r = post_form(
        chris, f"/posts/{post_id}/approve", reason="Lijkt me prima zo.", csrf_token=csrf(chris)
    )
    assert r.status_code == 403 and "only compliance may override" in alert(r.text)
    assert post_status(web_app, post_id) == "submitted"

    cor = login(web_app, "cor")
    page = cor.get(f"/posts/{post_id}").text
    assert 'required minlength="10"' in page and "Blokkade opheffen" in page
    token = csrf(cor)
    for short in ("", "kort", "  te kort  "):
        r = post_form(cor, f"/posts/{post_id}/approve", reason=short, csrf_token=token)
        assert r.status_code == 422 and "at least 10 characters" in alert(r.text)
        assert post_status(web_app, post_id) == "submitted"
    reason = "Klant gaf schriftelijk toestemming."
    r = post_form(cor, f"/posts/{post_id}/approve", reason=reason, csrf_token=token)
    assert r.status_code == 303
    assert post_status(web_app, post_id) == "approved"
    got = cor.get(f"/api/v1/posts/{post_id}").json()
    assert got["decided_by"] == "cor" and got["reason"] == reason
    assert got["history"][-1]["action"] == "post.override"
    assert reason in cor.get(f"/posts/{post_id}").text


def test_rejecting_needs_a_reason_and_the_author_edits_again(web_app: FastAPI) -> None:
    carla = login(web_app, "carla")
    token = csrf(carla)
    for reason in ("", "   "):
        r = post_form(carla, "/posts/7/reject", reason=reason, csrf_token=token)
        assert r.status_code == 422 and alert(r.text)
        assert post_status(web_app, 7) == "submitted"
    r = post_form(carla, "/posts/7/reject", reason="Cijfers nog niet openbaar.", csrf_token=token)
    assert r.status_code == 303 and post_status(web_app, 7) == "rejected"
    assert "Cijfers nog niet openbaar." in carla.get("/posts/7").text

    chris = login(web_app, "chris")
    edit = chris.get("/posts/7/edit")
    assert edit.status_code == 200 and "kwartaalcijfers" in edit.text
    r = post_form(
        chris, "/posts/7/edit", text="Volgende week meer nieuws van ons.", csrf_token=csrf(chris)
    )
    assert r.status_code == 303 and r.headers["location"] == "/posts/7"
    assert post_status(web_app, 7) == "draft"
    assert "Volgende week meer nieuws" in chris.get("/posts/7").text
    # someone else's post cannot be edited (403 when visible, 404 when not), nor an approved one
    assert chris.get("/posts/1/edit").status_code == 403
    assert login(web_app, "carla").get("/posts/1/edit").status_code == 409
    assert login(web_app, "eva").get("/posts/7/edit").status_code == 404


def test_who_has_not_accepted_the_policy_cannot_draft(web_app: FastAPI) -> None:
    erik = login(web_app, "erik")
    assert "Accepteer eerst het huidige beleid" in erik.get("/posts").text
    r = post_form(
        erik,
        "/posts",
        text=GOOD,
        account=company_handle(web_app),
        csrf_token=csrf(erik, "/posts/new"),
    )
    assert r.status_code == 403
    assert "you have not acknowledged the current policy" in alert(r.text)
    assert "Accepteer eerst het huidige beleid" in r.text
    assert f"{GOOD}</textarea>" in r.text  # the text is not lost
    assert count(web_app, Post) == 8


def test_a_post_for_no_company_account_or_without_text_is_refused(web_app: FastAPI) -> None:
    eva = login(web_app, "eva")
    token = csrf(eva, "/posts/new")
    r = post_form(eva, "/posts", text=GOOD, account="@TulpwerkHelpt", csrf_token=token)
    assert r.status_code == 422 and "is not a company account" in alert(r.text)
    r = post_form(eva, "/posts", text="   ", account="@Tulpwerk", csrf_token=token)
    assert r.status_code == 422 and "the text is empty" in alert(r.text)
    assert count(web_app, Post) == 8


def test_logged_in_pages_in_english(web_app: FastAPI) -> None:
    eva = login(web_app, "eva")
    r = eva.get("/lang/en", params={"next": "/posts"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/posts"
    page = eva.get("/posts").text
    assert '<html lang="en">' in page
    for words in ("Company account", "My reports", "Log out", "Logged in as", "New post"):
        assert words in page
    assert "Uitloggen" not in page
    denied = eva.get("/queue")
    assert denied.status_code == 403 and "You do not have access" in denied.text


# --- pages that store nothing: one SQLite app -----------------------------------------------


@pytest.fixture(scope="module")
def plain_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The service on an empty SQLite database, checks judged at Tuesday 10:15."""
    import datetime as dt

    path = tmp_path_factory.mktemp("pages") / "tweetguard.db"
    application = create_app(Settings(database_url=f"sqlite:///{path}"))
    now = dt.datetime(2026, 11, 24, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    application.state.clock = lambda: now
    with TestClient(application):
        yield application


@pytest.fixture
def client(plain_app: FastAPI) -> TestClient:
    return TestClient(plain_app)


def check(client: TestClient, **form: Any) -> str:
    r = client.post("/check/findings", data=form)
    assert r.status_code == 200, r.text
    return r.text


def test_language_switch(client: TestClient) -> None:
    page = client.get("/").text
    assert '<html lang="nl">' in page
    assert "Controleer een bericht" in page and ">Controleer</a>" in page
    assert ">Inloggen</a>" in page and ">English</a>" in page
    r = client.get("/lang/en", params={"next": "/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "tweetguard_lang=en" in r.headers["set-cookie"]
    page = client.get("/").text
    assert '<html lang="en">' in page
    assert "Check a post" in page and ">Check</a>" in page and ">Policy</a>" in page
    assert ">Log in</a>" in page and ">Nederlands</a>" in page
    assert "Controleer een bericht" not in page
    fragment = check(client, text=f"Mijn IBAN is {IBAN}")
    assert "Do not post" in fragment and "Rule 1" in fragment and "Niet plaatsen" not in fragment
    assert "Twitter policy" in client.get("/policy").text
    # and back; the switch never leaves the site
    client.get("/lang/nl")
    assert '<html lang="nl">' in client.get("/").text
    for target in ("https://evil.example/", "//evil.example"):
        r = client.get("/lang/en", params={"next": target}, follow_redirects=False)
        assert r.headers["location"] == "/"


def test_check_marks_an_iban(client: TestClient) -> None:
    text = f"Mijn rekening is {IBAN}, maak het over!"
    fragment = check(client, text=text)
    found = codes(fragment)
    assert found and any(c.startswith("R1.") for c in found)
    assert re.findall(r'<mark class="sev-block"[^>]*>(.*?)</mark>', backdrop(fragment)) == [IBAN]
    assert html.unescape(re.sub(r"<[^>]+>", "", backdrop(fragment))) == text
    assert 'data-verdict="block"' in fragment


@pytest.mark.parametrize(
    ("text", "weighted"),
    [
        ("zie https://example.com/a/very/long/path/that/is/long", 4 + 23),
        ("hallo 🌷", 8),  # an emoji counts 2
        ("a" * 280, 280),
    ],
)
def test_check_counts_as_x_counts(client: TestClient, text: str, weighted: int) -> None:
    assert counter(check(client, text=text)) == (weighted, False)
    assert weighted_length(text).weighted == weighted


def test_check_an_over_long_text(client: TestClient) -> None:
    assert counter(check(client, text="a" * 300)) == (300, True)


def test_check_an_empty_text(client: TestClient) -> None:
    for text in ("", "   \n"):
        fragment = check(client, text=text)
        assert "Begin met typen; de bevindingen verschijnen hier." in fragment
        assert codes(fragment) == [] and 'class="verdict' not in fragment
    assert "Begin met typen" in check(client)  # no text field at all


def test_check_escapes_html_in_the_text(client: TestClient) -> None:
    fragment = check(client, text=f"<script>alert(1)</script> <b>{IBAN}</b>")
    assert "<script" not in fragment.lower() and "<b>" not in fragment
    assert "&lt;script&gt;" in backdrop(fragment)
    assert re.findall(r'<mark class="sev-block"[^>]*>(.*?)</mark>', backdrop(fragment)) == [IBAN]


def test_apply_fix_in_utf16_units(client: TestClient) -> None:
    text = "🎉🎉 " + DISCLOSURE  # two emoji: Python counts 2, the browser 4
    fragment = check(client, text=text, kind="personal")
    assert "R3.no-disclosure" in codes(fragment)
    button = re.search(
        r'<button type="button" class="apply" data-start="(\d+)" data-end="(\d+)" '
        r'data-text="([^"]*)" data-units="(\d+)"',
        fragment,
    )
    assert button, fragment
    start, end, units = int(button.group(1)), int(button.group(2)), int(button.group(4))
    replacement = html.unescape(button.group(3))
    assert units == len(text.encode("utf-16-le")) // 2 == len(text) + 2
    assert start == end == units  # appended at the end, counted in UTF-16
    encoded = text.encode("utf-16-le")
    applied = (encoded[: 2 * start] + replacement.encode("utf-16-le") + encoded[2 * end :]).decode(
        "utf-16-le"
    )
    assert applied == text + replacement and "Tulpwerk" in replacement
    assert "R3.no-disclosure" not in codes(check(client, text=applied, kind="personal"))


def test_check_with_bad_media_says_why(client: TestClient) -> None:
    for form in (
        {"text": "Kijk eens", "media": "{not json"},
        {"text": "Kijk eens", "media": json.dumps({"ocr": "perhaps"})},
    ):
        fragment = check(client, **form)
        assert 'class="error" role="alert"' in fragment, form
        assert "Dit bericht kan niet gecontroleerd worden" in fragment
        assert codes(fragment) == []
    # a text over the form's limit, from HTMX: a fragment, not a page
    r = client.post("/check/findings", data={"text": "a" * 25_001}, headers={"HX-Request": "true"})
    assert r.status_code == 422 and r.text.startswith('<p class="error"')
    assert "<html" not in r.text


def test_check_for_the_company_account(client: TestClient) -> None:
    personal = codes(check(client, text=DISCLOSURE, kind="personal"))
    assert "R3.no-disclosure" in personal
    for form in ({"handle": "@Tulpwerk"}, {"account": "@Tulpwerk"}):
        fragment = check(client, text=DISCLOSURE, kind="company", **form)
        assert 'data-verdict="' in fragment and counter(fragment)[0] == len(DISCLOSURE)
        assert "R3.no-disclosure" not in codes(fragment)  # the account says who speaks
    # an unknown kind is taken as a personal account
    assert codes(check(client, text=DISCLOSURE, kind="bogus")) == personal


# --- images --------------------------------------------------------------------------------


def _tesseract() -> None:
    if shutil.which("tesseract") is None:
        if os.environ.get("TWEETGUARD_ALLOW_NO_TESSERACT") == "1":
            pytest.skip("tesseract not found")
        pytest.fail("tesseract not found on PATH (apt-get install tesseract-ocr)", pytrace=False)


def screenshot_png(text: str) -> bytes:
    """Big black text on white, as ``tests/media`` draws its screenshots."""
    size = 40
    font = (
        ImageFont.truetype(str(DEJAVU), size) if DEJAVU.exists() else ImageFont.load_default(size)
    )
    im = Image.new("RGB", (1100, 3 * size), (255, 255, 255))
    ImageDraw.Draw(im).text((size, size), text, fill=(0, 0, 0), font=font)
    out = io.BytesIO()
    im.save(out, format="PNG")
    return out.getvalue()


def media_value(fragment: str) -> str:
    found = re.search(r'<input type="hidden" name="media" value="([^"]*)">', fragment)
    assert found, fragment
    return html.unescape(found.group(1))


def test_an_image_is_read_once_and_checked(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tesseract()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    r = client.post(
        "/check/media",
        files={
            "image": ("shot.png", screenshot_png("ww: Hunter2!2024 bel 06-12345678"), "image/png")
        },
    )
    assert r.status_code == 200
    assert r.headers["hx-trigger-after-settle"] == "recheck"
    assert "shot.png" in r.text and "tekst herkend" in r.text
    inspection = json.loads(media_value(r.text))
    assert inspection["ocr"] == "ok"
    assert "Hunter2!2024" in inspection["ocr_text"] and "06-12345678" in inspection["ocr_text"]
    assert list(tmp_path.iterdir()) == []  # the file is not kept

    fragment = check(client, text="Kijk eens naar dit", media=media_value(r.text))
    found = codes(fragment)
    assert "R1.secret" in found and "R1.personal-data" in found
    assert fragment.count("in afbeelding 1") >= 2
    assert "<mark" not in backdrop(fragment)  # nothing in the text itself is marked
    assert "Hunter2!2024" not in fragment  # the excerpt is redacted


@pytest.mark.parametrize(
    ("name", "data"),
    [("notes.txt", b"just some text"), ("broken.png", b"not a png at all")],
)
def test_something_that_is_not_an_image(client: TestClient, name: str, data: bytes) -> None:
    r = client.post("/check/media", files={"image": (name, data, "application/octet-stream")})
    assert r.status_code == 200
    assert "kon niet gelezen worden" in r.text and name in r.text
    inspection = json.loads(media_value(r.text))
    assert name in inspection["error"] and "not an image" in inspection["error"]
    fragment = check(client, text="Kijk eens", media=media_value(r.text))  # no 500 either
    assert "report" in fragment


def test_an_upload_over_the_limit(tmp_path: Path) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", max_upload_bytes=2048))
    with TestClient(app) as small:
        r = small.post(
            "/check/media", files={"image": ("big.png", b"\x89PNG" + b"0" * 4096, "image/png")}
        )
        assert r.status_code == 413
        tiny = io.BytesIO()
        Image.new("RGB", (4, 4), (255, 255, 255)).save(tiny, format="PNG")
        assert len(tiny.getvalue()) < 1024
        r = small.post("/check/media", files={"image": ("tiny.png", tiny.getvalue(), "image/png")})
        assert r.status_code == 200
        # the upload limit is for images only: a check may be larger
        assert small.post("/check/findings", data={"text": "a" * 3000}).status_code == 200


# --- errors --------------------------------------------------------------------------------


def test_unknown_pages_and_api_paths(client: TestClient) -> None:
    r = client.get("/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "bestaat niet" in r.text and '<html lang="nl">' in r.text
    r = client.get("/api/v1/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]
    # a page parameter of the wrong type: an HTML page too
    r = client.get("/compliance?before=abc", follow_redirects=False)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "before" in alert(r.text)


def test_checking_stores_nothing(plain_app: FastAPI, client: TestClient) -> None:
    tables = (User, Post, Incident, OutboxMessage, AuditEntry)
    before = [count(plain_app, t) for t in tables]
    check(client, text=f"Mijn IBAN is {IBAN}, wachtwoord: Zomer2026!")
    client.post("/check/media", files={"image": ("notes.txt", b"x", "text/plain")})
    assert [count(plain_app, t) for t in tables] == before
