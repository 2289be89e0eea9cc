"""The scan report: one self-contained, well-formed HTML page and a Markdown summary, in
Dutch and English, whose numbers are the figures', escaped, redacted and fair (rule 10)."""

from __future__ import annotations

import datetime as dt
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tweetguard.charts import TEXT
from tweetguard.draft import AccountInfo, Draft
from tweetguard.engine import Engine
from tweetguard.ingest import Post
from tweetguard.policy import Policy
from tweetguard.scan.core import Scanned, scan_post
from tweetguard.scan.report import (
    RAMP,
    _ink,
    contrast,
    hour_shares,
    render_html,
    render_markdown,
    week_heatmap,
    work_hours_set,
)
from tweetguard.scan.stats import ScanStats

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "test-output" / "report-sample.html"
IBAN = "NL91ABNA0417164300"
EVIL = '<script>alert("x")</script>'
SVG_NS = {"svg": "http://www.w3.org/2000/svg"}
TZ = dt.timezone(dt.timedelta(hours=1))  # Amsterdam in winter: the policy's local time

DRAFTS = [
    "Mooie dag op kantoor, de koffie smaakt goed!",
    "Fijn weekend allemaal, tot maandag",
    "Ik ben zo blij met de nieuwe TulpApp, echt een aanrader",
    f"Mijn IBAN is {IBAN}, maak het geld maar over",
    "VERTROUWELIJK: intern memo over de reorganisatie",
    "Project Walrus gaat volgende maand live",
    "Stroomkracht BV zijn echt idioten",
    "Heb je een klacht? Stuur me je ordernummer, dan regel ik een terugbetaling",
    "Goed gesprek gehad met een klant vandaag",
    "Lekker gefietst langs de Amstel",
]
ACCOUNTS = ["@anna", "@bram", "@carla", "@daan", "@eva", "@femke", "@gijs", EVIL]

# -- building figures ---------------------------------------------------------------------------


def checked(engine: Engine, text: str, handle: str, at: dt.datetime, where: str) -> Scanned:
    draft = Draft(text=text, account=AccountInfo(handle=handle, kind="personal"), created_at=at)
    return scan_post(engine, Post(draft, where))


def realistic(engine: Engine, policy: Policy, accounts: list[str]) -> ScanStats:
    """Half a year of posts of ``accounts``, at working hours and after, through the engine."""
    rng = random.Random(7)
    stats = ScanStats(policy, sources=["archief-2026.zip", "export.csv"])
    start = dt.datetime(2026, 1, 5, tzinfo=TZ)  # a Monday
    for i in range(240):
        day = start + dt.timedelta(days=rng.randrange(0, 175))
        hour = rng.choice([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 21, 22])
        at = day.replace(hour=hour, minute=rng.randrange(60))
        text = DRAFTS[rng.randrange(len(DRAFTS))] if i % 3 else DRAFTS[rng.randrange(2)]
        where = f"archief-2026.zip:data/tweets.js item {i}"
        stats.add(checked(engine, text, accounts[i % len(accounts)], at, where), new=i % 2)
    stats.bad("export.csv line 17", "geen tekst / no text")
    stats.bad("export.csv line 18", "[klik](https://evil.example/x) *vet*")
    stats.bad("archief-2026.zip:data/tweets.js item 300", f"not JSON near {EVIL}")
    stats.elapsed_s = 0.84
    return stats


@pytest.fixture(scope="module")
def group(engine: Engine, policy: Policy) -> dict[str, Any]:
    return realistic(engine, policy, ACCOUNTS).to_dict()


@pytest.fixture(scope="module")
def few(engine: Engine, policy: Policy) -> ScanStats:
    """Two accounts: too few for a group's hours of the week."""
    stats = ScanStats(policy, sources=["twee.jsonl"])
    monday = dt.datetime(2026, 2, 2, 10, 15, tzinfo=TZ)
    for i, text in enumerate(DRAFTS):
        at = monday + dt.timedelta(days=i % 7, hours=i % 3)
        stats.add(checked(engine, text, ["@x", "@y"][i % 2], at, f"twee.jsonl line {i + 1}"))
    return stats


# -- reading the page ---------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        if tag is None or self.tag == tag:
            yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter(tag)

    def by_id(self, id_: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == id_]
        assert len(found) == 1, f"{len(found)} elements with id {id_!r}"
        return found[0]


