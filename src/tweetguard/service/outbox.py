"""Notifications: an outbox table and a worker that sends it by SMTP, with retries.

A route that must notify someone calls :func:`enqueue` in its own transaction, so the
message exists exactly when its cause does. The worker (:func:`run_worker`, started by
``tweetguard worker``) calls :func:`deliver_due` every few seconds:

1. **Claim** one due message in a short transaction: ``pending`` with ``next_attempt_at``
   reached, picked with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL (two workers never pick the
   same one; SQLite has one writer at a time anyway). The claim counts the attempt and moves
   ``next_attempt_at`` a lease ahead, so no other worker takes the message while it is being
   sent, and a worker that dies mid-way leaves it to be retried after the lease.
2. **Send** it outside any transaction (an SMTP server that hangs never holds a database
   lock), reusing one SMTP connection for the batch: ``smtplib.SMTP`` with the configured
   timeout, optional STARTTLS and login.
3. **Record** the outcome: ``sent`` with ``sent_at``; or the error and the next attempt after
   an exponential back-off (30 s, 60 s, 120 s … capped at one hour, plus up to 10 % random
   jitter so that many workers do not retry in step), and ``failed`` after
   :data:`MAX_ATTEMPTS` attempts (about 17 hours of trying). A failed message stays in the
   table with its last error.

An SMTP outage therefore loses nothing and sends nothing twice. (A worker killed between
the server's "250 OK" and step 3 sends that message again after the lease: SMTP offers no
more than at-least-once; the ``Message-ID`` is stable per message so mail systems can tell.)

The worker also runs the retention purge (:mod:`tweetguard.service.purge`) once an hour.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import logging
import random
import smtplib
import ssl
import threading
import time
from dataclasses import asdict, dataclass
from email.message import EmailMessage

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, sessionmaker

from tweetguard.service.db import make_engine, migrate, sessions, transaction
from tweetguard.service.purge import purge
from tweetguard.service.schema import OutboxMessage
from tweetguard.service.settings import Settings
from tweetguard.times import as_utc

log = logging.getLogger("tweetguard.worker")

MAX_ATTEMPTS = 24
BASE_DELAY = 30.0  # seconds before the first retry
MAX_DELAY = 3600.0  # the longest wait between two attempts
JITTER = 0.1  # up to this fraction of the delay is added at random
MAX_ERROR = 1000  # characters of the last error kept


def enqueue(
    session: Session,
    *,
    recipient: str,
    subject: str,
    body: str,
    now: dt.datetime | None = None,
) -> OutboxMessage:
    """Queue an e-mail in the caller's transaction; the worker sends it from ``now`` on."""
    at = as_utc(now)
    message = OutboxMessage(
        recipient=recipient,
        subject=subject[:300],
        body=body,
        status="pending",
        attempts=0,
        next_attempt_at=at,
        created_at=at,
    )
    session.add(message)
    session.flush()
    return message


def backoff(attempts: int, *, rng: random.Random | None = None) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failed attempt (1, 2, …)."""
    delay = min(MAX_DELAY, BASE_DELAY * 2 ** max(0, attempts - 1))
    jitter = (rng or random).uniform(0, delay * JITTER)
    return dt.timedelta(seconds=delay + jitter)


@dataclass
class DeliveryReport:
    """What one :func:`deliver_due` run did: messages sent, given up now, to be retried."""

    sent: int = 0
    failed_now: int = 0
    retrying: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class _Claimed:
    id: int
    recipient: str
    subject: str
    body: str
    created_at: dt.datetime


def _lease(settings: Settings) -> dt.timedelta:
    """How long a claimed message is left alone: connect, EHLO, STARTTLS, login and send
    each wait at most the SMTP timeout."""
    return dt.timedelta(seconds=60 + 6 * settings.smtp_timeout)


def due(at: dt.datetime) -> Select[OutboxMessage]:
    """The next message due at ``at``, locked; one that another worker holds is skipped
    (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite renders no lock and needs none)."""
    return (
        select(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= at)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )


def _claim(factory: sessionmaker[Session], at: dt.datetime, lease: dt.timedelta) -> _Claimed | None:
    with transaction(factory) as session:
        message = session.scalars(due(at)).first()
        if message is None:
            return None
        message.attempts += 1
        message.next_attempt_at = at + lease
        return _Claimed(
            message.id, message.recipient, message.subject, message.body, message.created_at
        )


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip("<> ") or "tweetguard.invalid"


def _build_email(settings: Settings, claimed: _Claimed) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.smtp_from
    mail["To"] = claimed.recipient
    mail["Subject"] = claimed.subject
    mail["Date"] = email.utils.format_datetime(as_utc(claimed.created_at))
    # Stable per message: a copy sent again after a crash can be recognised as the same.
    mail["Message-ID"] = f"<outbox-{claimed.id}.{int(as_utc(claimed.created_at).timestamp())}" + (
        f"@{_domain(settings.smtp_from)}>"
    )
    mail["X-Tweetguard-Outbox-Id"] = str(claimed.id)
    mail.set_content(claimed.body, cte="quoted-printable")
    return mail


class _Smtp:
    """One SMTP connection, opened on first use and dropped after an error."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.conn: smtplib.SMTP | None = None

    def send(self, mail: EmailMessage) -> None:
        if self.conn is None:
            self.conn = self._connect()
        self.conn.send_message(mail)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        conn = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout)
        try:
            conn.ehlo()
            if s.smtp_starttls:
                conn.starttls(context=ssl.create_default_context())
                conn.ehlo()
            if s.smtp_user:
                conn.login(s.smtp_user, s.smtp_password or "")
        except BaseException:
            conn.close()
            raise
        return conn

    def drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.conn.quit()
            self.drop()


