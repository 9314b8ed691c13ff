"""Removes analysis-setting overrides that the issue-19 rules retired.

The club-like core, the district rule and boundary spanners were redefined, and the structure is now
Burt's two-by-two tested against degree-preserving random networks (docs/classifications/), so
``club_min_coreness``, ``club_min_density``, ``club_max_external_share``, ``district_max_blau``,
``district_sme_types``, ``boundary_spanner_min_crossing_ties``, ``closure_min_mean_constraint``,
``closure_min_transitivity``, ``broker_max_constraint`` and ``brokerage_min_broker_share`` no longer
mean anything; ``AnalysisSettings.from_overrides`` refuses them, so a study that kept one could not
be analysed or saved. The keys are dropped (the list is copied here, as a migration must not change
when the code does).

Reverse: a no-op. The dropped values cannot be restored, and the earlier code reads a study
without them as using its defaults, so the data stay valid both ways.
"""

from __future__ import annotations

from django.db import migrations

RETIRED = (
    "club_min_coreness",
    "club_min_density",
    "club_max_external_share",
    "district_max_blau",
    "district_sme_types",
    "boundary_spanner_min_crossing_ties",
    "closure_min_mean_constraint",
    "closure_min_transitivity",
    "broker_max_constraint",
    "brokerage_min_broker_share",
)


def drop_retired(apps, schema_editor) -> None:
    Study = apps.get_model("cases", "Study")
    for study in Study.objects.exclude(analysis_settings={}).only("id", "analysis_settings"):
        kept = {key: value for key, value in (study.analysis_settings or {}).items() if key not in RETIRED}
        if kept != study.analysis_settings:
            Study.objects.filter(pk=study.pk).update(analysis_settings=kept)


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_study_coders_add_codes")]

    operations = [migrations.RunPython(drop_retired, migrations.RunPython.noop)]
