"""`tweetguard check`: every input form, every format, every exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SECOND_POLICY
from tweetguard.cli import app

runner = CliRunner()
OK = "Mooie dag voor een fietstocht langs de Amstel."
WARN = "Beste collega's, het teamoverleg van morgen is verplaatst naar 14:00."
BLOCK = "Mijn BSN is 111222333, bel me."


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _no_local_policy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TWEETGUARD_POLICY", raising=False)


def test_ok_text_exits_0() -> None:
    code, out, _ = run("check", OK)
    assert code == 0 and "OK" in out


def test_warn_exits_1_with_rule_and_fix() -> None:
    code, out, _ = run("check", WARN)
    assert code == 1
    assert "R5.internal" in out and "Regel 5" in out and "Zo beter" in out


def test_english_messages() -> None:
    code, out, _ = run("check", WARN, "--lang", "en")
    assert code == 1 and "Rule 5" in out and "internal channels" in out


def test_text_output_never_shows_personal_data() -> None:
    code, out, _ = run("check", BLOCK)
    assert code == 1 and "111222333" not in out and "[BSN]" in out


def test_json_format_is_the_contract_report() -> None:
    code, out, _ = run("check", BLOCK, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["verdict"] == "block"
    assert report["policy_version"].startswith("sha256:")
    f = next(f for f in report["findings"] if f["code"] == "R1.personal-data")
    assert {"rule", "code", "severity", "start", "end", "excerpt", "message", "fix"} <= set(f)
    assert f["rule"] == 1 and f["excerpt"] == "[BSN]"
    assert BLOCK[f["start"] : f["end"]] == "111222333"
    assert set(f["message"]) == {"nl", "en"}


def test_jsonl_single_draft_has_line() -> None:
    code, out, _ = run("check", OK, "--format", "jsonl")
    assert code == 0
    assert json.loads(out) | {} == {**json.loads(out), "line": 1}


def test_draft_file(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"text": WARN, "account": {"handle": "@jan"}}), encoding="utf-8")
    code, out, _ = run("check", "--draft", str(path), "--format", "json")
    assert code == 1 and json.loads(out)["verdict"] == "warn"


def test_draft_from_stdin() -> None:
    code, out, _ = run("check", "--draft", "-", "--format", "json", stdin=json.dumps({"text": OK}))
    assert code == 0 and json.loads(out)["verdict"] == "ok"


def test_plain_text_from_stdin() -> None:
    code, out, _ = run("check", "--format", "json", stdin=WARN + "\n")
    assert code == 1 and json.loads(out)["findings"]


def test_drafts_jsonl_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    lines = [
        json.dumps({"text": OK}),
        "{not json",
        "",
        json.dumps({"txt": "typo in the key"}),
        json.dumps([1, 2]),
        json.dumps({"text": WARN}),
        json.dumps({"text": "   "}),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"text": "caf\xe9"}\n')
    code, out, _ = run("check", "--drafts", str(path), "--format", "jsonl")
    assert code == 2
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 4, 5, 6, 7, 8]
    assert rows[0]["verdict"] == "ok" and rows[4]["verdict"] == "warn"
    assert "not valid JSON" in rows[1]["error"] and "d.jsonl:2" in rows[1]["error"]
    assert "txt: unknown field" in rows[2]["error"] and "text: required" in rows[2]["error"]
    assert "JSON object" in rows[3]["error"]
    assert "empty" in rows[5]["error"]
    assert "not UTF-8" in rows[6]["error"]


def test_drafts_all_good_exit_1_when_warn(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": OK}) + "\n" + json.dumps({"text": WARN}) + "\n")
    assert run("check", "--drafts", str(path), "--format", "jsonl")[0] == 1
    code, out, _ = run("check", "--drafts", str(path), "--format", "json")
    assert code == 1 and [r["line"] for r in json.loads(out)] == [1, 2]
    code, out, _ = run("check", "--drafts", str(path))
    assert code == 1 and "#1" in out and "#2" in out


def test_drafts_from_stdin() -> None:
    code, out, _ = run(
        "check", "--drafts", "-", "--format", "jsonl", stdin=json.dumps({"text": OK})
    )
    assert code == 0 and json.loads(out)["line"] == 1


def test_drafts_text_format_reports_error_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text("nope\n" + json.dumps({"text": OK}) + "\n")
    code, out, err = run("check", "--drafts", str(path))
    assert code == 2 and "d.jsonl:1" in err and "OK" in out


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["check", ""], None, "empty"),
        (["check", "x" * 100_000], None, "at most 25000"),
        (["check", "--draft", "missing.json"], None, "not found"),
        (["check", "--drafts", "missing.jsonl"], None, "not found"),
        (["check", "a", "--drafts", "b"], None, "not several"),
        (["check", "--draft", "-"], "{broken", "not valid JSON"),
        (["check", "--draft", "-"], '{"text": 5}', "text"),
        (["check", "--draft", "-"], "", "empty"),
        (["check", "--drafts", "-"], "\n\n", "no drafts"),
        (["check", "ok", "--format", "xml"], None, "xml"),
        (["check", "ok", "--lang", "de"], None, "de"),
    ],
)
def test_bad_input_exits_2(args: list[str], stdin: str | None, needle: str) -> None:
    code, out, err = run(*args, stdin=stdin)
    assert code == 2
    assert needle in out + err


def test_bad_policy_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[company]\nname = "X"\ncolour = "red"\n', encoding="utf-8")
    code, _, err = run("check", OK, "--policy", str(bad))
    assert code == 2 and "bad.toml:3" in err and "company.colour" in err
    code, _, err = run("check", OK, "--policy", str(tmp_path / "none.toml"))
    assert code == 2 and "not found" in err


def test_draft_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_bytes(b'{"text": "caf\xe9"}')
    code, _, err = run("check", "--draft", str(path))
    assert code == 2 and "not UTF-8" in err and "d.json:1" in err


def test_other_policy(tmp_path: Path) -> None:
    code, out, _ = run(
        "check",
        "Ik vind de MediPlanner geweldig",
        "--policy",
        str(SECOND_POLICY),
        "--format",
        "json",
    )
    assert code == 1
    assert "R3.no-disclosure" in {f["code"] for f in json.loads(out)["findings"]}


def test_policy_commands(tmp_path: Path) -> None:
    code, out, _ = run("policy", "render", "--lang", "en", "--format", "md")
    assert code == 0 and "Tulpwerk" in out and "[Het Bedrijf]" not in out
    code, out, _ = run("policy", "render", "--format", "html", "--policy", str(SECOND_POLICY))
    assert code == 0 and "<html" in out and "Zorgkompas" in out
    code, out, _ = run("policy", "validate", str(SECOND_POLICY))
    assert code == 0 and "Zorgkompas" in out and "sha256:" in out
    bad = tmp_path / "bad.toml"
    bad.write_text("[company]\n", encoding="utf-8")
    code, _, err = run("policy", "validate", str(bad))
    assert code == 2 and "company.name" in err


def test_explain_prints_rule_docs() -> None:
    code, out, _ = run("explain", "4")
    assert code == 0 and "## Waarom (regel 4)" in out and "R4.media-without-credit" in out
    assert run("explain", "R6.handles-case")[0] == 0
    assert run("explain", "P")[0] == 0
    assert run("explain", "42")[0] == 2


def test_console_script_end_to_end() -> None:
    exe = Path(sys.executable).with_name("tweetguard")
    if not exe.exists():
        pytest.fail(f"console script not installed next to {sys.executable}")
    proc = subprocess.run(
        [str(exe), "check", WARN, "--format", "json"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1 and json.loads(proc.stdout)["verdict"] == "warn"


def test_errors_with_brackets_are_printed_verbatim(tmp_path: Path) -> None:
    bad = tmp_path / "p[1].toml"
    bad.write_text(
        '[company]\nname = "X"\n[[accounts]]\nhandle = "@a"\nkind = "company"\n'
        '[[accounts]]\nhandle = "@b"\nkind = "[bold]vriend"\n',
        encoding="utf-8",
    )
    code, _, err = run("check", OK, "--policy", str(bad))
    assert code == 2 and "accounts[1].kind" in err and "p[1].toml:8" in err
