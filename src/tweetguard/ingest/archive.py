"""The X data archive: the ``.zip`` as downloaded, or its ``tweets.js`` on its own.

An archive file is a JavaScript assignment of a JSON array,
``window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]``. :class:`ArrayReader` skips the
assignment and decodes the array one element at a time from the byte stream (a zip member
is decompressed as it is read), so memory stays bounded by the largest element, whatever
the archive's size. An element that is not valid JSON, or not a readable tweet, becomes a
:class:`BadRecord` and the next one is read; only a structural break that leaves no way to
find the next element (a truncated file) ends that file, with a :class:`BadRecord` saying so.

Per post: ``full_text`` with ``&amp;``/``&lt;``/``&gt;`` unescaped; ``id_str``;
``created_at`` as aware UTC; ``lang`` unless X's ``und``/``qme``/… ; the handle from
``account.js``; a reply's context (the parent's text is not in an archive, so
``ReplyContext(text="", author=...)``: an empty parent gives the reply rules nothing to
misread); one :class:`MediaItem` (alt text only, no file) per ``extended_entities.media``.
Retweets (``RT @…``) are read as posts: the policy applies to what an account shares too.
Long posts: the tweet holds the first 280 characters and ``note-tweet.js`` the full text;
they are matched by time (to the second) and by the tweet's text (without its trailing
``…`` and t.co link) being the start of the note's, and the note's text is used.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

from tweetguard.draft import Draft, draft_from_obj
from tweetguard.errors import DraftError, InputError
from tweetguard.ingest import BadRecord, Post, Record
from tweetguard.ingest.drafts import (
    clean_lang,
    handle,
    open_input,
    parse_archive_time,
    short,
    unescape_entities,
)

# --- streaming a JSON array ---------------------------------------------------------------

CHUNK_BYTES = 64 * 1024
LOOKAHEAD_CHARS = 256 * 1024  # kept decoded ahead, so most elements decode in one call
MAX_ITEM_CHARS = 8 * 1024 * 1024  # one element larger than this ends the file

_STRUCTURE = re.compile(r'[\[\]{}"]')
_IN_STRING = re.compile(r'["\\]')
_SCALAR_END = re.compile(r"[\s,\]}]")
_ASSIGNMENT = re.compile(r"\s*(?:window\.)?YTD\.([\w-]+)\.part\d+\s*=\s*")
_DECODER = json.JSONDecoder()


class JsonStreamError(Exception):
    """The stream cannot be read further: not UTF-8, not an array, truncated."""


class Item(NamedTuple):  # a tuple: the cheapest object to make, once per element
    """Element ``number`` (1-based) of the array: its value, or why it could not be decoded."""

    number: int
    value: Any
    error: str | None = None


class ArrayReader:
    """Decodes a JSON array (optionally behind ``window.YTD.<name>.partN =``) element by
    element from a byte stream, holding at most a chunk, a look-ahead and one element."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._bytes = 0
        self._first = True
        self.buf = ""
        self.pos = 0
        self.eof = False

    def _more(self) -> bool:
        """Decode another chunk (dropping what lies before ``pos``); False at the end."""
        if self.eof:
            return False
        raw = self._stream.read(CHUNK_BYTES)
        try:
            text = self._decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            at = self._bytes + exc.start
            raise JsonStreamError(
                f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {at})"
            ) from None
        self._bytes += len(raw)
        if self._first:
            text, self._first = text.removeprefix("\ufeff"), False
        self.eof = not raw
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        return bool(raw)

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        buf, pos = self.buf, self.pos
        while True:
            # A loop over characters allocates nothing (a regex match would, per item).
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            self.pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self._more():
                return ""
            buf, pos = self.buf, self.pos

    def skip_assignment(self) -> str:
        """Skip ``window.YTD.<name>.part0 =``; return ``<name>`` (``tweets``, ``account`` …)."""
        while "[" not in self.buf and len(self.buf) < 4096 and self._more():
            pass
        i = self.buf.find("[")
        m = _ASSIGNMENT.fullmatch(self.buf, self.pos, i) if i >= 0 else None
        if m is None:
            raise JsonStreamError(
                f"does not start like an X archive file ('window.YTD.tweets.part0 = ['): "
                f"starts with {short(self.buf[:30])}"
            )
        self.pos = i
        return m.group(1)

    def items(self) -> Iterator[Item]:
        if self._peek() != "[":
            raise JsonStreamError("not a JSON array")
        self.pos += 1
        n = 0
        while self._peek() != "]":
            n += 1
            yield self._item(n)
            c = self._peek()
            if c == ",":
                self.pos += 1
            elif c == "":
                raise JsonStreamError("the file ends before the array is closed (truncated?)")
            elif c != "]":
                raise JsonStreamError(f"expected ',' or ']' after item {n}, found {c!r}")
        self.pos += 1

    def _item(self, n: int) -> Item:
        while len(self.buf) - self.pos < LOOKAHEAD_CHARS and self._more():
            pass
        if self.pos >= len(self.buf):
            raise JsonStreamError("the file ends before the array is closed (truncated?)")
        try:
            value, end = _DECODER.raw_decode(self.buf, self.pos)
        except json.JSONDecodeError:
            pass
        else:
            if end < len(self.buf) or self.eof or isinstance(value, (dict, list, str)):
                self.pos = end
                return Item(n, value)
        end = self._end_of_value()
        raw, self.pos = self.buf[self.pos : end], end
        try:
            return Item(n, json.loads(raw))
        except json.JSONDecodeError as exc:
            return Item(n, None, f"not valid JSON: {exc.msg} (character {exc.pos + 1} of the item)")

    def _end_of_value(self) -> int:
        """Where the value at ``pos`` ends, found by its brackets and strings alone (so a
        malformed but complete element can be skipped), reading on as needed."""
        if self.buf[self.pos] not in '[{"':  # a scalar (or garbage): up to a delimiter
            rel = 0
            while True:
                m = _SCALAR_END.search(self.buf, self.pos + rel)
                if m:
                    return max(m.start(), self.pos + 1)
                rel = len(self.buf) - self.pos
                if not self._more():
                    return len(self.buf)
        rel, depth, in_string = 0, 0, False
        while True:
            buf, i = self.buf, self.pos + rel
            while True:
                m = (_IN_STRING if in_string else _STRUCTURE).search(buf, i)
                if m is None:
                    i = len(buf)
                    break
                ch, i = m.group(), m.end()
                if in_string:
                    if ch == '"':
                        in_string = False
                        if depth == 0:
                            return i
                    elif i < len(buf):
                        i += 1  # the escaped character
                    else:
                        i -= 1  # a backslash at the end: read on, then look again
                        break
                elif ch == '"':
                    in_string = True
                elif ch in "[{":
                    depth += 1
                else:
                    depth -= 1
                    if depth <= 0:
                        return i
            rel = i - self.pos
            if rel > MAX_ITEM_CHARS:
                raise JsonStreamError(f"an item longer than {MAX_ITEM_CHARS} characters")
            if not self._more():
                raise JsonStreamError("the file ends inside an item (truncated?)")


