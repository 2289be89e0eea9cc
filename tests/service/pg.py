"""A throw-away PostgreSQL server for the tests: a temp data directory, a loopback port, no fsync.

``ThrowawayPostgres`` runs ``initdb`` and ``pg_ctl`` from the PostgreSQL binaries it finds (in PATH,
then the newest ``/usr/lib/postgresql/<version>/bin``, where Debian's ``postgresql`` package puts
them). PostgreSQL refuses to run as root, so when the tests run as root every server command runs
as the unprivileged ``postgres`` user (created by Debian's package) and the temp directory is
handed to that user. On exit, also when start-up fails, the server is stopped and the temp
directory removed.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

import psycopg
from psycopg import sql

USER = "tweetguard"
DATABASE = "tweetguard_test"
BINARIES = ("initdb", "pg_ctl", "postgres")
DEBIAN_ROOT = "/usr/lib/postgresql"
INSTALL_HINT = "apt-get install postgresql"
# Unprivileged accounts to run the server as when we are root, in order of preference.
SERVER_ACCOUNTS = ("postgres", "nobody")
_DB_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class PostgresError(RuntimeError):
    """The throw-away server could not be set up, started or used."""


class PostgresNotFound(PostgresError):
    """The PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed."""


def _version_key(bindir: str) -> tuple[int, ...]:
    version = Path(bindir).parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def find_bindir(
    path: str | None = None, debian_root: str = DEBIAN_ROOT, binaries: Sequence[str] = BINARIES
) -> Path:
    """The first PATH directory holding all server binaries, else the newest Debian install."""
    search = os.environ.get("PATH", "") if path is None else path
    candidates = [entry for entry in search.split(os.pathsep) if entry]
    debian = [str(bindir) for bindir in Path(debian_root).glob("*/bin")]
    candidates += sorted(debian, key=_version_key, reverse=True)
    for entry in candidates:
        directory = Path(entry)
        if all(os.access(directory / name, os.X_OK) for name in binaries):
            return directory
    raise PostgresNotFound(
        f"PostgreSQL server binaries ({', '.join(binaries)}) not found in PATH or "
        f"{debian_root}/*/bin; install them with: {INSTALL_HINT} (make test does this as root)"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_account() -> pwd.struct_passwd | None:
    """The account to run the server as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in SERVER_ACCOUNTS:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PostgresError(
        "running as root and no unprivileged account to run PostgreSQL as "
        f"(tried {', '.join(SERVER_ACCOUNTS)}); {INSTALL_HINT} creates the postgres user"
    )


