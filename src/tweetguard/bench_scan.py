"""``make bench`` (scan part, issue 7): how fast the scan is, next to the tools a user would
otherwise chain together, and how much memory a large archive takes.

On the tweets of ``../shared/data`` (train and dev splits, :func:`tweetguard.bench.read_corpus`;
about 90,000), in one run:

- the full check (``Engine.check``: the ten rules, the platform checks and the models) in one
  process, after a warm-up: posts per second;
- the same posts written as six synthetic X archives (one account each, as X makes them:
  ``data/account.js`` and ``data/tweets.js``, posts spread over a year in and outside working
  hours) and scanned with ``scan(..., workers=1)`` and ``workers=2``: posts per second and
  the speed-up (target: two workers at least 1.7× one);
- side by side on the same texts: Presidio's predefined recognizers for English without its
  NLP engine (the pattern recognizers and the phone-number matcher, each called directly:
  no spaCy model, no context enhancement), better-profanity's ``contains_profanity`` and
  detect-secrets' ``scan_line`` (the ad-hoc line scan of ``detect-secrets scan --string``),
  with the ratio of tweetguard's full check to each (target: at least 3× Presidio). Each of
  those tools does one small part of what the check does. better-profanity and
  detect-secrets are slow, so they run on an evenly spaced sample (``--sample``) and their
  ratio is taken against tweetguard on the same sample.

With ``--million``: a 1,000,000-post archive (the corpus cycled with fresh ids and times,
written streaming) and a 100,000-post one are each scanned in a fresh process
(``--memory-run``), which reports its own peak RSS and that of its workers: memory must not
grow with the input.

    python -m tweetguard.bench_scan --data ../shared/data [--posts N] [--million]

Exits 0 whether or not the targets are met (it is a measurement), 2 without corpora.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from tweetguard.bench import read_corpus
from tweetguard.draft import Draft
from tweetguard.engine import Engine
from tweetguard.policy import load_policy

NOW = dt.datetime(2026, 11, 24, 10, 15, tzinfo=dt.UTC)
ACCOUNTS = 6  # one account per archive; five or more make a group in the report
YEAR = 2025  # the synthetic posts are spread over this year
ZONE = ZoneInfo("Europe/Amsterdam")
WORK_HOURS = range(9, 17)
IN_WORK_HOURS = 0.6  # share of the posts written between 9 and 17 (local time)
SNOWFLAKE_EPOCH_MS = 1_288_834_974_657  # X's ids: milliseconds since this, shifted by 22
WARM_UP = 500
SAMPLE = 2_000
MILLION = 1_000_000
TARGET_PRESIDIO = 3.0
TARGET_WORKERS = 1.7
FLAT = 1.2  # "flat": ten times the posts may take at most this much more peak memory

_HASHTAG = re.compile(r"(?<![\w&])[#＃](\w+)")
_MENTION = re.compile(r"(?<![\w@])[@＠](\w{1,15})")
_URL = re.compile(r"https?://[^\s<>\"]+")
_CASHTAG = re.compile(r"(?<![\w$])\$([A-Za-z]{1,6})\b")


# --- synthetic archives ----------------------------------------------------------------------


def _js(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _escape(text: str) -> str:
    """X escapes ``&``, ``<`` and ``>`` in ``full_text``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _entity_list(items: list[str], pad: str) -> str:
    if not items:
        return "[ ]"
    inner = f",\n{pad}  ".join(items)
    return f"[\n{pad}  {inner}\n{pad}]"


