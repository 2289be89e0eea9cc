"""A demo team for trying the pages (``tweetguard demo``, run by ``make run``): eight people
of the fictional Tulpwerk in every role, a few posts in each state over the past weeks, and
incident reports, made through the same functions as the API (so the audit trail is real).

Demo only: everyone has the password :data:`DEMO_PASSWORD`. Nothing is seeded into a
database that already has people in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from fastapi import Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tweetguard.engine import Engine
from tweetguard.service.auth import create_user, session_principal
from tweetguard.service.db import transaction
from tweetguard.service.routes_incidents import change_status, report_incident
from tweetguard.service.routes_posts import (
    AcknowledgeRequest,
    ApproveRequest,
    PostCreate,
    RejectRequest,
    acknowledge,
    approve_post,
    create_post,
    reject_post,
    submit_post,
)
from tweetguard.service.schema import Incident, Post, User
from tweetguard.times import as_utc

DEMO_PASSWORD = "tulpwerk-demo"

# username, name, role, manager, accepted the current policy
PEOPLE: tuple[tuple[str, str, str, str | None, bool], ...] = (
    ("ada", "Ada de Vries", "admin", None, True),
    ("maria", "Maria Jansen", "manager", None, True),
    ("eva", "Eva Bakker", "employee", "maria", True),
    ("erik", "Erik Visser", "employee", "maria", False),
    ("otto", "Otto Smit", "employee", None, False),
    ("carla", "Carla Mulder", "communications", None, True),
    ("chris", "Chris de Boer", "communications", None, True),
    ("cor", "Cor Meijer", "compliance", None, True),
)

# author, text, what happens to it, days ago
POSTS: tuple[tuple[str, str, str, int], ...] = (
    (
        "carla",
        "Vandaag openen we onze nieuwe vestiging in Utrecht. Welkom! #Tulpwerk",
        "approve",
        60,
    ),
    (
        "carla",
        "Onze klantenservice is vandaag tot 20.00 uur bereikbaar via 020-5551234.",
        "approve",
        45,
    ),
    (
        "chris",
        "@klant123 vervelend! Stuur me je klantnummer en IBAN NL91ABNA0417164300, dan regel "
        "ik het.",
        "reject",
        38,
    ),
    ("chris", "Wat een stel idioten bij de concurrent, haha.", "reject", 30),
    (
        "carla",
        "Binnenkort meer over de reorganisatie, intern heet het project Zonnebloem.",
        "submit",
        20,
    ),
    (
        "eva",
        "Trots op ons team: de Tulpwerk Thuisbatterij wint de Energie Award 2026!",
        "approve",
        12,
    ),
    ("chris", "Onze kwartaalcijfers komen volgende week; de omzet stijgt met 12%.", "submit", 5),
    ("carla", "Fijn weekend allemaal! 🌷", "draft", 1),
)

# reporter, link, text, days ago, status changes since
INCIDENTS: tuple[tuple[str, str, str | None, int, tuple[str, ...]], ...] = (
    (
        "eva",
        "https://x.com/iemand/status/1860000000000000001",
        "Gelekte planning van project Zonnebloem met namen van collega's.",
        0,
        (),
    ),
    (
        "erik",
        "https://x.com/anoniem/status/1859000000000000002",
        "Screenshot van een interne mail over de reorganisatie.",
        3,
        ("acknowledged",),
    ),
    (
        "otto",
        "https://x.com/lek/status/1850000000000000003",
        None,
        12,
        ("acknowledged", "takedown_requested"),
    ),
    (
        "eva",
        "https://x.com/oud/status/1840000000000000004",
        "Prijslijst voor 2027, nog niet openbaar.",
        40,
        ("acknowledged", "resolved"),
    ),
)


@dataclass(frozen=True)
class _State:
    engine: Engine


@dataclass(frozen=True)
class _App:
    state: _State


@dataclass(frozen=True)
class _Request:
    """What the API's functions read from a request: the app's engine."""

    app: _App


def _users(session: Session) -> dict[str, User]:
    return {u.username: u for u in session.scalars(select(User)).all()}


def seed_demo(
    factory: sessionmaker[Session],
    engine: Engine,
    *,
    public_url: str = "http://127.0.0.1:8000",
    now: dt.datetime | None = None,
) -> bool:
    """Seed the demo team into an empty database; False (and nothing done) when it has
    people already."""
    at = as_utc(now)
    request = cast(Request, _Request(_App(_State(engine))))
    with transaction(factory) as session:
        if session.scalar(select(func.count()).select_from(User)):
            return False
        for username, name, role, manager, _ in PEOPLE:
            create_user(
                session,
                username=username,
                display_name=name,
                email=f"{username}@tulpwerk.example",
                role=role,
                manager=manager,
                password=DEMO_PASSWORD,
                actor="demo",
            )
        people = _users(session)
        version = engine.policy.version
        for username, *_, accepted in PEOPLE:
            if accepted:
                who = session_principal(people[username])
                acknowledge(AcknowledgeRequest(policy_version=version), request, who, session)
        handle = next(
            h for h in engine.policy.company_handles if engine.policy.kind_of(h) == "company"
        )
        decider = session_principal(people["cor"])
        for author, text, fate, days in POSTS:
            who = session_principal(people[author])
            post: dict[str, Any] = create_post(
                PostCreate(text=text, account=handle), request, who, session
            )
            if fate != "draft":
                submit_post(post["id"], request, who, session)
            if fate == "approve":
                reason = "Akkoord na controle." if post["verdict"] == "block" else None
                approve_post(post["id"], request, decider, session, ApproveRequest(reason=reason))
            elif fate == "reject":
                reject_post(
                    post["id"],
                    RejectRequest(reason="Niet in lijn met het beleid; zie de bevindingen."),
                    decider,
                    session,
                )
            row = session.get(Post, post["id"])
            assert row is not None
            row.created_at = row.updated_at = at - dt.timedelta(days=days)
        for reporter, link, seen, days, steps in INCIDENTS:
            incident = report_incident(
                session,
                reporter=people[reporter],
                link=link,
                text=seen,
                note="Gezien op mijn tijdlijn.",
                public_url=public_url,
            )
            for status in steps:
                handler = people["maria"] if incident.manager_id else people["cor"]
                change_status(
                    session,
                    incident=incident,
                    actor=handler,
                    status=status,
                    note=None,
                    public_url=public_url,
                )
            row_i = session.get(Incident, incident.id)
            assert row_i is not None
            row_i.created_at = at - dt.timedelta(days=days)
    return True
