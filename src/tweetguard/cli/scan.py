"""``tweetguard scan SOURCE… --out findings.jsonl --report report.html``: archives and feeds
through the engine on every core, with a progress bar, a findings file and a report.

Exit status as for ``check``: 0 every post ``ok``; 1 some post ``warn`` or ``block``; 2 bad
usage, a source that cannot be read, or records that could not be read (each reported with
its position; the others are still scanned).
"""

from __future__ import annotations

import contextlib
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from tweetguard.cli import Lang, PolicyOpt, _fail, app, err_console
from tweetguard.errors import TweetguardError


class ReportFormat(StrEnum):
    html = "html"
    md = "md"


class EngineKind(StrEnum):
    local = "local"
    spark = "spark"


class _Rate(ProgressColumn):
    """Posts per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f} posts/s", style="progress.data.speed")


@app.command()
def scan(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="X archive .zip or tweets.js, X API v2 .json/.jsonl, .csv, or draft .jsonl.",
            show_default=False,
        ),
    ],
    policy: PolicyOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Findings as JSONL (redacted, fingerprinted); '-': stdout."),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the report to this file.")
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="The report: html (charts) or md.")
    ] = ReportFormat.html,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Findings file of an earlier scan: write only new ones."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes (0: one per core).", min=0, max=256)
    ] = 0,
    engine: Annotated[
        EngineKind,
        typer.Option(
            "--engine", help="local (process pool) or spark (Parquet/JSON in, Parquet out)."
        ),
    ] = EngineKind.local,
    columns: Annotated[
        str | None,
        typer.Option("--map", help="CSV columns, e.g. 'text=body,created_at=date,author=user'."),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option("--person", help="Report the hours of the week of this account only."),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report.")] = Lang.nl,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Scan archives and feeds against the policy."""
    if engine == EngineKind.spark:
        _scan_spark(sources, policy, out)
        return
    from tweetguard.ingest.tabular import parse_mapping
    from tweetguard.scan.report import render_html, render_markdown
    from tweetguard.scan.run import estimate_posts, read_baseline
    from tweetguard.scan.run import scan as run_scan

    try:
        mapping = parse_mapping(columns) if columns else None
    except ValueError as exc:
        _fail(f"--map: {exc}")
    try:
        known = read_baseline(baseline) if baseline is not None else None
        total = None if quiet else estimate_posts(sources)
        with _findings_file(out) as sink, _progress(quiet, total) as advance:
            stats = run_scan(
                sources,
                policy_path=policy,
                workers=workers,
                out=sink,
                baseline=known,
                csv_mapping=mapping,
                progress=advance,
            )
    except TweetguardError as exc:
        _fail(exc)
    figures = stats.to_dict(person=person)
    if report is not None:
        rendered = (
            render_html(figures, lang=lang.value)
            if fmt == ReportFormat.html
            else render_markdown(figures, lang=lang.value)
        )
        try:
            report.write_text(rendered, encoding="utf-8")
        except OSError as exc:
            _fail(f"{report}: cannot write the report: {exc.strerror or exc}")
    _summary(figures, out, report)
    if stats.bad_records:
        for bad in stats.bad_examples[:20]:
            err_console.print(f"[yellow]skipped[/] {bad['where']}: {bad['error']}", highlight=False)
        raise typer.Exit(2)
    verdicts = figures["verdicts"]
    raise typer.Exit(1 if verdicts["warn"] or verdicts["block"] else 0)


@contextlib.contextmanager
def _findings_file(out: Path | None) -> Any:
    if out is None:
        yield None
    elif str(out) == "-":
        yield sys.stdout
    else:
        try:
            f: IO[str] = out.open("w", encoding="utf-8")
        except OSError as exc:
            _fail(f"{out}: cannot write the findings: {exc.strerror or exc}")
        with f:
            yield f


@contextlib.contextmanager
def _progress(quiet: bool, total: int | None) -> Any:
    if quiet:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("scanning"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("scan", total=total)

        def advance(done: int) -> None:
            if total is not None and done > total:
                bar.update(task, total=done)
            bar.update(task, completed=done)

        yield advance


def _summary(figures: dict[str, Any], out: Path | None, report: Path | None) -> None:
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    v = figures["verdicts"]
    rate = figures.get("posts_per_s") or 0
    console.print(
        f"{figures['posts']:,} posts in {figures['elapsed_s']:.1f} s ({rate:,.0f} posts/s): "
        f"{v['ok']:,} ok, {v['warn']:,} warn, {v['block']:,} block; "
        f"{figures['findings']:,} findings"
        + (f" ({figures['new_findings']:,} new)" if figures["new_findings"] is not None else "")
        + (f"; {figures['bad_records']:,} records skipped" if figures["bad_records"] else "")
    )
    if out is not None and str(out) != "-":
        console.print(f"findings: {out}")
    if report is not None:
        console.print(f"report: {report}")


def _scan_spark(sources: list[Path], policy: Path | None, out: Path | None) -> None:
    if out is None or len(sources) != 1:
        _fail("--engine spark takes one SOURCE (a Parquet or JSON path) and --out (a directory)")
    from tweetguard import spark

    started = time.perf_counter()
    try:
        summary = spark.run(str(sources[0]), str(out), policy_path=str(policy) if policy else None)
    except (TweetguardError, RuntimeError) as exc:
        _fail(str(exc))
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        f"{summary.get('posts', 0):,} posts, {summary.get('findings', 0):,} findings "
        f"(Spark, {time.perf_counter() - started:.1f} s); findings: {out}"
    )
    verdicts = summary.get("by_verdict", {})
    raise typer.Exit(1 if verdicts.get("warn") or verdicts.get("block") else 0)
