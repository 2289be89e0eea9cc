"""The command line: ``tweetguard check``, ``tweetguard policy …``, ``tweetguard explain``.

Exit status (contract.md): 0 every draft ``ok``; 1 some draft ``warn`` or ``block``; 2 bad
usage, a bad policy file, or input that could not be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from tweetguard.cli.inputs import iter_jsonl, read_bytes, read_draft_file, require_content
from tweetguard.cli.render import print_report
from tweetguard.draft import Draft, text_draft
from tweetguard.engine import Engine
from tweetguard.errors import TweetguardError
from tweetguard.policy import Policy, load_policy
from tweetguard.policy.loader import read_policy_file
from tweetguard.policy.render import render_policy
from tweetguard.report import Report
from tweetguard.textfile import decode_utf8

app = typer.Typer(
    name="tweetguard",
    help="Check tweets against your company's Twitter policy (Dutch and English).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
policy_app = typer.Typer(help="Render or validate the policy.", no_args_is_help=True)
app.add_typer(policy_app, name="policy")
media_app = typer.Typer(help="Attached images: remove metadata.", no_args_is_help=True)
app.add_typer(media_app, name="media")
audit_app = typer.Typer(help="The audit trail of the service.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
user_app = typer.Typer(help="People of the service: add users, API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class Lang(StrEnum):
    nl = "nl"
    en = "en"


class DocFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"


err_console = Console(stderr=True)


def _fail(exc: TweetguardError | str) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _policy(path: Path | None) -> Policy:
    try:
        return load_policy(path)
    except TweetguardError as exc:
        _fail(exc)


PolicyOpt = Annotated[
    Path | None,
    typer.Option(
        "--policy",
        help="Policy file (default: $TWEETGUARD_POLICY, ./policy.toml, the bundled example).",
        show_default=False,
    ),
]


@app.command()
def check(
    text: Annotated[str | None, typer.Argument(help="The draft text. Omit to read stdin.")] = None,
    draft: Annotated[
        str | None, typer.Option("--draft", help="A draft as JSON ('-': stdin).")
    ] = None,
    drafts: Annotated[
        str | None, typer.Option("--drafts", help="Drafts as JSONL, one a line ('-': stdin).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
    policy: PolicyOpt = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="Language of messages (default: the draft's language, Dutch for others).",
            show_default=False,
        ),
    ] = None,
    ocr: Annotated[
        bool, typer.Option("--ocr/--no-ocr", help="Read text in attached images (tesseract).")
    ] = True,
) -> None:
    """Check one draft (TEXT, --draft, stdin) or many (--drafts) against the policy.

    Attached images (``media[].path``, relative to the draft file) are read first: GPS
    location in their metadata and, with tesseract, the text in them."""
    given = [x for x in (text, draft, drafts) if x is not None]
    if len(given) > 1:
        _fail("give one of TEXT, --draft or --drafts, not several")
    pol = _policy(policy)
    engine = Engine(pol)
    out = Console(highlight=False, soft_wrap=False)
    if drafts is not None:
        base = _base_dir(drafts)
        raise typer.Exit(
            _check_many(engine, drafts, fmt, _lang(lang), out, lambda d: _inspect(d, base, ocr))
        )
    try:
        if draft is not None:
            one = _inspect(read_draft_file(draft), _base_dir(draft), ocr)
        else:
            if text is None:
                if sys.stdin.isatty():
                    _fail("no draft given: pass TEXT, --draft FILE, --drafts FILE or pipe text")
                text = decode_utf8(read_bytes("-"), "<stdin>").rstrip("\n")
            one = require_content(text_draft(text))
    except TweetguardError as exc:
        _fail(exc)
    report = engine.check(one)
    _emit_one(report, one.text, fmt, _lang(lang), out, line=1 if fmt is Format.jsonl else None)
    raise typer.Exit(0 if report.verdict == "ok" else 1)


def _lang(chosen: Lang | None) -> str | None:
    return chosen.value if chosen is not None else None


def message_lang(chosen: str | None, report: Report) -> str:
    """The language messages are shown in: the one chosen, else the draft's (Dutch or
    English), else Dutch."""
    if chosen:
        return chosen
    return report.lang if report.lang in ("nl", "en") else "nl"


def _emit_one(
    report: Report, text: str, fmt: Format, lang: str | None, out: Console, *, line: int | None
) -> None:
    if fmt is Format.text:
        lang = message_lang(lang, report)
        header = f"#{line}" if line is not None else None
        print_report(out, report, text, lang=lang, header=header)
        return
    data = report.to_dict()
    if line is not None:
        data = {"line": line, **data}
    dumped = json.dumps(data, ensure_ascii=False, indent=2 if fmt is Format.json else None)
    sys.stdout.write(dumped + "\n")


def _base_dir(name: str) -> Path:
    """Media paths in a draft file are relative to that file (to the cwd for stdin)."""
    return Path.cwd() if name == "-" else Path(name).resolve().parent


def _inspect(draft: Draft, base: Path, ocr: bool) -> Draft:
    if not draft.media:
        return draft
    from tweetguard.media import inspect_media  # Pillow loads only when there are images

    return inspect_media(draft, base_dir=base, ocr=ocr)


def _check_many(
    engine: Engine,
    name: str,
    fmt: Format,
    lang: str | None,
    out: Console,
    prepare: Callable[[Draft], Draft],
) -> int:
    try:
        items = list(iter_jsonl(name))
    except TweetguardError as exc:
        _fail(exc)
    status = 0
    reports: list[dict[str, object]] = []
    for item in items:
        if item.draft is None:
            status = 2
            if fmt is Format.text:
                err_console.print(
                    f"[bold red]error:[/] {escape(item.error or '')}", highlight=False
                )
            reports.append({"line": item.line, "error": item.error})
            if fmt is Format.jsonl:
                sys.stdout.write(json.dumps(reports[-1], ensure_ascii=False) + "\n")
            continue
        report = engine.check(prepare(item.draft))
        if report.verdict != "ok" and status == 0:
            status = 1
        if fmt is Format.json:
            reports.append({"line": item.line, **report.to_dict()})
        else:
            _emit_one(report, item.draft.text, fmt, lang, out, line=item.line)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(reports, ensure_ascii=False, indent=2) + "\n")
    if not items:
        err_console.print(
            f"[bold red]error:[/] {escape(name)}: no drafts in the input", highlight=False
        )
        return 2
    return status


@policy_app.command("render")
def policy_render(
    lang: Annotated[Lang, typer.Option("--lang")] = Lang.nl,
    fmt: Annotated[DocFormat, typer.Option("--format")] = DocFormat.text,
    policy: PolicyOpt = None,
) -> None:
    """Print the policy text with the company name filled in."""
    pol = _policy(policy)
    sys.stdout.write(render_policy(pol.company, lang=lang.value, fmt=fmt.value))
    if fmt is not DocFormat.html:
        sys.stdout.write("\n")


@policy_app.command("validate")
def policy_validate(file: Annotated[Path, typer.Argument(help="The policy file (TOML).")]) -> None:
    """Validate a policy file; print its company and version, or the errors (exit 2)."""
    try:
        pol = Policy(read_policy_file(file), source=str(file))
    except TweetguardError as exc:
        _fail(exc)
    Console(highlight=False).print(
        f"[green]ok[/] {escape(str(file))}: {escape(pol.company)}, "
        f"{len(pol.config.accounts)} accounts, {len(pol.config.products)} products, "
        f"version {pol.version}"
    )


@policy_app.command("version")
def policy_version_cmd(policy: PolicyOpt = None) -> None:
    """Print the policy version (sha256 of the rendered Dutch text)."""
    sys.stdout.write(_policy(policy).version + "\n")


@media_app.command("strip")
def media_strip(
    file: Annotated[Path, typer.Argument(help="The image to clean.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to write the copy (default: NAME.clean.EXT)."),
    ] = None,
) -> None:
    """Write a copy of an image without metadata (GPS location, camera, EXIF, XMP)."""
    from tweetguard.media import read_gps, strip_metadata

    target = out or file.with_name(f"{file.stem}.clean{file.suffix}")
    try:
        had_gps = read_gps(file) is not None
        strip_metadata(file, target)
    except TweetguardError as exc:
        _fail(exc)
    note = " (GPS location removed)" if had_gps else ""
    Console(highlight=False).print(
        f"[green]ok[/] wrote {escape(str(target))} without metadata{note}"
    )


@app.command()
def explain(
    rule: Annotated[
        str | None,
        typer.Argument(help="A rule number (1-10), 'P', or a code like R4.x", show_default=False),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", help="A draft: show what each language model says about it."),
    ] = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="The tweet the draft replies to.")
    ] = None,
    policy: PolicyOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the output.")] = Lang.nl,
) -> None:
    """Print a rule's documentation (RULE), or, with --text, each model's score for a draft
    with the words that tipped it, and the findings with their evidence."""
    if (rule is None) == (text is None):
        _fail("give a RULE to document or --text DRAFT to explain, one of the two")
    if text is not None:
        from tweetguard.cli.render import print_explanation

        data: dict[str, object] = {"text": text}
        if parent is not None:
            data["in_reply_to"] = {"text": parent}
        try:
            draft = require_content(Draft.model_validate(data))
        except TweetguardError as exc:
            _fail(exc)
        except ValueError as exc:
            _fail(f"--text: {exc}")
        engine = Engine(_policy(policy))
        print_explanation(Console(highlight=False), engine, draft, lang=lang.value)
        return
    from tweetguard.rules import BY_CODE, BY_NUMBER

    assert rule is not None
    key = rule.strip().upper().removeprefix("R")
    found = BY_CODE.get(rule) or (BY_NUMBER.get(0) if key in ("P", "0") else None)
    if found is None and key.split(".")[0].isdigit():
        found = BY_NUMBER.get(int(key.split(".")[0]))
    if found is None:
        _fail(f"unknown rule {rule!r}: use 1-10, P, or a code such as R1.secret")
    sys.stdout.write(found.doc.strip() + "\n\nCodes: " + ", ".join(found.codes) + "\n")


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option("--host", help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port (default 8000).", min=1, max=65535)
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes (one per core).", min=1, max=64)
    ] = 1,
) -> None:
    """Run the HTTP service (settings from TWEETGUARD_* variables: database, policy)."""
    import uvicorn

    from tweetguard.service import Settings, create_app

    try:
        settings = Settings()
        create_app(settings)  # fails early, here, on a bad policy or database URL
    except (TweetguardError, ValueError) as exc:
        _fail(exc if isinstance(exc, TweetguardError) else str(exc))
    uvicorn.run(
        "tweetguard.service.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level="warning",
    )


@app.command()
def demo() -> None:
    """Seed a demo team (eight people of the fictional Tulpwerk, every role, posts and
    incident reports) into the service database when it has nobody yet. Demo only: every
    demo user's password is printed."""
    from rich.table import Table

    from tweetguard.service import Settings
    from tweetguard.service.demo import DEMO_PASSWORD, PEOPLE, seed_demo

    settings = Settings()
    try:
        policy = load_policy(settings.policy)
    except TweetguardError as exc:
        _fail(exc)
    _, factory = _service_db()
    seeded = seed_demo(factory, Engine(policy), public_url=settings.public_url)
    console = Console()
    if not seeded:
        console.print("The database has people already; no demo team seeded.")
        return
    table = Table(title=f"Demo team (demo only): password {DEMO_PASSWORD!r} for everyone")
    for column in ("username", "name", "role", "manager"):
        table.add_column(column)
    for username, name, role, manager, _ in PEOPLE:
        table.add_row(username, name, role, manager or "")
    console.print(table)


