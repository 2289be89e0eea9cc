"""The pages (issue 6): server-rendered with Jinja2, live where it helps with HTMX, Dutch by
default with an English switch. They call the same service functions as the HTTP API.

- ``check``: ``/``, the check page anyone may use (nothing stored).
- ``people``: log in and out, the language switch.
- ``policy``: the policy, and accepting its current version.
- ``incidents``: report confidential information, my reports, the manager's inbox.
- ``posts``: drafts for the company account, the approval queue, a post's history.
- ``dashboard``: compliance: acceptance, incidents, findings over time, the audit trail.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from tweetguard.web import check, dashboard, incidents, people, policy, posts
from tweetguard.web.core import STATIC, LoginNeeded, login_redirect

__all__ = ["install"]


def install(app: FastAPI) -> None:
    """Add the pages and their static files to the service."""

    @app.exception_handler(LoginNeeded)
    async def login_needed(_: Request, exc: LoginNeeded) -> Response:
        return login_redirect(exc.path)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for module in (check, people, policy, incidents, posts, dashboard):
        app.include_router(module.router)
