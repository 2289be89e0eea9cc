"""Real-shaped sources for the scan tests: an X data archive ``.zip`` as X hands it out, and
X API v2 pages as JSON lines."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

ARCHIVE_TIME = "%a %b %d %H:%M:%S +0000 %Y"


def tweet(
    n: int,
    text: str,
    at: dt.datetime,
    *,
    reply_to: str | None = None,
    photo: bool = False,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id_str": str(1_600_000_000_000_000_000 + n),
        "full_text": text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        "lang": "nl",
        "created_at": at.astimezone(dt.UTC).strftime(ARCHIVE_TIME),
        "favorite_count": "0",
        "retweet_count": "0",
        "display_text_range": ["0", str(len(text))],
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
    }
    if reply_to is not None:
        body["in_reply_to_status_id_str"] = str(1_500_000_000_000_000_000 + n)
        body["in_reply_to_screen_name"] = reply_to
    if photo:
        body["extended_entities"] = {
            "media": [{"type": "photo", "media_url_https": "https://pbs.twimg.com/media/x.jpg"}]
        }
    return {"tweet": body}


def write_archive(
    path: Path, username: str, tweets: list[dict[str, Any]], *, junk: bool = False
) -> Path:
    """An archive zip with ``data/account.js`` and ``data/tweets.js``; ``junk`` puts a broken
    element (a tweet without text) in the middle."""
    items = [json.dumps(t, ensure_ascii=False, indent=2) for t in tweets]
    if junk:
        items.insert(len(items) // 2, json.dumps({"tweet": {"id_str": "1", "created_at": "x"}}))
    account = [
        {
            "account": {
                "username": username,
                "accountId": "42",
                "createdAt": "2015-01-01T00:00:00.000Z",
            }
        }
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(account, indent=2))
        z.writestr("data/tweets.js", "window.YTD.tweets.part0 = [ " + ",\n".join(items) + " ]")
    return path


def write_api_pages(path: Path, pages: list[list[tuple[str, str, str, dt.datetime]]]) -> Path:
    """X API v2 pages as JSON lines: each page a list of (id, username, text, created_at)."""
    lines = []
    for page in pages:
        users = {u: str(900 + i) for i, u in enumerate(sorted({p[1] for p in page}))}
        lines.append(
            json.dumps(
                {
                    "data": [
                        {
                            "id": tid,
                            "text": text,
                            "author_id": users[user],
                            "created_at": at.astimezone(dt.UTC)
                            .isoformat()
                            .replace("+00:00", ".000Z"),
                            "lang": "nl",
                            "edit_history_tweet_ids": [tid],
                        }
                        for tid, user, text, at in page
                    ],
                    "includes": {
                        "users": [{"id": i, "username": u, "name": u} for u, i in users.items()]
                    },
                    "meta": {"result_count": len(page)},
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
