"""The compliance dashboard: who accepted the current policy, incidents by status and age,
findings on company posts by rule over time (SVG charts drawn on the server), and the audit
trail with the result of verifying its hash chain."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from tweetguard import charts
from tweetguard.service.audit import verify
from tweetguard.service.auth import DB, now
from tweetguard.service.routes_posts import list_acknowledgements
from tweetguard.service.stats import (
    AGE_BUCKETS,
    audit_entries,
    findings_by_rule_week,
    incidents_by_status,
    open_incident_ages,
)
from tweetguard.web.core import DASHBOARD, Seen, page, person
from tweetguard.web.i18n import translator

router = APIRouter(include_in_schema=False)
AUDIT_PAGE = 50
CARD = 400  # the charts in the narrow cards: drawn small, so their text stays readable


@router.get("/compliance", response_class=HTMLResponse)
def dashboard(request: Request, seen: Seen, session: DB, before: int | None = None) -> HTMLResponse:
    who = person(seen, request, *DASHBOARD)
    t = translator(seen.lang)
    at = now()
    coverage = list_acknowledgements(request, who, session)
    counts = coverage["counts"]
    by_status = incidents_by_status(session)
    ages = open_incident_ages(session, at)
    weekly = findings_by_rule_week(session, at)
    rule = t("rule")
    svg: dict[str, str] = {
        "coverage": charts.progress_bar(
            "coverage",
            t("dash.coverage"),
            counts["acknowledged"],
            counts["active_users"],
            labels=(t("dash.accepted"), t("dash.not_accepted")),
            width=CARD,
        ),
        "status": charts.bar_chart(
            "incidents-status",
            t("dash.incidents_status"),
            [(t("status." + s), n) for s, n in by_status.items()],
            width=CARD,
        ),
        "age": charts.bar_chart(
            "incidents-age",
            t("dash.incidents_age"),
            [(t("age." + name), ages[name]) for name, _ in AGE_BUCKETS],
            width=CARD,
        ),
        "findings": charts.stacked_columns(
            "findings-weekly",
            t("dash.findings"),
            list(weekly.weeks),
            [
                (f"{rule} {n}" if n else t("platform"), list(values))
                for n, values in weekly.by_rule.items()
            ],
        ),
    }
    check = verify(session)
    entries: list[dict[str, Any]] = [
        {
            "id": e.id,
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "subject": e.subject,
            "data": json.loads(e.data) if e.data else {},
            "hash": e.hash,
        }
        for e in audit_entries(session, before=before, limit=AUDIT_PAGE)
    ]
    return page(
        request,
        seen,
        "dashboard.html",
        charts={k: Markup(v) for k, v in svg.items()},  # our own SVG: every text in it is escaped
        coverage=coverage,
        weekly=weekly,
        check=check,
        entries=entries,
        before=before,
        older=entries[-1]["id"] if len(entries) == AUDIT_PAGE else None,
    )