def _service_db() -> tuple[Any, Any]:
    """The service database of TWEETGUARD_DATABASE_URL, migrated: (engine, sessions)."""
    from tweetguard.service import Settings
    from tweetguard.service.db import make_engine, migrate, sessions

    try:
        db = make_engine(Settings().database_url)
        migrate(db)
    except TweetguardError as exc:
        _fail(exc)
    return db, sessions(db)


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="Login name: lower case, digits, . _ -")],
    email: Annotated[str, typer.Option("--email", help="Where notifications go.")],
    role: Annotated[
        str, typer.Option("--role", help="employee, communications, manager, compliance, admin")
    ] = "employee",
    name: Annotated[str, typer.Option("--name", help="Display name.")] = "",
    manager: Annotated[
        str | None, typer.Option("--manager", help="Username of their manager.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a person. Without --password-stdin the password is asked for (twice)."""
    from tweetguard.service.auth import UserError, create_user
    from tweetguard.service.db import transaction

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    db, factory = _service_db()
    try:
        with transaction(factory) as session:
            create_user(
                session,
                username=username,
                display_name=name or username,
                email=email,
                role=role,
                manager=manager,
                password=password,
                actor="cli",
            )
    except UserError as exc:
        _fail(exc)
    finally:
        db.dispose()
    Console(highlight=False).print(f"user {username} added ({role})")


@user_app.command("token")
def user_token(
    username: Annotated[str, typer.Argument(help="Whose token.")],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "integration",
    scopes: Annotated[
        str,
        typer.Option(
            "--scopes", help="Comma-separated: check, posts, incidents, acknowledgements, audit, me"
        ),
    ] = "check",
) -> None:
    """Create an API token; it is printed once and only its hash is kept."""
    from sqlalchemy import select

    from tweetguard.service.auth import UserError, create_token
    from tweetguard.service.db import transaction
    from tweetguard.service.schema import User

    db, factory = _service_db()
    try:
        with transaction(factory) as session:
            user = session.scalar(select(User).where(User.username == username))
            if user is None:
                raise UserError(f"user {username!r} does not exist")
            token = create_token(
                session,
                user,
                name=name,
                scopes=[s.strip() for s in scopes.split(",")],
                actor="cli",
            )
    except UserError as exc:
        _fail(exc)
    finally:
        db.dispose()
    sys.stdout.write(token + "\n")


@app.command()
def worker(
    poll: Annotated[
        float, typer.Option("--poll", help="Seconds between outbox rounds.", min=0.1)
    ] = 5.0,
) -> None:
    """Send the notification outbox (SMTP from TWEETGUARD_SMTP_*) with retries and back-off,
    and purge what is past the retention period once an hour; Ctrl-C or SIGTERM stops it."""
    import logging
    import signal
    import threading

    from tweetguard.service import Settings
    from tweetguard.service.outbox import run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        run_worker(Settings(), stop=stop, poll_seconds=poll)
    except TweetguardError as exc:
        _fail(exc)


@app.command()
def purge(
    days: Annotated[
        int | None,
        typer.Option(
            "--days", help="Retention in days (default TWEETGUARD_RETENTION_DAYS).", min=1
        ),
    ] = None,
) -> None:
    """Delete drafts, incident texts and sent e-mails older than the retention period (the
    audit trail keeps a count of what was purged, never the contents)."""
    from tweetguard.service import Settings
    from tweetguard.service.db import transaction
    from tweetguard.service.purge import purge as run_purge

    retention = days or Settings().retention_days
    db, factory = _service_db()
    try:
        with transaction(factory) as session:
            report = run_purge(session, retention_days=retention, actor="cli")
    finally:
        db.dispose()
    sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")


@audit_app.command("verify")
def audit_verify() -> None:
    """Recompute the hash chain of the audit trail in TWEETGUARD_DATABASE_URL; exit 1 and
    name every edited or deleted entry when it is broken."""
    from tweetguard.service.audit import verify

    db, factory = _service_db()
    with factory() as session:
        result = verify(session)
    db.dispose()
    out = Console(highlight=False)
    if result.ok:
        out.print(f"audit trail intact: {result.entries} entries, last hash {result.last_hash}")
        return
    for problem in result.problems:
        err_console.print(f"[bold red]broken:[/] {escape(problem)}", highlight=False)
    err_console.print(f"{result.entries} entries checked, {len(result.problems)} problems")
    raise typer.Exit(1)


# ``tweetguard scan`` lives in its own module; importing it registers the command.
from tweetguard.cli import scan as _scan  # noqa: E402, F401


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # e.g. `tweetguard check … | head`
        sys.stderr.close()
        raise SystemExit(1) from None