def _entities(text: str, pad: str) -> str:
    """``entities`` as X writes them: hashtags, symbols, user mentions and URLs with their
    code-point indices."""
    inner = pad + "  "

    def obj(fields: dict[str, Any]) -> str:
        parts = [
            f"{_js(k)} : {v if isinstance(v, str) else json.dumps(v)}" for k, v in fields.items()
        ]
        body = f",\n{inner}    ".join(parts)
        return f"{{\n{inner}    {body}\n{inner}  }}"

    def indices(m: re.Match[str]) -> str:
        return f'[\n{inner}      "{m.start()}",\n{inner}      "{m.end()}"\n{inner}    ]'

    hashtags = [
        obj({"text": _js(m.group(1)), "indices": indices(m)}) for m in _HASHTAG.finditer(text)
    ]
    symbols = [
        obj({"text": _js(m.group(1)), "indices": indices(m)}) for m in _CASHTAG.finditer(text)
    ]
    mentions = [
        obj(
            {
                "name": _js(m.group(1)),
                "screen_name": _js(m.group(1)),
                "indices": indices(m),
                "id_str": '"0"',
                "id": '"0"',
            }
        )
        for m in _MENTION.finditer(text)
    ]
    urls = [
        obj(
            {
                "url": _js(m.group()),
                "expanded_url": _js(m.group()),
                "display_url": _js(m.group().split("://", 1)[1][:26]),
                "indices": indices(m),
            }
        )
        for m in _URL.finditer(text)
    ]
    return (
        f'{{\n{inner}"hashtags" : {_entity_list(hashtags, inner)},\n'
        f'{inner}"symbols" : {_entity_list(symbols, inner)},\n'
        f'{inner}"user_mentions" : {_entity_list(mentions, inner)},\n'
        f'{inner}"urls" : {_entity_list(urls, inner)}\n{pad}}}'
    )


def archive_time(at: dt.datetime) -> str:
    """``Sat Feb 18 12:33:11 +0000 2023`` (UTC), the archive's form."""
    return at.astimezone(dt.UTC).strftime("%a %b %d %H:%M:%S +0000 %Y")


def _iso_ms(at: dt.datetime) -> str:
    """``2023-02-18T13:33:11.000Z``, as X writes times in ``edit_info`` and ``account.js``."""
    at = at.astimezone(dt.UTC)
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def tweet_element(text: str, *, ident: int, created: dt.datetime) -> str:
    """One element of ``tweets.js``, laid out as X lays it out (two spaces, ``" : "``)."""
    p = "      "
    full = _escape(text)
    source = '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>'
    return (
        "  {\n"
        '    "tweet" : {\n'
        f'{p}"edit_info" : {{\n'
        f'{p}  "initial" : {{\n'
        f'{p}    "editTweetIds" : [\n{p}      "{ident}"\n{p}    ],\n'
        f'{p}    "editableUntil" : "{_iso_ms(created + dt.timedelta(hours=1))}",\n'
        f'{p}    "editsRemaining" : "5",\n'
        f'{p}    "isEditEligible" : true\n'
        f"{p}  }}\n"
        f"{p}}},\n"
        f'{p}"retweeted" : false,\n'
        f'{p}"source" : {_js(source)},\n'
        f'{p}"entities" : {_entities(text, p)},\n'
        f'{p}"display_text_range" : [\n{p}  "0",\n{p}  "{len(full)}"\n{p}],\n'
        f'{p}"favorite_count" : "0",\n'
        f'{p}"id_str" : "{ident}",\n'
        f'{p}"truncated" : false,\n'
        f'{p}"retweet_count" : "0",\n'
        f'{p}"id" : "{ident}",\n'
        f'{p}"created_at" : "{archive_time(created)}",\n'
        f'{p}"favorited" : false,\n'
        f'{p}"full_text" : {_js(full)},\n'
        f'{p}"lang" : "und"\n'
        "    }\n"
        "  }"
    )


def account_js(username: str, account_id: str) -> str:
    created = f"{YEAR - 6}-03-14T09:12:45.000Z"
    return (
        'window.YTD.account.part0 = [\n  {\n    "account" : {\n'
        '      "createdVia" : "web",\n'
        f'      "username" : {_js(username)},\n'
        f'      "accountId" : "{account_id}",\n'
        f'      "createdAt" : "{created}",\n'
        f'      "accountDisplayName" : {_js(username.replace("_", " ").title())}\n'
        "    }\n  }\n]"
    )


