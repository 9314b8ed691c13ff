"""Snapshots' result and evidence columns compressed with lz4 instead of PostgreSQL's default pglz.

A snapshot is a large JSON value stored out of line and compressed (TOAST). lz4 compresses and
decompresses several times faster at about the same size: on the 300-actor benchmark region
(benchmarks/pipeline.py) storing 32 snapshots took 0.58 s of UPDATEs instead of 0.79 s, 2.29 MB
against 2.26 MB for 14 MB of JSON; reading the parts of a large result out of it gets faster
too. Values stored before keep their compression until they are next written.

PostgreSQL only (14 or newer, built with lz4, as Debian's and the official Docker images are);
on a server without lz4, on SQLite, and in reverse, nothing changes.
"""

from django.db import migrations

COLUMNS = ("result", "evidence")


def _lz4_available(schema_editor) -> bool:
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cursor.fetchone()
    return row is not None and "lz4" in (row[0] or [])


def _compress(method: str):
    def run(apps, schema_editor):
        if not _lz4_available(schema_editor):
            return
        table = apps.get_model("coding", "AnalysisSnapshot")._meta.db_table
        for column in COLUMNS:
            schema_editor.execute(
                f"ALTER TABLE {schema_editor.quote_name(table)} "
                f"ALTER COLUMN {schema_editor.quote_name(column)} SET COMPRESSION {method}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("coding", "0026_touched_waves")]

    operations = [migrations.RunPython(_compress("lz4"), _compress("pglz"))]
