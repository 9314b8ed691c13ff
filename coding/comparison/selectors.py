"""Reads of the comparison: the stored results of the picked regions and waves."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q
from django.db.models.fields.json import KeyTransform

from cases.models import Region, Wave
from coding.comparison.rows import Column
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, effective_status

# The parts of a stored result that the comparison reads: the table's, and the networks' (the bulk
# of a result, fetched by the page's script on its own so the table is not held up).
TABLE_PARTS = ("metrics", "coverage", "classifications", "concepts", "stability")
NETWORK_PARTS = ("actors", "ties")


def comparison_columns(
    picks: Sequence[tuple[Region, Wave | None]], layer: str, parts: Sequence[str] = TABLE_PARTS
) -> list[Column]:
    """The stored results of the picked regions (all waves) and waves on ``layer``: two queries.

    Only the named ``parts`` of each result are read (in the database, as JSON key lookups). Each
    column carries the status the reader must see (``effective_status``): a result computed from
    an older input version is "stale" (or "queued"), never current.
    """
    all_waves = [region.pk for region, wave in picks if wave is None]
    wave_ids = [wave.pk for _region, wave in picks if wave is not None]
    snapshots = (
        AnalysisSnapshot.objects.filter(
            Q(region_id__in=all_waves, wave__isnull=True) | Q(wave_id__in=wave_ids), layer=layer
        )
        .only("region_id", "wave_id", "status", "input_version", "started_at")
        .annotate(**{f"part_{part}": KeyTransform(part, "result") for part in parts})
    )
    by_key = {(snapshot.region_id, snapshot.wave_id): snapshot for snapshot in snapshots}
    states = {
        state.region_id: state
        for state in RegionAnalysisState.objects.filter(region_id__in={region.pk for region, _wave in picks})
    }
    columns = []
    for region, wave in picks:
        snapshot = by_key.get((region.pk, wave.pk if wave else None))
        result = {part: getattr(snapshot, f"part_{part}") for part in parts} if snapshot else {}
        columns.append(
            Column(
                region_id=region.pk,
                region_name=region.name,
                study_id=region.study_id,
                status=effective_status(snapshot, states.get(region.pk)),
                result=result if any(value is not None for value in result.values()) else None,
                wave_id=wave.pk if wave else None,
                wave_label=wave.label if wave else "",
                layer=layer,
            )
        )
    return columns
