"""The scan report: one self-contained HTML file for a compliance officer, or a Markdown
summary, in Dutch (default) or English, made from the figures of a scan.

    render_html(figures, lang="nl")      -> str   (``--report report.html``)
    render_markdown(figures, lang="nl")  -> str   (``--format md``)
    week_heatmap(grid, work_hours, ...)  -> str   (an inline SVG: posts per hour of the week)

The HTML loads nothing: styles are inline, charts are inline SVG (:mod:`tweetguard.charts`
and :func:`week_heatmap`), there is no script, font or image. Every text is escaped (Jinja2
autoescape; the Markdown escapes its own). Post texts arrive redacted from the scan.

``figures`` is :meth:`tweetguard.scan.stats.ScanStats.to_dict`::

    policy          {"company": str, "version": str}
    generated_at    ISO 8601 (UTC)
    sources         [str]                        what was read
    posts           int                          posts checked
    verdicts        {"ok"|"warn"|"block": int}
    findings        int;  new_findings: int | None (with a baseline: not in it)
    by_rule         {"N": int}                   rule number (0: platform) → findings
    by_code         {"R1.secret": int}           most common first
    by_account      {account: {"posts", "ok", "warn", "block", "findings": int}}
    by_month        {"YYYY-MM": {"posts", "findings", "rule:N": int}}
    by_account_month {account: {"YYYY-MM": findings}}
    hours           {"scope": "person"|"group"|"hidden", "grid": 7×24 ints (Monday first,
                    local time) | None, "people": int, "person": str (scope "person")}
    work            {"timezone", "hours": "09:00-17:30", "posts_per_day", "min_group",
                    "days" (optional, default Monday to Friday)}
    worst           [{"verdict", "account", "created_at", "where", "text" (redacted),
                      "findings": [{"rule", "code", "severity", "message": {"nl", "en"}}]}]
    bad_records     int;  bad_examples: [{"where", "error"}]
    elapsed_s       float;  posts_per_s: float | None

Fair to employees (design.md): figures about working time (rule 10) are shown for one person
only in that person's own report, and for a group only of at least ``min_group`` people;
findings under rule 10 are left out of the examples unless the report is the person's own.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2
from markupsafe import Markup

from tweetguard import charts
from tweetguard.rules import BY_NUMBER
from tweetguard.scan.report_texts import TEXTS

__all__ = ["render_html", "render_markdown", "week_heatmap"]

LANGS = ("nl", "en")
TOP_ACCOUNTS = 50  # rows in the accounts table of the HTML report
TOP_ACCOUNTS_MD = 20
TOP_LINES = 5  # accounts in the line chart
WORST_MD = 10
BAD_MD = 10
WIDE = 800  # the charts across the page: drawn about as wide as shown, so their text stays legible
MAX_MONTHS = 120  # months between the first and the last filled in with zeros up to this span
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WORK_DAYS = DAYS[:5]
RAMP = ("#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b")  # few posts → many
ZERO = "#f3f4f6"


Translate = Callable[..., str]


def _translator(lang: str) -> Translate:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    i = LANGS.index(lang)

    def t(key: str, **kw: object) -> str:
        text = TEXTS[key][i]
        return text.format(**kw) if kw else text

    return t


# -- numbers, times and names -------------------------------------------------------------------


def _n(value: float, lang: str, digits: int = 0) -> str:
    """A number the way the language writes it: 12.345,6 in Dutch, 12,345.6 in English."""
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def _pct(part: int, total: int, lang: str) -> str:
    """``part`` of ``total`` in whole percents; never 0% for some nor 100% for not all."""
    if not total:
        return "–"
    pct = round(100 * part / total)
    if part and not pct:
        return "<1%"
    return ">99%" if part < total and pct == 100 else f"{_n(pct, lang)}%"


def _duration(seconds: float, lang: str) -> str:
    if seconds < 60:
        return f"{_n(seconds, lang, 1)} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} {'u' if lang == 'nl' else 'h'} {minutes:02d} min"


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def _when(iso: str | None, zone: dt.tzinfo) -> str:
    """An ISO time as local ``YYYY-MM-DD HH:MM``; as given when it is not one."""
    if not iso:
        return "–"
    try:
        at = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _word(t: Translate, kind: str, value: object) -> str:
    """The translation of a verdict or severity; an unknown one as it is."""
    key = f"{kind}.{value}"
    return t(key) if key in TEXTS else str(value)


def rule_label(number: int, lang: str, *, title: bool = True) -> str:
    """``Regel 4 · Copyright`` (``Rule 4 · …``); rule 0 is ``Platform``."""
    if number == 0:
        return "Platform"
    rule = BY_NUMBER.get(number)
    head = f"{'Regel' if lang == 'nl' else 'Rule'} {number}"
    return f"{head} · {rule.title.get(lang)}" if title and rule is not None else head


def _rule_of(code: str) -> int | None:
    m = re.match(r"R(\d+)\.", code)
    return int(m.group(1)) if m else (0 if code.startswith("P") else None)


def _months(by_month: Mapping[str, Any]) -> list[str]:
    """The months of the figures, with the empty ones between them filled in."""
    present = sorted(by_month)
    try:
        first, last = (tuple(map(int, m.split("-"))) for m in (present[0], present[-1]))
    except (IndexError, ValueError):
        return present
    span = (last[0] - first[0]) * 12 + last[1] - first[1]
    if not 0 <= span < MAX_MONTHS:
        return present
    return [
        f"{first[0] + (first[1] - 1 + i) // 12:04d}-{(first[1] - 1 + i) % 12 + 1:02d}"
        for i in range(span + 1)
    ]


# -- rule 10: hours of the week -----------------------------------------------------------------


def work_hours_set(work_hours: str) -> frozenset[int]:
    """The hours (0–23) that count as working time: at least half of the hour within
    ``work_hours`` (``"09:00-17:30"``; a span past midnight such as ``"22:00-06:00"`` too)."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})", work_hours.strip())
    if m is None:
        raise ValueError(f"{work_hours!r} is not a range of hours like '09:00-17:30'")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    spans = [(start, end)] if start <= end else [(start, 1440), (0, end)]
    return frozenset(
        h
        for h in range(24)
        if sum(max(0, min(b, h * 60 + 60) - max(a, h * 60)) for a, b in spans) >= 30
    )