class ThrowawayPostgres:
    """A PostgreSQL server in a temp directory, listening on 127.0.0.1 only, for one test session.

    ``url`` points at the database ``tweetguard_test``; ``fresh_database`` makes more.
    """

    def __init__(self, port: int | None = None, bindir: Path | None = None) -> None:
        self._fixed_port = port
        self._bindir = bindir
        self._tempdir: Path | None = None
        self._datadir: Path | None = None
        self._account: pwd.struct_passwd | None = None
        self._running = False
        self.port = 0
        self.startup_seconds = 0.0

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        bindir = self._bindir or find_bindir()
        try:
            self._start(bindir)
        except BaseException:
            self._cleanup()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._cleanup()

    @property
    def tempdir(self) -> Path:
        if self._tempdir is None:
            raise PostgresError("the server is not running (use ThrowawayPostgres as a context)")
        return self._tempdir

    @property
    def url(self) -> str:
        return self.url_for(DATABASE)

    def url_for(self, database: str) -> str:
        """The SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def _start(self, bindir: Path) -> None:
        began = time.monotonic()
        self._bindir = bindir
        self._account = _server_account()
        self._tempdir = Path(tempfile.mkdtemp(prefix="tweetguard-pg-"))
        self._datadir = self._tempdir / "data"
        sockets = self._tempdir / "sockets"
        sockets.mkdir()
        if self._account is not None:
            for owned in (self._tempdir, sockets):
                os.chown(owned, self._account.pw_uid, self._account.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self._datadir),
            "-A",
            "trust",
            "-U",
            USER,
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        # A port picked by us may be taken between picking and binding: then try another one.
        attempts = 1 if self._fixed_port is not None else 3
        for attempt in range(attempts):
            self.port = self._fixed_port or free_port()
            try:
                self._pg_ctl_start(sockets)
                break
            except PostgresError as error:
                if attempt + 1 == attempts or "could not bind" not in str(error):
                    raise
        self._create(DATABASE)
        self.startup_seconds = time.monotonic() - began

    def _pg_ctl_start(self, sockets: Path) -> None:
        options = " ".join(
            [
                f"-k {shlex.quote(str(sockets))}",
                "-c listen_addresses=127.0.0.1",
                f"-p {self.port}",
                "-c fsync=off",
                "-c full_page_writes=off",
                "-c synchronous_commit=off",
            ]
        )
        log = self.tempdir / "server.log"
        self._running = True  # or half-started (pg_ctl timed out): cleaning up stops it either way
        try:
            self._run(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self._datadir),
                "-l",
                str(log),
                "-o",
                options,
            )
        except PostgresError as error:
            raise PostgresError(f"{error}\n--- server log ---\n{_tail(log)}") from None

    def _cleanup(self) -> None:
        try:
            if self._running:
                self._running = False
                try:
                    self._run(
                        "pg_ctl",
                        "stop",
                        "-w",
                        "-t",
                        "30",
                        "-m",
                        "immediate",
                        "-D",
                        str(self._datadir),
                    )
                except PostgresError:
                    self._kill_postmaster()
        finally:
            if self._tempdir is not None:
                shutil.rmtree(self._tempdir, ignore_errors=True)
                self._tempdir = None

    def _kill_postmaster(self) -> None:
        """Last resort when ``pg_ctl stop`` fails: SIGKILL the postmaster from its pid file."""
        assert self._datadir is not None
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int((self._datadir / "postmaster.pid").read_text().splitlines()[0])
            os.kill(pid, 9)

    # -- commands ---------------------------------------------------------------------------------

    def _run(self, binary: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a server binary, as the unprivileged account when we are root."""
        assert self._bindir is not None
        command = [str(self._bindir / binary), *args]
        # PG* variables (PGDATA, PGPORT, ...) from the caller's shell must not steer the binaries.
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        env["LC_ALL"] = "C"
        account = self._account
        if account is not None:
            env.update(HOME=account.pw_dir, USER=account.pw_name, LOGNAME=account.pw_name)
        try:
            result = subprocess.run(
                command,
                cwd=self._tempdir,  # the account may not be allowed into our working directory
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                user=None if account is None else account.pw_uid,
                group=None if account is None else account.pw_gid,
                extra_groups=None if account is None else [],
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PostgresError(f"{shlex.join(command)} failed: {error}") from error
        if result.returncode != 0:
            who = "" if account is None else f" (as user {account.pw_name})"
            output = (result.stderr.strip() or result.stdout.strip() or "(no output)")[-4000:]
            raise PostgresError(
                f"{shlex.join(command)}{who} exited with {result.returncode}:\n{output}"
            )
        return result

    # -- databases --------------------------------------------------------------------------------

    def connect(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """A psycopg connection (autocommit) to a database on this server."""
        try:
            return psycopg.connect(
                host="127.0.0.1",
                port=self.port,
                user=USER,
                dbname=database,
                autocommit=True,
                connect_timeout=10,
            )
        except psycopg.Error as error:
            raise PostgresError(f"cannot connect to {self.url_for(database)}: {error}") from error

    def _create(self, name: str, *, drop_first: bool = False) -> None:
        if not _DB_NAME.fullmatch(name):
            raise ValueError(f"database name {name!r} is not [a-z_][a-z0-9_]{{0,62}}")
        with self.connect() as conn:
            if drop_first:
                conn.execute(self._drop(name))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def fresh_database(self, name: str) -> str:
        """Create an empty database (dropping one of that name first); its SQLAlchemy URL."""
        self._create(name, drop_first=True)
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, closing the connections to it that are still open."""
        with self.connect() as conn:
            conn.execute(self._drop(name))

    @staticmethod
    def _drop(name: str) -> sql.Composed:
        return sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:].strip() or "(empty)"
    except OSError as error:
        return f"(unreadable: {error})"
