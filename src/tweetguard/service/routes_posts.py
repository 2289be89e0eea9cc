"""Acknowledgements of the policy and posts for the company account (issue 5, items 4 and 5).

**Acknowledgements.** "By using the company account you agree to the policy": a person
acknowledges the *current* version (``sha256:…`` of the policy, which changes with the
policy file); the record keeps who, when and which version. When the version changes,
everyone acknowledges again before drafting for the company account. Compliance and admin
list who has and has not acknowledged the current version.

**Posts.** ``draft`` (checked by the engine, findings stored with it) → ``submitted`` →
``approved`` or ``rejected`` (a rejected post can be edited, which makes it a draft again).
Four eyes: the author never decides on their own post. A post whose verdict is ``block`` can
only be approved by compliance with a written reason: an override. Every transition is
written to the audit trail in the same transaction as the change (subject ``post:<id>``),
and a post's history is read back from there.

What is stored is redacted: the text with every secret and personal datum replaced by its
placeholder (``[BSN]``), the findings' offsets moved to match that text, and reasons passed
through the same detectors as the audit trail. Who sees a post: its author; their manager;
communications, compliance and admin. Anyone else gets 404, as for a post that does not exist.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from tweetguard.draft import MAX_TEXT_CHARS, AccountInfo, Draft
from tweetguard.engine import Engine
from tweetguard.redact import SENSITIVE_CODES, redact
from tweetguard.report import Finding, Report
from tweetguard.service import audit
from tweetguard.service.auth import DB, Principal, Who, allowed, now
from tweetguard.service.schema import Acknowledgement, AuditEntry, Post, User
from tweetguard.times import iso_utc

router = APIRouter(prefix="/api/v1")

Status = Literal["draft", "submitted", "approved", "rejected"]
DECIDERS = ("communications", "compliance", "admin")
SEE_ALL = ("communications", "compliance", "admin")
OVERRIDERS = ("compliance",)
MIN_OVERRIDE_REASON = 10
MAX_REASON = 2_000
HANDLE = r"^@?[A-Za-z0-9_]{1,50}$"
VERSION = r"^sha256:[0-9a-f]{1,72}$"


# --- request bodies -----------------------------------------------------------------------


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _not_blank(value: str, what: str) -> str:
    if not value.strip():
        raise ValueError(f"{what} is empty")
    return value


class AcknowledgeRequest(_Body):
    policy_version: str = Field(max_length=80, pattern=VERSION)


class PostCreate(_Body):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    account: str = Field(min_length=1, max_length=51, pattern=HANDLE)

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return _not_blank(value, "the text")


class PostUpdate(_Body):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return _not_blank(value, "the text")


class ApproveRequest(_Body):
    reason: str | None = Field(default=None, max_length=MAX_REASON)


class RejectRequest(_Body):
    reason: str = Field(min_length=1, max_length=MAX_REASON)

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        return _not_blank(value, "the reason")


# --- helpers ------------------------------------------------------------------------------


def check_time(request: Request) -> dt.datetime | None:
    """The time a draft is judged at: None (now), unless a test fixed the app's clock
    (``app.state.clock``)."""
    fixed = getattr(request.app.state, "clock", None)
    return fixed() if fixed is not None else None


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _acknowledgement(session: Session, user: User, version: str) -> Acknowledgement | None:
    return session.scalar(
        select(Acknowledgement).where(
            Acknowledgement.user_id == user.id, Acknowledgement.policy_version == version
        )
    )


def _ack_dict(version: str, ack: Acknowledgement | None, user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "policy_version": version,
        "acknowledged": ack is not None,
        "at": iso_utc(ack.at) if ack is not None else None,
    }


def _sensitive_spans(findings: Iterable[Finding]) -> list[tuple[int, int, str]]:
    """The spans :func:`tweetguard.redact.redact` replaces, as it replaces them (overlaps
    cut at the end of the previous span)."""
    spans = sorted(
        (f.start, f.end, f.excerpt)
        for f in findings
        if f.code in SENSITIVE_CODES and f.media is None and f.end > f.start
    )
    out: list[tuple[int, int, str]] = []
    pos = 0
    for s, e, placeholder in spans:
        if e <= pos:
            continue
        out.append((max(s, pos), e, placeholder))
        pos = e
    return out


def _moved(pos: int, spans: Sequence[tuple[int, int, str]], *, end: bool) -> int:
    """Where offset ``pos`` of the text lands in its redacted form."""
    delta = 0
    for s, e, placeholder in spans:
        if pos >= e:
            delta += len(placeholder) - (e - s)
        elif pos > s:  # inside a replaced span: its placeholder's start or end
            return s + delta + (len(placeholder) if end else 0)
        else:
            break
    return pos + delta


def _stored_report(text: str, report: Report) -> tuple[str, dict[str, Any]]:
    """The text as stored (redacted) and the report with its offsets moved onto that text."""
    stored = redact(text, report.findings)
    spans = _sensitive_spans(report.findings)
    data = report.to_dict()
    for finding, out in zip(report.findings, data["findings"], strict=True):
        if finding.media is None:
            out["start"] = _moved(finding.start, spans, end=False)
            out["end"] = max(out["start"], _moved(finding.end, spans, end=True))
            if "edit" in out:
                edit = out["edit"]
                edit["start"] = _moved(edit["start"], spans, end=False)
                edit["end"] = max(edit["start"], _moved(edit["end"], spans, end=True))
    return stored, data


def _check(request: Request, handle: str, text: str) -> tuple[str, str, dict[str, Any]]:
    """Run the engine on a company-account draft: (redacted text, verdict, report)."""
    report = _engine(request).check(
        Draft(text=text, account=AccountInfo(handle=handle, kind="company")),
        now=check_time(request),
    )
    stored, data = _stored_report(text, report)
    return stored, report.verdict, data


def _company_handle(request: Request, account: str) -> str:
    """The policy's spelling of a company account, or 422."""
    policy = _engine(request).policy
    handle = account if account.startswith("@") else "@" + account
    if policy.kind_of(handle) != "company":
        companies = [h for h in policy.company_handles if policy.kind_of(h) == "company"]
        raise HTTPException(
            422,
            f"{handle} is not a company account of the policy"
            + (f" (company accounts: {', '.join(companies)})" if companies else ""),
        )
    return next((h for h in policy.company_handles if h.lower() == handle.lower()), handle)


