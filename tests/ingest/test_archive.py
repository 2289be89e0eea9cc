"""The X data archive: the zip as downloaded and ``tweets.js`` on its own."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from ingest.samples import LONG_NOTE, LONG_SHORTENED, ytd
from tweetguard.draft import MediaItem, ReplyContext
from tweetguard.engine import Engine
from tweetguard.errors import InputError
from tweetguard.ingest import BadRecord, Post, Record, archive
from tweetguard.ingest.archive import ArrayReader, JsonStreamError, read_archive

UTC = dt.UTC


def expected(prefix: str) -> list[tuple[str, str]]:
    """(where, what) for the sample archive: a post's id, or ``bad``."""
    part0 = ["1001", "1002", "1003", "bad", "1005", "1006", "bad"]
    part1 = ["2001", "bad", "2003"]
    return [(f"{prefix}tweets.js item {n}", what) for n, what in enumerate(part0, 1)] + [
        (f"{prefix}tweets-part1.js item {n}", what) for n, what in enumerate(part1, 1)
    ]


def summary(records: list[Record]) -> list[tuple[str, str]]:
    return [
        (r.where, str(r.draft.id) if isinstance(r, Post) else "bad")
        for r in records
    ]  # fmt: skip


def posts(records: list[Record]) -> dict[str, Post]:
    return {str(r.draft.id): r for r in records if isinstance(r, Post)}


def test_zip_reads_every_part_in_order_and_goes_on_after_bad_items(archive_zip: Path) -> None:
    records = list(read_archive(archive_zip))
    assert summary(records) == expected("twitter-2023-03-09-abc.zip:data/")


def test_zip_drafts_are_exact(archive_zip: Path) -> None:
    got = posts(list(read_archive(archive_zip)))
    assert set(got) == {"1001", "1002", "1003", "1005", "1006", "2001", "2003"}
    plain = got["1001"].draft
    assert plain.text == "Koffie & taart vandaag bij @HetBedrijf <3"  # entities unescaped
    assert plain.created_at == dt.datetime(2023, 2, 18, 12, 33, 11, tzinfo=UTC)
    assert plain.created_at.utcoffset() == dt.timedelta(0)
    assert plain.lang == "nl"
    assert plain.account.handle == "@jan_de_vries"  # from data/account.js
    assert plain.in_reply_to is None
    assert plain.media == []

    reply = got["1002"].draft
    assert reply.in_reply_to == ReplyContext(text="", author="@klant123")
    assert reply.text.startswith("@klant123 Stuur ons")

    retweet = got["1003"].draft
    assert retweet.text == "RT @HetBedrijf: Nieuwe release van de Bedrijfsapp!"
    assert retweet.account.handle == "@jan_de_vries"

    photo = got["1005"].draft
    assert photo.media == [MediaItem(alt="De nieuwe kantoortuin"), MediaItem()]
    assert photo.lang is None  # "zxx": no linguistic content

    long_post = got["1006"].draft
    assert long_post.text == LONG_NOTE  # the note's full text, not the shortened tweet
    assert long_post.created_at == dt.datetime(2023, 3, 1, 9, 0, tzinfo=UTC)

    english = got["2001"].draft
    assert english.text == 'Proud of the team [and {all} of "you"]'
    assert english.lang == "en"

    offset = got["2003"].draft
    assert offset.created_at == dt.datetime(2023, 3, 8, 9, 0, tzinfo=UTC)  # +0100 → UTC
    assert offset.created_at.tzinfo == UTC
    assert offset.lang is None  # "und"


def test_bad_items_say_where_and_why(archive_zip: Path) -> None:
    bad = {r.where: r.error for r in read_archive(archive_zip) if isinstance(r, BadRecord)}
    name = "twitter-2023-03-09-abc.zip:data/"
    assert bad == {
        f"{name}tweets.js item 4": "the tweet has no full_text",
        f"{name}tweets.js item 7": "created_at: cannot read 'yesterday' as a time like "
        "'Sat Feb 18 12:33:11 +0000 2023'",
        f"{name}tweets-part1.js item 2": (
            "not valid JSON: Expecting value (character 64 of the item)"
        ),
    }


def test_bare_tweets_js_reads_its_parts_notes_and_account_beside_it(archive_dir: Path) -> None:
    records = list(read_archive(archive_dir))
    assert summary(records) == expected("")
    got = posts(records)
    assert got["1006"].draft.text == LONG_NOTE
    assert got["1001"].draft.account.handle == "@jan_de_vries"


