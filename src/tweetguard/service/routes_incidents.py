"""Incident reports (rule 1): an employee reports confidential information seen on Twitter,
their manager is notified at once and tracks it: new → acknowledged → takedown_requested →
resolved, each step with who and when.

- ``POST /api/v1/incidents``: anyone logged in reports a link and/or a text, with a note.
  The report goes to the reporter's manager; without one, to every compliance user (and
  without those, to the admins). In the same transaction as the incident: an e-mail per
  recipient in the outbox (:mod:`tweetguard.service.outbox`) and the audit entry
  ``incident.report``.
- ``GET /api/v1/incidents`` and ``GET /api/v1/incidents/{id}``: the reporter sees their own
  reports, a manager also the reports addressed to them (the inbox), compliance and admin see
  all. An incident someone may not see answers 404, as one that does not exist.
- ``POST /api/v1/incidents/{id}/status``: the incident's manager, compliance or admin move it
  forward (skipping steps is allowed, going back is not: 409); audited as
  ``incident.<status>``; the reporter is notified.

What is stored is redacted first (secrets, personal data); the e-mails carry the case number,
a link to the case and the redacted text only. Incident texts, notes and links are replaced
by a marker after the retention period (:mod:`tweetguard.service.purge`); the audit entries
carry no contents, so the history stays complete.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import or_, select, true
from sqlalchemy.orm import Session

from tweetguard.service import audit
from tweetguard.service.auth import DB, Principal, Who, allowed, now
from tweetguard.service.outbox import enqueue
from tweetguard.service.schema import AuditEntry, Incident, User
from tweetguard.times import iso_utc

router = APIRouter(prefix="/api/v1", tags=["incidents"])

SCOPE = "incidents"
STATUSES = ("new", "acknowledged", "takedown_requested", "resolved")
Status = Literal["new", "acknowledged", "takedown_requested", "resolved"]
NextStatus = Literal["acknowledged", "takedown_requested", "resolved"]
SEE_ALL = ("compliance", "admin")
LABELS = {
    "new": ("nieuw", "new"),
    "acknowledged": ("in behandeling", "acknowledged"),
    "takedown_requested": ("verwijdering aangevraagd", "takedown requested"),
    "resolved": ("afgehandeld", "resolved"),
}
MAX_LINK = 2000
MAX_TEXT = 10_000
MAX_NOTE = 5_000
MAX_STATUS_NOTE = 1_000
IncidentId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The case number.")]
EXCERPT = 500  # characters of the redacted text quoted in an e-mail


# --- request bodies ------------------------------------------------------------------------


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


class IncidentReport(BaseModel):
    """What someone saw: a link to the tweet and/or its text (at least one), and a note."""

    model_config = ConfigDict(extra="forbid")
    link: str | None = Field(default=None, max_length=MAX_LINK, examples=["https://x.com/…"])
    text: str | None = Field(default=None, max_length=MAX_TEXT)
    note: str | None = Field(default=None, max_length=MAX_NOTE)

    @field_validator("link", "text", "note")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return _blank_to_none(value)

    @field_validator("link")
    @classmethod
    def _web_link(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise ValueError("the link must be an http:// or https:// address")
        if any(c.isspace() for c in value):
            raise ValueError("the link must not contain spaces")
        return value

    @model_validator(mode="after")
    def _something(self) -> IncidentReport:
        if self.link is None and self.text is None:
            raise ValueError("give the link to the tweet, its text, or both")
        return self


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: NextStatus
    note: str | None = Field(default=None, max_length=MAX_STATUS_NOTE)

    @field_validator("note")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return _blank_to_none(value)


# --- the store -----------------------------------------------------------------------------


def _person(user: User | None) -> dict[str, str] | None:
    if user is None:
        return None
    return {"username": user.username, "display_name": user.display_name}


def _visible(user: User) -> Any:
    """The SQL condition for the incidents ``user`` may see."""
    if user.role in SEE_ALL:
        return true()
    return or_(Incident.reporter_id == user.id, Incident.manager_id == user.id)


def _may_see(user: User, incident: Incident) -> bool:
    return user.role in SEE_ALL or user.id in (incident.reporter_id, incident.manager_id)


def _may_handle(user: User, incident: Incident) -> bool:
    return user.role in SEE_ALL or (
        incident.manager_id is not None and incident.manager_id == user.id
    )


def recipients_for(session: Session, reporter: User) -> tuple[User | None, list[User]]:
    """(the manager, who is notified): the reporter's active manager, else every active
    compliance user, else every active admin."""
    if reporter.manager_id is not None:
        manager = session.get(User, reporter.manager_id)
        if manager is not None and manager.active:
            return manager, [manager]
    for role in SEE_ALL:
        people = session.scalars(
            select(User).where(User.role == role, User.active.is_(True)).order_by(User.id)
        ).all()
        if people:
            return None, list(people)
    return None, []


def _link(public_url: str, incident_id: int) -> str:
    return f"{public_url.rstrip('/')}/incidents/{incident_id}"


def _excerpt(value: str | None) -> str:
    if value is None:
        return "-"
    return value if len(value) <= EXCERPT else value[:EXCERPT] + " …"


def _report_mail(incident: Incident, reporter: User, to: User, url: str) -> tuple[str, str]:
    subject = (
        f"[tweetguard] Melding #{incident.id}: vertrouwelijke informatie op Twitter / "
        f"Report #{incident.id}: confidential information on Twitter"
    )
    body = (
        f"Beste {to.display_name},\n\n"
        f"{reporter.display_name} meldt vertrouwelijke informatie op Twitter (regel 1 van het "
        f"Twitterbeleid). Zaaknummer #{incident.id}. Bekijk de melding en behandel haar zo "
        f"snel mogelijk:\n{url}\n\n"
        f"Dear {to.display_name},\n\n"
        f"{reporter.display_name} reports confidential information on Twitter (rule 1 of the "
        f"Twitter policy). Case number #{incident.id}. Please review and handle the report "
        f"as soon as possible:\n{url}\n\n"
        f"Link: {incident.link or '-'}\n"
        f"Tekst / text (geredigeerd / redacted): {_excerpt(incident.text)}\n"
        f"Toelichting / note (geredigeerd / redacted): {_excerpt(incident.note)}\n"
    )
    return subject, body


def _status_mail(
    incident: Incident, reporter: User, actor: User, at: dt.datetime, url: str
) -> tuple[str, str]:
    nl, en = LABELS[incident.status]
    when = at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    subject = f"[tweetguard] Melding #{incident.id}: {nl} / Report #{incident.id}: {en}"
    body = (
        f"Beste {reporter.display_name},\n\n"
        f"Je melding #{incident.id} heeft nu de status '{nl}' ({actor.display_name}, {when}).\n"
        f"{url}\n\n"
        f"Dear {reporter.display_name},\n\n"
        f"Your report #{incident.id} now has the status '{en}' ({actor.display_name}, {when}).\n"
        f"{url}\n"
    )
    return subject, body


def report_incident(
    session: Session,
    *,
    reporter: User,
    link: str | None,
    text: str | None,
    note: str | None,
    public_url: str,
) -> Incident:
    """Store a report (redacted), queue the notifications and audit it, in one transaction."""
    manager, notify = recipients_for(session, reporter)
    at = now()
    incident = Incident(
        reporter_id=reporter.id,
        manager_id=manager.id if manager is not None else None,
        link=audit.redacted(link),
        text=audit.redacted(text),
        note=audit.redacted(note),
        status="new",
        created_at=at,
        updated_at=at,
    )
    session.add(incident)
    session.flush()
    url = _link(public_url, incident.id)
    for person in notify:
        subject, body = _report_mail(incident, reporter, person, url)
        enqueue(session, recipient=person.email, subject=subject, body=body, now=at)
    audit.append(
        session,
        actor=reporter.username,
        action="incident.report",
        subject=f"incident:{incident.id}",
        data={
            "manager": manager.username if manager is not None else None,
            "notified": [p.username for p in notify],
            "link": link is not None,
            "text": text is not None,
        },
        at=at,
    )
    return incident


def change_status(
    session: Session,
    *,
    incident: Incident,
    actor: User,
    status: str,
    note: str | None,
    public_url: str,
) -> Incident:
    """Move ``incident`` forward to ``status``; 409 when that is not forward."""
    old = incident.status
    if STATUSES.index(status) <= STATUSES.index(old):
        raise HTTPException(
            409,
            f"incident {incident.id} is {old!r}: it can only move forward "
            f"({' → '.join(STATUSES)}), not to {status!r}",
        )
    at = now()
    incident.status = status
    incident.updated_at = at
    audit.append(
        session,
        actor=actor.username,
        action=f"incident.{status}",
        subject=f"incident:{incident.id}",
        data={"from": old, "to": status, "note": note},
        at=at,
    )
    reporter = session.get(User, incident.reporter_id)
    if reporter is not None and reporter.id != actor.id:
        subject, body = _status_mail(incident, reporter, actor, at, _link(public_url, incident.id))
        enqueue(session, recipient=reporter.email, subject=subject, body=body, now=at)
    session.flush()
    return incident


def _histories(session: Session, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return found
    subjects = {f"incident:{i}": i for i in ids}
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.subject.in_(subjects)).order_by(AuditEntry.id)
    ).all()
    for e in entries:
        data = json.loads(e.data) if e.data else {}
        step: dict[str, Any] = {"action": e.action, "actor": e.actor, "at": iso_utc(e.at)}
        step["status"] = data.get("to", "new" if e.action == "incident.report" else None)
        if data.get("note"):
            step["note"] = data["note"]
        found[subjects[e.subject]].append(step)
    return found


def incidents_as_dicts(session: Session, incidents: list[Incident]) -> list[dict[str, Any]]:
    """The incidents as the API shows them, each with its history (who did what, when)."""
    people_ids = {i.reporter_id for i in incidents} | {
        i.manager_id for i in incidents if i.manager_id is not None
    }
    people = {u.id: u for u in session.scalars(select(User).where(User.id.in_(people_ids))).all()}
    histories = _histories(session, [i.id for i in incidents])
    return [
        {
            "id": i.id,
            "status": i.status,
            "link": i.link,
            "text": i.text,
            "note": i.note,
            "reporter": _person(people.get(i.reporter_id)),
            "manager": _person(people.get(i.manager_id)) if i.manager_id is not None else None,
            "created_at": iso_utc(i.created_at),
            "updated_at": iso_utc(i.updated_at),
            "history": histories[i.id],
        }
        for i in incidents
    ]


def find_incidents(
    session: Session,
    user: User,
    *,
    box: Literal["visible", "reported", "inbox"] = "visible",
    status: str | None = None,
    open_only: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[Incident]:
    """Incidents for ``user``, newest first: all they may see, only those they reported, or
    their inbox (addressed to them as manager; for compliance and admin also those that went
    to compliance because the reporter had no manager)."""
    query = select(Incident).where(_visible(user))
    if box == "reported":
        query = query.where(Incident.reporter_id == user.id)
    elif box == "inbox":
        mine = Incident.manager_id == user.id
        query = query.where(
            or_(mine, Incident.manager_id.is_(None)) if user.role in SEE_ALL else mine
        )
    if status is not None:
        query = query.where(Incident.status == status)
    if open_only:
        query = query.where(Incident.status != "resolved")
    query = query.order_by(Incident.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(query).all())


def may_handle(user: User, incident: Incident) -> bool:
    """Whether ``user`` may move ``incident`` on: its manager, compliance or admin."""
    return _may_handle(user, incident)


def visible_incident(session: Session, who: Principal, incident_id: int, *, lock: bool) -> Incident:
    incident = session.get(Incident, incident_id, with_for_update=lock)
    if incident is None or not _may_see(who.user, incident):
        raise HTTPException(404, f"incident {incident_id} not found")
    return incident


# --- routes ----------------------------------------------------------------------------------


def _public_url(request: Request) -> str:
    return str(request.app.state.settings.public_url)


@router.post("/incidents", status_code=201)
def post_incident(body: IncidentReport, who: Who, session: DB, request: Request) -> dict[str, Any]:
    """Report confidential information seen on Twitter; the manager is notified at once."""
    allowed(who, scope=SCOPE)
    incident = report_incident(
        session,
        reporter=who.user,
        link=body.link,
        text=body.text,
        note=body.note,
        public_url=_public_url(request),
    )
    return incidents_as_dicts(session, [incident])[0]


@router.get("/incidents")
def list_incidents(
    who: Who,
    session: DB,
    status: Annotated[Status | None, Query(description="Only incidents with this status.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """The incidents the caller may see, newest first: their own reports, for a manager also
    their inbox, for compliance and admin all."""
    allowed(who, scope=SCOPE)
    incidents = find_incidents(session, who.user, status=status, limit=limit, offset=offset)
    return {"incidents": incidents_as_dicts(session, incidents)}


@router.get("/incidents/{incident_id}")
def get_incident(incident_id: IncidentId, who: Who, session: DB) -> dict[str, Any]:
    allowed(who, scope=SCOPE)
    incident = visible_incident(session, who, incident_id, lock=False)
    return incidents_as_dicts(session, [incident])[0]


@router.post("/incidents/{incident_id}/status")
def post_incident_status(
    incident_id: IncidentId, body: StatusChange, who: Who, session: DB, request: Request
) -> dict[str, Any]:
    """Move an incident forward (its manager, compliance or admin); the reporter is told."""
    allowed(who, scope=SCOPE)
    incident = move_incident(
        session, who=who, incident_id=incident_id, change=body, public_url=_public_url(request)
    )
    return incidents_as_dicts(session, [incident])[0]


def move_incident(
    session: Session, *, who: Principal, incident_id: int, change: StatusChange, public_url: str
) -> Incident:
    """The incident, moved forward by ``who``: 404 when they may not see it, 403 when they
    may see but not handle it (its manager, compliance and admin handle it), 409 backwards."""
    incident = visible_incident(session, who, incident_id, lock=True)
    if not _may_handle(who.user, incident):
        raise HTTPException(
            403, "only the incident's manager, compliance or an admin may change its status"
        )
    return change_status(
        session,
        incident=incident,
        actor=who.user,
        status=change.status,
        note=change.note,
        public_url=public_url,
    )
