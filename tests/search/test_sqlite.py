"""Search on the embedded default (SQLite): the LIKE pre-filter and word-prefix match, auto-coding.

Runs in a child process on a SQLite file of its own (as tests/foundation/test_sqlite_concurrent_writes.py),
since this test session is on PostgreSQL. SQLite has no stemmer: a query word finds the words
that start with it (``firm`` finds ``firms``, not ``confirmation``; ``firms`` does not find ``firm``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.foundation.test_deployment import clean_env, manage

pytestmark = pytest.mark.slow

PROBE = Path(__file__).with_name("sqlite_probe.py")


def test_search_and_auto_coding_work_on_sqlite_with_prefix_matching(tmp_path):
    env = clean_env(
        CLUSTER_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'search.sqlite3'}", DJANGO_DEBUG="true"
    )
    result = manage("migrate", "--noinput", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    result = manage("shell", "-c", PROBE.read_text(encoding="utf-8"), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    tally = json.loads(result.stdout.strip().splitlines()[-1])
    # "Our firm grew.\nTwo firms met.": "firm" 4..8; line 2 starts at 15, "firms" at 19..24.
    # "Kooperationen mit Firmen.": "Kooperationen " 14 + "mit " 4, "Firmen" at 18..24 starts with "firm".
    assert tally["firm"] == {"A": [[4, 8], [19, 24]], "C": [[18, 24]]}
    assert tally["firms"] == {"A": [[19, 24]]}
    assert tally["firm -grew"] == {"C": [[18, 24]]}
    # "two firms" is one hit: the two words stand together (15..24).
    assert tally['"two firms"'] == {"A": [[15, 24]]}
    # "Kooperationen" starts with "kooperation": found without a German stemmer, 0..13.
    assert tally["kooperation or nothing"] == {"C": [[0, 13]]}
    assert tally["coded"] == ["Kooperationen mit Firmen.", "Our firm grew.", "Two firms met."]
    assert tally["undone"] == 3
    assert tally["page_status"] == 200
