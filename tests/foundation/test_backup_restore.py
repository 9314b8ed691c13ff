"""The documented backup and restore (README, "Backups"): pg_dump, pg_restore into a new database.

The restored database must hold the same rows and still enforce the cross-row rules (the
composite foreign keys and constraint triggers come back with the schema).
"""

from __future__ import annotations

import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from tests import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

TABLES = ("cases_region", "cases_actor", "cases_interview", "coding_coding", "coding_interaction", "coding_code")


def connection_args(database: str) -> list[str]:
    params = connection.settings_dict
    return [
        "--host", params["HOST"] or "127.0.0.1",
        "--port", str(params["PORT"] or 5432),
        "--username", params["USER"] or "postgres",
        "--dbname", database,
    ]  # fmt: skip


def counts(cursor) -> dict[str, int]:
    result = {}
    for table in TABLES:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
        result[table] = cursor.fetchone()[0]
    return result


def test_pg_dump_and_pg_restore_round_trip(tmp_path, region):
    interview = factories.InterviewFactory(region=region)
    coding = factories.CodingFactory(interview=interview, start=13, length=11)
    tie = factories.InteractionFactory(region=region)
    tie.evidence.add(coding)
    with connection.cursor() as cursor:
        before = counts(cursor)

    dump = tmp_path / "cluster.dump"
    source = connection.settings_dict["NAME"]
    subprocess.run(["pg_dump", "--format=custom", "--file", str(dump), *connection_args(source)], check=True)

    restored = f"restore_{uuid.uuid4().hex[:8]}"
    params = connection.settings_dict
    dsn = f"host={params['HOST'] or '127.0.0.1'} port={params['PORT'] or 5432} user={params['USER'] or 'postgres'}"
    with psycopg.connect(f"{dsn} dbname=postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", *connection_args(restored), str(dump)], check=True
        )
        with psycopg.connect(f"{dsn} dbname={restored}") as copy, copy.cursor() as cursor:
            assert counts(cursor) == before
            cursor.execute("SELECT quote FROM coding_coding WHERE id = %s", [coding.pk])
            assert cursor.fetchone()[0] == coding.quote
            # The rules come back with the schema: a coding past the transcript's end is refused.
            with pytest.raises(psycopg.errors.CheckViolation, match="past the transcript"):
                cursor.execute('UPDATE coding_coding SET "end" = 100000, quote = repeat(%s, 100000 - start)', ["x"])
    finally:
        with psycopg.connect(f"{dsn} dbname=postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
