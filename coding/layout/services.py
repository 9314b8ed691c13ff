"""Writes of the stored layout: kept up to date by the worker's analysis run, laid anew on request.

Flow:
- Before ``region_recompute`` stores a region's snapshots, it calls ``layout_update``: actors
  added since the stored layout are placed near their neighbours, the others keep their place
  (``coding.analysis.layout.place_new``); the first run lays the whole region out.
- Regions analysed without a layout (before layouts were stored, or when that step failed) get one
  from the worker's sweep (``requeue_missing_layouts``).
- A lead or coder asks for a re-layout (``relayout_request``, page button or API): the row is
  claimed (one conditional UPDATE, so repeated clicks send one message) and ``relayout_region`` is
  sent to the worker, which lays everything out anew with the next seed.

Degrade, don't fail: when the broker cannot be reached, or an earlier request has waited longer
than ``WORKER_PATIENCE`` (no worker running), a small region is laid out inside the request (FR on
``SYNC_MAX_ACTORS`` actors takes well under a second: ``benchmarks/layout.py``); a larger one
answers "waiting for the worker". Without any stored layout the pictures simply have no positions.

Each update runs in one transaction holding the region's layout row, so an update and a re-layout
never interleave; the actors and ties are read inside it.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from cases.models import Actor, Region
from coding.analysis.layout import full_layout, place_new
from coding.layout.models import RegionLayout
from coding.layout.tasks import layout_region, relayout_region
from coding.models import Interaction
from coding.worker.models import RegionAnalysisState

logger = logging.getLogger(__name__)

# A re-layout queued longer than this has no worker taking it: a small region is then laid out at once.
WORKER_PATIENCE = timedelta(seconds=10)
# Regions laid out during the request when the worker is away (FR range of ``coding.analysis.layout``).
SYNC_MAX_ACTORS = 1000
SYNC_MAX_TIES = 10_000

QUEUED, DONE, WAITING = "queued", "done", "waiting"


@transaction.atomic
def layout_update(*, region_id: int, relayout: bool = False) -> dict[str, Any]:
    """Bring a region's stored layout up to date with its actors; ``relayout`` moves every actor."""
    if not Region.objects.filter(pk=region_id).exists():
        return {"region": region_id, "skipped": "no such region"}
    RegionLayout.objects.bulk_create([RegionLayout(region_id=region_id)], ignore_conflicts=True)
    row = RegionLayout.objects.select_for_update().get(region_id=region_id)
    version = RegionAnalysisState.objects.filter(region_id=region_id).values_list("version", flat=True).first()
    actor_ids = list(Actor.objects.filter(region_id=region_id).values_list("pk", flat=True))
    pairs = list(Interaction.objects.filter(region_id=region_id).values_list("source_id", "target_id"))
    now = timezone.now()
    from_scratch = relayout or not row.positions
    if from_scratch:
        if relayout and row.positions:
            row.seed += 1  # a fresh picture, not the same one again
        positions = full_layout(actor_ids, pairs, seed=row.seed)
        row.relaid_at = now
        row.relayout_requested_at = None
    else:
        stored = {int(actor): point for actor, point in row.positions.items()}
        positions = place_new(actor_ids, pairs, stored, seed=row.seed)
    row.positions = {str(actor): [x, y] for actor, (x, y) in sorted(positions.items())}
    row.input_version = version or 0
    row.computed_at = now
    row.save()
    return {"region": region_id, "actors": len(positions), "from_scratch": from_scratch}


def layout_update_quietly(*, region_id: int) -> None:
    """``layout_update`` for the analysis run: a failed layout is logged, never fails the stored results."""
    try:
        layout_update(region_id=region_id)
    except Exception:  # includes Celery's soft time limit: the results are stored, the next run retries
        logger.exception("Layout of region %s failed; the pictures keep the stored positions", region_id)


def requeue_missing_layouts() -> list[int]:
    """Send a layout run for every analysed region whose layout is missing or behind its results.

    Regions analysed before layouts were stored, and those whose layout step failed in the analysis
    run, get their positions from the sweep (``coding.worker.tasks``) instead of waiting for an edit.
    """
    behind = RegionAnalysisState.objects.filter(computed_version__gt=0).filter(
        Q(region__layout__isnull=True) | Q(region__layout__input_version__lt=F("computed_version"))
    )
    sent = []
    for region_id in behind.values_list("region_id", flat=True):
        try:
            layout_region.apply_async(args=[region_id], retry=True, retry_policy={"max_retries": 1})
        except Exception:
            logger.exception("Could not enqueue the layout of region %s; the next sweep retries", region_id)
            break
        sent.append(region_id)
    return sent


def relayout_request(*, region: Region) -> str:
    """Ask for a layout from scratch: ``queued`` (sent to the worker), ``done`` (laid out now) or ``waiting``."""
    RegionLayout.objects.bulk_create([RegionLayout(region=region)], ignore_conflicts=True)
    now = timezone.now()
    row = RegionLayout.objects.filter(region=region)
    waited = row.filter(relayout_requested_at__lt=now - WORKER_PATIENCE).exists()
    claimable = Q(relayout_requested_at__isnull=True) | Q(relayout_requested_at__lt=now - WORKER_PATIENCE)
    if not row.filter(claimable).update(relayout_requested_at=now):
        return QUEUED  # another request sent it a moment ago
    if waited and _small(region):
        logger.warning("No worker took the re-layout of region %s: laying it out now", region.pk)
        layout_update(region_id=region.pk, relayout=True)
        return DONE
    try:
        relayout_region.apply_async(args=[region.pk], retry=True, retry_policy={"max_retries": 1})
    except Exception:
        logger.exception("Could not enqueue the re-layout of region %s", region.pk)
        if _small(region):
            layout_update(region_id=region.pk, relayout=True)
            return DONE
        row.update(relayout_requested_at=None)  # the next click tries the broker again
        return WAITING
    return QUEUED


def _small(region: Region) -> bool:
    return (
        Actor.objects.filter(region=region).count() <= SYNC_MAX_ACTORS
        and Interaction.objects.filter(region=region).count() <= SYNC_MAX_TIES
    )
