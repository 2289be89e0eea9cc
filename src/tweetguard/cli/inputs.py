"""Reading drafts from the command line's inputs: one error per bad item, never a crash.

``iter_jsonl`` decodes line by line, so one line that is not UTF-8, not JSON or not a draft
is reported with its number while the other lines are still checked.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tweetguard.draft import Draft, draft_from_obj, parse_draft
from tweetguard.errors import DraftError, InputError
from tweetguard.textfile import decode_utf8


def read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", where=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", where=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=name) from None


def require_content(draft: Draft, where: str | None = None) -> Draft:
    """The CLI refuses a draft with nothing to check (no text, no media)."""
    if not draft.text.strip() and not draft.media:
        raise DraftError("the draft is empty: give a text to check", where=where)
    return draft


def read_draft_file(name: str) -> Draft:
    label = "<stdin>" if name == "-" else name
    raw = read_bytes(name)
    text = decode_utf8(raw, label)
    if not text.strip():
        raise DraftError("the file is empty; expected one draft as a JSON object", where=label)
    return require_content(parse_draft(text, where=label), label)


@dataclass(frozen=True, slots=True)
class Item:
    line: int
    draft: Draft | None
    error: str | None


def iter_jsonl(name: str) -> Iterator[Item]:
    """Drafts of a JSONL file, one per non-blank line, with errors per line."""
    label = "<stdin>" if name == "-" else name
    raw = read_bytes(name)
    for n, chunk in enumerate(raw.split(b"\n"), start=1):
        if not chunk.strip():
            continue
        where = f"{label}:{n}"
        try:
            text = decode_utf8(chunk, label)
        except InputError as exc:
            yield Item(n, None, f"{where}: {exc.message}")
            continue
        try:
            obj = json.loads(text)
        except ValueError as exc:
            msg = getattr(exc, "msg", str(exc))
            col = getattr(exc, "colno", None)
            at = f" at column {col}" if col else ""
            yield Item(n, None, f"{where}: not valid JSON: {msg}{at}")
            continue
        try:
            yield Item(n, require_content(draft_from_obj(obj), where), None)
        except DraftError as exc:
            yield Item(n, None, f"{where}: {exc.message}")
