"""People and who they are on each request: argon2 passwords, API tokens (only their SHA-256
is stored), login sessions with CSRF tokens, and the FastAPI dependencies that the routes
use to say who may do what.

A request is authenticated by ``Authorization: Bearer <token>`` (integrations; limited to
the token's scopes) or by the session cookie of the pages (every scope; a state-changing
request must echo the session's CSRF token in ``X-CSRF-Token``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from tweetguard.errors import TweetguardError
from tweetguard.service import audit
from tweetguard.service.schema import ROLES, ApiToken, User, WebSession

SESSION_COOKIE = "tweetguard_session"
SESSION_HOURS = 12
SCOPES = ("check", "posts", "incidents", "acknowledgements", "audit", "me")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HASHER = PasswordHasher()


class UserError(TweetguardError):
    """A user, token or login request that cannot be carried out (says why)."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def hash_password(password: str) -> str:
    if len(password) < 10:
        raise UserError("a password needs at least 10 characters")
    return _HASHER.hash(password)


def password_ok(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    email: str,
    role: str,
    manager: str | None = None,
    password: str | None = None,
    actor: str = "system",
) -> User:
    if not USERNAME.match(username):
        raise UserError(
            f"username {username!r}: 2-63 characters, lower-case letters, digits, '.', '_', '-'"
        )
    if role not in ROLES:
        raise UserError(f"role {role!r}: one of {', '.join(ROLES)}")
    if not EMAIL.match(email):
        raise UserError(f"e-mail address {email!r} is not valid")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise UserError(f"user {username!r} exists already")
    manager_id = None
    if manager is not None:
        boss = session.scalar(select(User).where(User.username == manager))
        if boss is None:
            raise UserError(f"manager {manager!r} does not exist")
        if boss.role not in ("manager", "admin"):
            raise UserError(f"{manager!r} has role {boss.role!r}, not manager")
        manager_id = boss.id
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        email=email,
        role=role,
        manager_id=manager_id,
        password_hash=hash_password(password) if password else None,
        active=True,
        created_at=now(),
    )
    session.add(user)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="user.create",
        subject=f"user:{username}",
        data={"role": role, "manager": manager},
    )
    return user


def create_token(
    session: Session, user: User, *, name: str, scopes: list[str], actor: str = "system"
) -> str:
    """A new API token for ``user``; the token itself is returned once and never stored."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise UserError(f"scopes must be some of {', '.join(SCOPES)}; unknown: {unknown}")
    plain = "tg_" + secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            user_id=user.id,
            name=name,
            token_hash=sha256(plain),
            scopes=" ".join(sorted(set(scopes))),
            created_at=now(),
        )
    )
    audit.append(
        session,
        actor=actor,
        action="token.create",
        subject=f"user:{user.username}",
        data={"name": name, "scopes": sorted(set(scopes))},
    )
    return plain


def login(session: Session, username: str, password: str) -> tuple[str, WebSession]:
    """A new session for a correct username and password: (cookie value, session row)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active or not password_ok(user.password_hash, password):
        audit.append(session, actor=username[:100], action="login.failed", subject="session")
        raise UserError("unknown user or wrong password")
    cookie = secrets.token_urlsafe(32)
    row = WebSession(
        user_id=user.id,
        session_hash=sha256(cookie),
        csrf_token=secrets.token_urlsafe(24),
        created_at=now(),
        expires_at=now() + dt.timedelta(hours=SESSION_HOURS),
    )
    session.add(row)
    audit.append(session, actor=user.username, action="login", subject="session")
    return cookie, row


# --- FastAPI dependencies -----------------------------------------------------------------


def db(request: Request) -> Iterator[Session]:
    """A session for one request: committed when the route returns, rolled back entirely
    when it raises (nothing half-written remains)."""
    factory = request.app.state.sessions
    with factory() as session, session.begin():
        yield session


DB = Annotated[Session, Depends(db)]


@dataclass(frozen=True)
class Principal:
    user: User
    scopes: frozenset[str]
    via: str  # "token" or "session"

    @property
    def role(self) -> str:
        return self.user.role


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def principal(request: Request, session: DB) -> Principal:
    """Who sends the request; 401 when nobody (or nobody valid) does."""
    header = request.headers.get("authorization", "")
    if header:
        kind, _, value = header.partition(" ")
        if kind.lower() != "bearer" or not value.strip():
            raise _unauthorized("Authorization must be 'Bearer <token>'")
        token = session.scalar(select(ApiToken).where(ApiToken.token_hash == sha256(value.strip())))
        if token is None or token.revoked_at is not None:
            raise _unauthorized("unknown or revoked API token")
        user = session.get(User, token.user_id)
        if user is None or not user.active:
            raise _unauthorized("the token's user is not active")
        return Principal(user, frozenset(token.scopes.split()), "token")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = web_session(session, cookie)
        if found is None:
            raise _unauthorized("the session has expired: log in again")
        user, row = found
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            sent = request.headers.get("x-csrf-token", "")
            if not secrets.compare_digest(sent, row.csrf_token):
                raise HTTPException(403, "missing or wrong X-CSRF-Token for this session")
        return Principal(user, frozenset(SCOPES), "session")
    raise _unauthorized("log in, or send an API token")


def web_session(session: Session, cookie: str) -> tuple[User, WebSession] | None:
    """The active user and session row of a session cookie; None when the session is
    unknown or expired, or its user is no longer active."""
    row = session.scalar(select(WebSession).where(WebSession.session_hash == sha256(cookie)))
    if row is None:
        return None
    expires = row.expires_at
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.UTC)
    if expires < now():
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return user, row


def session_principal(user: User) -> Principal:
    """The principal of a logged-in page visitor: every scope, limited by the role."""
    return Principal(user, frozenset(SCOPES), "session")


Who = Annotated[Principal, Depends(principal)]


def allowed(who: Principal, *, scope: str, roles: tuple[str, ...] | None = None) -> None:
    """403 unless the principal has the scope and (when given) one of the roles."""
    if scope not in who.scopes:
        raise HTTPException(403, f"this token lacks the scope {scope!r}")
    if roles is not None and who.role not in roles:
        raise HTTPException(403, f"role {who.role!r} may not do this (needs {', '.join(roles)})")
