"""The HTTP API (contract.md, "HTTP"): ``POST /api/v1/check``, ``GET /api/v1/policy``,
``GET /healthz``, ``GET /openapi.json``.

A check needs no login and stores nothing: the draft goes through the engine and the report
comes back. Every error is JSON, ``{"error": "...", "details": [{"loc": ..., "msg": ...}]}``,
with a 4xx status that says whose fault it was: 400 unreadable body, 413 body too large,
422 a draft that breaks the contract (with the field at fault).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any, Literal

from fastapi import FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import text
from starlette.exceptions import HTTPException as StarletteHTTPException

from tweetguard.draft import Draft
from tweetguard.engine import Engine
from tweetguard.policy import load_policy
from tweetguard.policy.render import render_policy
from tweetguard.service.db import make_engine, migrate, sessions
from tweetguard.service.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def error(status: int, message: str, details: list[dict[str, Any]] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "details": details or []}, status_code=status)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413 before the application reads
    them: at once when Content-Length says so, else after reading at most ``limit + 1``
    bytes of a streamed body (which is then handed on whole)."""

    def __init__(self, app: ASGIApp, limit: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.default = limit
        self.larger = larger or {}  # path -> its own limit (image uploads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope.get("path", ""), self.default)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        too_large = error(413, f"the request body is larger than {limit} bytes")
        if length is not None:
            if length.isdigit() and int(length) > limit:
                await too_large(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _loc(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(p) for p in loc)


def _validation_error(errors: list[Any], prefix: tuple[str, ...] = ()) -> JSONResponse:
    details = [
        {
            "loc": _loc((*prefix, *e.get("loc", ()))),
            "msg": str(e.get("msg", "")).removeprefix("Value error, "),
        }
        for e in errors
    ]
    if any(e.get("type") == "json_invalid" for e in errors):
        return error(400, "the request body is not valid JSON", details)
    first = details[0] if details else {"loc": "", "msg": "invalid request"}
    return error(422, f"{first['loc']}: {first['msg']}", details)


def _draft_error(exc: ValidationError) -> JSONResponse:
    return _validation_error(list(exc.errors()), ("body",))


def create_app(settings: Settings | None = None) -> FastAPI:
    from tweetguard import web
    from tweetguard.web.core import error_page, is_page

    settings = settings or Settings()
    policy = load_policy(settings.policy)
    engine = Engine(policy)
    db = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        migrate(db)
        yield
        db.dispose()

    app = FastAPI(
        title="tweetguard",
        version="1",
        summary="Checks drafts against the company's Twitter policy (Dutch and English).",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.db = db
    app.state.sessions = sessions(db)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        answer = _validation_error(list(exc.errors()))
        if is_page(request):
            details = json.loads(bytes(answer.body))
            return error_page(request, answer.status_code, details["error"])
        return answer

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if is_page(request):
            return error_page(request, exc.status_code, str(exc.detail))
        return error(exc.status_code, str(exc.detail))

    @app.get("/healthz", tags=["service"])
    def healthz() -> JSONResponse:
        """200 when the service and its database answer, 503 otherwise."""
        try:
            with db.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            return JSONResponse(
                {"status": "error", "database": type(exc).__name__}, status_code=503
            )
        return JSONResponse({"status": "ok", "database": "ok", "policy": policy.version})

    @app.post(
        "/api/v1/check",
        tags=["check"],
        response_class=JSONResponse,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": Draft.model_json_schema()}},
            }
        },
    )
    async def check(request: Request) -> Response:
        """Check a draft (contract.md, "A draft") against the policy. No login needed;
        nothing is stored.

        The body is parsed by pydantic-core straight from the bytes and the check runs on the
        event loop: it takes well under a millisecond and is pure Python, so a thread pool
        would only add switching under the GIL."""
        body = await request.body()
        try:
            draft = Draft.model_validate_json(body)
        except ValidationError as exc:
            return _draft_error(exc)
        report = engine.check(draft).to_dict()
        return Response(
            json.dumps(report, ensure_ascii=False, separators=(",", ":")).encode(),
            media_type="application/json",
        )

    @app.get("/api/v1/policy", tags=["policy"])
    def get_policy(
        lang: Literal["nl", "en"] = Query("nl", description="Language of the text."),
    ) -> dict[str, str]:
        """The policy text with the company's name, and its version."""
        return {"version": policy.version, "text": render_policy(policy.company, lang=lang)}

    from tweetguard.service import routes_incidents, routes_people, routes_posts

    app.include_router(routes_people.router)
    app.include_router(routes_posts.router)
    app.include_router(routes_incidents.router)
    web.install(app)
    app.add_middleware(
        BodyLimit,
        limit=settings.max_body_bytes,
        larger={"/check/media": settings.max_upload_bytes},
    )
    return app
