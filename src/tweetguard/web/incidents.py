"""Reporting confidential information (rule 1), my reports, and the manager's inbox.

The form's report goes through the same function as ``POST /api/v1/incidents``: stored
redacted, the manager told at once through the outbox, audited. The reporter lands on the
case and sees its status; the manager (or compliance) moves it forward from the case page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from tweetguard.service.auth import DB, now
from tweetguard.service.routes_incidents import (
    STATUSES,
    IncidentId,
    IncidentReport,
    StatusChange,
    find_incidents,
    incidents_as_dicts,
    may_handle,
    move_incident,
    report_incident,
    visible_incident,
)
from tweetguard.web.core import Seen, check_csrf, page, person, redirect

router = APIRouter(include_in_schema=False)
INBOX = ("manager", "compliance", "admin")


def _public_url(request: Request) -> str:
    return str(request.app.state.settings.public_url)


def age_days(created_at: str) -> float:
    at = dt.datetime.fromisoformat(created_at)
    return (now() - at).total_seconds() / 86400


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request, seen: Seen) -> HTMLResponse:
    person(seen, request)
    return page(request, seen, "report.html", errors=[], form={})


@router.post("/report", response_class=HTMLResponse)
def report_form(
    request: Request,
    seen: Seen,
    session: DB,
    link: Annotated[str, Form(max_length=2000)] = "",
    text: Annotated[str, Form(max_length=10_000)] = "",
    note: Annotated[str, Form(max_length=5_000)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    who = person(seen, request)
    check_csrf(seen, request, csrf_token)
    form = {"link": link, "text": text, "note": note}
    try:
        body = IncidentReport(link=link, text=text, note=note)
    except ValidationError as exc:
        errors = [str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()]
        return page(request, seen, "report.html", 422, errors=errors, form=form)
    incident = report_incident(
        session,
        reporter=who.user,
        link=body.link,
        text=body.text,
        note=body.note,
        public_url=_public_url(request),
    )
    return redirect(f"/incidents/{incident.id}?sent=1")


@router.get("/incidents", response_class=HTMLResponse)
def my_reports(request: Request, seen: Seen, session: DB) -> HTMLResponse:
    who = person(seen, request)
    found = find_incidents(session, who.user, box="reported", limit=200)
    return page(request, seen, "incidents.html", incidents=incidents_as_dicts(session, found))


@router.get("/inbox", response_class=HTMLResponse)
def inbox(request: Request, seen: Seen, session: DB, show: str = "open") -> HTMLResponse:
    who = person(seen, request, *INBOX)
    found = find_incidents(session, who.user, box="inbox", open_only=show != "all", limit=200)
    items = incidents_as_dicts(session, found)
    for item in items:
        item["age_days"] = age_days(item["created_at"])
        item["next"] = _next_statuses(item["status"])
    return page(request, seen, "inbox.html", incidents=items, show=show)


def _next_statuses(status: str) -> list[str]:
    return list(STATUSES[STATUSES.index(status) + 1 :])


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(
    incident_id: IncidentId, request: Request, seen: Seen, session: DB, sent: int = 0
) -> HTMLResponse:
    who = person(seen, request)
    incident = visible_incident(session, who, incident_id, lock=False)
    item: dict[str, Any] = incidents_as_dicts(session, [incident])[0]
    handle = may_handle(who.user, incident)
    return page(
        request,
        seen,
        "incident.html",
        incident=item,
        sent=bool(sent),
        handle=handle,
        next_statuses=_next_statuses(incident.status) if handle else [],
        statuses=STATUSES,
    )


@router.post("/incidents/{incident_id}/status")
def incident_status_form(
    incident_id: IncidentId,
    request: Request,
    seen: Seen,
    session: DB,
    status: Annotated[str, Form()],
    note: Annotated[str, Form(max_length=1000)] = "",
    back: Annotated[str, Form()] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    who = person(seen, request)
    check_csrf(seen, request, csrf_token)
    try:
        change = StatusChange.model_validate({"status": status, "note": note})
    except ValidationError as exc:
        raise HTTPException(422, f"status {status!r}: {exc.errors()[0]['msg']}") from None
    move_incident(
        session,
        who=who,
        incident_id=incident_id,
        change=change,
        public_url=_public_url(request),
    )
    return redirect("/inbox" if back == "inbox" else f"/incidents/{incident_id}")
