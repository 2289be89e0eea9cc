"""The outbox and its worker against a REAL local SMTP server (aiosmtpd on 127.0.0.1), on
SQLite and PostgreSQL: a report's e-mail reaches the manager; the server goes down mid-way
and nothing is lost; it comes back and every message arrives exactly once; a message is
given up after the maximum attempts; two workers never send one message twice."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import threading
import time
from collections import Counter
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.people import make_app, team, token
from service.pg import free_port
from tweetguard.service.audit import verify
from tweetguard.service.db import transaction
from tweetguard.service.outbox import (
    BASE_DELAY,
    MAX_DELAY,
    DeliveryReport,
    backoff,
    deliver_due,
    due,
    enqueue,
    outbox_counts,
    run_worker,
)
from tweetguard.service.schema import AuditEntry, OutboxMessage
from tweetguard.service.settings import Settings

PUBLIC = "https://tweetguard.tulpwerk.nl"


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts; ``refuse`` makes it answer
    a temporary error instead."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse = False
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "451 4.3.0 try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def ids(self) -> list[str]:
        return [str(m["X-Tweetguard-Outbox-Id"]) for m in self.messages]


class SmtpServer:
    """A real SMTP server on 127.0.0.1 that can be stopped and started again on its port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def t0() -> dt.datetime:
    """A moment just after the test starts: everything queued by then is due."""
    return dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app(database_url: str, smtp: SmtpServer) -> Iterator[FastAPI]:
    application = make_app(
        database_url,
        public_url=PUBLIC,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_from="tweetguard@tulpwerk.nl",
        smtp_timeout=5,
    )
    with TestClient(application):  # runs the migrations
        team(application)
        yield application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def settings(app: FastAPI) -> Settings:
    value: Settings = app.state.settings
    return value


def deliver(app: FastAPI, **kwargs: Any) -> DeliveryReport:
    return deliver_due(app.state.sessions, settings(app), **kwargs)


def report(client: TestClient, headers: dict[str, str], text: str) -> int:
    r = client.post("/api/v1/incidents", json={"text": text}, headers=headers)
    assert r.status_code == 201, r.text
    number: int = r.json()["id"]
    return number


def rows(app: FastAPI) -> list[OutboxMessage]:
    with app.state.sessions() as s:
        return list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def test_a_report_reaches_the_manager_by_email(
    app: FastAPI, client: TestClient, smtp: SmtpServer
) -> None:
    number = report(client, token(app, "eva", ["incidents"]), "Het wachtwoord: Zomer2024! lekt")
    result = deliver(app)
    assert result == DeliveryReport(sent=1, failed_now=0, retrying=0)
    [mail] = smtp.mailbox.messages
    assert mail["X-Envelope-To"] == "maria@tulpwerk.nl" and mail["To"] == "maria@tulpwerk.nl"
    assert mail["From"] == "tweetguard@tulpwerk.nl"
    assert f"#{number}" in mail["Subject"] and "Melding" in mail["Subject"]
    body = mail.get_content()
    assert f"{PUBLIC}/incidents/{number}" in body
    assert "Beste Maria" in body and "Dear Maria" in body
    assert "Zomer2024!" not in body and "[geheim]" in body
    assert mail["Message-ID"].startswith("<outbox-")
    [row] = rows(app)
    assert row.status == "sent" and row.attempts == 1 and row.sent_at is not None
    assert deliver(app) == DeliveryReport()  # nothing is sent twice


def test_an_smtp_outage_loses_nothing_and_sends_nothing_twice(
    app: FastAPI, client: TestClient, smtp: SmtpServer, t0: dt.datetime
) -> None:
    eva, erik, otto = (token(app, u, ["incidents"]) for u in ("eva", "erik", "otto"))
    report(client, eva, "Eerste melding")
    assert deliver(app, now=t0).sent == 1
    assert len(smtp.mailbox.messages) == 1

    smtp.stop()  # the mail server goes down mid-way
    report(client, eva, "Tweede melding")
    report(client, erik, "Derde melding")
    report(client, otto, "Vierde melding, naar compliance")
    result = deliver(app, now=t0)
    assert result == DeliveryReport(sent=0, failed_now=0, retrying=3)
    waiting = [r for r in rows(app) if r.status == "pending"]
    assert len(waiting) == 3
    for r in waiting:
        assert r.attempts == 1 and r.last_error
        delay = (aware(r.next_attempt_at) - t0).total_seconds()
        assert BASE_DELAY <= delay <= BASE_DELAY * 1.1
    assert deliver(app, now=t0 + dt.timedelta(seconds=10)) == DeliveryReport()  # not due yet

    # Still down at the second try: the wait doubles.
    second = t0 + dt.timedelta(seconds=40)
    assert deliver(app, now=second).retrying == 3
    for r in rows(app)[1:]:
        assert r.status == "pending" and r.attempts == 2
        delay = (aware(r.next_attempt_at) - second).total_seconds()
        assert 2 * BASE_DELAY <= delay <= 2 * BASE_DELAY * 1.1
    assert len(smtp.mailbox.messages) == 1

    smtp.start()  # back, on the same port
    result = deliver(app, now=t0 + dt.timedelta(minutes=10))
    assert result == DeliveryReport(sent=3, failed_now=0, retrying=0)
    assert deliver(app, now=t0 + dt.timedelta(hours=5)) == DeliveryReport()
    ids = smtp.mailbox.ids()
    assert len(ids) == 4 and len(set(ids)) == 4  # every message once, none twice
    recipients = Counter(m["X-Envelope-To"] for m in smtp.mailbox.messages)
    assert recipients == {"maria@tulpwerk.nl": 3, "cor@tulpwerk.nl": 1}
    assert all(r.status == "sent" for r in rows(app))
    assert outbox_counts_of(app) == {"sent": 4}


