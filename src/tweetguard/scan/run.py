"""The scan: sources → readers → the engine on every core → findings file + figures.

The parent process reads the sources (streaming), sends posts in chunks to a pool of worker
processes that each load the engine once (policy and models), and takes the results back in
input order, with a bounded number of chunks in flight: memory stays flat however large the
input. It counts the figures (:class:`~tweetguard.scan.stats.ScanStats`), writes the findings
as JSONL (redacted, fingerprinted) and, with a baseline, only the findings the baseline lacks.

With one worker the engine runs in the parent, without a pool.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from tweetguard.draft import AccountInfo, Draft, ReplyContext
from tweetguard.engine import Engine
from tweetguard.errors import InputError
from tweetguard.ingest import BadRecord, Post, Record
from tweetguard.ingest.sources import read_all
from tweetguard.policy import Policy, load_policy
from tweetguard.scan.core import Scanned, scan_post
from tweetguard.scan.stats import ScanStats

CHUNK = 200  # posts per task: large enough to pay for the trip, small enough to stream
IN_FLIGHT = 4  # chunks per worker being checked or waiting

Progress = Callable[[int], None]  # called with the number of posts done so far

_engine: Engine | None = None


def _init_worker(policy_path: str | None) -> None:
    global _engine
    _engine = Engine(load_policy(Path(policy_path) if policy_path else None))


Packed = tuple[Any, ...]


def _pack(post: Post) -> Packed:
    """A post as plain values for the trip to a worker: about a fifth of the cost of
    pickling the validated models, which the parent would pay for every post."""
    d = post.draft
    a = d.account
    r = d.in_reply_to
    return (
        post.where,
        d.text,
        d.id,
        (a.handle, a.kind, a.bio),
        (r.text, r.author, r.on_company_page) if r is not None else None,
        d.media or None,  # rare: kept as the models
        d.created_at,
        d.lang,
        d.history or None,
    )


def _unpack(packed: Packed) -> Post:
    """The post again; its values were validated in the parent, so no second validation."""
    where, text, ident, (handle, kind, bio), reply, media, created_at, lang, history = packed
    draft = Draft.model_construct(
        text=text,
        account=AccountInfo.model_construct(handle=handle, kind=kind, bio=bio),
        in_reply_to=(
            ReplyContext.model_construct(text=reply[0], author=reply[1], on_company_page=reply[2])
            if reply is not None
            else None
        ),
        media=media or [],
        created_at=created_at,
        lang=lang,
        id=ident,
        history=history or [],
    )
    return Post(draft, where)


def _check_chunk(posts: list[Packed]) -> list[Scanned]:
    assert _engine is not None, "the worker was not initialised"
    return [scan_post(_engine, _unpack(post)) for post in posts]


def read_baseline(path: Path) -> set[str]:
    """The fingerprints of a findings file of an earlier scan."""
    found: set[str] = set()
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    found.add(str(json.loads(line)["fingerprint"]))
                except (ValueError, KeyError, TypeError):
                    raise InputError(
                        f"{path}:{n}: not a findings record with a fingerprint"
                    ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    return found


def estimate_posts(paths: Sequence[Path]) -> int | None:
    """About how many posts the sources hold, counted fast on the raw bytes (for the
    progress bar's ETA); None when it cannot tell."""
    total = 0
    try:
        for path in paths:
            if path.suffix.lower() == ".zip":
                with zipfile.ZipFile(path) as z:
                    for info in z.infolist():
                        name = info.filename.rsplit("/", 1)[-1]
                        if name.startswith("tweets") and name.endswith(".js"):
                            with z.open(info) as f:
                                total += _count(f, b'"tweet"')
            elif path.suffix.lower() == ".js":
                with path.open("rb") as f:
                    total += _count(f, b'"tweet"')
            elif path.suffix.lower() in (".json", ".jsonl", ".ndjson"):
                with path.open("rb") as f:
                    total += _count(f, b'"text"')
            else:
                with path.open("rb") as f:
                    total += _count(f, b"\n")
    except (OSError, zipfile.BadZipFile):
        return None
    return total or None


def _count(f: IO[bytes], needle: bytes) -> int:
    n, tail = 0, b""
    while chunk := f.read(1 << 20):
        block = tail + chunk
        n += block.count(needle)
        keep = len(needle) - 1
        tail = block[-keep:] if keep else b""
        n -= tail.count(needle)  # counted again with the next block
    return n + tail.count(needle)


def _chunks(records: Iterable[Record], stats: ScanStats) -> Iterator[list[Post]]:
    """Posts in chunks of :data:`CHUNK`; bad records are counted on the way."""
    chunk: list[Post] = []
    for record in records:
        if isinstance(record, BadRecord):
            stats.bad(record.where, record.error)
            continue
        chunk.append(record)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _results(
    chunks: Iterator[list[Post]], policy: Policy, policy_path: Path | None, workers: int
) -> Iterator[Scanned]:
    if workers <= 1:
        engine = Engine(policy)
        for chunk in chunks:
            for post in chunk:
                yield scan_post(engine, post)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(str(policy_path) if policy_path else None,),
    ) as pool:
        pending: deque[Future[list[Scanned]]] = deque()
        for chunk in islice(chunks, workers * IN_FLIGHT):
            pending.append(pool.submit(_check_chunk, [_pack(p) for p in chunk]))
        while pending:
            done = pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(_check_chunk, [_pack(p) for p in chunk]))
            yield from done


def scan(
    sources: Sequence[Path],
    *,
    policy_path: Path | None = None,
    workers: int = 0,
    out: IO[str] | None = None,
    baseline: set[str] | None = None,
    csv_mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ScanStats:
    """Scan ``sources``; findings go to ``out`` (JSONL; with ``baseline``, only new ones).
    ``workers`` 0 means one per core."""
    policy = load_policy(policy_path)
    workers = workers or os.cpu_count() or 1
    stats = ScanStats(policy, sources=[str(p) for p in sources])
    started = time.perf_counter()
    # A CSV time without an offset is the policy's local time.
    zone = ZoneInfo(policy.config.work.timezone)
    records = read_all(list(sources), csv_mapping=csv_mapping, naive_tz=zone)
    for post in _results(_chunks(records, stats), policy, policy_path, workers):
        new = None
        findings: Iterable[dict[str, Any]] = post.findings
        if baseline is not None:
            findings = [f for f in post.findings if f["fingerprint"] not in baseline]
            new = len(findings)
        if out is not None:
            for f in findings:
                out.write(json.dumps(f, ensure_ascii=False, separators=(",", ":")) + "\n")
        stats.add(post, new=new)
        if progress is not None and stats.posts % 100 == 0:
            progress(stats.posts)
    stats.elapsed_s = time.perf_counter() - started
    if progress is not None:
        progress(stats.posts)
    return stats
