"""Partition figures on request: answer from what is stored, or have the worker compute them.

Flow of a request for (region, wave, layer, attribute), whether from the analysis page, the
comparison or the API:
1. The default partitions (actor type, location) are in the region's snapshot: a snapshot of the
   region's current input version answers at once.
2. Otherwise a ``PartitionFigures`` row of the current input version answers (figures or the
   reason it failed), or says the worker is on it ("queued"): the page shows "computing…" and polls.
3. Otherwise the row is claimed for the current version (one conditional UPDATE, so a burst of
   polls sends one message) and ``compute_partition`` is sent to the worker.

Degrade, don't fail: when the broker cannot be reached, or a queued request has waited longer than
``WORKER_PATIENCE`` (no worker running), a small region (``SYNC_MAX_ACTORS``, ``SYNC_MAX_TIES``)
is computed inside the request — a few milliseconds —; a larger one answers "waiting for the
worker" and is claimed again by the next poll. Actor edits bump the input version (``mark_stale``),
which makes every row of the region stale at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from django.utils import timezone

from cases.models import Actor, Region, Wave
from coding.analysis.by_partition import layer_graph, partition_report
from coding.models import Interaction
from coding.partitions.models import PartitionFigures, PartitionStatus
from coding.partitions.selectors import DEFAULT_PARTITIONS, actor_groups, find_attribute, stored_figures
from coding.partitions.tasks import compute_partition
from coding.worker.loader import load_region_inputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState

logger = logging.getLogger(__name__)

# A request queued longer than this has no worker taking it: small regions are then computed at once.
WORKER_PATIENCE = timedelta(seconds=10)
# Regions computed during the request when the worker is away: 500 actors and 3,000 random ties take
# about 15 ms for the graph and every figure (measured), plus loading the rows.
SYNC_MAX_ACTORS = 500
SYNC_MAX_TIES = 3000

Pick = tuple[Region, Wave | None]


@dataclass(frozen=True)
class PartitionAnswer:
    """What a reader is told about one partition: figures (``ok``), ``queued``, ``waiting`` or ``failed``."""

    status: str
    input_version: int
    result: dict[str, Any] | None = None
    error: str = ""
    source: str = ""  # "snapshot" (stored by the worker with every analysis) or "request"

    @property
    def ready(self) -> bool:
        return self.status in (PartitionStatus.OK, PartitionStatus.FAILED)


def partition_figures(*, region: Region, wave: Wave | None, layer: str, attribute: str) -> PartitionAnswer:
    """The figures of one region (or wave) and layer under ``attribute`` (a name from
    ``selectors.partition_attributes``), or the promise of them."""
    return partition_figures_many(picks=[(region, wave)], layer=layer, attribute=attribute)[0]


def partition_figures_many(*, picks: Sequence[Pick], layer: str, attribute: str) -> list[PartitionAnswer]:
    """As ``partition_figures`` for several regions and waves (the comparison's columns).

    Three queries when everything is stored, whatever the number of picks; a pick still to be
    computed adds its claim and message.
    """
    versions = dict(
        RegionAnalysisState.objects.filter(region_id__in={region.pk for region, _wave in picks}).values_list(
            "region_id", "version"
        )
    )
    from_snapshots = _snapshot_partitions(picks, layer, attribute) if attribute in DEFAULT_PARTITIONS else {}
    rows = stored_figures(picks, layer, attribute)
    answers = []
    for region, wave in picks:
        key = (region.pk, wave.pk if wave else None)
        version = versions.get(region.pk, 1)
        snapshot = from_snapshots.get(key)
        if snapshot is not None and snapshot[0] >= version and snapshot[1] is not None:
            answers.append(PartitionAnswer(PartitionStatus.OK, snapshot[0], snapshot[1], source="snapshot"))
            continue
        row = rows.get(key)
        if row is not None and row.input_version >= version and _settled(row):
            answers.append(_answer(row))
            continue
        answers.append(_request(region, wave, layer, attribute, version, row))
    return answers


def _snapshot_partitions(picks: Sequence[Pick], layer: str, attribute: str) -> dict[tuple[int, int | None], Any]:
    """``{(region, wave): (input version, stored partition or None)}`` from the snapshots. One query."""
    all_waves = [region.pk for region, wave in picks if wave is None]
    wave_ids = [wave.pk for _region, wave in picks if wave is not None]
    snapshots = (
        AnalysisSnapshot.objects.filter(
            Q(region_id__in=all_waves, wave__isnull=True) | Q(wave_id__in=wave_ids), layer=layer, status="ok"
        )
        .annotate(partition=KeyTransform(attribute, KeyTransform("partitions", "result")))
        .values_list("region_id", "wave_id", "input_version", "partition")
    )
    return {(region_id, wave_id): (version, partition) for region_id, wave_id, version, partition in snapshots}


def _settled(row: PartitionFigures) -> bool:
    """Figures or a failure, or a request the worker still has time to take."""
    if row.status in (PartitionStatus.OK, PartitionStatus.FAILED):
        return True
    patient = row.requested_at is not None and row.requested_at > timezone.now() - WORKER_PATIENCE
    return row.status == PartitionStatus.QUEUED and patient


def _answer(row: PartitionFigures) -> PartitionAnswer:
    return PartitionAnswer(row.status, row.input_version, row.result, row.error, source="request")


def _request(
    region: Region, wave: Wave | None, layer: str, attribute: str, version: int, row: PartitionFigures | None
) -> PartitionAnswer:
    """Claim the row for ``version`` and send the task; compute now if the worker is away and the region small."""
    key = {"region": region, "wave": wave, "layer": layer, "attribute": attribute}
    waited = row is not None and row.input_version >= version and row.status == PartitionStatus.QUEUED
    now = timezone.now()
    if row is None:
        PartitionFigures.objects.bulk_create([PartitionFigures(**key, input_version=0)], ignore_conflicts=True)
    claimable = (
        Q(input_version__lt=version)
        | Q(status=PartitionStatus.WAITING)
        | Q(status=PartitionStatus.QUEUED, requested_at__isnull=True)
        | Q(status=PartitionStatus.QUEUED, requested_at__lt=now - WORKER_PATIENCE)
    )
    claimed = (
        PartitionFigures.objects.filter(claimable, **key)
        .exclude(status=PartitionStatus.OK, input_version__gte=version)
        .update(status=PartitionStatus.QUEUED, input_version=version, requested_at=now, error="")
    )
    if not claimed:  # another request claimed it a moment ago
        return PartitionAnswer(PartitionStatus.QUEUED, version)
    if waited and _small(region):
        logger.warning("No worker took the partition %s of region %s: computing it now", attribute, region.pk)
        return _compute_now(region, wave, layer, attribute, version)
    try:
        compute_partition.apply_async(
            args=[region.pk, wave.pk if wave else None, layer, attribute, version],
            retry=True,
            retry_policy={"max_retries": 1},
        )
    except Exception:
        logger.exception("Could not enqueue the partition %s of region %s", attribute, region.pk)
        if _small(region):
            return _compute_now(region, wave, layer, attribute, version)
        PartitionFigures.objects.filter(**key).update(status=PartitionStatus.WAITING)
        return PartitionAnswer(PartitionStatus.WAITING, version)
    return PartitionAnswer(PartitionStatus.QUEUED, version)


def _small(region: Region) -> bool:
    return (
        Actor.objects.filter(region=region).count() <= SYNC_MAX_ACTORS
        and Interaction.objects.filter(region=region).count() <= SYNC_MAX_TIES
    )


def _compute_now(region: Region, wave: Wave | None, layer: str, attribute: str, version: int) -> PartitionAnswer:
    partition_compute(
        region_id=region.pk,
        wave_id=wave.pk if wave else None,
        layer=layer,
        attribute_name=attribute,
        input_version=version,
    )
    row = PartitionFigures.objects.filter(region=region, wave=wave, layer=layer, attribute=attribute).first()
    if row is None or row.status == PartitionStatus.QUEUED:  # the data changed meanwhile: the next poll retries
        return PartitionAnswer(PartitionStatus.QUEUED, version)
    return _answer(row)


def partition_compute(
    *, region_id: int, wave_id: int | None, layer: str, attribute_name: str, input_version: int
) -> dict[str, Any]:
    """Compute one partition's figures from the region's current rows and store them for ``input_version``."""
    region = Region.objects.select_related("study").filter(pk=region_id).first()
    if region is None:
        return {"region": region_id, "skipped": "no such region"}
    attribute = find_attribute(region.study, attribute_name)
    result: dict[str, Any] | None = None
    error = ""
    if attribute is None:
        error = f"“{attribute_name}” is not a categorical actor attribute of this study."
    else:
        inputs = load_region_inputs(region_id)
        try:
            groups = actor_groups(attribute, region_id, inputs.actors)
            rg = layer_graph(inputs.actors, inputs.ties, inputs.settings, layer, wave_id)
            result = partition_report(rg, [groups[actor_id] for actor_id in rg.actor_ids], attribute.categories)
        except SoftTimeLimitExceeded:
            raise
        except Exception as exc:
            logger.exception("Partition %s of region %s failed", attribute_name, region_id)
            error = f"{type(exc).__name__}: {exc}"
    stored = partition_store(
        region_id=region_id,
        wave_id=wave_id,
        layer=layer,
        attribute=attribute_name,
        version=input_version,
        result=result,
        error=error,
    )
    return {"region": region_id, "attribute": attribute_name, "version": input_version, "stored": stored}


@transaction.atomic
def partition_store(
    *,
    region_id: int,
    wave_id: int | None,
    layer: str,
    attribute: str,
    version: int,
    result: dict[str, Any] | None,
    error: str,
) -> bool:
    """Store figures computed from ``version`` if that is still the region's input version."""
    state = RegionAnalysisState.objects.select_for_update().filter(region_id=region_id).first()
    if (state.version if state else 1) != version:
        logger.info("Region %s changed while its partition %s was computed (v%s)", region_id, attribute, version)
        return False
    key = {"region_id": region_id, "wave_id": wave_id, "layer": layer, "attribute": attribute}
    PartitionFigures.objects.bulk_create([PartitionFigures(**key)], ignore_conflicts=True)
    PartitionFigures.objects.filter(**key).update(
        status=PartitionStatus.OK if result is not None else PartitionStatus.FAILED,
        input_version=version,
        result=result,
        error=error,
        computed_at=timezone.now(),
    )
    return True