def outbox_counts_of(app: FastAPI) -> dict[str, int]:
    with app.state.sessions() as s:
        return outbox_counts(s)


def test_a_refusal_mid_batch_is_retried_and_the_rest_goes_on(
    app: FastAPI, smtp: SmtpServer, t0: dt.datetime
) -> None:
    with transaction(app.state.sessions) as s:
        for i in range(4):
            enqueue(s, recipient=f"p{i}@tulpwerk.nl", subject=f"m{i}", body="hoi", now=t0)
    smtp.mailbox.refuse = True
    assert deliver(app, now=t0, batch=2) == DeliveryReport(retrying=2)
    smtp.mailbox.refuse = False
    assert deliver(app, now=t0) == DeliveryReport(sent=2)  # the two not yet tried
    assert deliver(app, now=t0 + dt.timedelta(minutes=1)) == DeliveryReport(sent=2)
    assert sorted(m["Subject"] for m in smtp.mailbox.messages) == ["m0", "m1", "m2", "m3"]
    first = rows(app)[0]
    assert first.attempts == 2 and "451" in (first.last_error or "")


def test_given_up_after_the_maximum_attempts(
    app: FastAPI, smtp: SmtpServer, t0: dt.datetime
) -> None:
    smtp.stop()
    with transaction(app.state.sessions) as s:
        enqueue(s, recipient="maria@tulpwerk.nl", subject="s", body="b", now=t0)
    at = t0
    for attempt in (1, 2):
        assert deliver(app, now=at, max_attempts=3) == DeliveryReport(retrying=1)
        assert rows(app)[0].attempts == attempt
        at += dt.timedelta(hours=2)
    assert deliver(app, now=at, max_attempts=3) == DeliveryReport(failed_now=1)
    [row] = rows(app)
    assert row.status == "failed" and row.attempts == 3 and row.sent_at is None
    assert "Connection" in (row.last_error or "") or "refused" in (row.last_error or "")
    smtp.start()
    assert deliver(app, now=at + dt.timedelta(days=1)) == DeliveryReport()  # stays given up
    assert smtp.mailbox.messages == []


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    for attempts, base in [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (30, 3600)]:
        for _ in range(20):
            seconds = backoff(attempts).total_seconds()
            assert base <= seconds <= base * 1.1, (attempts, seconds)
    assert backoff(100).total_seconds() <= MAX_DELAY * 1.1


def test_two_workers_never_send_one_message_twice(
    app: FastAPI, smtp: SmtpServer, t0: dt.datetime
) -> None:
    with transaction(app.state.sessions) as s:
        for i in range(30):
            enqueue(s, recipient=f"p{i}@tulpwerk.nl", subject=f"m{i}", body="hoi", now=t0)
    results: list[DeliveryReport] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            results.append(deliver(app, now=t0 + dt.timedelta(seconds=1)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sum(r.sent for r in results) == 30
    ids = smtp.mailbox.ids()
    assert len(ids) == 30 and len(set(ids)) == 30
    assert all(r.status == "sent" and r.attempts == 1 for r in rows(app))


def test_the_worker_delivers_and_purges_until_stopped(
    app: FastAPI, client: TestClient, smtp: SmtpServer
) -> None:
    stop = threading.Event()
    thread = threading.Thread(
        target=run_worker, args=(settings(app),), kwargs={"stop": stop, "poll_seconds": 0.05}
    )
    thread.start()
    try:
        report(client, token(app, "eva", ["incidents"]), "Het memo staat op Twitter")
        deadline = time.monotonic() + 20
        while not smtp.mailbox.messages and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(20)
    assert not thread.is_alive()
    assert [m["X-Envelope-To"] for m in smtp.mailbox.messages] == ["maria@tulpwerk.nl"]
    with app.state.sessions() as s:
        actions = s.scalars(select(AuditEntry.action)).all()
        assert "retention.purge" in actions  # the worker purges at start, then hourly
        assert verify(s).ok


def test_the_claim_skips_locked_rows_on_postgresql() -> None:
    from sqlalchemy.dialects import postgresql, sqlite

    query = due(dt.datetime.now(dt.UTC))
    assert "FOR UPDATE SKIP LOCKED" in str(query.compile(dialect=postgresql.dialect()))
    assert "FOR UPDATE" not in str(query.compile(dialect=sqlite.dialect()))


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_to_a_server_that_requires_it(app: FastAPI, t0: dt.datetime) -> None:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            b"tweetguard",
            b"geheim wachtwoord",
        )
        return AuthResult(success=ok, handled=False)

    mailbox = Mailbox()
    port = free_port()
    server = Controller(  # loopback only: AUTH without TLS is fine here
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=False,
    )
    server.start()
    try:
        with transaction(app.state.sessions) as s:
            enqueue(s, recipient="maria@tulpwerk.nl", subject="s", body="b", now=t0)
        base = settings(app).model_copy(update={"smtp_port": port, "smtp_user": "tweetguard"})
        wrong = base.model_copy(update={"smtp_password": "fout"})
        assert deliver_due(app.state.sessions, wrong, now=t0) == DeliveryReport(retrying=1)
        assert "535" in (rows(app)[0].last_error or "")
        right = base.model_copy(update={"smtp_password": "geheim wachtwoord"})
        later = t0 + dt.timedelta(minutes=5)
        assert deliver_due(app.state.sessions, right, now=later) == DeliveryReport(sent=1)
        assert len(mailbox.messages) == 1
    finally:
        server.stop()
