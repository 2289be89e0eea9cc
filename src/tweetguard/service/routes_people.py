"""Login, logout, who am I, and everything the service keeps about me (privacy)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from tweetguard.service import audit
from tweetguard.service.auth import (
    DB,
    SESSION_COOKIE,
    SESSION_HOURS,
    UserError,
    Who,
    allowed,
    login,
)
from tweetguard.service.schema import (
    Acknowledgement,
    AuditEntry,
    Incident,
    Post,
    User,
    WebSession,
)

router = APIRouter(prefix="/api/v1", tags=["people"])


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


def user_dict(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "email": user.email,
        "role": user.role,
    }


@router.post("/login")
def post_login(body: LoginRequest, response: Response, session: DB) -> dict[str, Any]:
    """Start a session (cookie) for the pages; the answer carries the CSRF token that every
    state-changing request of this session must send as ``X-CSRF-Token``."""
    try:
        cookie, row = login(session, body.username, body.password)
    except UserError as exc:
        session.commit()  # keep the audit entry of the failed attempt
        raise HTTPException(401, str(exc)) from None
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=SESSION_HOURS * 3600,
        httponly=True,
        samesite="strict",
        secure=False,  # the service runs behind a TLS proxy or on loopback
    )
    user = session.get(User, row.user_id)
    assert user is not None
    return {"user": user_dict(user), "csrf_token": row.csrf_token}


@router.post("/logout")
def post_logout(
    who: Who, response: Response, session: DB, request_cookie: str | None = None
) -> dict[str, str]:
    """End every session of the caller (cookie sessions; tokens stay valid)."""
    for row in session.scalars(select(WebSession).where(WebSession.user_id == who.user.id)):
        session.delete(row)
    audit.append(session, actor=who.user.username, action="logout", subject="session")
    response.delete_cookie(SESSION_COOKIE)
    return {"status": "logged out"}


@router.get("/me")
def get_me(who: Who) -> dict[str, Any]:
    return {"user": user_dict(who.user), "via": who.via, "scopes": sorted(who.scopes)}


@router.get("/me/export")
def export_me(who: Who, session: DB) -> dict[str, Any]:
    """Everything the service keeps about the caller (AVG/GDPR art. 15): the account, their
    acknowledgements, posts, incident reports and the audit entries they made or are about."""
    allowed(who, scope="me")
    user = who.user
    acks = session.scalars(select(Acknowledgement).where(Acknowledgement.user_id == user.id)).all()
    posts = session.scalars(select(Post).where(Post.author_id == user.id)).all()
    incidents = session.scalars(select(Incident).where(Incident.reporter_id == user.id)).all()
    entries = session.scalars(
        select(AuditEntry)
        .where(
            (AuditEntry.actor == user.username) | (AuditEntry.subject == f"user:{user.username}")
        )
        .order_by(AuditEntry.id)
    ).all()
    return {
        "user": user_dict(user),
        "acknowledgements": [
            {"policy_version": a.policy_version, "at": a.at.isoformat()} for a in acks
        ],
        "posts": [
            {"id": p.id, "text": p.text, "status": p.status, "created_at": p.created_at.isoformat()}
            for p in posts
        ],
        "incidents": [
            {
                "id": i.id,
                "link": i.link,
                "text": i.text,
                "note": i.note,
                "status": i.status,
                "created_at": i.created_at.isoformat(),
            }
            for i in incidents
        ],
        "audit": [
            {"id": e.id, "at": e.at.isoformat(), "action": e.action, "subject": e.subject}
            for e in entries
        ],
    }
