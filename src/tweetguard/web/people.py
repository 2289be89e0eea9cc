"""Log in, log out, and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from tweetguard.service import audit
from tweetguard.service.auth import DB, SESSION_COOKIE, SESSION_HOURS, UserError, login
from tweetguard.service.schema import WebSession
from tweetguard.web.core import Seen, check_csrf, page, redirect
from tweetguard.web.i18n import LANG_COOKIE

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only a path on this site (no ``//host`` or ``http://``): no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, seen: Seen, next: str = "/") -> Response:
    if seen.principal is not None:
        return redirect(safe_next(next))
    return page(
        request,
        seen,
        "login.html",
        next=safe_next(next),
        failed=False,
        needed=next != "/",
        username="",
    )


@router.post("/login", response_class=HTMLResponse)
def login_form(
    request: Request,
    seen: Seen,
    session: DB,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    try:
        cookie, _ = login(session, username.strip(), password)
    except UserError:
        return page(
            request,
            seen,
            "login.html",
            401,
            next=safe_next(next),
            failed=True,
            needed=False,
            username=username,
        )
    response = redirect(safe_next(next))
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=SESSION_HOURS * 3600,
        httponly=True,
        # Lax, not Strict: the link in a manager's e-mail must open the case logged in.
        # Every state change also needs the session's CSRF token.
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
def logout_form(
    request: Request,
    seen: Seen,
    session: DB,
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    response = redirect("/")
    if seen.principal is None:
        response.delete_cookie(SESSION_COOKIE)
        return response
    check_csrf(seen, request, csrf_token)
    user = seen.principal.user
    for row in session.scalars(select(WebSession).where(WebSession.user_id == user.id)):
        session.delete(row)
    audit.append(session, actor=user.username, action="logout", subject="session")
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/lang/{lang}")
def switch_language(lang: str, next: str = "/") -> RedirectResponse:
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        LANG_COOKIE, "en" if lang == "en" else "nl", max_age=365 * 24 * 3600, samesite="lax"
    )
    return response
