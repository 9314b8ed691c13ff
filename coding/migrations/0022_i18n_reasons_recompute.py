"""Marks every region's analysis out of date, so the worker recomputes its classification reasons.

Stored results from before hold each classification's ``reason`` as English text; this release
stores what to say (``coding.analysis.message``: the English message, its arguments and plural
forms) so pages and the API say it in the reader's language. Old text still shows (a plain string
renders as it is), but only in English. Bumping ``version`` is exactly what an edit does: pages
show the old results marked "out of date" until the worker's sweep has recomputed each region.
Reverse: nothing to undo, the recomputed results are valid either way.
"""

from django.db import migrations
from django.db.models import F


def mark_every_region_stale(apps, schema_editor):
    state = apps.get_model("coding", "RegionAnalysisState")
    state.objects.update(version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0021_job_kinds_csv_and_tables"),
    ]

    operations = [
        migrations.RunPython(mark_every_region_stale, migrations.RunPython.noop),
    ]
