"""Fixtures: the sample X archive as the downloaded zip and unpacked."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ingest.samples import FILES, ytd


@pytest.fixture
def archive_zip(tmp_path: Path) -> Path:
    """The archive as downloaded, with members in the order X does not promise."""
    path = tmp_path / "twitter-2023-03-09-abc.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Your archive.html", "<html></html>")
        zf.writestr("data/tweets-part1.js", FILES["tweets-part1.js"])
        zf.writestr("data/account.js", FILES["account.js"])
        zf.writestr("data/deleted-tweets.js", ytd("deleted_tweets", []))
        zf.writestr("data/like.js", ytd("like", [{"like": {"tweetId": "1"}}]))
        zf.writestr("data/tweets.js", FILES["tweets.js"])
        zf.writestr("data/note-tweet.js", FILES["note-tweet.js"])
    return path


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """The archive unpacked: ``tweets.js`` with its companions beside it."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder / "tweets.js"
