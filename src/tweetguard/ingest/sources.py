"""Choosing the reader for a source by its name and first bytes.

- ``.zip``, or a zip by its magic bytes → the X archive (:mod:`.archive`);
- a file that starts with ``window.YTD.`` (``tweets.js``) → the X archive;
- ``.csv``/``.tsv`` → :mod:`.tabular`;
- ``.json``/``.jsonl``/``.ndjson`` → the first record decides: a page (``"data"``) or a
  post of the API (``author_id``, ``edit_history_tweet_ids``, …) → :mod:`.apiv2`, else our
  own drafts (:mod:`.drafts`).

Anything else is refused with an :class:`InputError` naming the file and what is supported.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Literal

from tweetguard.errors import InputError
from tweetguard.ingest import Record
from tweetguard.ingest.apiv2 import read_apiv2
from tweetguard.ingest.archive import read_archive
from tweetguard.ingest.drafts import open_input, read_drafts
from tweetguard.ingest.tabular import read_csv

Kind = Literal["archive", "apiv2", "csv", "drafts"]

SUPPORTED = (
    "an X archive (.zip as downloaded, or tweets.js), X API v2 responses (.json, .jsonl), "
    "CSV (.csv, .tsv) or drafts (.jsonl, .ndjson, .json)"
)
PEEK_BYTES = 1024 * 1024
# Keys of an API v2 post that a draft never has (a draft with an unknown key is still a
# draft: the drafts reader then says which key it does not know).
API_KEYS = frozenset(
    {
        "data",
        "includes",
        "meta",
        "errors",
        "author_id",
        "edit_history_tweet_ids",
        "conversation_id",
        "public_metrics",
        "referenced_tweets",
        "attachments",
        "note_tweet",
        "entities",
        "in_reply_to_user_id",
        "possibly_sensitive",
        "reply_settings",
        "edit_controls",
        "context_annotations",
        "source",
        "withheld",
        "geo",
    }
)
_API_KEY = re.compile(r'(?<!\\)"(' + "|".join(sorted(API_KEYS)) + r')"\s*:')
_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def detect(path: Path) -> Kind:
    """Which reader reads ``path``; :class:`InputError` when none does."""
    with open_input(path) as stream:
        head = stream.read(PEEK_BYTES)
    suffix = path.suffix.lower()
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if suffix == ".zip" or head.startswith(b"PK\x03\x04"):
        return "archive"
    if start.startswith((b"window.YTD.", b"YTD.")):
        return "archive"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in _JSON_SUFFIXES:
        return "apiv2" if _looks_like_api(start, suffix) else "drafts"
    raise InputError(
        f"cannot tell what kind of source this is; supported: {SUPPORTED}", where=str(path)
    )


def _looks_like_api(head: bytes, suffix: str) -> bool:
    """Whether the first record (a line, or the first value of a .json file) is an API
    page or post."""
    text = head.decode("utf-8", "replace")
    if text.startswith("["):
        text = text[1:].lstrip()
    first = text.split("\n", 1)[0] if suffix != ".json" else text
    try:
        obj, _ = json.JSONDecoder().raw_decode(first)
    except json.JSONDecodeError:  # longer than the peek, or broken: look at the keys
        return _API_KEY.search(first) is not None
    return isinstance(obj, dict) and not API_KEYS.isdisjoint(obj)


def read(
    path: Path,
    *,
    csv_mapping: Mapping[str, str] | None = None,
    naive_tz: dt.tzinfo = dt.UTC,
) -> Iterator[Record]:
    """The posts (and unreadable records) of one source, whatever its kind. Raises
    :class:`InputError` at once when it cannot be opened or is of no supported kind.
    ``csv_mapping`` and ``naive_tz`` are for CSV (see :func:`.tabular.read_csv`)."""
    kind = detect(path)
    if kind == "archive":
        return read_archive(path)
    if kind == "apiv2":
        return read_apiv2(path)
    if kind == "csv":
        return read_csv(path, csv_mapping, naive_tz=naive_tz)
    return read_drafts(path)


def read_all(
    paths: Iterable[Path],
    *,
    csv_mapping: Mapping[str, str] | None = None,
    naive_tz: dt.tzinfo = dt.UTC,
) -> Iterator[Record]:
    """Several sources one after the other. Every source is opened (and checked) first, so
    a missing third file is reported before the first is scanned."""
    readers = [read(p, csv_mapping=csv_mapping, naive_tz=naive_tz) for p in paths]
    return itertools.chain.from_iterable(readers)


__all__ = ["SUPPORTED", "Kind", "detect", "read", "read_all"]