def post_times(n: int, rng: random.Random) -> Iterator[dt.datetime]:
    """``n`` times over :data:`YEAR`, newest first (as in an archive), about
    :data:`IN_WORK_HOURS` of them between 9 and 17 local time, the rest at other hours (any
    day of the week: weekends are outside working hours whatever the hour)."""
    start = dt.date(YEAR, 1, 1)
    for i in range(n):
        day = start + dt.timedelta(days=364 - i * 365 // max(1, n))
        if rng.random() < IN_WORK_HOURS:
            hour = rng.choice(WORK_HOURS)
        else:
            hour = rng.choice([h for h in range(24) if h not in WORK_HOURS])
        local = dt.datetime(
            day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=ZONE
        )
        yield local.astimezone(dt.UTC).replace(microsecond=rng.randrange(1000) * 1000)


def write_archive(
    path: Path, username: str, account_id: str, texts: Iterable[str], n: int, *, seed: int = 7
) -> int:
    """An X archive zip at ``path`` with the ``n`` posts of ``texts`` (cycled when shorter),
    written streaming: memory does not grow with ``n``. Returns the zip's size in bytes."""
    rng = random.Random(seed)
    counter = itertools.count(seed << 16)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("data/account.js", account_js(username, account_id))
        with zf.open("data/tweets.js", "w", force_zip64=True) as raw:
            raw.write(b"window.YTD.tweets.part0 = [\n")
            batch: list[str] = []
            for i, (text, created) in enumerate(zip(itertools.cycle(texts), post_times(n, rng))):
                ms = int(created.timestamp() * 1000)
                ident = ((ms - SNOWFLAKE_EPOCH_MS) << 22) | (next(counter) & 0x3FFFFF)
                batch.append(tweet_element(text, ident=ident, created=created))
                if len(batch) >= 1000 or i == n - 1:
                    raw.write((",\n".join(batch) + (",\n" if i < n - 1 else "\n")).encode())
                    batch = []
            raw.write(b"]")
    return path.stat().st_size


def write_archives(folder: Path, texts: Sequence[str], accounts: int = ACCOUNTS) -> list[Path]:
    """``texts`` dealt round-robin to ``accounts`` archives (``bench_1.zip`` …)."""
    paths = []
    for k in range(accounts):
        share = texts[k::accounts]
        if not share:
            continue
        path = folder / f"bench_{k + 1}.zip"
        write_archive(path, f"bench_user{k + 1}", str(1_000_000 + k), share, len(share), seed=k)
        paths.append(path)
    return paths


# --- timing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """``posts`` done in ``wall_s`` seconds of the clock and ``cpu_s`` seconds of CPU."""

    posts: int
    wall_s: float
    cpu_s: float

    @property
    def wall(self) -> float:
        return self.posts / max(self.wall_s, 1e-9)

    @property
    def cpu(self) -> float:
        return self.posts / max(self.cpu_s, 1e-9)

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.posts, self.wall_s + other.wall_s, self.cpu_s + other.cpu_s)


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def rate(fn: Callable[[str], object], texts: Sequence[str]) -> Rate:
    """How fast ``fn`` goes over ``texts`` in this process."""
    w0, c0 = time.perf_counter(), _cpu()
    for text in texts:
        fn(text)
    return Rate(len(texts), time.perf_counter() - w0, _cpu() - c0)


def sample(texts: Sequence[str], n: int) -> list[str]:
    """``n`` texts evenly spaced over ``texts`` (every corpus is represented)."""
    if n >= len(texts):
        return list(texts)
    step = len(texts) / n
    return [texts[int(i * step)] for i in range(n)]


def read_rate(archives: Sequence[Path]) -> Rate:
    """The archive reader alone (what the scan's parent does besides counting and writing)."""
    from tweetguard.ingest import Post
    from tweetguard.ingest.sources import read_all

    w0, c0 = time.perf_counter(), _cpu()
    posts = sum(1 for record in read_all(list(archives)) if isinstance(record, Post))
    return Rate(posts, time.perf_counter() - w0, _cpu() - c0)


@dataclass(frozen=True)
class ScanRun:
    posts: int
    findings: int
    bad_records: int
    wall_s: float
    parent_cpu_s: float
    workers_cpu_s: float

    @property
    def rate(self) -> float:
        return self.posts / max(self.wall_s, 1e-9)