class Tree(HTMLParser):
    """The page as a tree; every element must be closed, in order (well-formed)."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.stack == [tree.root], f"unclosed: {[n.tag for n in tree.stack[1:]]}"
    return tree.root


def svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg .*?</svg>", page, re.DOTALL)]


def rows(root: Node, table_id: str) -> list[list[str]]:
    body = next(root.by_id(table_id).iter("tbody"))
    return [
        [" ".join(c.text().split()) for c in tr.iter() if c.tag in ("th", "td")]
        for tr in body.iter("tr")
    ]


def md_table(md: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header row starts with ``header``."""
    lines = md.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} |"))
    out = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        out.append([c.strip() for c in line.strip("|").split(" | ")])
    return out


# -- the page -----------------------------------------------------------------------------------


def test_sample_is_written_for_reviewers(group: dict[str, Any]) -> None:
    SAMPLE.parent.mkdir(exist_ok=True)
    page = render_html(group)
    SAMPLE.write_text(page, encoding="utf-8")
    SAMPLE.with_name("report-sample.en.html").write_text(
        render_html(group, lang="en"), encoding="utf-8"
    )
    SAMPLE.with_name("report-sample.md").write_text(render_markdown(group), encoding="utf-8")
    assert SAMPLE.stat().st_size > 10_000


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_is_well_formed_and_self_contained(group: dict[str, Any], lang: str) -> None:
    page = render_html(group, lang=lang)
    root = parse(page)
    assert page.startswith("<!doctype html>")
    assert next(root.iter("html")).attrs["lang"] == lang
    tags = {n.tag for n in root.iter()}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for node in root.iter():
        assert "src" not in node.attrs and not node.attrs.get("style")
        assert not any(k.startswith("on") for k in node.attrs), node
        if "href" in node.attrs:
            assert node.attrs["href"].startswith("#"), node.attrs
            root.by_id(node.attrs["href"][1:])  # every link of the table of contents lands
    style = "".join(n.text() for n in root.iter("style"))
    assert "url(" not in style and "@import" not in style and "@media print" in style
    # no attribute names an address but the SVG namespace (a URL in a record's text is text)
    addresses = {v for n in root.iter() for v in n.attrs.values() if "://" in v}
    assert addresses == {"http://www.w3.org/2000/svg"}
    assert 'src="http' not in page and "https://evil.example/x" in root.by_id("totals").text()
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))


def test_five_accessible_svg_charts_with_a_group(group: dict[str, Any]) -> None:
    charts = svgs(render_html(group))
    assert [c.get("id") for c in charts] == [
        "chart-verdicts",
        "chart-rules",
        "chart-months",
        "chart-accounts",
        "chart-hours",
    ]
    for c in charts:
        assert c.get("role") == "img" and c.get("width") == "100%"
        assert c.find("svg:title", SVG_NS) is not None and c.find("svg:desc", SVG_NS) is not None


