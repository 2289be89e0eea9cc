"""Posts from a spreadsheet export: CSV (or TSV) with a header row and a column mapping.

The mapping names, for each of our fields, the column that holds it: ``text`` (required),
``id``, ``created_at``, ``author`` (a handle), ``lang``, ``in_reply_to`` (the parent's
text), ``reply_author``. Without a mapping, columns are found by name, ignoring case (see
:data:`ALIASES`); a mapping given for some fields still finds the others by name.

The file is read row by row with the :mod:`csv` module (UTF-8, a BOM accepted); the
delimiter is ``,`` ``;`` or a tab, whichever the header row has most of (a tab for
``.tsv``). A row that cannot be read (a bad date, no text, not UTF-8, too many fields)
becomes a :class:`BadRecord` ``"posts.csv row 7"`` (the header is row 1, as a spreadsheet
counts) naming the column and the value, and the next row is read.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from tweetguard.draft import Draft
from tweetguard.errors import DraftError, InputError
from tweetguard.ingest import BadRecord, Post, Record
from tweetguard.ingest.drafts import (
    MAX_LINE_BYTES,
    clean_lang,
    draft_of,
    handle,
    open_input,
    parse_time,
    short,
)

FIELDS = ("text", "id", "created_at", "author", "lang", "in_reply_to", "reply_author")
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "tweet", "full_text", "body"),
    "id": ("id", "id_str", "tweet_id"),
    "created_at": ("created_at", "date", "timestamp"),
    "author": ("author", "user", "username", "screen_name"),
    "lang": ("lang", "language"),
    "in_reply_to": ("in_reply_to", "in_reply_to_text"),
    "reply_author": ("reply_author", "in_reply_to_screen_name"),
}
DELIMITERS = (",", ";", "\t")


def parse_mapping(spec: str) -> dict[str, str]:
    """``"text=body,created_at=date"`` as ``{"text": "body", "created_at": "date"}``; a
    ValueError saying what is wrong with a bad spec."""
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        if "=" not in part:
            raise ValueError(f"{part!r} in the column mapping: expected FIELD=COLUMN (text=body)")
        key, _, column = (s.strip() for s in part.partition("="))
        if key not in FIELDS:
            raise ValueError(
                f"unknown field {key!r} in the column mapping: use {', '.join(FIELDS)}"
            )
        if not column:
            raise ValueError(f"{key}= in the column mapping names no column")
        if key in mapping:
            raise ValueError(f"field {key!r} is mapped twice")
        mapping[key] = column
    if not mapping:
        raise ValueError("the column mapping is empty: expected FIELD=COLUMN,… (text=body)")
    return mapping


@dataclass(frozen=True, slots=True)
class _Plan:
    delimiter: str
    width: int  # columns in the header
    columns: dict[str, tuple[int, str]]  # our field → (index, column name)


def read_csv(
    path: Path, mapping: Mapping[str, str] | None = None, *, naive_tz: dt.tzinfo = dt.UTC
) -> Iterator[Record]:
    """Posts of a CSV/TSV file, one a row. ``mapping``: our field → column (see the module's
    docs). ``naive_tz``: the zone of times written without an offset (UTC unless the caller
    knows better, e.g. the policy's ``work.timezone``). Raises :class:`InputError` at once
    when the file cannot be opened or its header has no text column (or lacks a mapped
    column); ValueError for a mapping that names an unknown field."""
    return _read(path, _plan(path, mapping), naive_tz)


def _plan(path: Path, mapping: Mapping[str, str] | None) -> _Plan:
    for key in mapping or {}:
        if key not in FIELDS:
            raise ValueError(
                f"unknown field {key!r} in the column mapping: use {', '.join(FIELDS)}"
            )
    with open_input(path) as stream:
        raw = stream.readline(MAX_LINE_BYTES)
    try:
        line = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the header row is not UTF-8 (byte {exc.start + 1})", where=str(path)
        ) from None
    if not line.strip():
        raise InputError("no header row: the first line is empty", where=str(path))
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        delimiter = max(DELIMITERS, key=lambda d: (line.count(d), d == ","))
    header = next(csv.reader([line], delimiter=delimiter))
    index = {name.strip().lower(): i for i, name in reversed(list(enumerate(header)))}
    columns: dict[str, tuple[int, str]] = {}
    for key in FIELDS:
        wanted = (mapping or {}).get(key)
        if wanted is not None:
            if wanted.strip().lower() not in index:
                names = ", ".join(repr(h) for h in header[:20])
                raise InputError(
                    f"column {wanted!r} (for {key}) is not in the header; the columns are {names}",
                    where=str(path),
                )
            i = index[wanted.strip().lower()]
            columns[key] = (i, header[i].strip())
            continue
        for alias in ALIASES[key]:
            if alias in index:
                columns[key] = (index[alias], header[index[alias]].strip())
                break
    if "text" not in columns:
        raise InputError(
            "no column with the post's text: name it "
            + ", ".join(ALIASES["text"])
            + ", or map one (text=COLUMN)",
            where=str(path),
        )
    return _Plan(delimiter, len(header), columns)


@dataclass
class _Lines:
    """The file's lines decoded one by one; remembers which could not be decoded, so only
    the row holding such a line is refused."""

    stream: IO[bytes]
    bad: dict[int, str] = field(default_factory=dict)
    count: int = 0

    def __iter__(self) -> Iterator[str]:
        while raw := self.stream.readline(MAX_LINE_BYTES):
            self.count += 1
            if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
                self.bad[self.count] = f"a line longer than {MAX_LINE_BYTES} bytes"
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.bad[self.count] = (
                    f"not UTF-8 (byte 0x{raw[exc.start]:02x} in line {self.count})"
                )
                text = raw.decode("utf-8", "replace")
            yield text.removeprefix("\ufeff") if self.count == 1 else text


def _read(path: Path, plan: _Plan, naive_tz: dt.tzinfo) -> Iterator[Record]:
    name = path.name
    with open_input(path) as stream:
        lines = _Lines(stream)
        reader = csv.reader(lines, delimiter=plan.delimiter)
        number, last_line = 0, 0
        while True:
            number += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield BadRecord(_where(name, number, last_line + 1), f"not valid CSV: {exc}")
                last_line = reader.line_num
                continue
            start, last_line = last_line + 1, reader.line_num
            if number == 1:
                continue  # the header
            bad = [lines.bad.pop(n) for n in range(start, last_line + 1) if n in lines.bad]
            if bad:
                yield BadRecord(_where(name, number, start), bad[0])
            elif any(cell.strip() for cell in row):
                where = _where(name, number, start)
                try:
                    yield Post(_row_draft(row, plan, naive_tz), where)
                except DraftError as exc:
                    yield BadRecord(where, exc.message)
                except ValueError as exc:
                    yield BadRecord(where, str(exc))


def _where(name: str, number: int, line: int) -> str:
    return f"{name} row {number}" + (f" (line {line})" if line != number else "")


def _row_draft(row: list[str], plan: _Plan, naive_tz: dt.tzinfo = dt.UTC) -> Draft:
    """One data row as a draft; ValueError naming the column and the value that is wrong."""
    if len(row) > plan.width and any(c.strip() for c in row[plan.width :]):
        raise ValueError(
            f"{len(row)} fields, the header has {plan.width} (a delimiter "
            f"{plan.delimiter!r} in a value that is not quoted?)"
        )

    def value(key: str) -> str | None:
        if key not in plan.columns:
            return None
        i, _ = plan.columns[key]
        return row[i] if i < len(row) and row[i].strip() else None

    text_col = plan.columns["text"][1]
    text = value("text")
    if text is None:
        raise ValueError(f"column {text_col!r} (text) is empty")
    created = None
    if (stamp := value("created_at")) is not None:
        try:
            created = parse_time(stamp, naive_tz=naive_tz)
        except ValueError:
            raise ValueError(
                f"column {plan.columns['created_at'][1]!r} (created_at): cannot read "
                f"{short(stamp.strip())} as a time (ISO 8601, 'Sat Feb 18 12:33:11 +0000 "
                "2023' or a Unix timestamp)"
            ) from None
    parent, reply_author = value("in_reply_to"), handle(value("reply_author"))
    reply = None
    if parent is not None or reply_author is not None:
        reply = {"text": parent or "", "author": reply_author}
    author = handle(value("author"))
    ident = value("id")
    return draft_of(
        {
            "text": text,
            "id": ident.strip() if ident else None,
            "created_at": created,
            "lang": clean_lang(value("lang")),
            "account": {"handle": author} if author else None,
            "in_reply_to": reply,
        }
    )


__all__ = ["ALIASES", "FIELDS", "parse_mapping", "read_csv"]