def time_scan(archives: Sequence[Path], workers: int) -> ScanRun:
    """``scan(archives, workers=...)`` with the findings written to ``os.devnull``: its
    time, and the CPU time of this process and of the workers (reaped when the pool ends)."""
    from tweetguard.scan.run import scan

    c0, k0 = _cpu(), _cpu(resource.RUSAGE_CHILDREN)
    with Path(os.devnull).open("w", encoding="utf-8") as sink:
        stats = scan(archives, workers=workers, out=sink)
    return ScanRun(
        stats.posts,
        stats.findings,
        stats.bad_records,
        stats.elapsed_s,
        _cpu() - c0,
        _cpu(resource.RUSAGE_CHILDREN) - k0,
    )


def presidio_recognizers() -> tuple[list[Any], list[str]]:
    """Presidio's predefined recognizers for English as its default registry loads them,
    without those that need the NLP engine's artefacts (spaCy, stanza, transformers): which
    are used, and the names of those left out. Offline: tldextract (the e-mail recognizer's
    domain check) uses its bundled suffix list instead of fetching one."""
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from presidio_analyzer import RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"])
    used = [r for r in registry.recognizers if not isinstance(r, SpacyRecognizer)]
    left = [type(r).__name__ for r in registry.recognizers if isinstance(r, SpacyRecognizer)]
    return used, left


def time_presidio(texts: Sequence[str]) -> tuple[Rate, list[tuple[str, float]], list[str]]:
    """All the recognizers over ``texts`` (each recognizer over every text after a warm-up,
    so the time of each is known), the CPU µs per post of each, and those left out."""
    recognizers, left = presidio_recognizers()
    per: list[tuple[str, float]] = []
    total = Rate(len(texts), 0.0, 0.0)
    for r in recognizers:
        entities = r.supported_entities

        def analyze(text: str, r: Any = r, entities: list[str] = entities) -> object:
            return r.analyze(text, entities=entities, nlp_artifacts=None)

        rate(analyze, texts[:WARM_UP])
        spent = rate(analyze, texts)
        total += spent
        per.append((type(r).__name__, spent.cpu_s / max(1, len(texts)) * 1e6))
    return total, per, left


def time_profanity(texts: Sequence[str]) -> Rate:
    from better_profanity import profanity

    profanity.load_censor_words()
    return rate(profanity.contains_profanity, texts)


def time_detect_secrets(texts: Sequence[str]) -> Rate:
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import default_settings

    with default_settings():
        return rate(lambda text: list(scan_line(text)), texts)


# --- memory ------------------------------------------------------------------------------------


def _mb(kilobytes: int) -> float:
    return kilobytes / 1024  # ru_maxrss and VmHWM are in KiB on Linux


