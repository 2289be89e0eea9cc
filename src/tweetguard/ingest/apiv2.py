"""Responses of the X API v2 (``GET /2/users/:id/tweets``, search …), as saved to disk.

- ``.jsonl``/``.ndjson``: one page a line (``{"data": [...], "includes": {...}, "meta":
  {...}}``), or one post a line (``{"id", "text", ...}``); read line by line.
- ``.json``: one page. A page is read whole: ``includes`` comes after ``data`` in the object
  and is needed to read ``data``, and the API returns at most 100 posts a page, so a page is
  small (a file over :data:`MAX_PAGE_BYTES` is refused). A ``.json`` file holding a JSON
  array of pages or posts is streamed element by element.

Per post: ``note_tweet.text`` (long posts) else ``text``, entities unescaped; ``id``;
``created_at``; ``lang``; the author's handle from ``author_id`` in ``includes.users``; the
post replied to (``referenced_tweets`` of type ``replied_to``) from ``includes.tweets``, or
``ReplyContext(text="")`` with its author when the page does not include it; one media item
per ``attachments.media_keys`` with its ``alt_text`` from ``includes.media``.

Positions: ``"page.json data[3]"`` (index into ``data``, from 0), ``"pages.jsonl line 7
data[0]"``, ``"posts.jsonl line 7"``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tweetguard.draft import Draft
from tweetguard.errors import DraftError
from tweetguard.ingest import BadRecord, Post, Record
from tweetguard.ingest.archive import JsonStreamError, iter_array
from tweetguard.ingest.drafts import (
    clean_lang,
    draft_of,
    first_char,
    handle,
    iter_lines,
    json_error,
    open_input,
    parse_time,
    short,
    unescape_entities,
)

MAX_PAGE_BYTES = 64 * 1024 * 1024


def read_apiv2(path: Path) -> Iterator[Record]:
    """Posts of an X API v2 ``.json`` page or ``.jsonl`` file (see the module's docs).
    Raises :class:`InputError` at once when the file cannot be opened."""
    open_input(path).close()
    return _read(path)


def _read(path: Path) -> Iterator[Record]:
    name = path.name
    with open_input(path) as stream:
        start = first_char(stream)
        if start == "[":
            yield from _array(stream, name)
            return
        if path.suffix.lower() == ".json" and start == "{":
            whole = _whole(stream, name)
            if whole is not None:
                yield from whole
                return
            stream.seek(0)  # more than one value: JSONL named .json
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
            yield from _records(obj, where)


def _whole(stream: IO[bytes], name: str) -> list[Record] | None:
    raw = stream.read(MAX_PAGE_BYTES + 1)
    if len(raw) > MAX_PAGE_BYTES:
        return [
            BadRecord(name, f"larger than {MAX_PAGE_BYTES} bytes: save one page a line (JSONL)")
        ]
    try:
        obj = json.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        return [BadRecord(name, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")]
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return None
        return [
            BadRecord(name, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        ]
    return list(_records(obj, name))


def _array(stream: IO[bytes], name: str) -> Iterator[Record]:
    n = 0
    try:
        for item in iter_array(stream):
            n = item.number
            where = f"{name} item {n}"
            if item.error:
                yield BadRecord(where, item.error)
            else:
                yield from _records(item.value, where)
    except JsonStreamError as exc:
        yield BadRecord(f"{name} after item {n}" if n else name, str(exc))


def _records(obj: object, where: str) -> Iterator[Record]:
    """The posts of a page, or the one post a bare post object is."""
    if not isinstance(obj, dict):
        yield BadRecord(where, f'expected a page {{"data": [...]}} or a post, found {short(obj)}')
        return
    if "data" not in obj:
        if "text" in obj or "note_tweet" in obj:
            yield _record(obj, Includes(), where)
        elif isinstance(obj.get("errors"), list):
            yield BadRecord(where, f"an error response from the API: {_errors(obj['errors'])}")
        elif "meta" not in obj:
            yield BadRecord(where, 'neither a page ("data") nor a post ("id", "text")')
        return
    data = obj["data"]
    if isinstance(data, dict):  # a single-post response: {"data": {...}}
        data = [data]
    if not isinstance(data, list):
        yield BadRecord(where, f'"data" is not a list of posts: {short(data)}')
        return
    includes = Includes.of(obj.get("includes"))
    for i, item in enumerate(data):
        yield _record(item, includes, f"{where} data[{i}]")


def _errors(errors: list[Any]) -> str:
    texts = [
        str(e.get("detail") or e.get("title") or e) if isinstance(e, dict) else str(e)
        for e in errors[:3]
    ]
    return "; ".join(texts) or "(no details)"


def _record(item: object, includes: Includes, where: str) -> Record:
    try:
        return Post(post_draft(item, includes), where)
    except DraftError as exc:
        return BadRecord(where, exc.message)
    except ValueError as exc:
        return BadRecord(where, str(exc))


@dataclass(frozen=True, slots=True)
class Includes:
    """A page's ``includes``, by id: users (``username``), tweets, media (by ``media_key``)."""

    users: dict[str, str] | None = None
    tweets: dict[str, dict[str, Any]] | None = None
    media: dict[str, dict[str, Any]] | None = None

    @staticmethod
    def of(value: object) -> Includes:
        inc = value if isinstance(value, dict) else {}

        def by(key: str, ident: str) -> dict[str, dict[str, Any]]:
            rows = inc.get(key)
            return {
                str(row[ident]): row
                for row in (rows if isinstance(rows, list) else [])
                if isinstance(row, dict) and ident in row
            }

        users = {k: v.get("username") for k, v in by("users", "id").items()}
        return Includes(
            {k: v for k, v in users.items() if isinstance(v, str)},
            by("tweets", "id"),
            by("media", "media_key"),
        )

    def handle(self, user_id: object) -> str | None:
        return handle(self.users.get(str(user_id))) if self.users and user_id else None


def _text(post: dict[str, Any]) -> str:
    note = post.get("note_tweet")
    text = note.get("text") if isinstance(note, dict) else None
    if not isinstance(text, str):
        text = post.get("text")
    if not isinstance(text, str):
        raise ValueError("the post has no text")
    return unescape_entities(text)


def post_draft(item: object, includes: Includes | None = None) -> Draft:
    """One API v2 post object as a draft, with what ``includes`` says about it."""
    inc = includes or Includes()
    if not isinstance(item, dict):
        raise ValueError(f"expected a post object, found {short(item)}")
    created = None
    if item.get("created_at") is not None:
        if not isinstance(item["created_at"], str):
            raise ValueError(f"created_at: cannot read {short(item['created_at'])} as a time")
        try:
            created = parse_time(item["created_at"])
        except ValueError as exc:
            raise ValueError(f"created_at: {exc}") from None
    attachments = item.get("attachments")
    keys = attachments.get("media_keys") if isinstance(attachments, dict) else None
    media = (
        [_media((inc.media or {}).get(str(k))) for k in keys] if isinstance(keys, list) else None
    )
    author = inc.handle(item.get("author_id"))
    ident = item.get("id")
    return draft_of(
        {
            "text": _text(item),
            "id": str(ident) if isinstance(ident, (str, int)) else None,
            "created_at": created,
            "lang": clean_lang(item.get("lang")),
            "account": {"handle": author} if author else None,
            "in_reply_to": _reply(item, inc),
            "media": media,
        }
    )


def _reply(item: dict[str, Any], inc: Includes) -> dict[str, Any] | None:
    """The post replied to: from ``includes.tweets`` when the page has it, else its author
    only (``in_reply_to_user_id``) with an empty text."""
    refs = item.get("referenced_tweets")
    replied = [
        r
        for r in (refs if isinstance(refs, list) else [])
        if isinstance(r, dict) and r.get("type") == "replied_to"
    ]
    parent_author = inc.handle(item.get("in_reply_to_user_id"))
    if replied:
        parent = (inc.tweets or {}).get(str(replied[0].get("id")))
        if parent is not None:
            try:
                text = _text(parent)
            except ValueError:
                text = ""
            return {"text": text, "author": inc.handle(parent.get("author_id")) or parent_author}
    if replied or item.get("in_reply_to_user_id"):
        return {"text": "", "author": parent_author}
    return None


def _media(entry: dict[str, Any] | None) -> dict[str, Any]:
    alt = entry.get("alt_text") if entry else None
    return {"alt": alt} if isinstance(alt, str) else {}


__all__ = ["Includes", "post_draft", "read_apiv2"]
