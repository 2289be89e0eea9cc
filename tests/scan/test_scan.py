"""``tweetguard scan`` end to end: a real-shaped X archive zip and an X API v2 JSONL feed
through the engine on two processes, into findings, a baseline rerun, and the report."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from scan.archives import tweet, write_api_pages, write_archive
from tweetguard.cli import app as cli
from tweetguard.scan.run import estimate_posts, read_baseline, scan

IBAN = "NL91ABNA0417164300"
T0 = dt.datetime(2026, 3, 2, 10, 15, tzinfo=dt.UTC)  # a Monday morning


def _archive(tmp_path: Path, *, junk: bool = False) -> Path:
    tweets = [
        tweet(1, "Goedemorgen allemaal, mooie dag vandaag!", T0),
        tweet(2, f"Maak het bedrag over naar {IBAN} & bel me", T0 + dt.timedelta(hours=1)),
        tweet(3, "Wat een stel idioten bij de concurrent", T0 + dt.timedelta(days=1, hours=12)),
        tweet(
            4,
            "@klant123 Stuur me je ordernummer via DM, dan regel ik het.",
            T0 + dt.timedelta(days=2),
            reply_to="klant123",
        ),
        tweet(5, "Kijk eens naar deze foto", T0 + dt.timedelta(days=40), photo=True),
        tweet(6, "De nieuwe #TulpApp is echt de beste energie-app die er is!", T0),
    ]
    return write_archive(tmp_path / "twitter-2026.zip", "eva_tulpwerk", tweets, junk=junk)


def _feed(tmp_path: Path) -> Path:
    return write_api_pages(
        tmp_path / "timeline.jsonl",
        [
            [
                ("1001", "Tulpwerk", "Vandaag openen we in Utrecht!", T0),
                (
                    "1002",
                    "Tulpwerk",
                    "Het wachtwoord is ww: Zomer2026!",
                    T0 + dt.timedelta(hours=2),
                ),
            ],
            [("1003", "piet", "Wat een mooie dag", T0 + dt.timedelta(days=3))],
        ],
    )


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_archive_and_feed_end_to_end(tmp_path: Path) -> None:
    archive, feed = _archive(tmp_path), _feed(tmp_path)
    out, report = tmp_path / "findings.jsonl", tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        ["scan", str(archive), str(feed), "--out", str(out), "--report", str(report), "-q"],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output  # some posts warn or block
    findings = _lines(out)
    codes = {(f["account"], f["code"]) for f in findings}
    assert ("@eva_tulpwerk", "R1.personal-data") in codes
    assert ("@eva_tulpwerk", "R3.no-disclosure") in codes
    assert ("@eva_tulpwerk", "R8.abuse-aimed") in codes
    assert ("@eva_tulpwerk", "R2.late-night") in codes  # 23:15 in Amsterdam
    assert ("@eva_tulpwerk", "R1.media-unchecked") in codes  # the photo was not in the zip
    assert ("@Tulpwerk", "R1.secret") in codes
    for f in findings:
        assert len(f["fingerprint"]) == 64
        assert f["policy_version"].startswith("sha256:")
        assert f["where"]
    iban = next(f for f in findings if f["code"] == "R1.personal-data")
    assert iban["post"] == "1600000000000000002"
    assert iban["created_at"] == "2026-03-02T11:15:00+00:00"
    # Nothing sensitive leaves the scan in clear: not in the findings, not in the report.
    html = report.read_text(encoding="utf-8")
    for text in (out.read_text(encoding="utf-8"), html):
        assert IBAN not in text and "Zomer2026!" not in text
    assert "<svg" in html and "http://" not in html.split("<body", 1)[0]
    assert "9 posts" in result.output or "9 posts" in result.stderr


def test_two_workers_give_the_same_findings_in_order(tmp_path: Path) -> None:
    archive, feed = _archive(tmp_path), _feed(tmp_path)
    outputs = []
    for workers in (1, 2):
        sink = io.StringIO()
        stats = scan([archive, feed], workers=workers, out=sink)
        assert stats.posts == 9
        outputs.append(sink.getvalue())
    assert outputs[0] == outputs[1]
    assert outputs[0]


def test_baseline_shows_only_what_is_new(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    first = tmp_path / "first.jsonl"
    runner = CliRunner()
    runner.invoke(cli, ["scan", str(archive), "--out", str(first), "-q"])
    again = tmp_path / "again.jsonl"
    result = runner.invoke(
        cli, ["scan", str(archive), "--out", str(again), "--baseline", str(first), "-q"]
    )
    assert again.read_text() == ""
    assert "(0 new)" in result.output + result.stderr
    # A new post with a new finding: only that one is written.
    more = _archive(tmp_path)
    write_archive(
        more,
        "eva_tulpwerk",
        [tweet(7, "Mijn BSN is 111222333, bel me", T0)],
    )
    result = runner.invoke(
        cli, ["scan", str(more), "--out", str(again), "--baseline", str(first), "-q"]
    )
    new = _lines(again)
    assert [f["code"] for f in new] == ["R1.personal-data"]
    assert new[0]["fingerprint"] not in read_baseline(first)


def test_bad_records_are_reported_and_the_scan_goes_on(tmp_path: Path) -> None:
    archive = _archive(tmp_path, junk=True)
    out = tmp_path / "f.jsonl"
    result = CliRunner().invoke(cli, ["scan", str(archive), "--out", str(out), "-q"])
    assert result.exit_code == 2
    assert "skipped" in result.stderr and "data/tweets.js" in result.stderr
    assert any(f["code"] == "R1.personal-data" for f in _lines(out))  # the rest was scanned


def test_markdown_report_and_person_view(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    report = tmp_path / "report.md"
    result = CliRunner().invoke(
        cli,
        [
            "scan", str(archive), "--report", str(report), "--format", "md",
            "--person", "@eva_tulpwerk", "--lang", "en", "-q",
        ],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    text = report.read_text(encoding="utf-8")
    assert "| " in text and IBAN not in text


def test_unreadable_sources_and_bad_options(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["scan", str(tmp_path / "missing.zip"), "-q"])
    assert result.exit_code == 2 and "missing.zip" in result.stderr
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    result = runner.invoke(cli, ["scan", str(broken), "-q"])
    assert result.exit_code == 2 and "broken.zip" in result.stderr
    result = runner.invoke(cli, ["scan", str(_feed(tmp_path)), "--map", "nonsense", "-q"])
    assert result.exit_code == 2 and "--map" in result.stderr
    bad_baseline = tmp_path / "b.jsonl"
    bad_baseline.write_text("{}\n")
    result = runner.invoke(cli, ["scan", str(_feed(tmp_path)), "--baseline", str(bad_baseline)])
    assert result.exit_code == 2 and "b.jsonl:1" in result.stderr


def test_estimate_and_progress(tmp_path: Path) -> None:
    archive, feed = _archive(tmp_path), _feed(tmp_path)
    assert estimate_posts([archive]) == 6
    assert estimate_posts([feed]) == 3
    seen: list[int] = []
    scan([archive, feed], workers=1, progress=seen.append)
    assert seen[-1] == 9


@pytest.mark.browser
def test_report_charts_render_in_chromium(tmp_path: Path, browser: Any) -> None:
    from web.browsing import shot

    archives = [
        write_archive(
            tmp_path / f"a{i}.zip",
            f"person{i}",
            [
                tweet(10 * i + k, text, T0 + dt.timedelta(days=9 * k, hours=k * 3))
                for k, text in enumerate(
                    [
                        f"Betaal naar {IBAN}",
                        "Wat een idioten daar",
                        "Goedemorgen!",
                        "De TulpApp is top",
                    ]
                )
            ],
        )
        for i in range(6)
    ]
    report = tmp_path / "report.html"
    CliRunner().invoke(cli, ["scan", *map(str, archives), "--report", str(report), "-q"])
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(report.as_uri())
    charts = page.locator("svg[role='img']")
    assert charts.count() >= 4
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 40
    shot(page, "20-scan-report")
    page.close()


def test_posts_travel_to_the_workers_unchanged() -> None:
    from tweetguard.draft import Draft
    from tweetguard.ingest import Post
    from tweetguard.scan.run import _pack, _unpack

    full = Draft.model_validate(
        {
            "text": "@klant123 Stuur me je ordernummer",
            "id": 7,
            "account": {"handle": "@eva", "kind": "personal", "bio": "Werkt bij Tulpwerk"},
            "in_reply_to": {"text": "Waar blijft mijn pakket?", "author": "@klant123",
                            "on_company_page": True},
            "media": [{"alt": "een foto", "own": True}],
            "created_at": "2026-03-02T10:15:00+00:00",
            "lang": "nl",
            "history": ["2026-03-02T09:00:00+00:00"],
        }
    )  # fmt: skip
    for draft in (full, Draft(text="kort")):
        post = Post(draft, "a.zip:data/tweets.js item 1")
        assert _unpack(_pack(post)) == post


def test_posts_without_a_time_are_not_judged_by_the_scans_clock(tmp_path: Path) -> None:
    """A post with no time is not given the time of the scan: the rules about the hour and
    the day stay out, and the finding says so."""
    drafts = tmp_path / "undated.jsonl"
    drafts.write_text(
        json.dumps({"text": "Weer een lange dag gehad", "account": {"handle": "@jan"}}) + "\n",
        encoding="utf-8",
    )
    sink = io.StringIO()
    scan([drafts], workers=1, out=sink)
    codes = [json.loads(line)["code"] for line in sink.getvalue().splitlines()]
    assert codes == ["P.time-unknown"]
