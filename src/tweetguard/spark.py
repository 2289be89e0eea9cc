"""Scale out on Apache Spark (issue 7): the same pure engine over a data lake of posts, in a
pandas UDF (``mapInPandas``); findings written as Parquet.

Every Python worker builds the :class:`~tweetguard.engine.Engine` once (a module-level cache
keyed by the policy's text; Spark reuses its Python workers) and sends each post through
:func:`tweetguard.scan.core.scan_post`, exactly as the local scan does: the same findings,
the same redacted excerpts, the same fingerprints. A row that cannot become a draft (too long,
a bad value, a line that is not JSON) becomes one row with code ``input.error`` and the reason;
the job never crashes on a post and never drops one silently.

pyspark is imported only inside functions: ``import tweetguard.spark`` works without it, and
using it without says ``pip install 'tweetguard[spark]'``.

Input
-----
A DataFrame of posts, read from Parquet (a file or a folder of them) or JSON lines, with

=============  ==========================================  ================================
column         type                                        meaning
=============  ==========================================  ================================
text           string, required                            the post
id             string (numbers are cast)                   the post's id
author         string, nullable                            its author's handle (``@`` added)
created_at     timestamp, ISO 8601 string or a number of   when it was posted (no time: now)
               s/ms/µs/ns since 1970 (by its size), null
lang           string, nullable                            its language (X's ``und``,
                                                           ``qme``, … count as none)
in_reply_to    string, nullable                            the text of the post replied to
reply_author   string, nullable                            the handle of that post's author
=============  ==========================================  ================================

or X API v2 tweet objects, one a line (``id``, ``text``, ``author_id``, ``created_at``,
``lang``, ``note_tweet.text`` for long posts), or X API v2 pages, one a line (``data``,
``includes.users``: ``author_id`` becomes ``@username``).

Output
------
Findings (:data:`FINDINGS_COLUMNS`): one row per finding, the columns of the findings file
(``message`` split into ``message_nl`` and ``message_en``) and the post's verdict. A row that
is no draft gives one row with code ``input.error`` (``engine.error`` if the engine failed),
rule 0, severity and verdict ``error``, and the reason in both messages (never the text). Posts
(:data:`POSTS_COLUMNS`, ``per_post=True`` or ``--posts-output``): one row per post with its
verdict and number of findings.

Locally::

    python -m tweetguard.spark --input posts.jsonl --output findings.parquet   # local[2]

or from Python: ``tweetguard.spark.run("posts.parquet", "findings.parquet")``.

On a cluster
------------
1. Build the wheel (the models, word lists and the example policy are inside the package)::

       pip wheel . --no-deps -w dist

2. Make tweetguard and its dependencies importable on the driver and the executors. Either
   install the wheel into the Python of every node (``pip install dist/tweetguard-*.whl``),
   or ship an environment with the job: pack a virtualenv with ``venv-pack`` (or conda with
   ``conda-pack``) and pass ``--archives tweetguard-env.tar.gz#environment`` with
   ``PYSPARK_PYTHON=./environment/bin/python``. (``--py-files dist/tweetguard-*.whl`` is not
   enough: it imports tweetguard from inside the zip, where the model files cannot be read,
   and it brings none of the compiled dependencies such as regex, pyahocorasick and numpy.)

3. Submit this module's file (spark-submit takes a ``.py`` file), with the policy file::

       spark-submit --master yarn --deploy-mode cluster \\
           --archives tweetguard-env.tar.gz#environment \\
           --conf spark.pyspark.python=./environment/bin/python \\
           --files policy.toml \\
           "$(python -c 'import tweetguard.spark as s; print(s.__file__)')" \\
           --input s3a://lake/tweets/ --output s3a://lake/tweetguard/findings/ \\
           --posts-output s3a://lake/tweetguard/posts/ --policy policy.toml

   The driver reads the policy file (``--files`` puts it in its working folder in cluster
   mode; in client mode give a local path) and ships its text with the job: executors need
   no copy. Without ``--policy``: ``$TWEETGUARD_POLICY``, ``./policy.toml``, then the example
   policy. Without ``--master`` the job runs on the master spark-submit was given; run
   outside spark-submit it starts a local Spark with two cores (``--master local[*]`` for all).
   ``--format parquet|json`` when the input's name does not say (a folder in a data lake is
   read as Parquet). ``--partitions N`` spreads the posts over N tasks.

   The summary (posts, findings, verdicts, findings per rule and code, seconds) is printed
   as JSON on standard output.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__" and sys.path:
    # Run as a script (spark-submit …/tweetguard/spark.py): Python put this package's own
    # folder first on sys.path, where tweetguard/types.py would hide the standard library's
    # `types`. Drop it before anything else is imported.
    _here = os.path.dirname(os.path.realpath(__file__))  # noqa: PTH120
    if os.path.realpath(sys.path[0] or os.curdir) == _here:
        del sys.path[0]

import argparse
import datetime as dt
import functools
import hashlib
import json
import math
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tweetguard.draft import draft_from_obj
from tweetguard.engine import Engine
from tweetguard.errors import DraftError, InputError, PolicyError, TweetguardError
from tweetguard.ingest import Post
from tweetguard.policy import Policy, parse_policy
from tweetguard.policy.loader import bundled_policy_source, resolve_policy_path
from tweetguard.scan.core import fingerprint, scan_post
from tweetguard.textfile import decode_utf8

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import Column, DataFrame, SparkSession
    from pyspark.sql.types import DataType

__all__ = [
    "FINDINGS_COLUMNS",
    "FINDINGS_SCHEMA",
    "INPUT_ERROR",
    "POSTS_COLUMNS",
    "POSTS_SCHEMA",
    "PolicySource",
    "SparkMissing",
    "check_partition",
    "check_posts",
    "findings_udf",
    "main",
    "normalize",
    "post_from_row",
    "read_posts",
    "run",
    "session",
]

INSTALL_HINT = "pip install 'tweetguard[spark]'"
JAVA_HINT = "apt-get install default-jre-headless"
DEFAULT_MASTER = "local[2]"

INPUT_ERROR = "input.error"  # a row that is not a draft
ENGINE_ERROR = "engine.error"  # the engine failed on a draft (a bug): reported, the job goes on
ERROR = "error"  # severity and verdict of those rows

# X's `lang` values that name no language: undetermined, media, hashtags, cashtags, mentions
# or links only, no text.
NOT_A_LANGUAGE = frozenset({"und", "qam", "qct", "qht", "qme", "qst", "zxx", "art"})

# Always: what the job needs.
SPARK_CONF: dict[str, str] = {
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.python.worker.reuse": "true",  # the default; the engine cache depends on it
    # pandas writes nanosecond timestamps, which Spark cannot read as timestamps: read them as
    # numbers (normalize() turns epoch numbers into times).
    "spark.sql.legacy.parquet.nanosAsLong": "true",
}
# On a local master only: quiet and small (a cluster keeps its own settings).
LOCAL_CONF: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
}

Columns = tuple[tuple[str, str], ...]

FINDINGS_COLUMNS: Columns = (
    ("post", "string"),
    ("account", "string"),
    ("created_at", "string"),  # ISO 8601, UTC, as in the findings file
    ("where", "string"),
    ("rule", "int"),
    ("code", "string"),
    ("severity", "string"),
    ("start", "int"),
    ("end", "int"),
    ("media", "int"),
    ("excerpt", "string"),
    ("message_nl", "string"),
    ("message_en", "string"),
    ("fingerprint", "string"),
    ("policy_version", "string"),
    ("verdict", "string"),  # the post's
)
POSTS_COLUMNS: Columns = (
    ("id", "string"),
    ("account", "string"),
    ("created_at", "string"),
    ("where", "string"),
    ("lang", "string"),  # given or detected
    ("verdict", "string"),  # ok, warn, block, or error (not a draft)
    ("n_findings", "int"),
    ("policy_version", "string"),
)
# One pass for run(): posts and findings tagged by `kind`, split after the UDF.
_BOTH_COLUMNS: Columns = (
    ("kind", "string"),
    *FINDINGS_COLUMNS,
    ("lang", "string"),
    ("n_findings", "int"),
)
# What normalize() hands to the UDF: strings only (no NaN for missing numbers in pandas).
NORMALIZED = (
    "id",
    "text",
    "author",
    "created_at",
    "created_us",  # microseconds since 1970 when the input had a timestamp
    "created_epoch",  # a number: seconds, ms, µs or ns since 1970 (by its size)
    "lang",
    "in_reply_to",
    "reply_author",
    "source",  # the file the row was read from
    "bad",  # why the row is not a post (a line that is not JSON)
)


def _ddl(columns: Columns) -> str:
    return ", ".join(f"`{name}` {kind}" for name, kind in columns)


FINDINGS_SCHEMA = _ddl(FINDINGS_COLUMNS)
POSTS_SCHEMA = _ddl(POSTS_COLUMNS)
_BOTH_SCHEMA = _ddl(_BOTH_COLUMNS)
_INT_COLUMNS = frozenset({"rule", "start", "end", "media", "n_findings"})

Mode = Literal["findings", "posts", "both"]


class SparkMissing(TweetguardError):
    """pyspark (with pandas and pyarrow) or Java is not installed."""


def _require_pyspark() -> None:
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkMissing(
            f"the Spark engine needs pyspark, pandas and pyarrow ({exc.name} is missing): "
            f"{INSTALL_HINT}"
        ) from None


def _under_spark_submit() -> bool:
    """True in a driver started by spark-submit (the JVM is already there)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def _java_available() -> bool:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return True
    return shutil.which("java") is not None


