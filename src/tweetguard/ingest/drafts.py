"""Our own drafts (contract.md, "A draft"), one JSON object a line, and the small helpers
every reader uses to turn a platform's fields into draft fields.

``read_drafts`` takes JSONL (``.jsonl``/``.ndjson``: one draft a line, blank lines skipped),
a ``.json`` file holding one draft (pretty-printed or not) or a JSON array of drafts
(streamed item by item). A line that is not UTF-8, not JSON or not a draft becomes a
:class:`BadRecord` (``"drafts.jsonl line 7"``) and the other lines are still read.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tweetguard.draft import Draft, draft_from_obj
from tweetguard.errors import DraftError, InputError
from tweetguard.ingest import BadRecord, Post, Record

MAX_LINE_BYTES = 4 * 1024 * 1024  # a draft at its largest (25,000 characters) is far smaller
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024  # a .json file read whole (one draft)

# --- field helpers shared by the readers --------------------------------------------------

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")  # the Draft ``lang`` pattern
# X's codes that name no language: undetermined, no linguistic content, and the ISO 639
# local-use range qaa–qtz that X uses for "media only" (qme), "hashtags only" (qht) etc.
_NOT_A_LANGUAGE = re.compile(r"^(und|zxx|mis|mul|art|q[a-t][a-z])$")


def clean_lang(value: object) -> str | None:
    """A language code the engine can use, or ``None`` (X's ``und``, ``qme``, ``zxx`` …)."""
    return _clean_lang(value) if isinstance(value, str) else None


@functools.lru_cache(maxsize=512)  # an archive holds a few dozen distinct codes
def _clean_lang(value: str) -> str | None:
    primary, sep, region = value.strip().partition("-")
    code = primary.lower() + sep + region
    if not _LANG.match(code) or _NOT_A_LANGUAGE.match(primary.lower()):
        return None
    return code


def handle(name: object) -> str | None:
    """``@name`` for a user name with or without its ``@``; ``None`` when there is none."""
    if not isinstance(name, str) or not name.strip().lstrip("@"):
        return None
    return "@" + name.strip().lstrip("@")


def unescape_entities(text: str) -> str:
    """X escapes ``&``, ``<`` and ``>`` in post texts (archive and API); undo only those, so
    a literal ``&copy`` in a post stays as written."""
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_MONTH_DIGITS = {m: f"{i:02d}" for m, i in _MONTHS.items()}
_ARCHIVE_TIME = re.compile(
    r"(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2})"
    r" ([+-])(\d{2})(\d{2}) (\d{4})"
)
_UNIX = re.compile(r"\d{9,13}(\.\d+)?")


def parse_archive_time(value: str) -> dt.datetime:
    """``Sat Feb 18 12:33:11 +0000 2023`` (the archive's form) as an aware UTC datetime."""
    if len(value) == 30 and value.endswith(" +0000 ", 0, 26):
        # The form X writes, read the cheap way (a large archive has a million of them).
        month = _MONTH_DIGITS.get(value[4:7])
        if month is not None:
            try:  # (contextlib.suppress would cost an object per call)
                return dt.datetime.fromisoformat(
                    f"{value[26:]}-{month}-{value[8:10]}T{value[11:19]}+00:00"
                )
            except ValueError:
                pass  # not a date after all: the slow path says why
    m = _ARCHIVE_TIME.fullmatch(value.strip())
    if not m or m.group(1) not in _MONTHS:
        raise ValueError(
            f"cannot read {short(value)} as a time like 'Sat Feb 18 12:33:11 +0000 2023'"
        )
    mon, day, hh, mm, ss, sign, oh, om, year = m.groups()
    zone = dt.UTC  # what the archive writes (+0000); others are converted
    if oh != "00" or om != "00":
        offset = dt.timedelta(hours=int(oh), minutes=int(om))
        zone = dt.timezone(-offset if sign == "-" else offset)
    try:
        when = dt.datetime(
            int(year), _MONTHS[mon], int(day), int(hh), int(mm), int(ss), tzinfo=zone
        )
    except ValueError as exc:
        raise ValueError(f"cannot read {short(value)} as a time: {exc}") from None
    return when if zone is dt.UTC else when.astimezone(dt.UTC)


def parse_time(value: str, *, naive_tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    """A time as an aware UTC datetime: ISO 8601 (``2023-02-18T12:33:11Z``; without an offset
    it is taken in ``naive_tz``), the archive's form, or a Unix timestamp (seconds, or
    milliseconds when it has 13 digits). Raise ValueError saying what was expected."""
    raw = value.strip()
    if _UNIX.fullmatch(raw):
        seconds = float(raw) / (1000 if len(raw.split(".")[0]) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    if _ARCHIVE_TIME.fullmatch(raw):
        return parse_archive_time(raw)
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(
            f"cannot read {short(value)} as a time (ISO 8601 like 2023-02-18T12:33:11Z, "
            "'Sat Feb 18 12:33:11 +0000 2023' or a Unix timestamp)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=naive_tz)
    return when.astimezone(dt.UTC)


def short(value: object, limit: int = 40) -> str:
    """``value`` quoted for a message, cut to ``limit`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def draft_of(fields: dict[str, Any]) -> Draft:
    """Validate the fields a reader gathered as a draft (raises :class:`DraftError`). Fields
    that are ``None`` are left out; the list fields are always given, which spares pydantic
    copying their defaults (a tenth of the time of a large scan)."""
    obj = {k: v for k, v in fields.items() if v is not None}
    obj.setdefault("account", {})
    obj.setdefault("media", [])
    obj.setdefault("history", [])
    return draft_from_obj(obj)


def json_error(exc: json.JSONDecodeError) -> str:
    return f"not valid JSON: {exc.msg} (column {exc.colno})"


def open_input(path: Path) -> IO[bytes]:
    """``path`` opened for reading, or :class:`InputError` naming it and why not."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError("file not found", where=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", where=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=str(path)) from None


def iter_lines(stream: IO[bytes], label: str) -> Iterator[tuple[int, str | None, str | None]]:
    """``(number, text, error)`` for every non-blank line: text decoded as UTF-8, or the
    error (not UTF-8, too long). Memory stays bounded by :data:`MAX_LINE_BYTES`."""
    n = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        n += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = stream.readline(MAX_LINE_BYTES)
            yield n, None, f"line longer than {MAX_LINE_BYTES} bytes"
            continue
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield n, None, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
            continue
        text = text.rstrip("\r\n")
        yield n, text.removeprefix("\ufeff") if n == 1 else text, None


def first_char(stream: IO[bytes]) -> str:
    """The first character after a BOM and white space, without moving the stream."""
    head = stream.read(4096)
    stream.seek(0)
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1].decode("latin-1")


# --- the reader ---------------------------------------------------------------------------


def read_drafts(path: Path) -> Iterator[Record]:
    """Drafts from JSONL (one a line), a ``.json`` file with one draft, or a JSON array of
    drafts. Raises :class:`InputError` at once when the file cannot be opened."""
    open_input(path).close()
    return _read_drafts(path)


def _read_drafts(path: Path) -> Iterator[Record]:
    name = path.name
    with open_input(path) as stream:
        start = first_char(stream)
        if start == "[":
            yield from _array(stream, name)
            return
        if path.suffix.lower() == ".json" and start == "{":
            whole = _whole(stream, name)
            if whole is not None:
                yield whole
                return
            stream.seek(0)  # more than one value: a JSONL file named .json
        for n, text, error in iter_lines(stream, name):
            where = f"{name} line {n}"
            if text is None:
                yield BadRecord(where, error or "unreadable line")
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield BadRecord(where, json_error(exc))
                continue
            yield _record(obj, where)


def _record(obj: object, where: str) -> Record:
    try:
        draft = draft_from_obj(obj)
    except DraftError as exc:
        return BadRecord(where, exc.message)
    if not draft.text.strip() and not draft.media:  # as ``tweetguard check`` refuses it
        return BadRecord(where, "the draft is empty: give a text to check")
    return Post(draft, where)


def _whole(stream: IO[bytes], name: str) -> Record | None:
    """The file as one draft; ``None`` when it holds more than one JSON value."""
    raw = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        return BadRecord(name, f"larger than {MAX_DOCUMENT_BYTES} bytes: not a single draft")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return BadRecord(name, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return None
        return BadRecord(name, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    return _record(obj, name)


def _array(stream: IO[bytes], name: str) -> Iterator[Record]:
    from tweetguard.ingest.archive import JsonStreamError, iter_array

    n = 0
    try:
        for item in iter_array(stream):
            n = item.number
            where = f"{name} item {n}"
            yield BadRecord(where, item.error) if item.error else _record(item.value, where)
    except JsonStreamError as exc:
        yield BadRecord(f"{name} after item {n}", str(exc))


__all__ = [
    "clean_lang",
    "handle",
    "parse_archive_time",
    "parse_time",
    "read_drafts",
    "unescape_entities",
]