def iter_array(stream: IO[bytes]) -> Iterator[Item]:
    """The elements of the JSON array that ``stream`` holds, one at a time."""
    return ArrayReader(stream).items()


# --- the archive --------------------------------------------------------------------------

_TWEETS = re.compile(r"(?:^|/)tweets?(?:-part(\d+))?\.js$")
_NOTES = re.compile(r"(?:^|/)note-tweet(?:-part(\d+))?\.js$")
_ACCOUNT = re.compile(r"(?:^|/)account\.js$")
_TWEET_FILES = ("tweets", "tweet")
_URL = re.compile(r"https?://\S+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Source:
    path: Path
    is_zip: bool
    tweets: list[str]  # members (zip) or file names beside ``path``, in part order
    notes: list[str]
    account: str | None

    def label(self, member: str) -> str:
        return f"{self.path.name}:{member}" if self.is_zip else member


def _parts(names: list[str], pattern: re.Pattern[str], *, under: str) -> list[str]:
    found = []
    for name in names:
        m = pattern.search(name)
        if m and name[: m.start() + 1].endswith(under):
            found.append((int(m.group(1) or 0), name))
    return [name for _, name in sorted(found)]


def read_archive(path: Path) -> Iterator[Record]:
    """Posts of an X data archive: the ``.zip`` (``data/tweets.js``, ``data/tweets-part1.js``
    …, ``data/note-tweet.js``, ``data/account.js``) or a ``tweets.js`` file (its parts,
    ``note-tweet.js`` and ``account.js`` beside it are read too). Raises :class:`InputError`
    at once when the source cannot be opened: missing, not a zip, no tweets in it."""
    return _read(_open_source(path))


def _open_source(path: Path) -> _Source:
    where = str(path)
    with open_input(path) as stream:
        head = stream.read(4096)
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(f"not a readable zip file: {exc}", where=where) from None
        tweets = _parts(names, _TWEETS, under="data/")
        if not tweets:
            raise InputError(
                "no data/tweets.js in this zip: is it the X archive as downloaded?", where=where
            )
        notes = _parts(names, _NOTES, under="data/")
        account = next((n for n in names if _ACCOUNT.search(n) and "data/account" in n), None)
        return _Source(path, True, tweets, notes, account)
    if path.suffix.lower() == ".zip":
        raise InputError("not a zip file (damaged or not the archive as downloaded)", where=where)
    text = head.decode("utf-8", "replace").removeprefix("\ufeff")
    m = _ASSIGNMENT.match(text)
    if m is None:
        raise InputError(
            "not an X archive file: it does not start with 'window.YTD.tweets.part0 = ['",
            where=where,
        )
    if m.group(1) not in _TWEET_FILES:
        raise InputError(
            f"an X archive file of {m.group(1)!r}, not of posts: give data/tweets.js or the .zip",
            where=where,
        )
    beside = sorted(p.name for p in path.parent.iterdir() if p.is_file())
    tweets = [path.name]
    own = _TWEETS.fullmatch(path.name)
    if own is not None and own.group(1) is None:  # part 0: the further parts come along
        tweets += [n for n in _parts(beside, _TWEETS, under="") if n != path.name]
    notes = _parts(beside, _NOTES, under="")
    account = "account.js" if "account.js" in beside else None
    return _Source(path, False, tweets, notes, account)


def _read(src: _Source) -> Iterator[Record]:
    with contextlib.ExitStack() as stack:
        if src.is_zip:
            zf = stack.enter_context(zipfile.ZipFile(src.path))
            opener: Callable[[str], IO[bytes]] = zf.open
        else:
            opener = lambda name: open_input(src.path.parent / name)  # noqa: E731
        author: str | None = None
        if src.account:
            for _where, value in _elements(
                opener, src.label(src.account), src.account, ("account",)
            ):
                if isinstance(value, BadRecord):
                    yield value
                elif author is None:
                    author = _username(value)
        notes = NoteIndex()
        for member in src.notes:
            for where, value in _elements(opener, src.label(member), member, ("note_tweet",)):
                if isinstance(value, BadRecord):
                    yield value
                else:
                    try:
                        notes.add(value)
                    except ValueError as exc:
                        yield BadRecord(where, str(exc))
        for member in src.tweets:
            for where, value in _elements(opener, src.label(member), member, _TWEET_FILES):
                if isinstance(value, BadRecord):
                    yield value
                    continue
                try:
                    yield Post(tweet_draft(value, author=author, notes=notes), where)
                except (ValueError, DraftError) as exc:
                    yield BadRecord(where, exc.message if isinstance(exc, DraftError) else str(exc))


def _elements(
    opener: Callable[[str], IO[bytes]], label: str, member: str, expect: tuple[str, ...]
) -> Iterator[tuple[str, Any]]:
    """``(where, value)`` for each element of an archive file; a :class:`BadRecord` as the
    value where an element (or the rest of the file) cannot be read."""
    n = 0
    try:
        with opener(member) as stream:
            reader = ArrayReader(stream)
            name = reader.skip_assignment()
            if name not in expect:
                yield label, BadRecord(label, f"holds {name!r}, expected {expect[0]!r}")
                return
            for item in reader.items():
                n = item.number
                where = f"{label} item {n}"
                yield where, BadRecord(where, item.error) if item.error else item.value
    except (JsonStreamError, zipfile.BadZipFile, zlib.error, EOFError, InputError, OSError,
            RuntimeError, NotImplementedError) as exc:  # fmt: skip
        where = f"{label} after item {n}" if n else label
        yield where, BadRecord(where, str(exc) or type(exc).__name__)


def _username(value: object) -> str | None:
    account = value.get("account") if isinstance(value, dict) else None
    return handle(account.get("username")) if isinstance(account, dict) else None


def _bare(text: str) -> str:
    """Text compared across a tweet and its note: no links, no ellipsis, spaces collapsed."""
    return _SPACE.sub(" ", _URL.sub(" ", text)).strip().removesuffix("…").strip()


@dataclass
class NoteIndex:
    """The long posts of ``note-tweet.js`` by the second they were posted (only long posts
    are in it, so the index stays small)."""

    by_time: dict[dt.datetime, list[str]] = field(default_factory=dict)

    def add(self, value: object) -> None:
        note = value.get("noteTweet") if isinstance(value, dict) else None
        core = note.get("core") if isinstance(note, dict) else None
        text = core.get("text") if isinstance(core, dict) else None
        created = note.get("createdAt") if isinstance(note, dict) else None
        if not isinstance(text, str) or not isinstance(created, str):
            raise ValueError(
                'not a long post: expected {"noteTweet": {"createdAt", "core": {"text"}}}'
            )
        try:
            when = dt.datetime.fromisoformat(created).astimezone(dt.UTC).replace(microsecond=0)
        except ValueError:
            raise ValueError(f"createdAt: cannot read {short(created)} as a time") from None
        self.by_time.setdefault(when, []).append(unescape_entities(text))

    def take(self, when: dt.datetime, text: str) -> str | None:
        """The full text of the long post ``text`` starts, posted at ``when``; each note is
        used once."""
        prefix = _bare(text)
        if not prefix:  # nothing to recognise the post by (a photo with only its link)
            return None
        for key in (when, when - dt.timedelta(seconds=1), when + dt.timedelta(seconds=1)):
            candidates = self.by_time.get(key, [])
            for i, note in enumerate(candidates):
                if len(note) > len(prefix) and _bare(note).startswith(prefix):
                    del candidates[i]
                    if not candidates:
                        del self.by_time[key]
                    return note
        return None


def tweet_draft(
    value: object, *, author: str | None = None, notes: NoteIndex | None = None
) -> Draft:
    """One archive element (``{"tweet": {...}}``) as a draft; ValueError or
    :class:`DraftError` saying what is wrong with it."""
    tweet = value.get("tweet", value) if isinstance(value, dict) else None
    if not isinstance(tweet, dict):
        raise ValueError(f'expected {{"tweet": {{...}}}}, found {short(value)}')
    text = tweet.get("full_text")
    if not isinstance(text, str):
        raise ValueError("the tweet has no full_text")
    text = unescape_entities(text)
    fields: dict[str, Any] = {"account": {"handle": author} if author else {}, "history": []}
    stamp = tweet.get("created_at")
    if stamp is not None:
        if not isinstance(stamp, str):
            raise ValueError(f"created_at: cannot read {short(stamp)} as a time")
        try:
            fields["created_at"] = created = parse_archive_time(stamp)
        except ValueError as exc:
            raise ValueError(f"created_at: {exc}") from None
        if notes and notes.by_time:
            text = notes.take(created, text) or text
    fields["text"] = text
    ident = tweet.get("id_str")
    if ident is None:
        ident = tweet.get("id")
    if isinstance(ident, (str, int)):
        fields["id"] = str(ident)
    if (lang := clean_lang(tweet.get("lang"))) is not None:
        fields["lang"] = lang
    if tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id"):
        fields["in_reply_to"] = {"text": "", "author": handle(tweet.get("in_reply_to_screen_name"))}
    entities = tweet.get("extended_entities") or tweet.get("entities")
    media = entities.get("media") if isinstance(entities, dict) else None
    fields["media"] = [_media(m) for m in media] if isinstance(media, list) else []
    return draft_from_obj(fields)


def _media(entry: object) -> dict[str, Any]:
    alt = None
    if isinstance(entry, dict):
        alt = entry.get("ext_alt_text") or entry.get("alt_text")
    return {"alt": alt} if isinstance(alt, str) else {}


__all__ = [
    "ArrayReader",
    "Item",
    "JsonStreamError",
    "NoteIndex",
    "iter_array",
    "read_archive",
    "tweet_draft",
]