# --- the policy, read on the driver and shipped with the job --------------------------------


@dataclass(frozen=True, slots=True)
class PolicySource:
    """A policy file's text, read (and validated) on the driver: executors get the text with
    the job instead of a path they may not have."""

    name: str  # for messages: the path, or "<bundled example>"
    text: str
    path: str | None = None  # None: the bundled example

    @classmethod
    def read(cls, path: str | Path | None = None) -> PolicySource:
        """The policy in contract order (``path``, ``$TWEETGUARD_POLICY``, ``./policy.toml``,
        the bundled example); raise :class:`PolicyError` when it is not valid."""
        resolved = resolve_policy_path(path)
        if resolved is None:
            source = cls("<bundled example>", bundled_policy_source())
        else:
            try:
                raw = resolved.read_bytes()
            except FileNotFoundError:
                raise PolicyError("policy file not found", where=str(resolved)) from None
            except OSError as exc:
                raise PolicyError(
                    f"cannot read policy file: {exc.strerror}", where=str(resolved)
                ) from None
            text = decode_utf8(raw, str(resolved), PolicyError)
            source = cls(str(resolved), text, str(resolved))
        parse_policy(source.text, name=source.name)  # refuse a bad file here, not on a worker
        return source

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def load(self) -> Policy:
        """The compiled policy, as :func:`tweetguard.policy.load_policy` gives it."""
        return Policy(parse_policy(self.text, name=self.name), source=self.path)


