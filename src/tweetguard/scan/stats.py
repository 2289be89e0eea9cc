"""What a scan counts as it goes, in memory that does not grow with the number of posts
(only with the number of accounts, months and rules): totals, verdicts, findings per rule,
per account and per month, posts per hour of the week (for rule 10), bad records, and the
worst examples (a bounded heap).

Fair to employees (design.md): productivity is shown to the person, and to others only for
groups of at least :data:`MIN_GROUP` people. So rule-10 findings are counted per rule and per
month but never per account, the hours of the week are per person only in that person's own
report (``to_dict(person=...)``), and such a report holds only that person's figures.
``to_dict()`` is what the report is made from (:mod:`tweetguard.scan.report`); its keys are
documented there.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from tweetguard.policy import Policy
from tweetguard.scan.core import Scanned

SEVERITY = {"info": 0, "warn": 1, "block": 2}
VERDICT = {"ok": 0, "warn": 1, "block": 2}
WORST = 20
BAD_EXAMPLES = 50
MIN_GROUP = 5  # people: below this, hours of the week are not shown for a group
PRODUCTIVITY = 10  # rule 10: time spent on Twitter in working hours


def _week_grid() -> list[list[int]]:
    return [[0] * 24 for _ in range(7)]


@dataclass
class ScanStats:
    policy: Policy
    sources: list[str] = field(default_factory=list)
    posts: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    findings: int = 0
    new_findings: int | None = None  # with a baseline: findings not in it
    by_rule: Counter[int] = field(default_factory=Counter)
    by_code: Counter[str] = field(default_factory=Counter)
    by_account: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_month: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_account_month: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    hours: dict[str, list[list[int]]] = field(default_factory=lambda: defaultdict(_week_grid))
    bad_records: int = 0
    bad_examples: list[dict[str, str]] = field(default_factory=list)
    elapsed_s: float = 0.0
    _worst: list[tuple[tuple[int, int, int], int, dict[str, Any]]] = field(default_factory=list)
    _order: itertools.count[int] = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self._zone = ZoneInfo(self.policy.config.work.timezone)

    def add(self, post: Scanned, *, new: int | None = None) -> None:
        """Count one checked post (``new``: how many of its findings the baseline lacks)."""
        self.posts += 1
        self.verdicts[post.verdict] += 1
        account = post.account or "(unknown)"
        acc = self.by_account[account]
        acc["posts"] += 1
        acc[post.verdict] += 1
        acc["findings"] += len(post.findings)
        self.findings += len(post.findings)
        if new is not None:
            self.new_findings = (self.new_findings or 0) + new
        month = None
        if post.created_at is not None:
            at = dt.datetime.fromisoformat(post.created_at).astimezone(self._zone)
            month = f"{at.year:04d}-{at.month:02d}"
            self.by_month[month]["posts"] += 1
            self.hours[account][at.weekday()][at.hour] += 1
        for f in post.findings:
            rule = int(f["rule"])
            self.by_rule[rule] += 1
            self.by_code[str(f["code"])] += 1
            if rule == PRODUCTIVITY:  # never counted per person (see the module docstring)
                acc["findings"] -= 1
            if month is not None:
                self.by_month[month]["findings"] += 1
                self.by_month[month][f"rule:{rule}"] += 1
                if rule != PRODUCTIVITY:
                    self.by_account_month[account][month] += 1
        if post.verdict != "ok":
            self._keep_worst(post)

    def _keep_worst(self, post: Scanned) -> None:
        worst = max((SEVERITY.get(str(f["severity"]), 0) for f in post.findings), default=0)
        score = (VERDICT.get(post.verdict, 0), worst, len(post.findings))
        item = (score, -next(self._order), _example(post))
        if len(self._worst) < WORST:
            heapq.heappush(self._worst, item)
        elif item[:2] > self._worst[0][:2]:
            heapq.heapreplace(self._worst, item)

    def bad(self, where: str, error: str) -> None:
        self.bad_records += 1
        if len(self.bad_examples) < BAD_EXAMPLES:
            self.bad_examples.append({"where": where, "error": error})

    def to_dict(self, *, person: str | None = None) -> dict[str, Any]:
        """The figures for the report. Hours of the week: for ``person`` only theirs; else
        all accounts together, and only when there are at least :data:`MIN_GROUP`."""
        work = self.policy.config.work
        accounts = [a for a in self.hours if a != "(unknown)"]
        if person is not None:
            key = next((a for a in self.hours if a.lower() == person.lower()), None)
            grid = self.hours[key] if key is not None else _week_grid()
            hours = {"scope": "person", "person": person, "grid": grid, "people": 1}
        elif len(accounts) >= MIN_GROUP:
            total = _week_grid()
            for a in accounts:
                for d in range(7):
                    for h in range(24):
                        total[d][h] += self.hours[a][d][h]
            hours = {"scope": "group", "grid": total, "people": len(accounts)}
        else:
            hours = {"scope": "hidden", "grid": None, "people": len(accounts)}
        worst = [item for _, _, item in sorted(self._worst, reverse=True)]
        by_account = {
            a: dict(c)
            for a, c in sorted(self.by_account.items(), key=lambda kv: (-kv[1]["findings"], kv[0]))
        }
        by_account_month = {a: dict(sorted(c.items())) for a, c in self.by_account_month.items()}
        if person is not None:
            mine = person.lower()
            by_account = {a: c for a, c in by_account.items() if a.lower() == mine}
            by_account_month = {a: c for a, c in by_account_month.items() if a.lower() == mine}
            worst = [w for w in worst if (w["account"] or "").lower() == mine]
        return {
            "policy": {"company": self.policy.company, "version": self.policy.version},
            "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sources": list(self.sources),
            "posts": self.posts,
            "verdicts": {v: self.verdicts.get(v, 0) for v in ("ok", "warn", "block")},
            "findings": self.findings,
            "new_findings": self.new_findings,
            "by_rule": {str(r): n for r, n in sorted(self.by_rule.items())},
            "by_code": dict(self.by_code.most_common()),
            "by_account": by_account,
            "by_month": {m: dict(c) for m, c in sorted(self.by_month.items())},
            "by_account_month": by_account_month,
            "hours": hours,
            "work": {
                "timezone": work.timezone,
                "hours": work.hours,
                "days": list(work.days),
                "posts_per_day": work.posts_per_day,
                "min_group": MIN_GROUP,
            },
            "worst": worst,
            "bad_records": self.bad_records,
            "bad_examples": list(self.bad_examples),
            "elapsed_s": round(self.elapsed_s, 3),
            "posts_per_s": round(self.posts / self.elapsed_s, 1) if self.elapsed_s else None,
        }


def _example(post: Scanned) -> dict[str, Any]:
    return {
        "verdict": post.verdict,
        "account": post.account,
        "created_at": post.created_at,
        "where": post.where,
        "text": post.text,
        "findings": [
            {
                "rule": f["rule"],
                "code": f["code"],
                "severity": f["severity"],
                "message": f["message"],
            }
            for f in post.findings
        ],
    }
