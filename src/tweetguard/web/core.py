"""What every page shares: the templates, who is visiting, the CSRF check of forms, the
language, and the answer for a refused or failed request (an HTML page, or a fragment for
HTMX).

Pages call the same service functions as the API (``tweetguard.service.routes_*``), with
the visitor as principal, so the rules of who may do what are written once. A form posts
the session's CSRF token as the hidden field ``csrf_token`` (HTMX sends it as the
``X-CSRF-Token`` header); a state change without it is refused.
"""

from __future__ import annotations

import datetime as dt
import html
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tweetguard.service.auth import (
    DB,
    SESSION_COOKIE,
    Principal,
    session_principal,
    web_session,
)
from tweetguard.web.i18n import Lang, lang_of, translator

TEMPLATES = resources.files("tweetguard.web") / "templates"
STATIC = resources.files("tweetguard.web") / "static"

DECIDERS = ("communications", "compliance", "admin")
DASHBOARD = ("compliance", "admin")


def when(at: str | dt.datetime | None) -> str:
    """A UTC timestamp for people: ``2026-11-24 14:03 UTC``."""
    if at is None:
        return "-"
    if isinstance(at, str):
        at = dt.datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when
    return env


templates = Jinja2Templates(env=_environment())


@dataclass(frozen=True)
class Visitor:
    """Who looks at a page: a logged-in person (with their session's CSRF token) or nobody."""

    principal: Principal | None
    csrf: str
    lang: Lang

    @property
    def role(self) -> str | None:
        return self.principal.role if self.principal is not None else None

    def is_(self, *roles: str) -> bool:
        return self.principal is not None and self.principal.role in roles


def visitor(request: Request, session: DB) -> Visitor:
    cookie = request.cookies.get(SESSION_COOKIE)
    found = web_session(session, cookie) if cookie else None
    lang = lang_of(request)
    if found is None:
        return Visitor(None, "", lang)
    user, row = found
    return Visitor(session_principal(user), row.csrf_token, lang)


Seen = Annotated[Visitor, Depends(visitor)]


class LoginNeeded(Exception):  # a signal, not an error
    """Raised by :func:`person` for a visitor who is not logged in: answered with a
    redirect to the login page that comes back here afterwards."""

    def __init__(self, path: str) -> None:
        self.path = path


def person(seen: Visitor, request: Request, *roles: str) -> Principal:
    """The logged-in principal (redirect to login otherwise), with one of ``roles`` when
    given (403 otherwise)."""
    if seen.principal is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginNeeded(target)
    if roles and seen.principal.role not in roles:
        raise HTTPException(403, f"role {seen.principal.role!r} may not open this page")
    return seen.principal


def check_csrf(seen: Visitor, request: Request, sent: str | None) -> None:
    """403 unless the form (or HTMX header) echoes the session's CSRF token."""
    token = sent or request.headers.get("x-csrf-token", "")
    if not seen.csrf or not secrets.compare_digest(token, seen.csrf):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


def page(
    request: Request, seen: Visitor, name: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render template ``name`` with what every page needs."""
    t = translator(seen.lang)
    base = {
        "request": request,
        "seen": seen,
        "lang": seen.lang,
        "t": t,
        "user": seen.principal.user if seen.principal is not None else None,
        "csrf": seen.csrf,
        "path": request.url.path,
        "policy": request.app.state.engine.policy,
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def redirect(url: str) -> RedirectResponse:
    """After a form: 303 See Other, so a reload does not post again."""
    return RedirectResponse(url, status_code=303)


def login_redirect(path: str) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(path, safe='/')}", status_code=303)


def is_page(request: Request) -> bool:
    """Whether an error on this request should be answered with a page (not JSON)."""
    path = request.url.path
    return not (path.startswith("/api/") or path in ("/healthz", "/openapi.json", "/docs"))


def error_page(request: Request, status: int, message: str) -> Response:
    """The answer to a refused or failed request: a page in the visitor's language (with
    their menu, when the session can still be read), or a fragment for HTMX."""
    lang = lang_of(request)
    t: Callable[..., str] = translator(lang)
    if request.headers.get("hx-request"):
        return HTMLResponse(
            f'<p class="error" role="alert">{html.escape(message)}</p>', status_code=status
        )
    seen = Visitor(None, "", lang)
    try:
        session_factory = request.app.state.sessions
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            with session_factory() as session:
                found = web_session(session, cookie)
                if found is not None:
                    user, row = found
                    session.expunge(user)
                    seen = Visitor(session_principal(user), row.csrf_token, lang)
    except Exception:  # the error page must render even when the database does not answer
        pass
    friendly = {403: t("error.403"), 404: t("error.404")}.get(status)
    return page(
        request, seen, "error.html", status, status=status, message=message, friendly=friendly
    )
