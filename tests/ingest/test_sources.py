"""Choosing the reader by name and first bytes; several sources in a row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.samples import ytd
from tweetguard.errors import InputError
from tweetguard.ingest import BadRecord, Post
from tweetguard.ingest.sources import SUPPORTED, detect, read, read_all

API_POST = {"id": "5", "text": "Via de API", "author_id": "1", "edit_history_tweet_ids": ["5"]}
PAGE = {
    "data": [API_POST],
    "includes": {"users": [{"id": "1", "username": "HetBedrijf"}]},
    "meta": {"result_count": 1},
}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_detect(tmp_path: Path, archive_zip: Path, archive_dir: Path) -> None:
    drafts = [{"text": "Hallo", "lang": "nl", "account": {"handle": "@jan"}}]
    cases = {
        archive_zip: "archive",
        archive_dir: "archive",
        write(tmp_path / "export.txt", "  window.YTD.tweets.part0 = []"): "archive",
        write(tmp_path / "posts.csv", "text\nHallo\n"): "csv",
        write(tmp_path / "posts.tsv", "text\nHallo\n"): "csv",
        write(tmp_path / "page.json", json.dumps(PAGE, indent=2)): "apiv2",
        write(tmp_path / "pages.jsonl", json.dumps(PAGE) + "\n"): "apiv2",
        write(tmp_path / "posts.ndjson", json.dumps(API_POST) + "\n"): "apiv2",
        write(tmp_path / "array.json", json.dumps([API_POST])): "apiv2",
        write(tmp_path / "big.json", '{"data": [' + '{"id": "1", "text": "x"},' * 60_000): "apiv2",
        write(tmp_path / "drafts.jsonl", json.dumps(drafts[0]) + "\n"): "drafts",
        write(tmp_path / "draft.json", json.dumps(drafts[0], indent=2)): "drafts",
        write(tmp_path / "drafts.json", json.dumps(drafts)): "drafts",
        write(tmp_path / "quoted.jsonl", json.dumps({"text": 'say "data": no'}) + "\n"): "drafts",
        write(tmp_path / "empty.jsonl", ""): "drafts",
    }
    assert {p.name: detect(p) for p in cases} == {p.name: kind for p, kind in cases.items()}


def test_read_picks_the_reader(tmp_path: Path, archive_zip: Path) -> None:
    pages = write(tmp_path / "pages.jsonl", json.dumps(PAGE) + "\n")
    [api] = list(read(pages))
    assert isinstance(api, Post)
    assert api.draft.account.handle == "@HetBedrijf"
    assert api.where == "pages.jsonl line 1 data[0]"

    drafts = write(tmp_path / "drafts.jsonl", '{"text": "Hallo"}\n')
    assert [r.where for r in read(drafts)] == ["drafts.jsonl line 1"]

    csv = write(tmp_path / "posts.csv", "Bericht;Wie\nHallo;jan\n")
    [row] = list(read(csv, csv_mapping={"text": "Bericht", "author": "Wie"}))
    assert isinstance(row, Post)
    assert row.draft.account.handle == "@jan"

    assert sum(isinstance(r, Post) for r in read(archive_zip)) == 7


def test_read_all_chains_in_order(tmp_path: Path, archive_dir: Path) -> None:
    a = write(tmp_path / "a.jsonl", '{"text": "een"}\n{"text": "twee"\n')
    b = write(tmp_path / "b.csv", "text\ndrie\n")
    records = list(read_all([a, b, archive_dir]))
    assert [r.where for r in records][:4] == [
        "a.jsonl line 1",
        "a.jsonl line 2",
        "b.csv row 2",
        "tweets.js item 1",
    ]
    assert isinstance(records[1], BadRecord)
    assert len(records) == 4 + 9


def test_read_all_opens_every_source_first(tmp_path: Path) -> None:
    a = write(tmp_path / "a.jsonl", '{"text": "een"}\n')
    with pytest.raises(InputError, match="file not found") as info:
        read_all([a, tmp_path / "missing.zip"])
    assert info.value.where == str(tmp_path / "missing.zip")


def test_unknown_kind(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", "just some notes")
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert message.startswith(f"{path}: cannot tell what kind of source this is; supported: ")
    assert SUPPORTED in message
    for kind in (".zip", "tweets.js", ".jsonl", ".csv"):
        assert kind in message


def test_errors_of_the_readers_come_through(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read(tmp_path / "gone.csv")
    bad_zip = write(tmp_path / "archive.zip", "not a zip")
    with pytest.raises(InputError, match="not a zip file"):
        read(bad_zip)
    like = write(tmp_path / "like.js", ytd("like", []))
    with pytest.raises(InputError, match="not of posts"):
        read(like)
