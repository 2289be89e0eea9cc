"""The policy file: validation, errors that name key and line, look-up order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import SECOND_POLICY
from tweetguard.errors import PolicyError
from tweetguard.policy import load_policy, parse_policy
from tweetguard.policy.loader import bundled_policy_source, key_lines, read_policy_file

MINIMAL = '[company]\nname = "Voorbeeld BV"\n'


def error_of(source: str) -> str:
    with pytest.raises(PolicyError) as info:
        parse_policy(source, name="p.toml")
    return str(info.value)


def test_bundled_example_is_valid() -> None:
    cfg = parse_policy(bundled_policy_source())
    assert cfg.company.name == "Tulpwerk"
    assert {a.kind for a in cfg.accounts} == {"company", "customer_service"}
    assert cfg.confidential.codenames[0].public_from == dt.date(2027, 3, 1)


def test_contract_example_is_valid() -> None:
    contract = Path(__file__).resolve().parents[3] / "shared" / "docs" / "contract.md"
    if not contract.is_file():
        pytest.skip(f"contract not found at {contract}")
    text = contract.read_text(encoding="utf-8")
    source = text.split("```toml", 1)[1].split("```", 1)[0]
    cfg = parse_policy(source)
    assert cfg.company.name == "Het Bedrijf"
    assert cfg.work.hours == "09:00-17:30"


def test_minimal_policy_gets_defaults() -> None:
    cfg = parse_policy(MINIMAL)
    assert cfg.accounts == [] and cfg.work.timezone == "Europe/Amsterdam"


def test_unknown_key_names_key_and_line() -> None:
    msg = error_of(MINIMAL + 'nme = "x"\n')
    assert "p.toml:3" in msg and "company.nme" in msg and "unknown key" in msg


def test_unknown_table_names_line() -> None:
    msg = error_of(MINIMAL + "\n[extra]\nx = 1\n")
    assert "p.toml:4" in msg and "extra" in msg


def test_wrong_type_in_array_of_tables() -> None:
    source = (
        MINIMAL + '\n[[accounts]]\nhandle = "@A"\nkind = "company"\n\n[[accounts]]\n'
        'handle = "@B"\nkind = "vriend"\n'
    )
    msg = error_of(source)
    assert "accounts[1].kind" in msg and "p.toml:10" in msg


def test_missing_required_key() -> None:
    msg = error_of("[company]\ndomains = []\n")
    assert "company.name" in msg and "required" in msg and "p.toml:1" in msg


def test_bad_values_are_explained() -> None:
    assert "time zone" in error_of(MINIMAL + '[work]\ntimezone = "Mars/Olympus"\n')
    assert "09:00-17:30" in error_of(MINIMAL + '[work]\nhours = "9 to 5"\n')
    assert "handle" in error_of(
        MINIMAL + '[[accounts]]\nhandle = "@this handle"\nkind = "company"\n'
    )
    msg = error_of(MINIMAL + "[[confidential.quiet_periods]]\nfrom = 2027-01-02\nto = 2027-01-01\n")
    assert "before it starts" in msg


def test_invalid_toml_gives_line() -> None:
    msg = error_of('[company\nname = "x"\n')
    assert "not valid TOML" in msg and "line 1" in msg


def test_duplicate_handles_refused() -> None:
    source = (
        MINIMAL + '[[accounts]]\nhandle = "@A"\nkind = "company"\n[[accounts]]\n'
        'handle = "@a"\nkind = "customer_service"\n'
    )
    assert "listed twice" in error_of(source)


def test_several_errors_reported_together() -> None:
    msg = error_of(MINIMAL + 'x = 1\n[work]\nhours = "x"\nposts_per_day = -1\n')
    assert msg.count("p.toml:") == 3


def test_key_lines_multiline_arrays() -> None:
    source = '[relations]\ncompetitors = [\n  "A",\n  "B",\n]\npartners = ["C"]\n'
    lines = key_lines(source)
    assert lines[("relations", "competitors")] == 2
    assert lines[("relations", "partners")] == 6


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not found"):
        read_policy_file(tmp_path / "nope.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[company]\nname = "Caf\xe9"\n')
    with pytest.raises(PolicyError, match=r"latin1.toml:2.*not UTF-8"):
        read_policy_file(bad)
    with pytest.raises(PolicyError):
        read_policy_file(tmp_path)


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TWEETGUARD_POLICY", raising=False)
    assert load_policy().company == "Tulpwerk"  # bundled
    (tmp_path / "policy.toml").write_text('[company]\nname = "Lokaal BV"\n', encoding="utf-8")
    assert load_policy().company == "Lokaal BV"
    monkeypatch.setenv("TWEETGUARD_POLICY", str(SECOND_POLICY))
    assert load_policy().company == "Zorgkompas"
    assert load_policy(tmp_path / "policy.toml").company == "Lokaal BV"


def test_version_follows_company_name() -> None:
    a = load_policy(SECOND_POLICY)
    b = load_policy()
    assert a.version.startswith("sha256:") and a.version != b.version
