"""Service settings from the environment (``TWEETGUARD_*``), validated by pydantic."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./var/tweetguard.db"


class Settings(BaseSettings):
    """Everything the service reads from its environment.

    - ``TWEETGUARD_DATABASE_URL``: SQLAlchemy URL; default a SQLite file under ``./var/``
      (WAL mode); production: ``postgresql+psycopg://user@host/db``.
    - ``TWEETGUARD_POLICY``: the policy file (default: ``./policy.toml``, else the bundled
      example), as for the CLI.
    - ``TWEETGUARD_MAX_BODY_BYTES``: the largest request body accepted (default 256 KiB: a
      25,000-character draft with its context fits many times over).
    - ``TWEETGUARD_MAX_UPLOAD_BYTES``: the largest image the check page reads (10 MiB).
    - ``TWEETGUARD_SMTP_HOST``, ``_PORT``, ``_FROM``, ``_USER``, ``_PASSWORD``, ``_STARTTLS``:
      the mail server for notifications.
    - ``TWEETGUARD_RETENTION_DAYS``: how long drafts and incident texts are kept (90).
    """

    model_config = SettingsConfigDict(env_prefix="TWEETGUARD_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    policy: Path | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_body_bytes: int = Field(default=256 * 1024, ge=1024)
    # An image checked on the check page (read, then deleted); X takes images up to 5 MB.
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # Notifications (TWEETGUARD_SMTP_*): the worker sends the outbox through this server.
    smtp_host: str = "localhost"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_from: str = "tweetguard@localhost"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_timeout: float = Field(default=10.0, gt=0)
    # Privacy: drafts, posts and incident texts older than this are purged (tweetguard purge,
    # and the worker once an hour).
    retention_days: int = Field(default=90, ge=1)
    # Where people open the service (links in e-mails).
    public_url: str = "http://127.0.0.1:8000"
