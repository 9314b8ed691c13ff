"""PostgreSQL: an interview's wave and an actor's affiliation / parent organisation lie in its region."""

from __future__ import annotations

from django.db import migrations

from cases.db_constraints import CompositeForeignKey, run_on_postgresql

KEYS = [
    CompositeForeignKey(
        "interview_wave_in_region", "cases_interview", ("region_id", "wave_id"), "cases_wave", ("region_id", "id")
    ),
    CompositeForeignKey(
        "actor_affiliation_in_region",
        "cases_actor",
        ("region_id", "affiliation_id"),
        "cases_actor",
        ("region_id", "id"),
    ),
    CompositeForeignKey(
        "actor_spun_off_from_in_region",
        "cases_actor",
        ("region_id", "spun_off_from_id"),
        "cases_actor",
        ("region_id", "id"),
    ),
]


def forwards(apps, schema_editor) -> None:
    run_on_postgresql(schema_editor, [key.create_sql() for key in KEYS])


def backwards(apps, schema_editor) -> None:
    run_on_postgresql(schema_editor, [key.drop_sql() for key in KEYS])


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
