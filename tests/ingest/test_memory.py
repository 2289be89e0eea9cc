"""A large archive is read in bounded memory: 200,000 posts, written to disk as a stream."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zipfile
from pathlib import Path

from tweetguard.ingest import Post
from tweetguard.ingest.archive import read_archive

POSTS = 200_000
PEAK_LIMIT = 30 * 1024 * 1024
START = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

TWEET = """  {
    "tweet" : {
      "id_str" : "%(id)d",
      "created_at" : "%(when)s",
      "full_text" : "Post %(n)d: vandaag weer een mooie dag bij Het Bedrijf &amp; de collega's. \
We werken aan de nieuwe Bedrijfsapp en zoeken nog testers in Utrecht, Rotterdam en Eindhoven! \
Meld je aan via de link in onze bio #bedrijfsapp",
      "lang" : "nl"
    }
  }"""


def write_archive(path: Path) -> int:
    """The archive, written a thousand posts at a time; returns its uncompressed size."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("data/tweets.js", "w") as out:
            out.write(b"window.YTD.tweets.part0 = [\n")
            for start in range(0, POSTS, 1000):
                batch = ",\n".join(
                    TWEET % {
                        "n": n,
                        "id": 1_600_000_000_000_000_000 + n,
                        "when": (START + dt.timedelta(minutes=n)).strftime(
                            "%a %b %d %H:%M:%S +0000 %Y"
                        ),
                    }
                    for n in range(start, start + 1000)
                )  # fmt: skip
                out.write(((",\n" if start else "") + batch).encode())
            out.write(b"\n]")
        return zf.getinfo("data/tweets.js").file_size


def test_two_hundred_thousand_posts_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    size = write_archive(path)
    assert size > 60_000_000  # the member is far larger than the memory allowed

    tracemalloc.start()
    try:
        count, last = 0, None
        for record in read_archive(path):
            assert isinstance(record, Post), record
            count += 1
            last = record
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == POSTS
    assert last is not None
    assert last.where == f"big.zip:data/tweets.js item {POSTS}"
    assert last.draft.created_at == START + dt.timedelta(minutes=POSTS - 1)
    assert last.draft.text.startswith(
        f"Post {POSTS - 1}: vandaag weer een mooie dag bij Het Bedrijf & "
    )
    assert peak < PEAK_LIMIT, f"peak traced memory {peak / 1e6:.1f} MB"