def _require_acknowledged(request: Request, session: Session, who: Principal) -> None:
    version = _engine(request).policy.version
    if _acknowledgement(session, who.user, version) is None:
        raise HTTPException(
            403,
            f"you have not acknowledged the current policy version ({version}): read it "
            "(GET /api/v1/policy) and acknowledge it (POST /api/v1/acknowledgements) before "
            "drafting for the company account",
        )


Author = aliased(User, name="author")


def _visible(who: Principal) -> ColumnElement[bool]:
    """A condition on ``Post`` (joined with its author as ``Author``) for what ``who`` sees."""
    if who.role in SEE_ALL:
        return true()
    if who.role == "manager":
        return or_(Post.author_id == who.user.id, Author.manager_id == who.user.id)
    if who.role == "employee":
        return Post.author_id == who.user.id
    return false()


def _may_see(who: Principal, post: Post, author: User) -> bool:
    if who.role in SEE_ALL or post.author_id == who.user.id:
        return True
    return who.role == "manager" and author.manager_id == who.user.id


def _not_found(post_id: int) -> HTTPException:
    return HTTPException(404, f"post {post_id} does not exist")


def _load(session: Session, who: Principal, post_id: int, *, lock: bool = False) -> Post:
    """The post, if ``who`` may see it (404 otherwise, as if it did not exist). ``lock``
    takes a row lock for a transition (SQLite's ``BEGIN IMMEDIATE`` already serialises)."""
    post = session.get(Post, post_id, with_for_update=lock)
    if post is None:
        raise _not_found(post_id)
    author = session.get(User, post.author_id)
    if author is None or not _may_see(who, post, author):
        raise _not_found(post_id)
    return post


def _require_status(post: Post, *expected: str, doing: str) -> None:
    if post.status not in expected:
        raise HTTPException(
            409, f"post {post.id} is {post.status}; only a {' or '.join(expected)} post {doing}"
        )


def _require_author(who: Principal, post: Post, doing: str) -> None:
    if post.author_id != who.user.id:
        raise HTTPException(403, f"only the author of post {post.id} may {doing} it")


