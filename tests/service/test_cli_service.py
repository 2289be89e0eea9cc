"""The service commands: purge and worker (serve and audit verify are tested elsewhere)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from tweetguard.cli import app as cli


def test_purge_prints_counts(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWEETGUARD_DATABASE_URL", database_url)
    r = CliRunner().invoke(cli, ["purge", "--days", "30"])
    assert r.exit_code == 0, r.output
    counts = json.loads(r.stdout)
    assert isinstance(counts, dict) and all(isinstance(v, int | str) for v in counts.values())
    bad = CliRunner().invoke(cli, ["purge", "--days", "0"])
    assert bad.exit_code == 2


def test_worker_runs_until_told_to_stop(database_url: str) -> None:
    env = {**os.environ, "TWEETGUARD_DATABASE_URL": database_url, "TWEETGUARD_SMTP_PORT": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tweetguard", "worker", "--poll", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        time.sleep(3)
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