def peak_rss_kb() -> int:
    """This process's peak RSS. ``ru_maxrss`` of a process started with ``exec`` also
    counts the peak of the process that started it (the kernel carries it over the exec:
    a memory run started from this bench would report the bench's peak), so on Linux the
    peak of this process image alone is read from ``/proc/self/status`` (``VmHWM``)."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_run(path: Path, workers: int) -> dict[str, Any]:
    """Scan ``path`` in this (fresh) process; the peak RSS of this process and of its
    largest worker (forked, so its ``ru_maxrss`` is its own)."""
    from tweetguard.scan.run import scan

    before = peak_rss_kb()
    with Path(os.devnull).open("w", encoding="utf-8") as sink:
        stats = scan([path], workers=workers, out=sink)
    return {
        "posts": stats.posts,
        "bad_records": stats.bad_records,
        "findings": stats.findings,
        "elapsed_s": stats.elapsed_s,
        "posts_per_s": stats.posts / max(stats.elapsed_s, 1e-9),
        "parent_before_mb": _mb(before),
        "parent_peak_mb": _mb(peak_rss_kb()),
        "workers_peak_mb": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
    }


def measure_memory(path: Path, workers: int) -> dict[str, Any]:
    """:func:`memory_run` in a fresh interpreter, so earlier work does not count."""
    command = [sys.executable, "-m", "tweetguard.bench_scan", "--memory-run", str(path)]
    done = subprocess.run(
        [*command, "--workers", str(workers)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"the memory run of {path.name} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the report -------------------------------------------------------------------------------


def _per_s(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _print_memory(texts: Sequence[str], tmp: Path, size: int, workers: int, out: IO[str]) -> None:
    small = max(1, size // 10)
    runs: list[tuple[int, dict[str, Any]]] = []
    print(
        f"memory (one archive, one account, scanned in a fresh process, {workers} workers)",
        file=out,
    )
    for n in (small, size):
        path = tmp / f"archive_{n}.zip"
        t0 = time.perf_counter()
        zipped = write_archive(path, "bench_million", "2000000", texts, n, seed=n)
        written = time.perf_counter() - t0
        m = measure_memory(path, workers)
        runs.append((n, m))
        path.unlink()
        print(
            f"  {n:>9,} posts     {zipped / 1e6:>7.1f} MB zip (written in {written:.0f} s); "
            f"scan {m['posts_per_s']:>7,.0f} posts/s; peak RSS parent "
            f"{m['parent_peak_mb']:.0f} MB (before the scan {m['parent_before_mb']:.0f}), "
            f"largest worker {m['workers_peak_mb']:.0f} MB"
            + (f"; {m['bad_records']:,} bad records" if m["bad_records"] else ""),
            file=out,
        )
    (n1, a), (n2, b) = runs
    flat = (
        b["parent_peak_mb"] <= a["parent_peak_mb"] * FLAT
        and b["workers_peak_mb"] <= a["workers_peak_mb"] * FLAT
    )
    print(
        f"  peak RSS {n1:,}: {a['parent_peak_mb']:.0f} MB + worker {a['workers_peak_mb']:.0f} MB,"
        f" {n2:,}: {b['parent_peak_mb']:.0f} MB + worker {b['workers_peak_mb']:.0f} MB"
        f"  (target: flat, {n2 // n1}× the posts within {FLAT:.1f}× the memory: {verdict(flat)})",
        file=out,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--posts", type=int, default=0, help="use at most N posts of the corpus")
    parser.add_argument(
        "--sample", type=int, default=SAMPLE, help="posts for better-profanity and detect-secrets"
    )
    parser.add_argument("--million", action="store_true", help="measure memory on 1M posts")
    parser.add_argument("--million-size", type=int, default=MILLION, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=2, help="workers of the memory runs")
    parser.add_argument("--memory-run", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_run is not None:
        print(json.dumps(memory_run(args.memory_run, args.workers)))
        return 0

    texts = read_corpus(args.data)
    if not texts:
        print(f"no corpora found under {args.data}", file=sys.stderr)
        return 2
    if args.posts:
        texts = texts[: args.posts]
    out = sys.stdout
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())

    # The full check in one process (drafts built before the clock starts).
    engine = Engine(load_policy())
    drafts = [Draft(text=t, created_at=NOW) for t in texts]
    for d in drafts[:WARM_UP]:
        engine.check(d)
    w0, c0 = time.perf_counter(), _cpu()
    for d in drafts:
        engine.check(d)
    check = Rate(len(drafts), time.perf_counter() - w0, _cpu() - c0)
    few = sample(texts, args.sample)
    ours_few = rate(lambda t: engine.check(Draft(text=t, created_at=NOW)), few)
    # The drafts go before the scans: the garbage collector of a one-worker scan (and of the
    # forked workers) would otherwise walk them too.
    del drafts
    gc.collect()

    with tempfile.TemporaryDirectory(prefix="tweetguard-bench-") as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        archives = write_archives(tmp, texts)
        written = time.perf_counter() - t0
        zipped = sum(p.stat().st_size for p in archives)
        one, two = time_scan(archives, 1), time_scan(archives, 2)
        speedup = two.rate / one.rate
        # On two idle cores the three processes of the two-worker scan need at least half
        # their CPU time of the clock: the best speed-up the machine allows.
        best = (one.parent_cpu_s + one.workers_cpu_s) / (
            max(two.parent_cpu_s + two.workers_cpu_s, 1e-9) / min(2, os.cpu_count() or 1)
        )
        reading = read_rate(archives)

        print(f"scan bench (issue 7; {os.cpu_count()} cores, load average {load})", file=out)
        print(
            "  single-process figures per CPU second of the process (other load on the machine "
            "does not count; wall clock in brackets); the scans' by the clock",
            file=out,
        )
        print(f"  corpus            {len(texts):>9,} posts from {args.data}", file=out)
        print(
            f"  archives          {len(archives):>9} accounts, {zipped / 1e6:.1f} MB zipped "
            f"(written in {written:.1f} s)",
            file=out,
        )
        print(
            f"  full check        {check.cpu:>9,.0f} posts/s  ({check.wall:,.0f}; Engine.check in "
            "one process: ten rules, platform checks, models)",
            file=out,
        )
        for w, s in ((1, one), (2, two)):
            extra = f", {s.bad_records:,} bad records" if s.bad_records else ""
            cpu = f"CPU {s.parent_cpu_s:.1f} s" + (
                f" + workers {s.workers_cpu_s:.1f} s" if w > 1 else ""
            )
            print(
                f"  scan, {w} worker{'s' if w > 1 else ' '}   {s.rate:>9,.0f} posts/s  "
                f"({s.posts:,} posts, {s.findings:,} findings{extra}; {s.wall_s:.1f} s, {cpu})",
                file=out,
            )
        same = (one.posts, one.findings) == (two.posts, two.findings)
        print(
            f"  speed-up          {speedup:>9.2f}×  2 workers ÷ 1 (target >= {TARGET_WORKERS}×: "
            f"{verdict(speedup >= TARGET_WORKERS)}); same findings: {'yes' if same else 'NO'}",
            file=out,
        )
        print(
            f"  speed-up, at best {best:>9.2f}×  (from the CPU times: two idle cores)",
            file=out,
        )
        print(
            f"  reading alone     {reading.cpu:>9,.0f} posts/s  ({reading.wall:,.0f}; the archive "
            "reader, no check)",
            file=out,
        )

        presidio, per, left = time_presidio(texts)
        tools = [
            (f"Presidio, {len(per)} recognizers", presidio, check),
            ("better-profanity", time_profanity(few), ours_few),
            ("detect-secrets scan_line", time_detect_secrets(few), ours_few),
        ]
        print(
            "side by side (posts per CPU second; ratio: tweetguard's full check ÷ the tool, "
            "same posts)",
            file=out,
        )
        print(f"  {'':<28}{'posts':>9} {'posts/s':>10} {'ratio':>9}", file=out)
        print(
            f"  {'tweetguard full check':<28}{check.posts:>9,} {check.cpu:>10,.0f}"
            f" {1:>8.1f}×  (clock {check.wall:,.0f}/s)",
            file=out,
        )
        for name, tool, ours in tools:
            ratio = ours.cpu / max(tool.cpu, 1e-9)
            if name.startswith("Presidio"):
                note = f"target >= {TARGET_PRESIDIO:.0f}×: {verdict(ratio >= TARGET_PRESIDIO)}"
            else:
                note = f"evenly spaced sample; tweetguard {ours.cpu:,.0f}/s on it"
            print(
                f"  {name:<28}{tool.posts:>9,} {_per_s(tool.cpu):>10} {ratio:>8.1f}×  "
                f"(clock {_per_s(tool.wall)}/s; {note})",
                file=out,
            )
        names = ", ".join(name.removesuffix("Recognizer") for name, _ in per)
        slowest = sorted(per, key=lambda x: -x[1])[:3]
        print(f"  Presidio recognizers: {names}", file=out)
        print(
            "  slowest: "
            + ", ".join(f"{n.removesuffix('Recognizer')} {us:.0f} µs" for n, us in slowest)
            + f" a post; left out (need the NLP engine): {', '.join(left) or 'none'}",
            file=out,
        )
        print(
            "  (each tool does one part of the check: Presidio personal data, better-profanity "
            "English swear words, detect-secrets credentials)",
            file=out,
        )
        if args.million:
            _print_memory(texts, tmp, args.million_size, args.workers, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