def _record_sent(factory: sessionmaker[Session], message_id: int, at: dt.datetime) -> None:
    with transaction(factory) as session:
        message = session.get(OutboxMessage, message_id, with_for_update=True)
        if message is not None:
            message.status = "sent"
            message.sent_at = at
            message.next_attempt_at = at


def _record_failure(
    factory: sessionmaker[Session],
    message_id: int,
    at: dt.datetime,
    error: BaseException,
    max_attempts: int,
) -> bool:
    """Record a failed attempt; True when the message is given up (``failed``)."""
    with transaction(factory) as session:
        message = session.get(OutboxMessage, message_id, with_for_update=True)
        if message is None:
            return False
        message.last_error = f"{type(error).__name__}: {error}"[:MAX_ERROR]
        if message.attempts >= max_attempts:
            message.status = "failed"
            message.next_attempt_at = at
            return True
        message.next_attempt_at = at + backoff(message.attempts)
        return False


def deliver_due(
    sessions_factory: sessionmaker[Session],
    settings: Settings,
    *,
    now: dt.datetime | None = None,
    batch: int = 50,
    max_attempts: int = MAX_ATTEMPTS,
) -> DeliveryReport:
    """Send up to ``batch`` messages that are due at ``now`` (default: the current time)."""
    report = DeliveryReport()
    fixed = as_utc(now) if now is not None else None
    lease = _lease(settings)
    smtp = _Smtp(settings)
    try:
        for _ in range(batch):
            claimed = _claim(sessions_factory, fixed or as_utc(None), lease)
            if claimed is None:
                break
            try:
                smtp.send(_build_email(settings, claimed))
            except (smtplib.SMTPException, OSError, ValueError) as exc:
                smtp.drop()
                log.warning("outbox %s: attempt failed: %s", claimed.id, exc)
                if _record_failure(
                    sessions_factory, claimed.id, fixed or as_utc(None), exc, max_attempts
                ):
                    report.failed_now += 1
                    log.error("outbox %s: given up after %s attempts", claimed.id, max_attempts)
                else:
                    report.retrying += 1
            else:
                _record_sent(sessions_factory, claimed.id, fixed or as_utc(None))
                report.sent += 1
    finally:
        smtp.close()
    return report


def run_worker(
    settings: Settings,
    *,
    stop: threading.Event,
    poll_seconds: float = 5.0,
    purge_every_seconds: float = 3600.0,
    batch: int = 50,
) -> None:
    """Deliver due messages every ``poll_seconds`` and purge once every
    ``purge_every_seconds`` (the first time at start), until ``stop`` is set. Errors are
    logged and retried at the next round; the loop never dies of them."""
    engine = make_engine(settings.database_url)
    migrate(engine)
    factory = sessions(engine)
    next_purge = time.monotonic()
    log.info("worker started (SMTP %s:%s)", settings.smtp_host, settings.smtp_port)
    try:
        while not stop.is_set():
            busy = False
            try:
                report = deliver_due(factory, settings, batch=batch)
                busy = report.sent + report.failed_now + report.retrying >= batch
                if report.sent or report.failed_now or report.retrying:
                    log.info("outbox: %s", report.to_dict())
            except Exception:  # the database is away, say: try again next round
                log.exception("outbox delivery failed")
            if time.monotonic() >= next_purge:
                next_purge = time.monotonic() + purge_every_seconds
                try:
                    with transaction(factory) as session:
                        purged = purge(session, retention_days=settings.retention_days)
                    log.info("purge: %s", purged.to_dict())
                except Exception:
                    log.exception("purge failed")
            if not busy:
                stop.wait(poll_seconds)
    finally:
        engine.dispose()
        log.info("worker stopped")


def outbox_counts(session: Session) -> dict[str, int]:
    """How many messages are pending, sent and failed (e.g. for a status line)."""
    rows = session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    ).all()
    return {str(status): int(count) for status, count in rows}