def test_bare_tweets_js_alone(tmp_path: Path) -> None:
    path = tmp_path / "export.js"
    path.write_text(
        "\ufeffwindow.YTD.tweets.part0 = "
        + json.dumps([{"tweet": {"id_str": "1", "full_text": "Hallo", "lang": "qme"}}])
        + ";\n",
        encoding="utf-8",
    )
    [record] = list(read_archive(path))
    assert isinstance(record, Post)
    assert record.where == "export.js item 1"
    assert record.draft.text == "Hallo"
    assert record.draft.account.handle is None
    assert record.draft.created_at is None
    assert record.draft.lang is None


def test_a_note_is_matched_only_to_the_post_it_continues(tmp_path: Path) -> None:
    notes = [
        {"noteTweet": {"createdAt": "2023-03-01T09:00:00.000Z", "core": {"text": "B" * 300}}},
        {"noteTweet": {"createdAt": "2023-03-01T09:00:00.000Z", "core": {"text": "A" * 300}}},
    ]
    when = "Wed Mar 01 09:00:00 +0000 2023"
    later = "Wed Mar 01 09:00:05 +0000 2023"
    tweets = [
        {"tweet": {"id_str": "1", "full_text": "A" * 270 + "… https://t.co/x", "created_at": when}},
        {"tweet": {"id_str": "2", "full_text": "A" * 20, "created_at": later}},
        {"tweet": {"id_str": "3", "full_text": "Kort", "created_at": when}},
        {"tweet": {"id_str": "4", "full_text": "https://t.co/photo", "created_at": when}},
    ]
    (tmp_path / "tweets.js").write_text(ytd("tweets", tweets))
    (tmp_path / "note-tweet.js").write_text(ytd("note_tweet", notes))
    got = [r.draft.text for r in read_archive(tmp_path / "tweets.js") if isinstance(r, Post)]
    assert got == ["A" * 300, "A" * 20, "Kort", "https://t.co/photo"]


def test_shortened_text_is_kept_without_note_tweet_js(tmp_path: Path) -> None:
    tweets = [{"tweet": {"id_str": "1", "full_text": LONG_SHORTENED,
                         "created_at": "Wed Mar 01 09:00:00 +0000 2023"}}]  # fmt: skip
    (tmp_path / "tweets.js").write_text(ytd("tweets", tweets))
    [record] = list(read_archive(tmp_path / "tweets.js"))
    assert isinstance(record, Post)
    assert record.draft.text == LONG_SHORTENED


def test_a_truncated_file_yields_what_it_has_then_says_so(tmp_path: Path) -> None:
    items = [{"tweet": {"id_str": str(i), "full_text": f"post {i}"}} for i in range(3)]
    text = ytd("tweets", items)
    (tmp_path / "tweets.js").write_text(text[: text.rindex("post 2") + 3])
    records = list(read_archive(tmp_path / "tweets.js"))
    assert [r.where for r in records] == [
        "tweets.js item 1",
        "tweets.js item 2",
        "tweets.js after item 2",
    ]
    last = records[-1]
    assert isinstance(last, BadRecord)
    assert "truncated" in last.error


