"""Which waves each edit touched (``RegionAnalysisState.touched_*``) and the ties the last run read.

Existing regions start as if their last edit had touched every wave: results stored before this
release carry no record of which waves later edits touched, so none of them may be kept as
current without recomputing. Reverse: the columns go, nothing else to undo.
"""

from django.db import migrations, models
from django.db.models import F


def every_wave_touched_at_the_current_version(apps, schema_editor):
    state = apps.get_model("coding", "RegionAnalysisState")
    state.objects.update(touched_all_version=F("version"))


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0025_snapshot_evidence"),
    ]

    operations = [
        migrations.AddField(
            model_name="regionanalysisstate",
            name="touched_all_version",
            field=models.PositiveIntegerField(
                default=1, help_text="Version of the last change that touched every wave (actors, waves, settings)."
            ),
        ),
        migrations.AddField(
            model_name="regionanalysisstate",
            name="touched_wave_versions",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Wave id -> version of the last change that touched that wave's ties.",
            ),
        ),
        migrations.AddField(
            model_name="regionanalysisstate",
            name="tie_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(every_wave_touched_at_the_current_version, migrations.RunPython.noop),
    ]
