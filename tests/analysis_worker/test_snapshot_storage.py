"""How PostgreSQL keeps the snapshots: their large JSON columns compressed with lz4 (migration
coding 0027), which writes and reads them faster than the default pglz at about the same size."""

from __future__ import annotations

import pytest
from django.db import connection

from coding.worker.models import AnalysisSnapshot

pytestmark = pytest.mark.django_db


def test_the_snapshot_columns_are_compressed_with_lz4():
    with connection.cursor() as cursor:
        cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        assert "lz4" in cursor.fetchone()[0], "this PostgreSQL has no lz4: the migration leaves pglz"
        cursor.execute(
            "SELECT attname, attcompression FROM pg_attribute WHERE attrelid = %s::regclass"
            " AND attname IN ('result', 'evidence') ORDER BY attname",
            [AnalysisSnapshot._meta.db_table],
        )
        assert cursor.fetchall() == [("evidence", "l"), ("result", "l")]  # "l": lz4 (pg_attribute)