def _require_not_author(who: Principal, post: Post) -> None:
    if post.author_id == who.user.id:
        raise HTTPException(
            403, f"four eyes: the author of post {post.id} may not decide on it; ask a colleague"
        )


def _require_current(request: Request, post: Post, what: str) -> None:
    version = _engine(request).policy.version
    if post.policy_version != version:
        raise HTTPException(
            409,
            f"post {post.id} was checked against an older policy version "
            f"({post.policy_version}, now {version}); {what}",
        )


def _usernames(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted))).all()
    return {row.id: row.username for row in rows}


def _histories(session: Session, posts: Sequence[Post]) -> dict[str, list[dict[str, Any]]]:
    subjects = [f"post:{p.id}" for p in posts]
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in subjects}
    for i in range(0, len(subjects), 500):
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.subject.in_(subjects[i : i + 500]))
            .order_by(AuditEntry.id)
        )
        for e in entries:
            out[e.subject].append(
                {
                    "action": e.action,
                    "actor": e.actor,
                    "at": iso_utc(e.at),
                    "data": json.loads(e.data),
                }
            )
    return out


def _post_dicts(session: Session, posts: Sequence[Post]) -> list[dict[str, Any]]:
    names = _usernames(session, [*(p.author_id for p in posts), *(p.decided_by for p in posts)])
    histories = _histories(session, posts)
    out = []
    for p in posts:
        report = json.loads(p.findings)
        out.append(
            {
                "id": p.id,
                "account": p.account,
                "text": p.text,
                "status": p.status,
                "verdict": p.verdict,
                "findings": report.get("findings", []),
                "report": report,
                "policy_version": p.policy_version,
                "author": names.get(p.author_id),
                "decided_by": names.get(p.decided_by) if p.decided_by is not None else None,
                "reason": p.reason,
                "created_at": iso_utc(p.created_at),
                "updated_at": iso_utc(p.updated_at),
                "history": histories[f"post:{p.id}"],
            }
        )
    return out


def _post_dict(session: Session, post: Post) -> dict[str, Any]:
    session.flush()
    return _post_dicts(session, [post])[0]


def _record(session: Session, who: Principal, action: str, post: Post, **data: Any) -> None:
    audit.append(
        session,
        actor=who.user.username,
        action=action,
        subject=f"post:{post.id}",
        data={"status": post.status, **data},
    )


def _clean_reason(reason: str | None) -> str | None:
    """A reason as stored: stripped, with secrets and personal data replaced."""
    if reason is None or not reason.strip():
        return None
    cleaned: str = audit.redacted(reason.strip())
    return cleaned


# --- acknowledgements ---------------------------------------------------------------------


@router.get("/acknowledgements/me", tags=["acknowledgements"])
def my_acknowledgement(request: Request, who: Who, session: DB) -> dict[str, Any]:
    """The current policy version, and whether (and when) the caller acknowledged it."""
    allowed(who, scope="acknowledgements")
    version = _engine(request).policy.version
    return _ack_dict(version, _acknowledgement(session, who.user, version), who.user)


@router.post("/acknowledgements", tags=["acknowledgements"])
def acknowledge(
    body: AcknowledgeRequest, request: Request, who: Who, session: DB
) -> dict[str, Any]:
    """Acknowledge the current policy version (send the version you read, as
    ``GET /api/v1/policy`` gives it). 409 when the policy has changed since; a second
    acknowledgement of the same version returns the first."""
    allowed(who, scope="acknowledgements")
    version = _engine(request).policy.version
    if body.policy_version != version:
        raise HTTPException(
            409,
            f"the policy changed: you acknowledged {body.policy_version}, but the current "
            f"version is {version}; read the current policy (GET /api/v1/policy) and "
            "acknowledge that version",
        )
    existing = _acknowledgement(session, who.user, version)
    if existing is not None:
        return _ack_dict(version, existing, who.user)
    ack = Acknowledgement(user_id=who.user.id, policy_version=version, at=now())
    try:
        with session.begin_nested():
            session.add(ack)
            session.flush()
    except IntegrityError:  # acknowledged at the same moment in another request
        existing = _acknowledgement(session, who.user, version)
        if existing is None:
            raise
        return _ack_dict(version, existing, who.user)
    audit.append(
        session,
        actor=who.user.username,
        action="policy.acknowledge",
        subject=f"user:{who.user.username}",
        data={"policy_version": version},
    )
    return _ack_dict(version, ack, who.user)