_ENGINES: dict[str, Engine] = {}


def engine_for(policy: PolicySource) -> Engine:
    """The worker's engine for ``policy``: built once per Python process (~300 ms)."""
    engine = _ENGINES.get(policy.digest)
    if engine is None:
        engine = _ENGINES[policy.digest] = Engine(policy.load())
    return engine


# --- one row → one post → rows out (pure; no Spark) -----------------------------------------


def _present(value: Any) -> Any:
    """``None`` for a missing value as pandas shows it (None or NaN), else the value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _text(value: Any) -> str | None:
    value = _present(value)
    if value is None:
        return None
    value = str(value).strip() if not isinstance(value, str) else value
    return value or None


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# (from this size on, × then ÷ to get microseconds): ns, µs, ms, s. Between 1973 and 2286 a
# time's size tells its unit; a post is from 2006 or later.
_EPOCH_UNITS = ((10**17, 1, 1000), (10**14, 1, 1), (10**11, 1000, 1), (0, 1_000_000, 1))


def _from_epoch(raw: str) -> dt.datetime:
    try:
        number: int | float = int(raw)
    except ValueError:
        try:
            number = float(raw)
        except ValueError:
            raise DraftError(f"created_at: not a time: {raw[:40]!r}") from None
    times, over = next((t, o) for least, t, o in _EPOCH_UNITS if abs(number) >= least)
    micros = number * times // over if isinstance(number, int) else round(number * times / over)
    try:
        return _EPOCH + dt.timedelta(microseconds=micros)
    except (OverflowError, ValueError):
        raise DraftError(f"created_at: not a time: {raw[:40]!r}") from None


def _time(row: Mapping[str, Any]) -> dt.datetime | None:
    micros = _text(row.get("created_us"))
    if micros is not None:
        return _EPOCH + dt.timedelta(microseconds=int(micros))
    epoch = _text(row.get("created_epoch"))
    if epoch is not None:
        return _from_epoch(epoch)
    raw = _text(row.get("created_at"))
    if raw is None:
        return None
    try:
        return dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        pass
    try:  # the X archive's "Wed Oct 10 20:19:24 +0000 2018"
        return dt.datetime.strptime(raw.strip(), "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        raise DraftError(f"created_at: not a time: {raw[:40]!r}") from None


def _where(row: Mapping[str, Any]) -> str:
    source = _text(row.get("source")) or "(dataframe)"
    post_id = _text(row.get("id"))
    return f"{source} id {post_id}" if post_id else source


def post_from_row(row: Mapping[str, Any]) -> Post:
    """A normalised row (:data:`NORMALIZED`) as a :class:`Post`; raise :class:`DraftError`
    saying why it is not a draft."""
    bad = _text(row.get("bad"))
    if bad:
        raise DraftError(bad)
    text = _present(row.get("text"))
    if text is None:
        raise DraftError("text: required field is missing")
    obj: dict[str, Any] = {"text": str(text)}
    post_id = _text(row.get("id"))
    if post_id is not None:
        obj["id"] = post_id
    author = _text(row.get("author"))
    if author is not None:
        obj["account"] = {"handle": author}
    created = _time(row)
    if created is not None:
        obj["created_at"] = created
    lang = _text(row.get("lang"))
    if lang is not None and lang.lower() not in NOT_A_LANGUAGE:
        obj["lang"] = lang
    parent = _present(row.get("in_reply_to"))
    if parent is not None:
        reply: dict[str, Any] = {"text": str(parent)}
        reply_author = _text(row.get("reply_author"))
        if reply_author is not None:
            reply["author"] = reply_author
        obj["in_reply_to"] = reply
    return Post(draft_from_obj(obj), where=_where(row))


def _error_rows(
    row: Mapping[str, Any], code: str, reason_nl: str, reason_en: str, policy_version: str
) -> list[dict[str, Any]]:
    post_id = _text(row.get("id"))
    account = _text(row.get("author"))
    try:
        created = _time(row)
    except DraftError:
        created = None
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    common = {
        "post": post_id,
        "account": account,
        "created_at": None if created is None else created.astimezone(dt.UTC).isoformat(),
        "where": _where(row),
        "verdict": ERROR,
        "policy_version": policy_version,
    }
    finding = {
        **common,
        "kind": "finding",
        "rule": 0,
        "code": code,
        "severity": ERROR,
        "start": 0,
        "end": 0,
        "media": None,
        "excerpt": "",
        "message_nl": f"Deze post is niet gecontroleerd: {reason_nl}",
        "message_en": f"This post was not checked: {reason_en}",
        "fingerprint": fingerprint(code, account, f"{post_id}\x1f{reason_en}"),
    }
    post = {**common, "kind": "post", "lang": None, "n_findings": 1}
    return [post, finding]


def check_row(engine: Engine, row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows one input row gives: first the post (``kind="post"``), then its findings
    (``kind="finding"``). Never raises."""
    version = engine.policy.version
    try:
        post = post_from_row(row)
    except DraftError as exc:
        reason = exc.message
        return _error_rows(row, INPUT_ERROR, reason, reason, version)
    try:
        scanned = scan_post(engine, post)
    except Exception as exc:  # a bug in the engine: report it, keep the job going
        # Only the exception's type: its message might quote the post.
        name = type(exc).__name__
        return _error_rows(
            row, ENGINE_ERROR, f"de controle faalde ({name})", f"the check failed ({name})", version
        )
    out: list[dict[str, Any]] = [
        {
            "kind": "post",
            "post": scanned.id,
            "account": scanned.account,
            "created_at": scanned.created_at,
            "where": scanned.where,
            "lang": scanned.lang,
            "verdict": scanned.verdict,
            "n_findings": len(scanned.findings),
            "policy_version": version,
        }
    ]
    for record in scanned.findings:
        flat = {k: v for k, v in record.items() if k != "message"}
        flat["message_nl"] = record["message"]["nl"]
        flat["message_en"] = record["message"]["en"]
        out.append({**flat, "kind": "finding", "verdict": scanned.verdict})
    return out


