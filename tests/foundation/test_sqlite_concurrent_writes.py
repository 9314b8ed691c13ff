"""The embedded default (SQLite) under concurrent writes: the API and the worker write at once.

Runs in a child process on a SQLite file of its own, since this test session is on PostgreSQL.
Before the SQLite options in settings.py (BEGIN IMMEDIATE, a busy timeout, WAL) about two thirds
of the API's posts answered 500 with "database is locked" while snapshots were being stored.
"""

from __future__ import annotations

import json

import pytest

from tests.foundation.test_deployment import ROOT, clean_env, manage

pytestmark = pytest.mark.slow

PROBE = ROOT / "tests" / "foundation" / "sqlite_write_probe.py"


def test_api_posts_and_snapshot_writes_on_sqlite_all_succeed_at_once(tmp_path):
    database = tmp_path / "concurrent.sqlite3"
    env = clean_env(CLUSTER_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{database}", DJANGO_DEBUG="true")
    for args in (("migrate", "--noinput"), ("seed_demo", "--password", "probe-pass-123")):
        result = manage(*args, env=env)
        assert result.returncode == 0, result.stdout + result.stderr

    result = manage("shell", "-c", PROBE.read_text(encoding="utf-8"), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    tally = json.loads(result.stdout.strip().splitlines()[-1])
    print(tally)  # posted, saved and the time, shown with -s

    assert tally["errors"] == [], tally
    assert tally["posted"] > 0 and tally["snapshot_runs"] > 0, tally
    assert tally["created"] == tally["posted"] == tally["saved"], tally
    assert tally["journal_mode"] == "wal"
    assert "database is locked" not in result.stderr
