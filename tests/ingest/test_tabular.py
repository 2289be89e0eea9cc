"""CSV and TSV with a column mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tweetguard.draft import ReplyContext
from tweetguard.errors import InputError
from tweetguard.ingest import BadRecord, Post
from tweetguard.ingest.tabular import parse_mapping, read_csv

UTC = dt.UTC

EXPORT = (
    "\ufeffBericht;Datum;Wie;Taal;Nr;Reactie op\n"
    "Koffie & taart bij @HetBedrijf, kom langs;2023-02-18T12:33:11Z;@jan_de_vries;nl;1;\n"
    '"Een post over\ntwee regels; met ""quotes""";Sat Feb 18 13:00:00 +0000 2023;jan;NL;2;'
    "Waar blijft mijn pakket?\n"
    "Kapotte datum;gisteren om drie uur ongeveer, of toch iets later dan dat;jan;nl;3;\n"
    ";;;;;\n"
    "Unix-tijd;1676723591;jan;en;4;\n"
    ";2023-02-18;jan;nl;5;\n"
    "Te veel;2023-02-18T10:00:00+01:00;jan;nl;6;;extra\n"
    "Lokale tijd;2023-02-18 10:00;jan;xx-toolong;7;\n"
)
MAPPING = {
    "text": "Bericht",
    "created_at": "datum",
    "author": "Wie",
    "lang": "Taal",
    "id": "Nr",
    "in_reply_to": "Reactie op",
}


def test_semicolon_export_with_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    records = list(read_csv(path, MAPPING))
    assert [(r.where, type(r).__name__) for r in records] == [
        ("export.csv row 2", "Post"),
        ("export.csv row 3", "Post"),
        ("export.csv row 4 (line 5)", "BadRecord"),
        ("export.csv row 6 (line 7)", "Post"),
        ("export.csv row 7 (line 8)", "BadRecord"),
        ("export.csv row 8 (line 9)", "BadRecord"),
        ("export.csv row 9 (line 10)", "Post"),
    ]
    first, second, bad_date, unix, no_text, too_many, local = records
    assert isinstance(first, Post) and isinstance(second, Post)
    assert first.draft.text == "Koffie & taart bij @HetBedrijf, kom langs"
    assert first.draft.created_at == dt.datetime(2023, 2, 18, 12, 33, 11, tzinfo=UTC)
    assert first.draft.account.handle == "@jan_de_vries"
    assert first.draft.id == "1"
    assert first.draft.lang == "nl"
    assert first.draft.in_reply_to is None

    assert second.draft.text == 'Een post over\ntwee regels; met "quotes"'
    assert second.draft.created_at == dt.datetime(2023, 2, 18, 13, 0, tzinfo=UTC)
    assert second.draft.account.handle == "@jan"
    assert second.draft.lang == "nl"
    assert second.draft.in_reply_to == ReplyContext(text="Waar blijft mijn pakket?")

    assert isinstance(bad_date, BadRecord)
    assert bad_date.error == (
        "column 'Datum' (created_at): cannot read 'gisteren om drie uur ongeveer, of toch …' "
        "as a time (ISO 8601, 'Sat Feb 18 12:33:11 +0000 2023' or a Unix timestamp)"
    )
    assert isinstance(unix, Post)
    assert unix.draft.created_at == dt.datetime(2023, 2, 18, 12, 33, 11, tzinfo=UTC)
    assert unix.draft.lang == "en"
    assert isinstance(no_text, BadRecord)
    assert no_text.error == "column 'Bericht' (text) is empty"
    assert isinstance(too_many, BadRecord)
    assert too_many.error.startswith("7 fields, the header has 6")
    assert isinstance(local, Post)
    assert local.draft.created_at == dt.datetime(2023, 2, 18, 10, 0, tzinfo=UTC)
    assert local.draft.lang is None


def test_times_without_an_offset_in_the_given_zone(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    local = list(read_csv(path, MAPPING, naive_tz=ZoneInfo("Europe/Amsterdam")))[-1]
    assert isinstance(local, Post)
    assert local.draft.created_at == dt.datetime(2023, 2, 18, 9, 0, tzinfo=UTC)


def test_default_columns_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text(
        "ID,Full_Text,Screen_Name,timestamp,reply_author,in_reply_to\n"
        '10,"Hallo, wereld",HetBedrijf,2023-02-18T12:00:00Z,klant,Waar is mijn pakket?\n'
        "11,Tot morgen,HetBedrijf,,@klant,\n"
    )
    first, second = list(read_csv(path))
    assert isinstance(first, Post) and isinstance(second, Post)
    assert first.draft.text == "Hallo, wereld"
    assert first.draft.id == "10"
    assert first.draft.account.handle == "@HetBedrijf"
    assert first.draft.in_reply_to == ReplyContext(text="Waar is mijn pakket?", author="@klant")
    assert second.draft.created_at is None
    assert second.draft.in_reply_to == ReplyContext(text="", author="@klant")


def test_tsv_and_a_partial_mapping(tmp_path: Path) -> None:
    path = tmp_path / "posts.tsv"
    path.write_text("body\tuser\tcreated_at\nGoedemorgen, allemaal\tjan\t2023-02-18T08:00:00Z\n")
    [record] = list(read_csv(path, {"text": "body"}))
    assert isinstance(record, Post)
    assert record.draft.text == "Goedemorgen, allemaal"
    assert record.draft.account.handle == "@jan"
    assert record.draft.created_at == dt.datetime(2023, 2, 18, 8, 0, tzinfo=UTC)


def test_a_row_that_is_not_utf8_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(b"text,id\nEen,1\nTw\xe9e,2\nDrie,3\n")
    records = list(read_csv(path))
    assert [(r.where, type(r).__name__) for r in records] == [
        ("posts.csv row 2", "Post"),
        ("posts.csv row 3", "BadRecord"),
        ("posts.csv row 4", "Post"),
    ]
    assert records[1].error == "not UTF-8 (byte 0xe9 in line 3)"  # type: ignore[union-attr]


def test_header_problems_are_input_errors(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("message,date\nHallo,2023-01-01\n")
    with pytest.raises(InputError, match=r"no column with the post's text: name it text, tweet"):
        read_csv(path)
    with pytest.raises(InputError, match=r"column 'body' \(for text\) is not in the header; "
                       r"the columns are 'message', 'date'"):  # fmt: skip
        read_csv(path, {"text": "body"})
    with pytest.raises(ValueError, match="unknown field 'tekst'"):
        read_csv(path, {"tekst": "message"})
    with pytest.raises(InputError, match="file not found"):
        read_csv(tmp_path / "none.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputError, match="no header row"):
        read_csv(empty)


def test_parse_mapping() -> None:
    assert parse_mapping("text=body, created_at = date ,author=user") == {
        "text": "body",
        "created_at": "date",
        "author": "user",
    }
    assert parse_mapping("text=Bericht tekst") == {"text": "Bericht tekst"}


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("text", r"'text' in the column mapping: expected FIELD=COLUMN \(text=body\)"),
        ("txt=body", r"unknown field 'txt' in the column mapping: use text, id, created_at"),
        ("text=", r"text= in the column mapping names no column"),
        ("text=a,text=b", r"field 'text' is mapped twice"),
        (" , ", r"the column mapping is empty"),
    ],
)
def test_parse_mapping_refuses_bad_specs(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_mapping(spec)