def hour_shares(
    grid: Sequence[Sequence[int]], work_hours: str, work_days: Sequence[str] = WORK_DAYS
) -> dict[str, int]:
    """Posts in the grid: ``total``, ``inside`` working hours, ``outside`` them on working
    days, and on days ``off``."""
    hours = work_hours_set(work_hours)
    out = {"total": 0, "inside": 0, "outside": 0, "off": 0}
    for d, row in enumerate(grid):
        for h, n in enumerate(row):
            out["total"] += n
            key = "off" if DAYS[d] not in work_days else "inside" if h in hours else "outside"
            out[key] += n
    return out


def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _ink(fill: str) -> str:
    """The text colour that reads best on ``fill``: the charts' dark grey or white."""
    return max((charts.TEXT, "#ffffff"), key=lambda ink: contrast(fill, ink))


def _fill(n: int, peak: int) -> str:
    return ZERO if n <= 0 else RAMP[min(math.ceil(n / peak * len(RAMP)), len(RAMP)) - 1]


def _runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive runs in sorted ``indices`` as (first, last)."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def week_heatmap(
    grid: Sequence[Sequence[int]],
    work_hours: str,
    *,
    work_days: Sequence[str] = WORK_DAYS,
    chart_id: str = "hours",
    title: str | None = None,
    lang: str = "nl",
    width: int = 640,
) -> str:
    """Posts per hour of the week as an ``<svg>`` heat map: a row per day (Monday first), a
    cell per hour with its count written in it and a ``<title>`` tooltip, the working hours
    of the working days outlined. Colours go from light to dark blue; the text on a cell is
    dark grey or white, whichever contrasts more (at least 4.5:1)."""
    t = _translator(lang)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", chart_id):
        raise ValueError(f"chart_id {chart_id!r} must match [A-Za-z][A-Za-z0-9_-]*")
    if len(grid) != 7 or any(len(row) != 24 for row in grid):
        raise ValueError("grid must be 7 rows (Monday first) of 24 hours")
    if any(not isinstance(n, int) or n < 0 for row in grid for n in row):
        raise ValueError("grid must hold whole numbers >= 0")
    title = t("chart.hours") if title is None else title
    names = t("days").split()
    hours = work_hours_set(work_hours)
    peak = max(max(row) for row in grid)
    left, top, pad, cell_h = 44, 54, 8, 24
    cell_w = (width - left - pad) / 24
    esc = functools.partial(html.escape, quote=True)

    def num(x: float) -> str:
        return f"{x:.2f}".rstrip("0").rstrip(".")

    parts = ['<g class="hour-labels" font-size="11" text-anchor="middle">']
    for h in range(24):
        parts.append(f'<text x="{num(left + (h + 0.5) * cell_w)}" y="{top - 8}">{h:02d}</text>')
    parts.append('</g><g class="cells" font-size="10" text-anchor="middle">')
    for d, row in enumerate(grid):
        y = top + d * cell_h
        parts.append(
            f'<text x="{left - 8}" y="{y + cell_h / 2}" dy="0.35em" text-anchor="end" '
            f'font-size="12">{esc(names[d])}</text>'
        )
        for h, n in enumerate(row):
            fill, x = _fill(n, peak), left + h * cell_w
            word = t("post.1" if n == 1 else "post.n")
            tip = esc(t("hours.cell", day=names[d], h=h, h2=h + 1, n=_n(n, lang), posts=word))
            label = (
                f'<text x="{num(x + cell_w / 2)}" y="{y + cell_h / 2}" dy="0.35em" '
                f'fill="{_ink(fill)}">{n if n < 1000 else f"{n // 1000}k"}</text>'
                if n
                else ""
            )
            parts.append(
                f'<g><title>{tip}</title><rect x="{num(x + 1)}" y="{y + 1}" '
                f'width="{num(cell_w - 2)}" height="{cell_h - 2}" fill="{fill}"/>{label}</g>'
            )
    parts.append('</g><g class="work-hours" fill="none" stroke="#111827" stroke-width="2">')
    day_runs = _runs([i for i, d in enumerate(DAYS) if d in work_days])
    for first_h, last_h in _runs(sorted(hours)):
        for first_d, last_d in day_runs:
            parts.append(
                f'<rect x="{num(left + first_h * cell_w)}" y="{top + first_d * cell_h}" '
                f'width="{num((last_h - first_h + 1) * cell_w)}" '
                f'height="{(last_d - first_d + 1) * cell_h}"/>'
            )
    legend_y = top + 7 * cell_h + 14
    parts.append(f'</g><g class="legend"><text x="{left}" y="{legend_y + 6}" dy="0.35em">0</text>')
    x = left + 14
    for colour in (ZERO, *RAMP):
        parts.append(f'<rect x="{x}" y="{legend_y}" width="18" height="12" fill="{colour}"/>')
        x += 20
    parts.append(f'<text x="{x + 4}" y="{legend_y + 6}" dy="0.35em">{_n(peak, lang)}</text>')
    x += 24 + 7 * len(_n(peak, lang))
    parts.append(
        f'<rect x="{x}" y="{legend_y}" width="18" height="12" fill="none" stroke="#111827" '
        f'stroke-width="2"/><text x="{x + 24}" y="{legend_y + 6}" dy="0.35em">'
        f"{esc(t('hours.legend'))} ({esc(work_hours)})</text></g>"
    )
    shares = hour_shares(grid, work_hours, work_days)
    busiest = max(((d, h) for d in range(7) for h in range(24)), key=lambda k: grid[k[0]][k[1]])
    peak_text = f"{names[busiest[0]]} {busiest[1]:02d}:00 ({_n(peak, lang)})" if peak else "–"
    desc = t(
        "hours.desc",
        total=_n(shares["total"], lang),
        inside=_pct(shares["inside"], shares["total"], lang),
        hours=work_hours,
        peak=peak_text,
    )
    height = legend_y + 24
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" viewBox="0 0 {width} '
        f'{height}" width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="{charts.FONT}" fill="{charts.TEXT}">'
        f'<title id="{chart_id}-title">{esc(title)}</title>'
        f'<desc id="{chart_id}-desc">{esc(desc)}</desc>'
        f'<text x="{pad}" y="20" font-size="15" font-weight="600">{esc(title)}</text>'
        + "".join(parts)
        + "</svg>"
    )