@router.get("/acknowledgements", tags=["acknowledgements"])
def list_acknowledgements(request: Request, who: Who, session: DB) -> dict[str, Any]:
    """Compliance and admin: who among the active users has acknowledged the current
    version (and when), and who has not."""
    allowed(who, scope="acknowledgements", roles=("compliance", "admin"))
    version = _engine(request).policy.version
    rows = session.execute(
        select(User, Acknowledgement.at)
        .outerjoin(
            Acknowledgement,
            and_(Acknowledgement.user_id == User.id, Acknowledgement.policy_version == version),
        )
        .where(User.active.is_(True))
        .order_by(User.username)
    ).all()
    done = [
        {"username": u.username, "display_name": u.display_name, "role": u.role, "at": iso_utc(at)}
        for u, at in rows
        if at is not None
    ]
    missing = [
        {"username": u.username, "display_name": u.display_name, "role": u.role}
        for u, at in rows
        if at is None
    ]
    return {
        "policy_version": version,
        "acknowledged": done,
        "not_acknowledged": missing,
        "counts": {
            "acknowledged": len(done),
            "not_acknowledged": len(missing),
            "active_users": len(rows),
        },
    }


# --- posts --------------------------------------------------------------------------------


@router.post("/posts", tags=["posts"], status_code=201)
def create_post(body: PostCreate, request: Request, who: Who, session: DB) -> dict[str, Any]:
    """A draft for a company account of the policy, checked at once: the post comes back
    with the report (findings). Only for people who acknowledged the current policy."""
    allowed(who, scope="posts")
    _require_acknowledged(request, session, who)
    handle = _company_handle(request, body.account)
    at = now()
    post = Post(author_id=who.user.id, account=handle, created_at=at)
    verdict = _as_checked_draft(post, request, body.text)
    session.add(post)
    session.flush()
    _record(
        session,
        who,
        "post.create",
        post,
        account=handle,
        verdict=verdict,
        policy=post.policy_version,
    )
    return _post_dict(session, post)


def _as_checked_draft(post: Post, request: Request, text: str) -> str:
    """Check ``text`` for the post's account and make the post a draft holding the redacted
    text and the report (a new post, or an edit: no decision is left on it); the verdict."""
    stored, verdict, report = _check(request, post.account, text)
    post.text = stored
    post.verdict = verdict
    post.findings = json.dumps(report, ensure_ascii=False)
    post.policy_version = report["policy_version"]
    post.status = "draft"
    post.decided_by = None
    post.reason = None
    post.updated_at = post.created_at if post.id is None else now()
    return verdict


