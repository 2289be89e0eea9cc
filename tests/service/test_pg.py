"""The storage fixtures themselves: both database URLs work, the PostgreSQL server is contained."""

from __future__ import annotations

import errno
import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from service.pg import (
    DATABASE,
    INSTALL_HINT,
    PostgresError,
    PostgresNotFound,
    ThrowawayPostgres,
    find_bindir,
)


class Boom(Exception):
    pass


@pytest.fixture
def engine(database_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()


def _refused(host: str, port: int, family: socket.AddressFamily) -> bool:
    """Whether a TCP connection to host:port fails (refused, or the address does not exist)."""
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(5)
            probe.connect((host, port))
    except OSError:
        return True
    return False


# -- both back-ends --------------------------------------------------------------------------------


def test_database_url_names_the_backend(
    request: pytest.FixtureRequest, database_url: str, tmp_path: Path
) -> None:
    url = sa.make_url(database_url)
    assert url.get_backend_name() == request.node.callspec.id
    if url.get_backend_name() == "sqlite":
        assert url.database == str(tmp_path / "tweetguard.db")  # a file, not :memory:
    else:
        assert (url.get_driver_name(), url.host) == ("psycopg", "127.0.0.1")


def test_select_one(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        assert conn.execute(sa.text("select 1")).scalar_one() == 1


def test_table_round_trip_and_rollback(engine: sa.Engine) -> None:
    metadata = sa.MetaData()
    drafts = sa.Table(
        "drafts",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(drafts.insert(), [{"text": "Hallo wereld 👋"}, {"text": "Second draft"}])
    with engine.connect() as conn:
        rows = conn.execute(sa.select(drafts.c.text).order_by(drafts.c.id)).scalars().all()
    assert rows == ["Hallo wereld 👋", "Second draft"]

    with pytest.raises(Boom), engine.begin() as conn:
        conn.execute(drafts.insert(), [{"text": "never stored"}])
        conn.execute(drafts.delete().where(drafts.c.text == "Second draft"))
        raise Boom

    with engine.connect() as conn:
        rows = conn.execute(sa.select(drafts.c.text).order_by(drafts.c.id)).scalars().all()
    assert rows == ["Hallo wereld 👋", "Second draft"]


def test_each_test_starts_empty(engine: sa.Engine) -> None:
    # The round-trip test made a table; every test gets a database of its own.
    assert sa.inspect(engine).get_table_names() == []


# -- the PostgreSQL server -------------------------------------------------------------------------


def test_url_points_at_the_test_database(postgres: ThrowawayPostgres) -> None:
    assert postgres.url == f"postgresql+psycopg://tweetguard@127.0.0.1:{postgres.port}/{DATABASE}"
    engine = sa.create_engine(postgres.url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("select current_database()")).scalar_one() == DATABASE
            assert conn.execute(sa.text("select current_user")).scalar_one() == "tweetguard"
            assert conn.execute(sa.text("show server_encoding")).scalar_one() == "UTF8"
    finally:
        engine.dispose()


def test_listens_on_loopback_only(postgres: ThrowawayPostgres) -> None:
    with postgres.connect() as conn:
        assert conn.execute("show listen_addresses").fetchone() == ("127.0.0.1",)
        row = conn.execute("select host(inet_server_addr())").fetchone()
        assert row == ("127.0.0.1",)
    # All of 127.0.0.0/8 reaches this machine, but only 127.0.0.1 is bound.
    assert not _refused("127.0.0.1", postgres.port, socket.AF_INET)
    assert _refused("127.0.0.2", postgres.port, socket.AF_INET)
    assert _refused("::1", postgres.port, socket.AF_INET6)
    hostname_addresses = {
        info[4][0]
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        if not str(info[4][0]).startswith("127.")
    }
    for address in hostname_addresses:
        assert _refused(str(address), postgres.port, socket.AF_INET), address


def test_runs_unprivileged_in_a_temp_dir(postgres: ThrowawayPostgres) -> None:
    with postgres.connect() as conn:
        row = conn.execute("select current_setting('data_directory')").fetchone()
    assert row is not None
    datadir = Path(str(row[0]))
    assert datadir.parent == postgres.tempdir
    assert postgres.tempdir.is_relative_to(tempfile.gettempdir())
    pid = int((datadir / "postmaster.pid").read_text().splitlines()[0])
    uid = Path(f"/proc/{pid}").stat().st_uid
    assert uid != 0
    assert datadir.stat().st_uid == uid
    if os.geteuid() != 0:
        assert uid == os.geteuid()


def test_fresh_databases_are_isolated(postgres: ThrowawayPostgres) -> None:
    first = sa.create_engine(postgres.fresh_database("isolation_first"))
    second = sa.create_engine(postgres.fresh_database("isolation_second"))
    try:
        with first.begin() as conn:
            conn.execute(sa.text("create table marker (value text)"))
            conn.execute(sa.text("insert into marker values ('first')"))
        assert sa.inspect(second).get_table_names() == []
        assert sa.inspect(first).get_table_names() == ["marker"]

        # Asking again for a name in use drops it (with its open connections) and starts over.
        held = first.connect()
        held.execute(sa.text("select 1"))
        again = postgres.fresh_database("isolation_first")
        with pytest.raises(sa.exc.OperationalError, match="terminating connection"):
            held.execute(sa.text("select 1"))
        held.invalidate()
        held.close()
        first.dispose()
        assert again == postgres.url_for("isolation_first")
        assert sa.inspect(sa.create_engine(again)).get_table_names() == []
    finally:
        first.dispose()
        second.dispose()
        postgres.drop_database("isolation_first")
        postgres.drop_database("isolation_second")


def test_fresh_database_rejects_odd_names(postgres: ThrowawayPostgres) -> None:
    with pytest.raises(ValueError, match="database name"):
        postgres.fresh_database('x"; drop database tweetguard_test; --')


# -- start-up and shut-down ------------------------------------------------------------------------


@pytest.fixture
def private_tempdir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Make tempfile put ThrowawayPostgres's temp dir in a directory of our own."""
    base = Path(tempfile.mkdtemp(prefix="tweetguard-pg-test-"))
    base.chmod(0o755)  # the server account must be able to enter it
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    yield base
    monkeypatch.undo()
    base.rmdir()  # fails if ThrowawayPostgres left anything behind


def test_exit_stops_the_server_and_removes_everything(private_tempdir: Path) -> None:
    with ThrowawayPostgres() as server:
        tempdir = server.tempdir
        assert tempdir.parent == private_tempdir
        with psycopg.connect(server.url.replace("+psycopg", "")) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        assert server.startup_seconds > 0
    assert not tempdir.exists()
    assert list(private_tempdir.iterdir()) == []
    assert _refused("127.0.0.1", server.port, socket.AF_INET)


def test_failed_start_says_why_and_cleans_up(private_tempdir: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 0)
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(PostgresError) as failure:
            ThrowawayPostgres(port=port).__enter__()
    message = str(failure.value)
    assert "pg_ctl start" in message
    assert "could not bind" in message or os.strerror(errno.EADDRINUSE) in message
    assert list(private_tempdir.iterdir()) == []


# -- finding the binaries --------------------------------------------------------------------------


def _fake_bindir(directory: Path) -> Path:
    directory.mkdir(parents=True)
    for name in ("initdb", "pg_ctl", "postgres"):
        binary = directory / name
        binary.write_text("#!/bin/sh\n")
        binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return directory


def test_missing_binaries_name_the_package(tmp_path: Path) -> None:
    with pytest.raises(PostgresNotFound, match=INSTALL_HINT):
        find_bindir(path=str(tmp_path), debian_root=str(tmp_path / "nothing"))


def test_newest_debian_version_wins(tmp_path: Path) -> None:
    root = tmp_path / "postgresql"
    for version in ("9.6", "15", "16", "13"):
        _fake_bindir(root / version / "bin")
    (root / "17" / "bin").mkdir(parents=True)  # incomplete: no binaries
    assert find_bindir(path="", debian_root=str(root)) == root / "16" / "bin"


def test_path_comes_first(tmp_path: Path) -> None:
    on_path = _fake_bindir(tmp_path / "local" / "bin")
    root = tmp_path / "postgresql"
    _fake_bindir(root / "16" / "bin")
    search = os.pathsep.join([str(tmp_path / "empty"), str(on_path)])
    assert find_bindir(path=search, debian_root=str(root)) == on_path