# -- the view both renderers share --------------------------------------------------------------


def _view(figures: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """What the report shows, worked out once: labels translated, numbers counted."""
    t = _translator(lang)
    work = figures.get("work") or {}
    tz_name = str(work.get("timezone") or "UTC")
    zone = _zone(tz_name)
    verdicts = figures.get("verdicts") or {}
    posts = int(figures.get("posts") or 0)
    by_rule = {int(k): int(v) for k, v in (figures.get("by_rule") or {}).items()}
    rules = sorted(by_rule, key=lambda n: (n == 0, n))
    hours = dict(figures.get("hours") or {"scope": "hidden", "grid": None, "people": 0})
    person_report = hours.get("scope") == "person"
    worst = []
    for ex in figures.get("worst") or []:
        shown = [f for f in ex.get("findings", []) if person_report or int(f["rule"]) != 10]
        worst.append(
            {
                **ex,
                "when": _when(ex.get("created_at"), zone),
                "verdict_label": _word(t, "verdict", ex.get("verdict")),
                "findings": [
                    {
                        **f,
                        "text": (f.get("message") or {}).get(lang, ""),
                        "severity_label": _word(t, "severity", f.get("severity")),
                    }
                    for f in shown
                ],
                "r10_hidden": len(ex.get("findings", [])) - len(shown),
            }
        )
    accounts = list((figures.get("by_account") or {}).items())
    version = str((figures.get("policy") or {}).get("version") or "")
    speed = figures.get("posts_per_s")
    elapsed = float(figures.get("elapsed_s") or 0)
    return {
        "lang": lang,
        "t": t,
        "company": (figures.get("policy") or {}).get("company") or "",
        "version": version,
        "version_short": version if len(version) <= 20 else version[:19] + "…",
        "generated": f"{_when(figures.get('generated_at'), zone)} ({tz_name})",
        "tz": tz_name,
        "sources": list(figures.get("sources") or []),
        "posts": posts,
        "speed": (
            t("per_s", n=_n(speed, lang, 1), t=_duration(elapsed, lang))
            if speed
            else t("in_t", t=_duration(elapsed, lang))
        ),
        "verdicts": [
            (t(f"verdict.{v}"), int(verdicts.get(v, 0)), _pct(int(verdicts.get(v, 0)), posts, lang))
            for v in ("ok", "warn", "block")
        ],
        "findings": int(figures.get("findings") or 0),
        "new_findings": figures.get("new_findings"),
        "rules": [(n, rule_label(n, lang), by_rule[n]) for n in rules],
        "codes": [
            (code, rule_label(r, lang) if (r := _rule_of(code)) is not None else "–", int(n))
            for code, n in (figures.get("by_code") or {}).items()
        ],
        "months": _months(figures.get("by_month") or {}),
        "by_month": figures.get("by_month") or {},
        "accounts": accounts[:TOP_ACCOUNTS],
        "accounts_more": max(len(accounts) - TOP_ACCOUNTS, 0),
        "all_accounts": accounts,
        "hours": hours,
        "work": work,
        "work_days": list(work.get("days") or WORK_DAYS),
        "worst": worst,
        "bad_records": int(figures.get("bad_records") or 0),
        "bad_examples": list(figures.get("bad_examples") or []),
        "n": functools.partial(_n, lang=lang),
        "pct": functools.partial(_pct, lang=lang),
    }


def _charts(v: dict[str, Any], figures: Mapping[str, Any]) -> dict[str, str]:
    t, lang = v["t"], v["lang"]
    empty = t("empty")
    months, by_month = v["months"], v["by_month"]
    series = [
        (
            rule_label(n, lang, title=False),
            [float(by_month.get(m, {}).get(f"rule:{n}", 0)) for m in months],
        )
        for n, _, _ in v["rules"]
    ]
    per_account = figures.get("by_account_month") or {}
    top = sorted(per_account, key=lambda a: (-sum(per_account[a].values()), a))[:TOP_LINES]
    out = {
        "verdicts": charts.bar_chart(
            "chart-verdicts",
            t("chart.verdicts"),
            [(label, n) for label, n, _ in v["verdicts"]],
            width=480,
            empty=empty,
        ),
        "rules": charts.bar_chart(
            "chart-rules",
            t("chart.rules"),
            [(label, n) for _, label, n in v["rules"]],
            width=760,
            empty=empty,
        ),
        "months": charts.stacked_columns(
            "chart-months", t("chart.months"), months, series, width=WIDE, empty=empty
        ),
        "accounts": charts.line_chart(
            "chart-accounts",
            t("chart.accounts", n=len(top)),
            months,
            [(a, [float(per_account[a].get(m, 0)) for m in months]) for a in top],
            width=WIDE,
            empty=empty,
        ),
    }
    grid = v["hours"].get("grid")
    if v["hours"].get("scope") != "hidden" and grid is not None:
        out["hours"] = week_heatmap(
            grid,
            str(v["work"].get("hours") or "09:00-17:30"),
            work_days=v["work_days"],
            chart_id="chart-hours",
            lang=lang,
        )
    return out


def _hours_view(v: dict[str, Any]) -> dict[str, Any]:
    """The sentence and, with a grid, the shares of rule 10's section."""
    t, h, work = v["t"], v["hours"], v["work"]
    min_group = work.get("min_group", 5)
    scope = h.get("scope") if h.get("grid") is not None else "hidden"
    if scope == "person":
        intro = t("hours.person", person=h.get("person", ""), tz=v["tz"])
    elif scope == "group":
        intro = t("hours.group", n=h.get("people", 0), tz=v["tz"])
    else:
        return {"intro": t("hours.hidden", min=min_group, n=h.get("people", 0)), "shares": []}
    work_hours = str(work.get("hours") or "09:00-17:30")
    s = hour_shares(h["grid"], work_hours, v["work_days"])
    rows = [
        (t("hours.inside", hours=work_hours), s["inside"]),
        (t("hours.outside"), s["outside"]),
        (t("hours.off"), s["off"]),
    ]
    return {
        "intro": intro,
        "shares": [(label, n, _pct(n, s["total"], v["lang"])) for label, n in rows],
        "help": t("hours.help", budget=work.get("posts_per_day", "–")),
    }


# -- HTML ---------------------------------------------------------------------------------------


@functools.cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("tweetguard.scan", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(figures: dict[str, Any], *, lang: str = "nl") -> str:
    """The report as one self-contained HTML page (``lang``: ``"nl"`` or ``"en"``)."""
    v = _view(figures, lang)
    svg = {k: Markup(s) for k, s in _charts(v, figures).items()}  # escaped in the SVG
    return _env().get_template("report.html.j2").render(**v, charts=svg, hours_view=_hours_view(v))


# -- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_|~])")


def _md(text: object) -> str:
    """Text for Markdown, on one line: its own characters escaped, ``& < >`` as entities (so
    no HTML gets through to a renderer)."""
    s = _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s*[\r\n]+\s*", " ", str(text)))
    s = re.sub(r"\](?=[(\[:])", r"\\]", s)  # no links: [a](b), [a][b], [a]: b
    return html.escape(s, quote=False)


def _table(head: Sequence[str], rows: Sequence[Sequence[object]], right: int = 1) -> list[str]:
    """A Markdown table; the columns from ``right`` on are numbers, aligned right."""
    align = ["---" if i < right else "---:" for i in range(len(head))]
    lines = ["| " + " | ".join(_md(h) for h in head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(figures: dict[str, Any], *, lang: str = "nl") -> str:
    """A plain summary of the report in Markdown (``lang``: ``"nl"`` or ``"en"``)."""
    v = _view(figures, lang)
    t, n = v["t"], v["n"]
    out = [
        f"# {_md(t('title'))} — {_md(v['company'])}",
        "",
        f"- {t('policy')}: {_md(v['version'] or '–')}",
        f"- {t('generated')}: {_md(v['generated'])}",
        f"- {t('sources')}: {', '.join(_md(s) for s in v['sources']) or t('none')}",
        f"- {t('scanned')}: {n(v['posts'])} ({_md(v['speed'])})",
        "",
        f"## {t('s.totals')}",
        "",
        *_table([t("verdict"), t("count"), t("share")], v["verdicts"]),
        f"- {t('findings')}: {n(v['findings'])}",
    ]
    if v["new_findings"] is not None:
        out.append(f"- {t('new')}: {n(v['new_findings'])}")
    out += [f"- {t('bad')}: {n(v['bad_records'])}", "", f"## {t('s.rules')}", ""]
    out += _table([t("rule"), t("findings")], [(label, n(c)) for _, label, c in v["rules"]])
    out += _table(
        [t("code"), t("rule"), t("findings")], [(c, r, n(k)) for c, r, k in v["codes"]], 2
    )
    accounts = v["all_accounts"]
    out += [f"## {t('s.accounts')}", ""]
    out += _table(
        [t("account"), t("posts"), t("verdict.warn"), t("verdict.block"), t("findings")],
        [
            (a, *(n(int(c.get(k, 0))) for k in ("posts", "warn", "block", "findings")))
            for a, c in accounts[:TOP_ACCOUNTS_MD]
        ],
    )
    if len(accounts) > TOP_ACCOUNTS_MD:
        out += [t("accounts.more", n=n(len(accounts) - TOP_ACCOUNTS_MD)), ""]
    hv = _hours_view(v)
    out += [f"## {t('s.hours')}", "", _md(hv["intro"]), ""]
    if hv["shares"]:
        out += _table(["", t("posts"), t("share")], hv["shares"])
    out += [f"## {t('s.worst')}", ""]
    for i, ex in enumerate(v["worst"][:WORST_MD], 1):
        head = f"{ex['verdict_label']} — {ex.get('account') or '–'}, {ex['when']}"
        out += [f"### {i}. {_md(head)}", "", f"> {_md(ex.get('text', ''))}", ""]
        out += [
            f"- **{_md(f['code'])}** ({f['severity_label']}): {_md(f['text'])}"
            for f in ex["findings"]
        ]
        if ex["r10_hidden"]:
            out.append(f"- {t('worst.r10', n=ex['r10_hidden'])}")
        out += [f"- {t('where')}: {_md(ex.get('where', ''))}", ""]
    out += [f"## {t('bad')}", "", f"{t('count')}: {n(v['bad_records'])}", ""]
    if v["bad_examples"]:
        shown = v["bad_examples"][:BAD_MD]
        out += [t("bad.first", n=len(shown), total=n(v["bad_records"])), ""]
        out += _table([t("where"), t("error")], [(b["where"], b["error"]) for b in shown], 2)
    return "\n".join(out).rstrip() + "\n"