def test_a_member_that_is_not_utf8_does_not_stop_the_others(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    good = ytd("tweets", [{"tweet": {"id_str": "1", "full_text": "Goed"}}])
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("data/tweets.js", good.encode())
        zf.writestr("data/tweets-part1.js", b'window.YTD.tweets.part1 = [ {"tweet": \xff } ]')
        zf.writestr("data/tweets-part2.js", good.replace("part0", "part2").replace('"1"', '"3"'))
    records = list(read_archive(path))
    assert [(r.where, isinstance(r, Post)) for r in records] == [
        ("archive.zip:data/tweets.js item 1", True),
        ("archive.zip:data/tweets-part1.js", False),
        ("archive.zip:data/tweets-part2.js item 1", True),
    ]
    assert "not UTF-8 (byte 0xff at offset 38)" in records[1].error  # type: ignore[union-attr]


def test_too_long_text_is_a_bad_record(tmp_path: Path) -> None:
    items = [{"tweet": {"id_str": "1", "full_text": "x" * 25_001}}]
    (tmp_path / "tweets.js").write_text(ytd("tweets", items))
    [record] = list(read_archive(tmp_path / "tweets.js"))
    assert isinstance(record, BadRecord)
    assert "25001 characters long" in record.error


# --- the sources that cannot be opened -------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found") as info:
        read_archive(tmp_path / "nope.zip")
    assert info.value.where == str(tmp_path / "nope.zip")


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    path.write_text("this is not a zip")
    with pytest.raises(InputError, match="not a zip file") as info:
        read_archive(path)
    assert str(path) in str(info.value)


def test_zip_without_tweets(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("data/account.js", "window.YTD.account.part0 = []")
        zf.writestr("tweets.js", "window.YTD.tweets.part0 = []")  # not under data/
    with pytest.raises(InputError, match=r"no data/tweets\.js in this zip"):
        read_archive(path)


def test_file_that_is_not_an_archive_file(tmp_path: Path) -> None:
    path = tmp_path / "tweets.js"
    path.write_text("var x = [1, 2]")
    with pytest.raises(InputError, match=r"does not start with 'window\.YTD\.tweets\.part0 = \['"):
        read_archive(path)


def test_archive_file_of_something_else(tmp_path: Path) -> None:
    path = tmp_path / "like.js"
    path.write_text(ytd("like", []))
    with pytest.raises(InputError, match="an X archive file of 'like', not of posts"):
        read_archive(path)


# --- the streaming array reader ----------------------------------------------------------


def stream_items(text: str) -> list[tuple[int, object, str | None]]:
    reader = ArrayReader(io.BytesIO(text.encode()))
    return [(i.number, i.value, i.error) for i in reader.items()]


TRICKY = [
    {"text": 'brackets ] } [ { and "quotes" \\ and \\"escaped\\"', "n": 1},
    {"text": "emoji 😀 and ë, é across chunk borders " * 5, "n": [1, [2, [3]]]},
    "a string",
    12345,
    None,
    {"text": "\\" * 7},
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_small_chunks_take_the_slow_path_and_get_the_same_values(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "CHUNK_BYTES", chunk)
    monkeypatch.setattr(archive, "LOOKAHEAD_CHARS", 1)
    text = json.dumps(TRICKY, ensure_ascii=False, indent=1)
    assert stream_items(text) == [(n, v, None) for n, v in enumerate(TRICKY, 1)]


@pytest.mark.parametrize("chunk", [2, 5, 64 * 1024])
def test_broken_items_are_skipped_whatever_the_chunk_size(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "CHUNK_BYTES", chunk)
    monkeypatch.setattr(archive, "LOOKAHEAD_CHARS", 4)
    text = '[{"a": 1}, {"b": nope, "c": "]"}, tru, {"d": [1, 2]} ]'
    got = stream_items(text)
    assert [(n, v) for n, v, _ in got] == [(1, {"a": 1}), (2, None), (3, None), (4, {"d": [1, 2]})]
    assert got[1][2] is not None and got[1][2].startswith("not valid JSON: Expecting value")


def test_an_item_beyond_the_limit_ends_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_ITEM_CHARS", 100)
    monkeypatch.setattr(archive, "CHUNK_BYTES", 16)
    monkeypatch.setattr(archive, "LOOKAHEAD_CHARS", 16)
    reader = ArrayReader(io.BytesIO(b'[{"a": 1}, {"b": "' + b"x" * 500 + b'"}]'))
    items = reader.items()
    assert next(items).value == {"a": 1}
    with pytest.raises(JsonStreamError, match="longer than 100 characters"):
        next(items)


def test_empty_array_and_missing_separator() -> None:
    assert stream_items("  [ ]  ") == []
    with pytest.raises(JsonStreamError, match="expected ',' or ']' after item 1"):
        stream_items('[{"a": 1} {"b": 2}]')


def test_every_post_goes_through_the_engine(engine: Engine, archive_zip: Path) -> None:
    """The drafts the reader makes are what the engine takes: a reply whose parent is not in
    the archive (empty text) is checked without the reply rules guessing at the parent, and
    the engine says so (an info finding)."""
    reports = {
        str(r.draft.id): engine.check(r.draft)
        for r in read_archive(archive_zip)
        if isinstance(r, Post)
    }
    assert len(reports) == 7
    assert [f.code for f in reports["1002"].findings] == ["P.reply-unread"]
    assert [f.code for f in reports["1005"].findings] == ["R1.media-unchecked"] * 2