def _frame(rows: list[dict[str, Any]], columns: Columns) -> pd.DataFrame:
    import pandas as pd

    names = [name for name, _ in columns]
    frame = pd.DataFrame.from_records(rows, columns=names)
    for name in names:
        if name in _INT_COLUMNS:
            frame[name] = frame[name].astype("Int32")
    return frame


def check_partition(
    batches: Iterable[pd.DataFrame], *, policy: PolicySource, mode: Mode = "findings"
) -> Iterator[pd.DataFrame]:
    """The ``mapInPandas`` function: normalised rows in (:data:`NORMALIZED`), findings
    (:data:`FINDINGS_COLUMNS`), posts (:data:`POSTS_COLUMNS`) or both out."""
    engine = engine_for(policy)
    columns = {"findings": FINDINGS_COLUMNS, "posts": POSTS_COLUMNS, "both": _BOTH_COLUMNS}[mode]
    kinds = {"findings": ("finding",), "posts": ("post",), "both": ("post", "finding")}[mode]
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for row in batch.to_dict("records"):
            for out in check_row(engine, row):
                if out["kind"] not in kinds:
                    continue
                rows.append({**out, "id": out["post"]} if mode == "posts" else out)
        yield _frame(rows, columns)


def findings_udf(
    policy_path: str | Path | None = None, *, per_post: bool = False
) -> Callable[[Iterable[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """The function for ``normalize(df).mapInPandas(f, schema)``: findings
    (:data:`FINDINGS_SCHEMA`), or with ``per_post`` posts (:data:`POSTS_SCHEMA`). The policy is
    read here, on the driver; see :func:`check_posts`."""
    policy = PolicySource.read(policy_path)
    return functools.partial(
        check_partition, policy=policy, mode="posts" if per_post else "findings"
    )


# --- Spark: session, reading, normalising ---------------------------------------------------


def session(master: str | None = None, *, app_name: str = "tweetguard") -> SparkSession:
    """The SparkSession: ``master`` (default ``local[2]``; under spark-submit, or with
    ``master=""``, the one spark-submit was given), quiet, Arrow on. A local master runs the
    workers on this Python (``PYSPARK_PYTHON`` unless set)."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    if master is None:
        master = "" if _under_spark_submit() else DEFAULT_MASTER
    if not _under_spark_submit() and not _java_available():
        raise SparkMissing(f"Spark needs Java (17 or later) and none was found: {JAVA_HINT}")
    builder = SparkSession.builder.appName(app_name)
    conf = dict(SPARK_CONF)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            conf.update(LOCAL_CONF)
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def _is_json_name(name: str) -> bool:
    name = name.lower().removesuffix(".gz").removesuffix(".bz2")
    return name.endswith(_JSON_SUFFIXES)


def detect_format(path: str) -> Literal["parquet", "json"]:
    """``parquet`` or ``json`` from the name, or for a local folder from the files in it; a
    folder elsewhere (``s3a://lake/tweets/``) is taken to be a Parquet table."""
    name = path.rstrip("/")
    if name.lower().endswith((".parquet", ".pq")):
        return "parquet"
    if _is_json_name(name):
        return "json"
    local = None
    if "://" not in path:
        local = Path(path)
    elif path.startswith("file://"):
        local = Path(path.removeprefix("file://"))
    if local is not None:
        if not local.exists():
            raise InputError("no such file or folder", where=path)
        if local.is_dir():
            for _folder, _dirs, files in os.walk(local):
                for file in files:
                    if file.startswith((".", "_")):
                        continue
                    if file.lower().endswith((".parquet", ".pq")):
                        return "parquet"
                    if _is_json_name(file):
                        return "json"
    return "parquet"


def read_posts(spark: SparkSession, path: str, input_format: str = "auto") -> DataFrame:
    """The rows of ``path`` (Parquet or JSON lines; ``auto``: by :func:`detect_format`), with
    the file each was read from in ``_source``."""
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F

    kind = detect_format(path) if input_format == "auto" else input_format
    if kind not in ("parquet", "json"):
        raise InputError(f"unknown input format {input_format!r}: use parquet, json or auto")
    try:
        df = spark.read.parquet(path) if kind == "parquet" else spark.read.json(path)
    except AnalysisException as exc:  # not there, not readable as `kind`
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"Spark cannot read it as {kind}: {first_line}", where=path) from None
    return df.withColumn("_source", F.col("_metadata.file_path"))


def _field(schema_type: DataType, name: str) -> DataType | None:
    from pyspark.sql.types import StructType

    if isinstance(schema_type, StructType) and name in schema_type.fieldNames():
        return schema_type[name].dataType
    return None


def _handle(column: Column) -> Column:
    """``@name`` from ``name`` or ``@name``; empty → null."""
    from pyspark.sql import functions as F

    trimmed = F.trim(column.cast("string"))
    return (
        F.when(trimmed == "", F.lit(None))
        .when(trimmed.startswith("@"), trimmed)
        .otherwise(F.concat(F.lit("@"), trimmed))
    )


def _explode_pages(df: DataFrame) -> DataFrame:
    """X API v2 pages (``data``, ``includes.users``) → one row per tweet, ``_username`` from
    the page's users. Lines that are not JSON are kept (as ``_corrupt_record``)."""
    from pyspark.sql import functions as F

    keep = [c for c in ("_source", "_corrupt_record") if c in df.columns]
    tweets = df.select(F.explode("data").alias("_t"), *keep).select("_t.*", *keep)
    users_type = (
        _field(df.schema["includes"].dataType, "users") if "includes" in df.columns else None
    )
    if users_type is not None and "author_id" in tweets.columns:
        users = (
            df.select(F.explode("includes.users").alias("_u"))
            .select(F.col("_u.id").alias("_uid"), F.col("_u.username").alias("_username"))
            .dropDuplicates(["_uid"])
        )
        tweets = tweets.join(users, tweets["author_id"] == users["_uid"], "left").drop("_uid")
    if "_corrupt_record" in df.columns:
        bad = df.filter(F.col("_corrupt_record").isNotNull()).select(*keep)
        tweets = tweets.unionByName(bad, allowMissingColumns=True)
    return tweets


def normalize(df: DataFrame) -> DataFrame:
    """Our columns (:data:`NORMALIZED`, all strings) from any of the input shapes; raise
    :class:`InputError` when there is no text to check."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DateType, NumericType, StringType, StructType, TimestampType

    if "text" not in df.columns and "data" in df.columns:
        df = _explode_pages(df)
    columns = set(df.columns)
    if "text" not in columns:
        raise InputError(
            "the posts have no column 'text' (found: " + ", ".join(sorted(columns)) + "); "
            "expected text, id, author, created_at, … or X API v2 tweets"
        )
    types = {f.name: f.dataType for f in df.schema.fields}
    none = F.lit(None).cast(StringType())

    def string(name: str) -> Column:
        return F.col(name).cast("string") if name in columns else none

    text = F.col("text").cast("string")
    if _field(types.get("note_tweet", StringType()), "text") is not None:
        text = F.coalesce(F.col("note_tweet.text").cast("string"), text)  # long posts
    if "author" in columns:
        author = _handle(F.col("author"))
    elif "_username" in columns:  # an X API v2 page: the handle from includes.users
        author = F.coalesce(_handle(F.col("_username")), string("author_id"))
    else:
        author = string("author_id")  # an X user id: no handle to be had
    created_type = types.get("created_at")
    created_us = created_epoch = none
    created_at = string("created_at")
    if isinstance(created_type, TimestampType):
        created_us = F.unix_micros(F.col("created_at")).cast("string")
        created_at = none
    elif isinstance(created_type, NumericType):
        created_epoch = F.col("created_at").cast("string")
        created_at = none
    elif isinstance(created_type, DateType):
        created_at = F.col("created_at").cast("string")
    reply_type = types.get("in_reply_to")
    if isinstance(reply_type, StructType):  # our draft JSON: {"text": …, "author": …}
        parent = F.col("in_reply_to.text").cast("string") if _field(reply_type, "text") else none
        reply_author = (
            _handle(F.col("in_reply_to.author")) if _field(reply_type, "author") else none
        )
    else:
        parent = string("in_reply_to")
        reply_author = none
    if "reply_author" in columns:
        reply_author = _handle(F.col("reply_author"))
    bad = none
    if "_corrupt_record" in columns:
        bad = F.when(
            F.col("_corrupt_record").isNotNull(), F.lit("the line is not a JSON object")
        ).otherwise(none)
    return df.select(
        string("id").alias("id"),
        text.alias("text"),
        author.alias("author"),
        created_at.alias("created_at"),
        created_us.alias("created_us"),
        created_epoch.alias("created_epoch"),
        string("lang").alias("lang"),
        parent.alias("in_reply_to"),
        reply_author.alias("reply_author"),
        string("_source").alias("source"),
        bad.alias("bad"),
    )


def check_posts(
    df: DataFrame, *, policy_path: str | Path | None = None, per_post: bool = False
) -> DataFrame:
    """Findings (or with ``per_post`` posts) of a DataFrame of posts in any input shape."""
    schema = POSTS_SCHEMA if per_post else FINDINGS_SCHEMA
    return normalize(df).mapInPandas(findings_udf(policy_path, per_post=per_post), schema=schema)


# --- the job --------------------------------------------------------------------------------


def run(
    input_path: str,
    output_path: str,
    *,
    policy_path: str | None = None,
    master: str | None = None,
    input_format: str = "auto",
    partitions: int | None = None,
    posts_path: str | None = None,
) -> dict[str, Any]:
    """Check the posts at ``input_path``; write the findings as Parquet to ``output_path``
    (and the posts to ``posts_path``), replacing what was there; return a summary.

    The SparkSession is the active one, or a new one on ``master`` (see :func:`session`),
    stopped at the end. ``partitions``: how many tasks to spread the posts over (default: at
    least as many as the cores Spark has).

    The summary: ``posts`` (rows read), ``findings`` (policy findings, without the error
    rows), ``input_errors``, ``by_verdict`` (ok, warn, block, error), ``by_rule``,
    ``by_code``, ``elapsed_s``, and what ran: input, outputs, policy, master, partitions."""
    started = time.perf_counter()
    policy = PolicySource.read(policy_path)  # a bad policy fails here, before Spark starts
    version = policy.load().version
    _require_pyspark()
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    created = SparkSession.getActiveSession() is None
    spark = session(master)
    try:
        df = normalize(read_posts(spark, input_path, input_format))
        if partitions:
            df = df.repartition(partitions)
        elif df.rdd.getNumPartitions() < spark.sparkContext.defaultParallelism:
            df = df.repartition(spark.sparkContext.defaultParallelism)
        check = functools.partial(check_partition, policy=policy, mode="both")
        both = df.mapInPandas(check, schema=_BOTH_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)
        try:
            findings = both.filter(F.col("kind") == "finding")
            findings.select(*(n for n, _ in FINDINGS_COLUMNS)).write.mode("overwrite").parquet(
                output_path
            )
            if posts_path:
                posts = both.filter(F.col("kind") == "post").withColumnRenamed("post", "id")
                posts.select(*(n for n, _ in POSTS_COLUMNS)).write.mode("overwrite").parquet(
                    posts_path
                )
            counts = both.groupBy("kind", "verdict", "rule", "code").count().collect()
        finally:
            both.unpersist()
        n_partitions = df.rdd.getNumPartitions()
        master_url = spark.sparkContext.master
    finally:
        if created:
            spark.stop()
    verdicts: Counter[str] = Counter()
    by_rule: Counter[int] = Counter()
    by_code: Counter[str] = Counter()
    for row in counts:
        n = int(row["count"])
        if row["kind"] == "post":
            verdicts[row["verdict"]] += n
        elif row["code"] not in (INPUT_ERROR, ENGINE_ERROR):
            by_rule[int(row["rule"])] += n
            by_code[row["code"]] += n
    errors = verdicts.get(ERROR, 0)
    return {
        "input": input_path,
        "output": output_path,
        "posts_output": posts_path,
        "policy": policy.name,
        "policy_version": version,
        "master": master_url,
        "partitions": n_partitions,
        "posts": sum(verdicts.values()),
        "findings": sum(by_code.values()),
        "input_errors": errors,
        "by_verdict": {v: verdicts.get(v, 0) for v in ("ok", "warn", "block", ERROR)},
        "by_rule": dict(sorted(by_rule.items())),
        "by_code": dict(sorted(by_code.items())),
        "elapsed_s": round(time.perf_counter() - started, 3),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tweetguard.spark`` / ``spark-submit …/tweetguard/spark.py``: run the job,
    print its summary as JSON. Exit 0, or 2 with a message for bad input."""
    parser = argparse.ArgumentParser(
        prog="tweetguard.spark",
        description="Check posts in Parquet or JSON lines on Spark; write findings as Parquet.",
    )
    parser.add_argument("--input", required=True, help="a Parquet/JSON-lines file or folder")
    parser.add_argument("--output", required=True, help="where to write the findings (Parquet)")
    parser.add_argument("--posts-output", help="also write one row per post here (Parquet)")
    parser.add_argument("--policy", help="the policy file (default: contract order)")
    parser.add_argument("--format", choices=("auto", "parquet", "json"), default="auto")
    parser.add_argument(
        "--master", help="Spark master (default: spark-submit's, or local[2] outside it)"
    )
    parser.add_argument("--partitions", type=int, help="spread the posts over N tasks")
    args = parser.parse_args(argv)
    try:
        summary = run(
            args.input,
            args.output,
            policy_path=args.policy,
            master=args.master,
            input_format=args.format,
            partitions=args.partitions,
            posts_path=args.posts_output,
        )
    except TweetguardError as exc:
        print(f"tweetguard: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    # Through the package's module, not __main__: the workers import tweetguard.spark.
    from tweetguard.spark import main as _main

    raise SystemExit(_main())
