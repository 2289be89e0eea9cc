"""The company account: drafts with their findings, submitting them, the approval queue
(approve, reject with a reason, compliance's override of a block with a reason), and each
post's history. Every action goes through the API's functions (four eyes, acceptance of the
current policy, the override rule, the audit trail are all enforced there).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tweetguard.draft import MAX_TEXT_CHARS
from tweetguard.service.auth import DB, Principal
from tweetguard.service.routes_posts import (
    DECIDERS,
    OVERRIDERS,
    ApproveRequest,
    PostCreate,
    PostUpdate,
    RejectRequest,
    approve_post,
    create_post,
    get_post,
    list_posts,
    my_acknowledgement,
    reject_post,
    submit_post,
    update_post,
)
from tweetguard.text import MAX_WEIGHTED_LENGTH
from tweetguard.web.core import Seen, Visitor, check_csrf, page, person, redirect
from tweetguard.web.findings import pieces, views

router = APIRouter(include_in_schema=False)


def _company_accounts(request: Request) -> list[str]:
    policy = request.app.state.engine.policy
    return [h for h in policy.company_handles if policy.kind_of(h) == "company"]


def _acknowledged(request: Request, who: Principal, session: Session) -> bool:
    return bool(my_acknowledgement(request, who, session)["acknowledged"])


def _problem(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, HTTPException):
        return exc.status_code, str(exc.detail)
    if isinstance(exc, ValidationError):
        return 422, "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
    raise exc


def _attempt(session: Session, action: Callable[[], Any]) -> tuple[Any, tuple[int, str] | None]:
    """Run a service action in a savepoint: (its result, None), or (None, (status, message))
    with everything it did undone."""
    try:
        with session.begin_nested():
            return action(), None
    except (HTTPException, ValidationError) as exc:
        return None, _problem(exc)


@router.get("/posts", response_class=HTMLResponse)
def posts_page(request: Request, seen: Seen, session: DB) -> HTMLResponse:
    who = person(seen, request)
    posts = list_posts(who, session, status=None, limit=500, offset=0)["posts"]
    posts.reverse()  # newest first
    return page(
        request,
        seen,
        "posts.html",
        posts=posts,
        acknowledged=_acknowledged(request, who, session),
    )


def _compose(
    request: Request,
    seen: Visitor,
    session: Session,
    *,
    status_code: int = 200,
    post: dict[str, Any] | None = None,
    text: str = "",
    account: str | None = None,
    error: str | None = None,
) -> HTMLResponse:
    assert seen.principal is not None
    return page(
        request,
        seen,
        "post_compose.html",
        status_code,
        post=post,
        text=text,
        account=account,
        accounts=_company_accounts(request),
        error=error,
        limit=MAX_WEIGHTED_LENGTH,
        acknowledged=_acknowledged(request, seen.principal, session),
    )


@router.get("/posts/new", response_class=HTMLResponse)
def new_post_page(request: Request, seen: Seen, session: DB) -> HTMLResponse:
    person(seen, request)
    return _compose(request, seen, session)


@router.post("/posts", response_class=HTMLResponse)
def new_post_form(
    request: Request,
    seen: Seen,
    session: DB,
    text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)] = "",
    account: Annotated[str, Form(max_length=60)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    who = person(seen, request)
    check_csrf(seen, request, csrf_token)
    created, problem = _attempt(
        session,
        lambda: create_post(PostCreate(text=text, account=account), request, who, session),
    )
    if problem is not None:
        return _compose(
            request,
            seen,
            session,
            status_code=problem[0],
            text=text,
            account=account,
            error=problem[1],
        )
    return redirect(f"/posts/{created['id']}")


def _post_page(
    request: Request,
    seen: Visitor,
    post: dict[str, Any],
    *,
    status_code: int = 200,
    error: str | None = None,
) -> HTMLResponse:
    who = seen.principal
    assert who is not None
    report = post["report"]
    mine = post["author"] == who.user.username
    decider = who.role in DECIDERS and not mine
    return page(
        request,
        seen,
        "post.html",
        status_code,
        post=post,
        pieces=pieces(post["text"], post["findings"]),
        findings=views(
            post["text"],
            post["findings"],
            lang=seen.lang,
            draft_lang=report.get("lang"),
            company=request.app.state.engine.policy.company,
        ),
        mine=mine,
        may_edit=mine and post["status"] in ("draft", "rejected"),
        may_submit=mine and post["status"] == "draft",
        may_decide=decider and post["status"] == "submitted",
        may_override=who.role in OVERRIDERS,
        error=error,
    )


@router.get("/posts/{post_id}", response_class=HTMLResponse)
def post_page(post_id: int, request: Request, seen: Seen, session: DB) -> HTMLResponse:
    who = person(seen, request)
    return _post_page(request, seen, get_post(post_id, who, session))


@router.get("/posts/{post_id}/edit", response_class=HTMLResponse)
def edit_post_page(post_id: int, request: Request, seen: Seen, session: DB) -> HTMLResponse:
    who = person(seen, request)
    post = get_post(post_id, who, session)
    if post["author"] != who.user.username:
        raise HTTPException(403, f"only the author of post {post_id} may edit it")
    if post["status"] not in ("draft", "rejected"):
        raise HTTPException(409, f"post {post_id} cannot be edited (it is {post['status']})")
    return _compose(request, seen, session, post=post, text=post["text"], account=post["account"])


@router.post("/posts/{post_id}/edit", response_class=HTMLResponse)
def edit_post_form(
    post_id: int,
    request: Request,
    seen: Seen,
    session: DB,
    text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    who = person(seen, request)
    check_csrf(seen, request, csrf_token)
    _, problem = _attempt(
        session, lambda: update_post(post_id, PostUpdate(text=text), request, who, session)
    )
    if problem is not None:
        post = get_post(post_id, who, session)
        return _compose(
            request,
            seen,
            session,
            status_code=problem[0],
            post=post,
            text=text,
            account=post["account"],
            error=problem[1],
        )
    return redirect(f"/posts/{post_id}")


def _decision(
    post_id: int,
    request: Request,
    seen: Visitor,
    session: Session,
    csrf_token: str | None,
    action: Callable[[Principal], Any],
) -> Response:
    who = person(seen, request)
    check_csrf(seen, request, csrf_token)
    _, problem = _attempt(session, lambda: action(who))
    if problem is not None:
        post = get_post(post_id, who, session)
        return _post_page(request, seen, post, status_code=problem[0], error=problem[1])
    return redirect(f"/posts/{post_id}")


@router.post("/posts/{post_id}/submit", response_class=HTMLResponse)
def submit_form(
    post_id: int,
    request: Request,
    seen: Seen,
    session: DB,
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    return _decision(
        post_id,
        request,
        seen,
        session,
        csrf_token,
        lambda who: submit_post(post_id, request, who, session),
    )


@router.post("/posts/{post_id}/approve", response_class=HTMLResponse)
def approve_form(
    post_id: int,
    request: Request,
    seen: Seen,
    session: DB,
    reason: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    return _decision(
        post_id,
        request,
        seen,
        session,
        csrf_token,
        lambda who: approve_post(
            post_id, request, who, session, ApproveRequest(reason=reason or None)
        ),
    )


@router.post("/posts/{post_id}/reject", response_class=HTMLResponse)
def reject_form(
    post_id: int,
    request: Request,
    seen: Seen,
    session: DB,
    reason: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    return _decision(
        post_id,
        request,
        seen,
        session,
        csrf_token,
        lambda who: reject_post(post_id, RejectRequest(reason=reason), who, session),
    )


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, seen: Seen, session: DB) -> HTMLResponse:
    who = person(seen, request, *DECIDERS)
    posts = list_posts(who, session, status="submitted", limit=500, offset=0)["posts"]
    return page(request, seen, "queue.html", posts=posts)
