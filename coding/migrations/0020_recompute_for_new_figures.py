"""Marks every region's analysis out of date, so the worker recomputes it with this release's figures.

Stored results from before lack the coordination mix by exclusive mode (``mode_mix``), hold the
communities of a single Leiden run instead of the best of several, and the classification reasons
of the earlier wording. Bumping ``version`` is exactly what an edit does: pages show the old
results marked "out of date" until the worker's sweep (at its start and periodically) has
recomputed each region. Reverse: nothing to undo, the recomputed results are valid either way.
"""

from django.db import migrations
from django.db.models import F


def mark_every_region_stale(apps, schema_editor):
    state = apps.get_model("coding", "RegionAnalysisState")
    state.objects.update(version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0019_jobs"),
    ]

    operations = [
        migrations.RunPython(mark_every_region_stale, migrations.RunPython.noop),
    ]
