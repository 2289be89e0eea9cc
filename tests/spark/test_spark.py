"""tweetguard.spark on a local Spark (``local[2]``): the findings Spark writes are the findings
the local engine gives for the same posts (codes, spans, excerpts, fingerprints), from JSON
lines, Parquet and X API v2 shapes; nothing is dropped; nothing sensitive leaks.

Needs pyspark, pandas and pyarrow (``pip install '.[test]'``) and Java
(``apt-get install default-jre-headless``): without them these tests fail and say so, unless
``TWEETGUARD_TEST_SPARK=skip``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tweetguard import spark as tgspark
from tweetguard.draft import AccountInfo, Draft, ReplyContext
from tweetguard.engine import Engine
from tweetguard.errors import DraftError, InputError, PolicyError
from tweetguard.ingest import Post
from tweetguard.scan.core import scan_post

EXAMPLE_POLICY = Path(tgspark.__file__).parent / "policy" / "example.toml"
SKIP_VARIABLE = "TWEETGUARD_TEST_SPARK"
IBAN = "NL91ABNA0417164300"
TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
LONG = "Lang verhaal. " * 1900  # 26,600 characters: over the 25,000 of a draft

# Tuesday 24 November 2026, working hours (UTC).
T = "2026-11-24T09:{:02d}:00+00:00"

# The archive: our columns. `bad` marks the rows that are no draft (→ input.error).
ROWS: list[dict[str, Any]] = [
    {"id": "1", "text": f"Mijn rekening is {IBAN}, maak maar over", "author": "@jan_devries"},
    {"id": "2", "text": "Wat een stelletje idioten zijn jullie bij de klantenservice van Tulpwerk"},
    {
        "id": "3",
        "text": "Stuur me je ordernummer even via DM, dan regel ik het.",
        "author": "@jan_devries",
        "in_reply_to": "@Tulpwerk mijn thuisbatterij doet het nog steeds niet!",
        "reply_author": "@klant123",
    },
    {"id": "4", "text": "Mooie dag vandaag in het park", "author": "lotte_b", "lang": "nl"},
    {"id": "5", "text": LONG, "author": "@lotte_b", "bad": True},
    {
        "id": "6",
        "text": "Lees eerst de handleiding, dan werkt het gewoon.",
        "author": "@jan_devries",
        "in_reply_to": "De TulpApp crasht steeds, waardeloos",
        "reply_author": "boze_klant",
    },
    {"id": "7", "text": f"mijn token is {TOKEN}, niet doorvertellen"},
    {"id": "8", "text": "Volgende maand lanceren we Zeppelin, ik kan niet wachten!"},
    {"id": "9", "text": "Mail Sanne even op sanne.jansen@gmail.com of bel 06-12345678"},
    {"id": "10", "text": "De nieuwe #TulpApp is echt de beste energie-app die er is!"},
    {"id": "11", "text": "Namens Tulpwerk kondig ik aan dat we stoppen met de Thuisbatterij."},
    {"id": "12", "text": "WAAROM WERKT NIETS VANDAAG?!?! Ik word gek van jullie"},
    {"id": "13", "text": "Stroomkracht BV is een stelletje oplichters", "author": "@kees"},
    {
        "id": "14",
        "text": "Vanmiddag all-hands over de reorganisatie, zie intranet.tulpwerk.local/hr",
    },
    {"id": "15", "text": "Beautiful sunset over Utrecht tonight, what a view", "lang": "en"},
    {"id": "16", "text": "Vertrouwelijk: de kwartaalcijfers zijn slecht", "author": "@Tulpwerk"},
    {
        "id": "17",
        "text": "Gezellige borrel gehad met collega's 🍻",
        "created_at": "2026-11-24T02:30:00Z",
    },
    {"id": "18", "text": "Wij als Tulpwerk vinden dat de overheid moet investeren."},
    {"id": "19", "text": "Bel ons BSN 111222333 na", "author": "@TulpwerkHelpt"},
    {"id": "20", "text": "Nieuwe blog over zonnepanelen: https://example.com/zon", "lang": "und"},
    {"id": "21", "text": "Thanks for the help today, great team!", "author": "@anna"},
    {
        "id": "22",
        "text": "Op de fiets naar kantoor, heerlijk weer",
        "lang": "Nederlands",
        "bad": True,
    },
    {"id": "23", "text": "Morgen weer een dag", "created_at": "gisteren", "bad": True},
    {"id": "24", "text": "Sinds een maand een Thuisbatterij in de meterkast ⚡"},
    {"id": "25", "text": "Kijk eens naar dit rapport, vertrouwelijk en intern"},
    {"id": "26", "text": "Ik werk bij Tulpwerk en de TulpApp is top! (eigen mening)"},
    {"id": "27", "text": "Koffie. Dan pas praten.", "author": "@piet"},
    {"id": "28", "text": "Concurrent Stroomkracht is echt waardeloos, haha"},
    {"id": None, "text": "Een post zonder id", "author": "@anoniem"},
    {"id": "30", "text": "", "author": "@leeg"},
]
for _n, _row in enumerate(ROWS):
    _row.setdefault("created_at", T.format(_n))


def _time(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def expected_findings(engine: Engine, row: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """The local engine on the draft a row describes, built by hand: verdict and records."""
    author = row.get("author")
    if author and not author.startswith("@"):
        author = "@" + author
    reply = None
    if row.get("in_reply_to"):
        parent_author = row.get("reply_author")
        if parent_author and not parent_author.startswith("@"):
            parent_author = "@" + parent_author
        reply = ReplyContext(text=row["in_reply_to"], author=parent_author)
    lang = row.get("lang")
    draft = Draft(
        text=row["text"],
        id=row.get("id"),
        account=AccountInfo(handle=author),
        created_at=_time(row.get("created_at")),
        lang=None if lang in ("und",) else lang,
        in_reply_to=reply,
    )
    scanned = scan_post(engine, Post(draft, where="local"))
    return scanned.verdict, list(scanned.findings)


COMPARED = ("rule", "code", "severity", "start", "end", "excerpt", "fingerprint", "account")


def _key(record: dict[str, Any]) -> tuple[Any, ...]:
    message = record.get("message") or {"nl": record["message_nl"], "en": record["message_en"]}
    compared = (record[k] for k in (*COMPARED, "created_at", "policy_version"))
    return (*compared, message["nl"], message["en"])


def assert_agrees(engine: Engine, rows: list[dict[str, Any]], findings: Any, source: str) -> None:
    """Spark's findings (a pandas frame) are exactly the local engine's, post by post."""
    records = findings.to_dict("records")
    for row in rows:
        post = None if row["id"] is None else str(row["id"])
        got = [r for r in records if r["post"] == post]
        if post is None:  # the one post without an id: found by its account
            got = [r for r in got if r["account"] == row["author"]]
        if row.get("bad"):
            assert [r["code"] for r in got] == [tgspark.INPUT_ERROR], row["id"]
            assert got[0]["verdict"] == "error" and got[0]["severity"] == "error"
            assert got[0]["message_en"].startswith("This post was not checked: ")
            assert got[0]["message_nl"].startswith("Deze post is niet gecontroleerd: ")
            continue
        verdict, expected = expected_findings(engine, row)
        assert sorted(map(_key, got)) == sorted(map(_key, expected)), row["id"]
        assert all(r["verdict"] == verdict for r in got)
        for r in got:
            assert source in r["where"]
            assert r["where"].endswith(
                f" id {post}" if post else ".parquet" if "part-" in source else source
            )


def assert_redacted(*frames: Any) -> None:
    """No raw secret or personal datum in any cell of any output."""
    for frame in frames:
        cells = [str(v) for v in frame.to_numpy().ravel()]
        for secret in (IBAN, TOKEN, "111222333", "sanne.jansen@gmail.com", "06-12345678"):
            assert not [c for c in cells if secret in c], secret


# --- a local Spark ---------------------------------------------------------------------------


def _missing() -> str:
    lacking = [m for m in ("pyspark", "pandas", "pyarrow") if importlib.util.find_spec(m) is None]
    if lacking:
        return (
            f"{', '.join(lacking)} not installed: the Spark tests need the test extras "
            "(`pip install '.[test]'`; `make test` does it)"
        )
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and (Path(java_home) / "bin" / "java").is_file()) and not shutil.which(
        "java"
    ):
        return (
            "java not found: the Spark tests need a Java runtime "
            "(`apt-get install default-jre-headless` as root; `make test` does it)"
        )
    return ""


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark with two cores for the whole session (starts in ~10-15 s)."""
    missing = _missing()
    if missing and os.environ.get(SKIP_VARIABLE) == "skip":
        pytest.skip(f"Spark tests skipped because {SKIP_VARIABLE}=skip: {missing}")
    if missing:
        pytest.fail(
            f"{missing}, or set {SKIP_VARIABLE}=skip to skip them explicitly.", pytrace=False
        )
    session = tgspark.session("local[2]", app_name="tweetguard-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rows as JSON lines (ids as numbers where they are numbers, one line not JSON)."""
    folder = tmp_path_factory.mktemp("archive")
    path = folder / "posts.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for row in ROWS:
            obj = {k: v for k, v in row.items() if k != "bad" and v is not None}
            if obj.get("id") == "4":
                obj["id"] = 4  # inferred as a number: read back as "4"
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.write("{this is not json\n")
    return path


@pytest.fixture(scope="module")
def json_run(spark: Any, archive: Path) -> dict[str, Any]:
    import pandas as pd

    out = archive.parent / "findings.parquet"
    posts = archive.parent / "posts.parquet"
    summary = tgspark.run(
        str(archive), str(out), policy_path=str(EXAMPLE_POLICY), posts_path=str(posts)
    )
    return {
        "summary": summary,
        "findings": pd.read_parquet(out),
        "posts": pd.read_parquet(posts),
    }


# --- the job on JSON lines -------------------------------------------------------------------


def test_json_findings_are_the_local_engines(engine: Engine, json_run: dict[str, Any]) -> None:
    assert_agrees(engine, ROWS, json_run["findings"], "posts.jsonl")
    codes = set(json_run["findings"]["code"])
    assert {"R1.personal-data", "R1.secret", "R6.handles-case", "R8.abuse-aimed"} <= codes


def test_json_the_line_that_is_not_json_is_reported(json_run: dict[str, Any]) -> None:
    findings = json_run["findings"]
    bad = findings[findings["post"].isna() & findings["account"].isna()]
    assert list(bad["code"]) == [tgspark.INPUT_ERROR]
    assert "not a JSON object" in bad.iloc[0]["message_en"]


def test_json_nothing_sensitive_leaks(json_run: dict[str, Any]) -> None:
    assert_redacted(json_run["findings"], json_run["posts"])
    long_error = json_run["findings"].query("post == '5'").iloc[0]
    assert "25000" in long_error["message_en"] and "Lang verhaal" not in long_error["message_en"]


def test_json_summary_counts(engine: Engine, json_run: dict[str, Any]) -> None:
    summary, findings = json_run["summary"], json_run["findings"]
    n_bad = sum(1 for r in ROWS if r.get("bad")) + 1  # and the line that is not JSON
    assert summary["posts"] == len(ROWS) + 1
    assert summary["input_errors"] == n_bad
    assert summary["by_verdict"]["error"] == n_bad
    expected = [expected_findings(engine, r) for r in ROWS if not r.get("bad")]
    assert summary["findings"] == sum(len(f) for _, f in expected) == len(findings) - n_bad
    for verdict in ("ok", "warn", "block"):
        assert summary["by_verdict"][verdict] == sum(1 for v, _ in expected if v == verdict)
    by_rule: dict[int, int] = {}
    for _, records in expected:
        for rec in records:
            by_rule[rec["rule"]] = by_rule.get(rec["rule"], 0) + 1
    assert summary["by_rule"] == dict(sorted(by_rule.items()))
    assert summary["master"] == "local[2]" and summary["partitions"] >= 2
    assert summary["policy_version"] == engine.policy.version
    json.dumps(summary)  # printable as it is


def test_json_per_post_output(engine: Engine, json_run: dict[str, Any]) -> None:
    posts, findings = json_run["posts"], json_run["findings"]
    assert [n for n, _ in tgspark.POSTS_COLUMNS] == list(posts.columns)
    assert len(posts) == len(ROWS) + 1
    assert posts["n_findings"].sum() == len(findings)
    by_id = {r["id"]: r for r in posts.to_dict("records") if r["id"] is not None}
    for row in ROWS:
        if row["id"] is None:
            continue
        got = by_id[row["id"]]
        if row.get("bad"):
            assert (got["verdict"], got["n_findings"]) == ("error", 1)
        else:
            verdict, records = expected_findings(engine, row)
            assert (got["verdict"], got["n_findings"]) == (verdict, len(records)), row["id"]
    assert by_id["4"]["account"] == "@lotte_b" and by_id["4"]["lang"] == "nl"


# --- Parquet and the X API v2 shapes ---------------------------------------------------------


def test_parquet_folder_agrees_with_json(
    spark: Any, engine: Engine, json_run: dict[str, Any], tmp_path: Path
) -> None:
    import pandas as pd

    rows = [r for r in ROWS if r["id"] != "23"]  # "gisteren" is no timestamp
    frame = pd.DataFrame(
        {
            name: pd.Series([r.get(name) for r in rows], dtype="string")
            for name in ("id", "text", "author", "lang", "in_reply_to", "reply_author")
        }
    )
    frame["created_at"] = pd.to_datetime([r["created_at"] for r in rows], utc=True)
    folder = tmp_path / "lake" / "tweets"
    folder.mkdir(parents=True)
    # pandas' default: nanosecond timestamps (Spark reads them as numbers); and microseconds.
    frame.iloc[:15].to_parquet(folder / "part-0.parquet")
    frame.iloc[15:].to_parquet(folder / "part-1.parquet", coerce_timestamps="us")
    out = tmp_path / "findings"
    summary = tgspark.run(str(folder), str(out), policy_path=str(EXAMPLE_POLICY), partitions=3)
    findings = pd.read_parquet(out)
    assert summary["posts"] == len(rows) and summary["partitions"] == 3
    assert_agrees(engine, rows, findings, "part-")
    assert_redacted(findings)
    from_json = json_run["findings"]
    columns = [c for c in findings.columns if c != "where"]
    findings = findings[findings["post"].notna()]
    same = from_json[from_json["post"].isin(set(findings["post"]))][columns]
    key = ["post", "start", "code"]
    assert (
        same.sort_values(key)
        .reset_index(drop=True)
        .equals(findings[columns].sort_values(key).reset_index(drop=True))
    )


def test_x_api_v2_tweets_and_pages(spark: Any, engine: Engine, tmp_path: Path) -> None:
    tweets: list[dict[str, Any]] = [
        {
            "id": "1800000000000000001",
            "text": f"Mijn IBAN is {IBAN}",
            "author_id": "2244994945",
            "created_at": "2026-11-24T09:15:00.000Z",
            "lang": "nl",
            "edit_history_tweet_ids": ["1800000000000000001"],
        },
        {
            "id": "1800000000000000002",
            "text": "Kort begin…",
            "note_tweet": {"text": "Kort begin… en dan Zeppelin, ons geheime project."},
            "author_id": "783214",
            "created_at": "2026-11-24T09:16:00.000Z",
            "lang": "qme",
        },
    ]
    lines = tmp_path / "v2.jsonl"
    lines.write_text("".join(json.dumps(t) + "\n" for t in tweets), encoding="utf-8")
    pages = tmp_path / "pages.json"
    page = {
        "data": tweets,
        "includes": {"users": [{"id": "2244994945", "username": "jan_devries"}]},
        "meta": {"result_count": 2},
    }
    empty = {"meta": {"result_count": 0}}
    pages.write_text(json.dumps(page) + "\n" + json.dumps(empty) + "\n", encoding="utf-8")

    found = tgspark.check_posts(
        tgspark.read_posts(spark, str(lines)), policy_path=str(EXAMPLE_POLICY)
    ).toPandas()
    per_post = tgspark.check_posts(
        tgspark.read_posts(spark, str(pages), "json"),
        policy_path=str(EXAMPLE_POLICY),
        per_post=True,
    ).toPandas()

    for tweet, handle in ((tweets[0], "2244994945"), (tweets[1], "783214")):
        text = tweet.get("note_tweet", {}).get("text", tweet["text"])
        draft = Draft(
            text=text,
            id=tweet["id"],
            account=AccountInfo(handle=handle),
            created_at=_time(str(tweet["created_at"])),
            lang="nl" if tweet["lang"] == "nl" else None,
        )
        expected = scan_post(engine, Post(draft, where="local")).findings
        got = found[found["post"] == tweet["id"]].to_dict("records")
        assert sorted(map(_key, got)) == sorted(map(_key, expected))
        assert expected
    assert {"R1.personal-data", "R1.codename"} <= set(found["code"])
    assert_redacted(found)

    assert sorted(per_post["id"]) == [t["id"] for t in tweets]  # the empty page adds nothing
    accounts = dict(zip(per_post["id"], per_post["account"], strict=True))
    assert accounts == {tweets[0]["id"]: "@jan_devries", tweets[1]["id"]: "783214"}
    assert set(per_post["verdict"]) == {"block"}


def test_unreadable_input_is_an_input_error(spark: Any, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read it as parquet"):
        tgspark.read_posts(spark, "file://" + str(tmp_path / "nothing"), "parquet")
    (tmp_path / "notext.jsonl").write_text('{"body": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no column 'text'"):
        tgspark.normalize(tgspark.read_posts(spark, str(tmp_path / "notext.jsonl")))


def test_main_runs_the_job_and_prints_the_summary(
    spark: Any, archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = tgspark.main(
        ["--input", str(archive), "--output", str(out), "--policy", str(EXAMPLE_POLICY)]
    )
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["posts"] == len(ROWS) + 1 and (out / "_SUCCESS").exists()


# --- without Spark ---------------------------------------------------------------------------


def test_rows_become_drafts_as_documented() -> None:
    post = tgspark.post_from_row(
        {
            "id": "9",
            "text": "Hoi",
            "author": "@jan",
            "created_us": "1795511700000000",
            "lang": "und",
            "in_reply_to": "Vraag?",
            "reply_author": "@klant",
            "source": "file:/lake/a.parquet",
            "bad": None,
        }
    )
    draft = post.draft
    assert draft.created_at == dt.datetime(2026, 11, 24, 9, 15, tzinfo=dt.UTC)
    assert draft.lang is None  # X's "und" names no language
    assert draft.in_reply_to == ReplyContext(text="Vraag?", author="@klant")
    assert post.where == "file:/lake/a.parquet id 9"
    archive_time = tgspark.post_from_row(
        {"text": "x", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}
    )
    assert archive_time.draft.created_at == dt.datetime(2018, 10, 10, 20, 19, 24, tzinfo=dt.UTC)
    at = dt.datetime(2026, 11, 24, 9, 15, 0, 123456, tzinfo=dt.UTC)
    for epoch in (
        "1795511700123456789",
        "1795511700123456",
        "1795511700123.456",
        "1795511700.123456",
    ):
        assert tgspark.post_from_row({"text": "x", "created_epoch": epoch}).draft.created_at == at
    for bad in ({"text": None}, {"text": "x", "created_at": "gisteren"}, {"text": "x", "bad": "!"}):
        with pytest.raises(DraftError):
            tgspark.post_from_row(bad)


def test_an_engine_failure_is_a_row_without_the_text(engine: Engine) -> None:
    class Broken(Engine):
        def check(self, draft: Any, *, now: dt.datetime | None = None, **_: Any) -> Any:
            raise ValueError(f"boom on {draft.text}")

    broken = Broken(engine.policy)
    rows = tgspark.check_row(broken, {"id": "1", "text": f"IBAN {IBAN}", "author": "@a"})
    assert [r["kind"] for r in rows] == ["post", "finding"]
    assert rows[1]["code"] == tgspark.ENGINE_ERROR and rows[1]["verdict"] == "error"
    assert IBAN not in json.dumps(rows) and "ValueError" in rows[1]["message_en"]


def test_the_engine_is_built_once_per_worker_and_policy() -> None:
    policy = tgspark.PolicySource.read(EXAMPLE_POLICY)
    assert tgspark.engine_for(policy) is tgspark.engine_for(
        tgspark.PolicySource.read(EXAMPLE_POLICY)
    )
    assert policy.load().version == tgspark.engine_for(policy).policy.version


def test_a_bad_policy_is_refused_on_the_driver(tmp_path: Path) -> None:
    bad = tmp_path / "policy.toml"
    bad.write_text("[company\n", encoding="utf-8")
    with pytest.raises(PolicyError):
        tgspark.findings_udf(str(bad))
    code = tgspark.main(["--input", "x.jsonl", "--output", "o", "--policy", str(bad)])
    assert code == 2  # before any Spark starts


def test_formats_by_name_and_folder(tmp_path: Path) -> None:
    assert tgspark.detect_format("s3a://lake/tweets.parquet") == "parquet"
    assert tgspark.detect_format("s3a://lake/tweets.jsonl.gz") == "json"
    assert tgspark.detect_format("s3a://lake/tweets/") == "parquet"
    (tmp_path / "dump").mkdir()
    (tmp_path / "dump" / "_SUCCESS").touch()
    (tmp_path / "dump" / "part-0.json").touch()
    assert tgspark.detect_format(str(tmp_path / "dump")) == "json"
    with pytest.raises(InputError):
        tgspark.detect_format(str(tmp_path / "missing"))


def test_without_pyspark_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(tgspark.SparkMissing, match=r"pip install 'tweetguard\[spark\]'"):
        tgspark.session()
    with pytest.raises(tgspark.SparkMissing, match=r"pip install 'tweetguard\[spark\]'"):
        tgspark.run("posts.jsonl", "findings")


def test_without_java_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)  # not under spark-submit
    monkeypatch.setattr(tgspark, "_java_available", lambda: False)
    with pytest.raises(tgspark.SparkMissing, match="apt-get install default-jre-headless"):
        tgspark.session()


def test_scan_command_with_the_spark_engine(spark: Any, archive: Path, tmp_path: Path) -> None:
    """``tweetguard scan --engine spark``: Parquet out, a summary, the exit status of check."""
    import pandas as pd
    from typer.testing import CliRunner

    from tweetguard.cli import app as cli

    out = tmp_path / "cli-findings.parquet"
    result = CliRunner().invoke(cli, ["scan", str(archive), "--engine", "spark", "--out", str(out)])
    assert result.exit_code == 1, result.output  # some posts warn or block
    assert "findings" in result.stderr and str(out) in result.stderr
    frame = pd.read_parquet(out)
    assert {"R1.personal-data", "input.error"} <= set(frame["code"])
    missing_out = CliRunner().invoke(cli, ["scan", str(archive), "--engine", "spark"])
    assert missing_out.exit_code == 2 and "--out" in missing_out.stderr