@router.get("/posts", tags=["posts"])
def list_posts(
    who: Who,
    session: DB,
    status: Annotated[Status | None, Query(description="Only posts in this status.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """The posts the caller may see, oldest first; ``?status=submitted`` is the approval
    queue. An employee sees their own, a manager also their team's, communications,
    compliance and admin all."""
    allowed(who, scope="posts")
    query = select(Post).join(Author, Author.id == Post.author_id).where(_visible(who))
    if status is not None:
        query = query.where(Post.status == status)
    posts = session.scalars(query.order_by(Post.id).limit(limit).offset(offset)).all()
    return {"posts": _post_dicts(session, posts), "count": len(posts)}


@router.get("/posts/{post_id}", tags=["posts"])
def get_post(post_id: int, who: Who, session: DB) -> dict[str, Any]:
    """One post with its findings and history (404 for a post the caller may not see)."""
    allowed(who, scope="posts")
    return _post_dict(session, _load(session, who, post_id))


@router.put("/posts/{post_id}", tags=["posts"])
def update_post(
    post_id: int, body: PostUpdate, request: Request, who: Who, session: DB
) -> dict[str, Any]:
    """The author replaces the text of a draft or a rejected post: it is checked again
    (against the current policy) and becomes a draft."""
    allowed(who, scope="posts")
    post = _load(session, who, post_id, lock=True)
    _require_author(who, post, "edit")
    _require_status(post, "draft", "rejected", doing="can be edited")
    _require_acknowledged(request, session, who)
    previous = post.status
    verdict = _as_checked_draft(post, request, body.text)
    _record(
        session,
        who,
        "post.update",
        post,
        previous=previous,
        verdict=verdict,
        policy=post.policy_version,
    )
    return _post_dict(session, post)


@router.post("/posts/{post_id}/submit", tags=["posts"])
def submit_post(post_id: int, request: Request, who: Who, session: DB) -> dict[str, Any]:
    """The author submits a draft for approval."""
    allowed(who, scope="posts")
    post = _load(session, who, post_id, lock=True)
    _require_author(who, post, "submit")
    _require_status(post, "draft", doing="can be submitted")
    _require_acknowledged(request, session, who)
    _require_current(request, post, "save it again (PUT) to check it against the current one")
    post.status = "submitted"
    post.updated_at = now()
    _record(session, who, "post.submit", post, verdict=post.verdict)
    return _post_dict(session, post)


@router.post("/posts/{post_id}/approve", tags=["posts"])
def approve_post(
    post_id: int,
    request: Request,
    who: Who,
    session: DB,
    body: ApproveRequest | None = None,
) -> dict[str, Any]:
    """Communications, compliance or admin approve a submitted post; never its author
    (four eyes). A post with a ``block`` verdict can only be approved by compliance, with a
    written ``reason`` of at least 10 characters: an override."""
    allowed(who, scope="posts", roles=DECIDERS)
    post = _load(session, who, post_id, lock=True)
    _require_not_author(who, post)
    _require_status(post, "submitted", doing="can be approved")
    _require_current(request, post, "reject it so that its author checks it again")
    reason = _clean_reason(body.reason if body is not None else None)
    action = "post.approve"
    if post.verdict == "block":
        if who.role not in OVERRIDERS:
            raise HTTPException(
                403,
                f"post {post.id} has a block verdict: only compliance may override it "
                "(with a written reason)",
            )
        if reason is None or len(reason) < MIN_OVERRIDE_REASON:
            raise HTTPException(
                422,
                f"post {post.id} has a block verdict: overriding it needs a written reason "
                f"of at least {MIN_OVERRIDE_REASON} characters",
            )
        action = "post.override"
    post.status = "approved"
    post.decided_by = who.user.id
    post.reason = reason
    post.updated_at = now()
    _record(session, who, action, post, verdict=post.verdict, reason=reason)
    return _post_dict(session, post)


@router.post("/posts/{post_id}/reject", tags=["posts"])
def reject_post(post_id: int, body: RejectRequest, who: Who, session: DB) -> dict[str, Any]:
    """Communications, compliance or admin reject a submitted post, with a reason; never
    its author. The author may edit it, which makes it a draft again."""
    allowed(who, scope="posts", roles=DECIDERS)
    post = _load(session, who, post_id, lock=True)
    _require_not_author(who, post)
    _require_status(post, "submitted", doing="can be rejected")
    reason = _clean_reason(body.reason)
    post.status = "rejected"
    post.decided_by = who.user.id
    post.reason = reason
    post.updated_at = now()
    _record(session, who, "post.reject", post, verdict=post.verdict, reason=reason)
    return _post_dict(session, post)


@router.get("/posts/{post_id}/export", tags=["posts"])
def export_post(post_id: int, who: Who, session: DB) -> dict[str, Any]:
    """An approved post, ready for publishing on its account (until publishing through the
    X API exists). The text is the stored one: redacted, as everything stored is."""
    allowed(who, scope="posts")
    post = _load(session, who, post_id)
    if post.status != "approved":
        raise HTTPException(
            409, f"post {post.id} is {post.status}; only an approved post can be exported"
        )
    names = _usernames(session, [post.decided_by])
    audit.append(
        session,
        actor=who.user.username,
        action="post.export",
        subject=f"post:{post.id}",
        data={"status": post.status},
    )
    return {
        "id": post.id,
        "account": post.account,
        "text": post.text,
        "approved_by": names.get(post.decided_by) if post.decided_by is not None else None,
        "approved_at": iso_utc(post.updated_at),
        "policy_version": post.policy_version,
    }
