"""Readers of archives and feeds (issue 7): every source becomes a stream of :class:`Post`
(a draft as the engine takes it, with where it came from) and :class:`BadRecord` (what could
not be read, with its position; the scan reports it and goes on).

Every reader streams: a source is never loaded whole into memory.

- ``archive``: the X data archive, as the ``.zip`` downloaded or its ``data/tweets.js``
  (``window.YTD.tweets.part0 = [...]``), further parts (``tweets-part1.js`` …), long posts
  from ``note-tweet.js``; replies become reply context, media entities become media.
- ``apiv2``: X API v2 JSON (one page) or JSONL (one page a line): ``data``, ``includes``,
  ``meta``.
- ``tabular``: CSV with a column mapping.
- ``drafts``: our own draft JSONL (contract.md, "A draft").

:func:`read` picks the reader by the file's name and first bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from tweetguard.draft import Draft


@dataclass(frozen=True, slots=True)
class Post:
    """One post of a source, as a draft for the engine. ``draft.id`` is the post's id,
    ``draft.account.handle`` its author (``@name``), ``draft.created_at`` when it was posted.
    ``where`` says where it was read, for people: ``"archive.zip:data/tweets.js item 12"``."""

    draft: Draft
    where: str


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be read: where (as for :class:`Post`) and why."""

    where: str
    error: str


Record = Post | BadRecord

__all__ = ["BadRecord", "Post", "Record"]
