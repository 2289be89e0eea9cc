"""The policy page: the text with the company's name, its version, and accepting it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from tweetguard.policy.render import policy_document
from tweetguard.service.auth import DB
from tweetguard.service.routes_posts import AcknowledgeRequest, acknowledge, my_acknowledgement
from tweetguard.web.core import Seen, check_csrf, page, person, redirect

router = APIRouter(include_in_schema=False)


@router.get("/policy", response_class=HTMLResponse)
def policy_page(request: Request, seen: Seen, session: DB) -> HTMLResponse:
    engine_policy = request.app.state.engine.policy
    ack = None
    if seen.principal is not None:
        ack = my_acknowledgement(request, seen.principal, session)
    return page(
        request,
        seen,
        "policy.html",
        doc=policy_document(engine_policy.company, seen.lang),
        version=engine_policy.version,
        ack=ack,
    )


@router.post("/policy/acknowledge")
def acknowledge_form(
    request: Request,
    seen: Seen,
    session: DB,
    policy_version: Annotated[str, Form(max_length=80)],
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    who = person(seen, request)
    check_csrf(seen, request, csrf_token)
    try:
        body = AcknowledgeRequest(policy_version=policy_version)
    except ValidationError:
        raise HTTPException(
            422, f"policy version {policy_version!r} is not a version of this policy"
        ) from None
    acknowledge(body, request, who, session)
    return redirect("/policy#accept")
