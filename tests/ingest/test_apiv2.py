"""X API v2 responses: one page as .json, pages or posts a line as .jsonl."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tweetguard.draft import MediaItem, ReplyContext
from tweetguard.errors import InputError
from tweetguard.ingest import BadRecord, Post, Record
from tweetguard.ingest.apiv2 import read_apiv2

UTC = dt.UTC
LONG = "Een lange post. " * 30

PAGE: dict[str, Any] = {
    "data": [
        {
            "id": "1600000000000000001",
            "edit_history_tweet_ids": ["1600000000000000001"],
            "text": "@klant123 Vervelend! Stuur ons een DM &amp; we kijken mee",
            "author_id": "111",
            "created_at": "2023-02-18T12:33:11.000Z",
            "lang": "nl",
            "conversation_id": "1599999999999999999",
            "in_reply_to_user_id": "222",
            "referenced_tweets": [{"type": "replied_to", "id": "1599999999999999999"}],
        },
        {
            "id": "1600000000000000002",
            "edit_history_tweet_ids": ["1600000000000000002"],
            "text": "Onze nieuwe kantoortuin https://t.co/AbC",
            "author_id": "111",
            "created_at": "2023-02-19T08:00:00.000Z",
            "lang": "qme",
            "attachments": {"media_keys": ["3_1", "3_2"]},
        },
        {
            "id": "1600000000000000003",
            "edit_history_tweet_ids": ["1600000000000000003"],
            "text": LONG[:270] + "… https://t.co/x",
            "note_tweet": {"text": LONG, "entities": {}},
            "author_id": "333",
            "created_at": "2023-02-20T09:30:00+01:00",
            "lang": "nl",
        },
        {"id": "1600000000000000004", "text": "Kapotte datum", "created_at": "gisteren"},
        {
            "id": "1600000000000000005",
            "text": "@iemand eens!",
            "author_id": "111",
            "referenced_tweets": [{"type": "replied_to", "id": "1"}],
            "in_reply_to_user_id": "222",
        },
    ],
    "includes": {
        "users": [
            {"id": "111", "name": "Het Bedrijf Helpt", "username": "HetBedrijfHelpt"},
            {"id": "222", "name": "Klant", "username": "klant123"},
        ],
        "tweets": [
            {
                "id": "1599999999999999999",
                "text": "@HetBedrijfHelpt mijn bestelling is nog steeds niet binnen!",
                "author_id": "222",
            }
        ],
        "media": [
            {"media_key": "3_1", "type": "photo", "alt_text": "Planten en bureaus"},
            {"media_key": "3_2", "type": "photo"},
        ],
    },
    "meta": {"result_count": 5, "newest_id": "1600000000000000005", "next_token": "abc"},
}


def by_id(records: list[Record]) -> dict[str, Post]:
    return {str(r.draft.id): r for r in records if isinstance(r, Post)}


def test_a_page(tmp_path: Path) -> None:
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps(PAGE, indent=2))
    records = list(read_apiv2(path))
    assert [(r.where, type(r).__name__) for r in records] == [
        ("timeline.json data[0]", "Post"),
        ("timeline.json data[1]", "Post"),
        ("timeline.json data[2]", "Post"),
        ("timeline.json data[3]", "BadRecord"),
        ("timeline.json data[4]", "Post"),
    ]
    bad = records[3]
    assert isinstance(bad, BadRecord)
    assert bad.error.startswith("created_at: cannot read 'gisteren' as a time")

    got = by_id(records)
    reply = got["1600000000000000001"].draft
    assert reply.text == "@klant123 Vervelend! Stuur ons een DM & we kijken mee"
    assert reply.created_at == dt.datetime(2023, 2, 18, 12, 33, 11, tzinfo=UTC)
    assert reply.lang == "nl"
    assert reply.account.handle == "@HetBedrijfHelpt"
    assert reply.in_reply_to == ReplyContext(
        text="@HetBedrijfHelpt mijn bestelling is nog steeds niet binnen!", author="@klant123"
    )
    assert reply.media == []

    photo = got["1600000000000000002"].draft
    assert photo.media == [MediaItem(alt="Planten en bureaus"), MediaItem()]
    assert photo.lang is None
    assert photo.in_reply_to is None

    long_post = got["1600000000000000003"].draft
    assert long_post.text == LONG
    assert long_post.created_at == dt.datetime(2023, 2, 20, 8, 30, tzinfo=UTC)
    assert long_post.account.handle is None  # user 333 is not in includes

    unknown_parent = got["1600000000000000005"].draft
    assert unknown_parent.in_reply_to == ReplyContext(text="", author="@klant123")


def test_jsonl_pages_posts_and_broken_lines(tmp_path: Path) -> None:
    second = {
        "data": [{"id": "9", "text": "Tweede pagina", "author_id": "111"}],
        "includes": {"users": [{"id": "111", "username": "HetBedrijf"}]},
        "meta": {"result_count": 1},
    }
    lines = [
        json.dumps(PAGE),
        '{"data": [{"id": "8", "text": "kapot"',
        "",
        json.dumps({"id": "7", "text": "Losse post", "edit_history_tweet_ids": ["7"]}),
        json.dumps(second),
        json.dumps({"errors": [{"title": "Not Found Error", "detail": "Could not find user"}]}),
        json.dumps({"meta": {"result_count": 0}}),
        json.dumps([1, 2]),
    ]
    path = tmp_path / "timeline.jsonl"
    path.write_text("\n".join(lines) + "\n")
    records = list(read_apiv2(path))
    assert [(r.where, type(r).__name__) for r in records] == [
        ("timeline.jsonl line 1 data[0]", "Post"),
        ("timeline.jsonl line 1 data[1]", "Post"),
        ("timeline.jsonl line 1 data[2]", "Post"),
        ("timeline.jsonl line 1 data[3]", "BadRecord"),
        ("timeline.jsonl line 1 data[4]", "Post"),
        ("timeline.jsonl line 2", "BadRecord"),
        ("timeline.jsonl line 4", "Post"),
        ("timeline.jsonl line 5 data[0]", "Post"),
        ("timeline.jsonl line 6", "BadRecord"),
        ("timeline.jsonl line 8", "BadRecord"),
    ]
    assert records[5].error.startswith("not valid JSON: ")  # type: ignore[union-attr]
    assert "Could not find user" in records[8].error  # type: ignore[union-attr]
    assert records[7].draft.account.handle == "@HetBedrijf"  # type: ignore[union-attr]
    assert records[6].draft.text == "Losse post"  # type: ignore[union-attr]


def test_a_json_array_of_pages_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "pages.json"
    path.write_text(json.dumps([PAGE, {"id": "7", "text": "Losse post"}, "rommel"]))
    records = list(read_apiv2(path))
    assert [r.where for r in records][-3:] == [
        "pages.json item 1 data[4]",
        "pages.json item 2",
        "pages.json item 3",
    ]
    assert isinstance(records[-1], BadRecord)
    assert len([r for r in records if isinstance(r, Post)]) == 5


def test_a_broken_page(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text('{"data": [{"id": "1", "text": "x"}')
    [record] = list(read_apiv2(path))
    assert isinstance(record, BadRecord)
    assert record.where == "page.json"
    assert record.error.startswith("not valid JSON")


def test_a_post_without_text(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"data": [{"id": "1", "author_id": "2"}, "x"]}))
    records = list(read_apiv2(path))
    assert [(r.where, r.error[:25]) for r in records if isinstance(r, BadRecord)] == [
        ("page.json data[0]", "the post has no text"),
        ("page.json data[1]", "expected a post object, f"),
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_apiv2(tmp_path / "gone.jsonl")
