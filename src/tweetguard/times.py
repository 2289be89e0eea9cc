"""Times as tweetguard keeps them: aware and in UTC, written as ISO 8601 with its offset.

A naive datetime is taken as UTC: SQLite gives stored times back without a zone (PostgreSQL
in the session's zone), and the readers of archives and feeds give UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import overload


def as_utc(at: dt.datetime | None = None) -> dt.datetime:
    """``at`` as an aware UTC datetime, or the current time."""
    if at is None:
        return dt.datetime.now(dt.UTC)
    if at.tzinfo is None:
        return at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC)


@overload
def iso_utc(at: dt.datetime) -> str: ...
@overload
def iso_utc(at: None) -> None: ...
def iso_utc(at: dt.datetime | None) -> str | None:
    """``at`` in UTC as ISO 8601 with offset (``2026-03-02T10:15:00+00:00``); None stays None."""
    return None if at is None else as_utc(at).isoformat()