SECTIONS = {
    "nl": ["Inhoud", "Totalen", "Bevindingen per regel", "In de tijd", "Per account",
           "Regel 10: werktijd", "Ergste voorbeelden", "Over dit rapport"],
    "en": ["Contents", "Totals", "Findings per rule", "Over time", "Per account",
           "Rule 10: working time", "Worst examples", "About this report"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sections_in_either_language(group: dict[str, Any], lang: str) -> None:
    root = parse(render_html(group, lang=lang))
    assert [h.text() for h in root.iter("h2")] == SECTIONS[lang]
    toc = [a.text() for a in next(root.iter("nav")).iter("a")]
    assert toc == SECTIONS[lang][1:]
    assert next(root.iter("h1")).text() == ("Scanrapport" if lang == "nl" else "Scan report") + (
        " — Tulpwerk"
    )


def test_header_shows_the_scan(group: dict[str, Any]) -> None:
    root = parse(render_html(group, lang="en"))
    version = group["policy"]["version"]
    code = next(n for n in root.iter("code") if n.attrs.get("title") == version)
    assert code.text() == version[:19] + "…"
    assert root.by_id("posts-scanned").text() == "240"
    facts = " ".join(next(root.iter("header")).text().split())
    assert "archief-2026.zip" in facts and "export.csv" in facts
    assert f"{group['posts_per_s']:.1f} posts/s in 0.8 s" in facts


def test_numbers_are_the_figures(group: dict[str, Any]) -> None:
    root = parse(render_html(group, lang="en"))
    v = group["verdicts"]
    assert rows(root, "verdicts-table")[:3] == [
        ["OK", str(v["ok"]), f"{round(100 * v['ok'] / 240)}%"],
        ["Careful", str(v["warn"]), f"{round(100 * v['warn'] / 240)}%"],
        ["Blocks", str(v["block"]), f"{round(100 * v['block'] / 240)}%"],
    ]
    assert root.by_id("findings-total").text() == str(group["findings"])
    assert root.by_id("new-findings").text() == str(group["new_findings"])
    assert root.by_id("bad-records").text() == "3"
    codes = rows(root, "codes-table")
    assert [(r[0], int(r[2])) for r in codes] == list(group["by_code"].items())
    assert next(r[:2] for r in codes if r[0] == "R1.personal-data") == [
        "R1.personal-data",
        "Rule 1 · Confidential information",
    ]
    accounts = rows(root, "accounts-table")
    assert [r[0] for r in accounts] == list(group["by_account"])
    for account, posts, warn, block, findings in accounts:
        c = group["by_account"][account]
        assert [int(posts), int(warn), int(block), int(findings)] == [
            c.get(k, 0) for k in ("posts", "warn", "block", "findings")
        ]
    rules = svgs(render_html(group, lang="en"))[1]
    desc = rules.find("svg:desc", SVG_NS)
    assert desc is not None and desc.text
    assert f"total {group['findings']}" in desc.text


def test_months_chart_has_a_series_per_rule(group: dict[str, Any]) -> None:
    months = svgs(render_html(group))[2]
    legend = [t.text for t in months.findall("svg:g[@class='legend']/svg:text", SVG_NS)]
    assert legend == [f"Regel {n}" if n != "0" else "Platform" for n in
                      sorted(group["by_rule"], key=lambda n: (n == "0", int(n)))]  # fmt: skip
    desc = months.find("svg:desc", SVG_NS)
    assert desc is not None and desc.text and "2026-01 – 2026-06" in desc.text


def test_group_hours_heatmap_and_shares(group: dict[str, Any]) -> None:
    assert group["hours"]["scope"] == "group" and group["hours"]["people"] == 8
    page = render_html(group)
    root = parse(page)
    assert "Alle 8 accounts samen" in " ".join(root.by_id("hours").text().split())
    heat = svgs(page)[-1]
    cells = heat.findall("svg:g[@class='cells']/svg:g", SVG_NS)
    assert len(cells) == 7 * 24
    grid = group["hours"]["grid"]
    counts = [int(t.text or 0) for g in cells for t in g.findall("svg:text", SVG_NS)]
    assert sum(counts) == sum(map(sum, grid)) == 240
    shares = hour_shares(grid, "09:00-17:30")
    assert [int(r[1]) for r in rows(root, "hours-table")] == [
        shares["inside"],
        shares["outside"],
        shares["off"],
    ]
    assert shares["inside"] + shares["outside"] + shares["off"] == 240


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hidden_hours_show_only_the_fairness_sentence(few: ScanStats, lang: str) -> None:
    figures = few.to_dict()
    assert figures["hours"] == {"scope": "hidden", "grid": None, "people": 2}
    page = render_html(figures, lang=lang)
    root = parse(page)
    assert [s.get("id") for s in svgs(page)] == [
        "chart-verdicts",
        "chart-rules",
        "chart-months",
        "chart-accounts",
    ]
    assert "hours-table" not in page
    sentence = " ".join(root.by_id("hours-hidden").text().split())
    if lang == "nl":
        assert "alleen aan die persoon zelf getoond" in sentence
        assert "minstens 5 mensen" in sentence and "WOR art. 27" in sentence
    else:
        assert "shown only to the person themself" in sentence and "at least 5 people" in sentence
    md = render_markdown(figures, lang=lang)
    assert "WOR art. 27" in md if lang == "nl" else "Works Councils Act art. 27" in md


def test_a_persons_own_report(few: ScanStats) -> None:
    figures = few.to_dict(person="@X")
    page = render_html(figures)
    root = parse(page)
    assert "alleen voor @X zelf" in root.by_id("hours").text()
    heat = svgs(page)[-1]
    assert heat.get("id") == "chart-hours"
    grid = figures["hours"]["grid"]
    d, h = next((d, h) for d in range(7) for h in range(24) if grid[d][h])
    day = ["ma", "di", "wo", "do", "vr", "za", "zo"][d]
    word = "bericht" if grid[d][h] == 1 else "berichten"
    titles = [t.text for t in heat.findall("svg:g[@class='cells']/svg:g/svg:title", SVG_NS)]
    assert f"{day} {h:02d}:00–{h + 1:02d}:00: {grid[d][h]} {word}" in titles


def test_redacted_text_shown_and_the_raw_iban_nowhere(group: dict[str, Any]) -> None:
    assert any("[IBAN]" in ex["text"] for ex in group["worst"])
    for output in (render_html(group), render_html(group, lang="en"), render_markdown(group)):
        assert IBAN not in output and IBAN[4:] not in output
        assert "[IBAN]" in output  # a placeholder, not a link: left as it is in Markdown
    root = parse(render_html(group))
    quotes = [q.text() for q in root.iter("blockquote")]
    assert len(quotes) == len(group["worst"]) == 20
    assert [q for q in quotes if "[IBAN]" in q]


def test_findings_in_the_reports_language(group: dict[str, Any]) -> None:
    for lang in ("nl", "en"):
        root = parse(render_html(group, lang=lang))
        shown = [" ".join(li.text().split()) for ul in root.iter("ul") for li in ul.iter("li")
                 if ul.attrs.get("class") == "findings"]  # fmt: skip
        for ex in group["worst"]:
            for f in ex["findings"]:
                severity = (
                    {"nl": "blokkeert", "en": "blocks"}[lang] if f["severity"] == "block" else ""
                )
                assert any(
                    s.endswith(f"{f['code']} {f['message'][lang]}") and severity in s for s in shown
                ), (lang, f)
        other = "en" if lang == "nl" else "nl"
        assert group["worst"][0]["findings"][0]["message"][other] not in " ".join(shown)


def test_nasty_names_are_escaped(group: dict[str, Any]) -> None:
    assert EVIL in group["by_account"]
    page = render_html(group)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page  # the account table
    root = parse(page)
    assert EVIL in [r[0] for r in rows(root, "accounts-table")]
    line = next(s for s in svgs(page) if s.get("id") == "chart-accounts")
    assert line is not None  # parsed: the name is escaped inside the SVG too
    md = render_markdown(group)
    assert "<script" not in md and "&lt;script&gt;" in md
    assert not re.search(r"(?<!\\)\]\(", md) and "[klik\\](https://evil.example/x) \\*vet\\*" in md


def test_rule_10_findings_only_in_a_persons_own_report(policy: Policy) -> None:
    r10 = {
        "rule": 10,
        "code": "R10.busy-day",
        "severity": "info",
        "message": {"nl": "Regel 10: dit is vandaag je 7e post", "en": "Rule 10: post 7"},
    }
    r1 = {"rule": 1, "code": "R1.secret", "severity": "block",
          "message": {"nl": "Regel 1: een geheim", "en": "Rule 1: a secret"}}  # fmt: skip
    stats = ScanStats(policy)
    for i in range(6):
        stats.add(Scanned(f"{i}", f"@p{i}", "2026-03-03T10:00:00+00:00", f"f line {i}", "nl",
                          "block", "Het wachtwoord is [SECRET]", (r1, r10)))  # fmt: skip
    group_page, own = render_html(stats.to_dict()), render_html(stats.to_dict(person="@p1"))
    assert "Regel 1: een geheim" in group_page and "dit is vandaag je" not in group_page
    assert "1 bevinding(en) onder regel 10 niet getoond" in group_page
    assert "dit is vandaag je 7e post" in own
    assert "dit is vandaag je" not in render_markdown(stats.to_dict())


def test_more_than_fifty_accounts(policy: Policy) -> None:
    stats = ScanStats(policy)
    for i in range(53):
        stats.add(Scanned(None, f"@a{i:02d}", None, "x", None, "ok", "hoi", ()))
    figures = stats.to_dict()
    root = parse(render_html(figures))
    assert len(rows(root, "accounts-table")) == 50
    assert root.by_id("accounts-more").text() == "En nog 3 accounts, niet getoond."
    assert figures["new_findings"] is None and "new-findings" not in render_html(figures)
    md = render_markdown(figures, lang="en")
    assert len(md_table(md, "Account")) == 20 and "And 33 more accounts, not shown." in md


def test_empty_scan_renders(policy: Policy) -> None:
    figures = ScanStats(policy).to_dict()
    page = render_html(figures, lang="en")
    parse(page)
    assert len(svgs(page)) == 4 and page.count("No data") >= 4
    assert "## Worst examples" in render_markdown(figures, lang="en")


def test_unknown_language_is_refused(group: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="lang"):
        render_html(group, lang="de")
    with pytest.raises(ValueError, match="lang"):
        render_markdown(group, lang="fr")


# -- Markdown -----------------------------------------------------------------------------------


def test_markdown_tables_hold_the_figures(group: dict[str, Any]) -> None:
    md = render_markdown(group)
    v = group["verdicts"]
    assert [r[:2] for r in md_table(md, "Oordeel")] == [
        ["In orde", str(v["ok"])],
        ["Let op", str(v["warn"])],
        ["Blokkeert", str(v["block"])],
    ]
    by_rule = {r[0]: int(r[1]) for r in md_table(md, "Regel")}
    assert by_rule["Regel 1 · Vertrouwelijke informatie"] == group["by_rule"]["1"]
    assert sum(by_rule.values()) == group["findings"]
    codes = md_table(md, "Code")
    assert [(r[0], int(r[2])) for r in codes] == list(group["by_code"].items())
    accounts = md_table(md, "Account")
    assert len(accounts) == len(ACCOUNTS)
    anna = next(r for r in accounts if r[0] == "@anna")
    c = group["by_account"]["@anna"]
    assert anna[1:] == [str(c.get(k, 0)) for k in ("posts", "warn", "block", "findings")]
    assert f"- Bevindingen: {group['findings']}" in md
    assert f"- Nieuw t.o.v. de baseline: {group['new_findings']}" in md
    assert "- Onleesbare records: 3" in md
    assert md_table(md, "Waar")[0] == ["export.csv line 17", "geen tekst / no text"]
    assert md.count("\n### ") == 10 and md.count("\n> ") == 10
    hours = md_table(md, "")
    assert sum(int(r[1]) for r in hours) == 240


# -- the heat map -------------------------------------------------------------------------------


def test_ramp_text_contrast() -> None:
    for colour in RAMP:
        assert contrast(colour, _ink(colour)) >= 4.5, colour
    assert _ink(RAMP[0]) == TEXT and _ink(RAMP[-1]) == "#ffffff"


def test_working_hours() -> None:
    assert work_hours_set("09:00-17:30") == frozenset(range(9, 18))
    assert work_hours_set("08:45-17:15") == frozenset(range(9, 17))
    assert work_hours_set("22:00-06:00") == frozenset({22, 23, 0, 1, 2, 3, 4, 5})
    with pytest.raises(ValueError, match="range of hours"):
        work_hours_set("9 to 5")


def test_heatmap_outlines_working_hours_on_working_days() -> None:
    grid = [[0] * 24 for _ in range(7)]
    grid[0][10], grid[2][20], grid[6][12] = 4, 1, 2
    svg = week_heatmap(grid, "09:00-17:30", lang="en", title='Hours <&> "x"')
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "hours-title hours-desc"
    title = root.find("svg:title", SVG_NS)
    assert title is not None and title.text == 'Hours <&> "x"'
    outline = root.findall("svg:g[@class='work-hours']/svg:rect", SVG_NS)
    assert len(outline) == 1
    cells = root.findall("svg:g[@class='cells']/svg:g/svg:rect", SVG_NS)
    mon_9, fri_17 = cells[9], cells[4 * 24 + 17]
    box = {k: float(outline[0].get(k, 0)) for k in ("x", "y", "width", "height")}
    assert box["x"] == pytest.approx(float(mon_9.get("x", 0)) - 1)
    right = float(fri_17.get("x", 0)) + float(fri_17.get("width", 0)) + 1
    assert box["x"] + box["width"] == pytest.approx(right)
    assert box["y"] + box["height"] == pytest.approx(float(fri_17.get("y", 0)) + 23)
    desc = root.find("svg:desc", SVG_NS)
    assert desc is not None and desc.text == (
        "7 posts; 57% within working hours (09:00-17:30); busiest hour: Mon 10:00 (4)."
    )
    fills = {c.get("fill") for c in cells}
    assert RAMP[-1] in fills and "#f3f4f6" in fills
    assert hour_shares(grid, "09:00-17:30") == {"total": 7, "inside": 4, "outside": 1, "off": 2}


def test_heatmap_refuses_a_bad_grid() -> None:
    with pytest.raises(ValueError, match="7 rows"):
        week_heatmap([[0] * 24] * 6, "09:00-17:30")
    with pytest.raises(ValueError, match="whole numbers"):
        week_heatmap([[0] * 23 + [-1]] * 7, "09:00-17:30")
    with pytest.raises(ValueError, match="chart_id"):
        week_heatmap([[0] * 24] * 7, "09:00-17:30", chart_id="1 bad")
