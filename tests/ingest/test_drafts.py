"""Our own drafts: JSONL, one .json draft, or a JSON array of drafts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tweetguard.draft import AccountInfo, Draft, ReplyContext
from tweetguard.errors import InputError
from tweetguard.ingest import BadRecord, Post
from tweetguard.ingest.drafts import clean_lang, parse_time, read_drafts

FIRST: dict[str, Any] = {
    "text": "Stuur me je ordernummer even via DM, dan regel ik het",
    "account": {"handle": "@jan_de_vries", "kind": "personal"},
    "in_reply_to": {"text": "@HetBedrijf waar blijft mijn pakket?", "author": "@klant123"},
    "created_at": "2026-11-24T10:15:00+01:00",
    "lang": "nl",
}


def test_jsonl_with_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "drafts.jsonl"
    path.write_bytes(
        b"\n".join([
            json.dumps(FIRST).encode(),
            b"",
            b"   ",
            b'{"text": "kapot"',
            json.dumps({"text": "Hallo", "colour": "red"}).encode(),
            b'{"text": "caf\xe9"}',
            b'"just a string"',
            json.dumps({"text": "  ", "lang": "nl"}).encode(),
            json.dumps({"text": "Laatste", "id": 7}).encode(),
        ])
        + b"\n"
    )  # fmt: skip
    records = list(read_drafts(path))
    assert [(r.where, type(r).__name__) for r in records] == [
        ("drafts.jsonl line 1", "Post"),
        ("drafts.jsonl line 4", "BadRecord"),
        ("drafts.jsonl line 5", "BadRecord"),
        ("drafts.jsonl line 6", "BadRecord"),
        ("drafts.jsonl line 7", "BadRecord"),
        ("drafts.jsonl line 8", "BadRecord"),
        ("drafts.jsonl line 9", "Post"),
    ]
    first = records[0]
    assert isinstance(first, Post)
    assert first.draft == Draft(
        text=FIRST["text"],
        account=AccountInfo(handle="@jan_de_vries", kind="personal"),
        in_reply_to=ReplyContext(text="@HetBedrijf waar blijft mijn pakket?", author="@klant123"),
        created_at=dt.datetime(2026, 11, 24, 9, 15, tzinfo=dt.UTC),
        lang="nl",
    )
    errors = [r.error for r in records if isinstance(r, BadRecord)]
    assert errors == [
        "not valid JSON: Expecting ',' delimiter (column 17)",
        "not a valid draft: colour: unknown field",
        "not UTF-8 (byte 0xe9 at column 14)",
        'a draft is a JSON object with at least "text", not str',
        "the draft is empty: give a text to check",
    ]


def test_one_pretty_printed_draft(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(FIRST, indent=2))
    [record] = list(read_drafts(path))
    assert isinstance(record, Post)
    assert record.where == "draft.json"
    assert record.draft.account.handle == "@jan_de_vries"


def test_jsonl_named_json_and_an_array(tmp_path: Path) -> None:
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "een"}\n{"text": "twee"}\n')
    assert [r.draft.text for r in read_drafts(lines) if isinstance(r, Post)] == ["een", "twee"]
    array = tmp_path / "array.json"
    array.write_text('[{"text": "een"}, {"txt": "twee"}, {"text": "drie"}]')
    records = list(read_drafts(array))
    assert [(r.where, type(r).__name__) for r in records] == [
        ("array.json item 1", "Post"),
        ("array.json item 2", "BadRecord"),
        ("array.json item 3", "Post"),
    ]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_drafts(tmp_path / "none.jsonl")
    with pytest.raises(InputError, match="is a directory"):
        read_drafts(tmp_path)


@pytest.mark.parametrize(
    ("value", "code"),
    [("nl", "nl"), ("EN", "en"), ("pt-BR", "pt-BR"), ("und", None), ("qme", None),
     ("qht", None), ("zxx", None), ("dutch", None), ("", None), (None, None), (3, None)],
)  # fmt: skip
def test_clean_lang(value: object, code: str | None) -> None:
    assert clean_lang(value) == code


def test_parse_time() -> None:
    want = dt.datetime(2023, 2, 18, 12, 33, 11, tzinfo=dt.UTC)
    assert parse_time("Sat Feb 18 12:33:11 +0000 2023") == want
    assert parse_time("Sat Feb 18 13:33:11 +0100 2023") == want
    assert parse_time("2023-02-18T12:33:11.000Z") == want
    assert parse_time("1676723591") == want
    assert parse_time("1676723591000") == want
    with pytest.raises(ValueError, match="cannot read 'Sat Feb 30 12:33:11 \\+0000 2023'"):
        parse_time("Sat Feb 30 12:33:11 +0000 2023")
