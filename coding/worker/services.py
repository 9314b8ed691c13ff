"""Writes of the stored analysis: marking regions stale, enqueueing and storing their recomputation.

Flow: an edit bumps ``RegionAnalysisState.version`` (``mark_stale``, called by the receivers in
``staleness`` and by services that write in bulk); after the commit, ``enqueue_recompute`` sends
``recompute_region`` at most once per debounce window (the ``enqueued_at`` marker, claimed by one
conditional UPDATE, deduplicates a burst of edits); the task runs ``region_recompute``, which clears
the marker, computes every snapshot from the then-current version and stores them in one
transaction only if no edit happened meanwhile (that edit has enqueued a newer run).

Only ``snapshots_store`` is one transaction: ``mark_stale`` runs inside the edit's own transaction,
and the others publish their markers and statuses as they go so that concurrent edits and
workers see them; each of their steps is a conditional UPDATE, safe to repeat.

Stability follow-up (docs/stability.md): 500 resamples re-derive a layer 500 times, far too slow for
the run that stores the snapshots, which must stay within seconds of an edit. So once
``snapshots_store`` has committed a region's results, ``stability_enqueue`` sends one
``compute_stability`` task per tie layer; each one computes the checks of that layer's snapshots —
resampled for the all-waves snapshot (a region's column in the comparison and its exports), without
resampling for each wave (the low-confidence and tentative checks cost two derivations) — and writes
each into its snapshot's result.

Every layer is covered because the page and the comparison show every layer's labels; one task
per layer keeps each within the task time limit (a few hundred actors: ~20 s per layer) and lets
the "all ties" layer, sent first, be ready first.

Writing never blocks an edit: each snapshot gets one conditional UPDATE of its row (no lock held
while computing), which matches only while the row still holds the result the checks were computed
for (same input version and computing time); a newer result is left alone, and its own follow-up
run is on its way.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from cases.models import Region
from coding.analysis.inputs import Tie
from coding.analysis.layers import LAYERS
from coding.analysis.stability import annotate, classification_stability, stability_summary
from coding.analysis.thresholds import AnalysisSettings
from coding.layout.services import layout_update_quietly
from coding.worker.loader import RegionInputs, derive_from_inputs, load_region_inputs, snapshot_keys
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus
from coding.worker.tasks import compute_stability, recompute_region

logger = logging.getLogger(__name__)

# Edits within this window after the first one are folded into the same run.
DEBOUNCE_SECONDS = 2
# A marker older than this belongs to a lost message (broker restart): the sweep sends a new one.
QUEUED_EXPIRY = timedelta(minutes=5)

# (wave id or None for all waves, layer) -> (result or None, error message).
Results = dict[tuple[int | None, str], tuple[dict[str, Any] | None, str]]


def mark_stale(region_ids: Iterable[int]) -> None:
    """Bump the input version of regions (one statement) and enqueue their recomputation after commit.

    The one place that makes a region's analysis stale. Positional, as every caller passes just
    the ids (the receivers, and the imports and bulk writes that send no signals).
    """
    ids = sorted({region_id for region_id in region_ids if region_id})
    if not ids:
        return
    # Only an UPDATE here: creating a state row inside a cascade delete of the region would
    # violate its foreign key at commit. Missing rows are created after the commit (enqueue).
    RegionAnalysisState.objects.filter(region_id__in=ids).update(version=F("version") + 1, updated_at=timezone.now())
    for region_id in ids:
        transaction.on_commit(partial(enqueue_recompute, region_id=region_id))


def enqueue_recompute(*, region_id: int) -> bool:
    """Send one ``recompute_region`` unless a run is already queued; never raises on broker errors.

    Returns whether a message was sent.
    """
    now = timezone.now()
    pending = Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - QUEUED_EXPIRY)
    claimed = RegionAnalysisState.objects.filter(pending, region_id=region_id).update(enqueued_at=now)
    if not claimed and not RegionAnalysisState.objects.filter(region_id=region_id).exists():
        # First change of a region: its state starts stale (version 1 > computed 0) and queued.
        if not Region.objects.filter(pk=region_id).exists():
            return False  # deleted meanwhile
        RegionAnalysisState.objects.bulk_create([RegionAnalysisState(region_id=region_id)], ignore_conflicts=True)
        claimed = RegionAnalysisState.objects.filter(pending, region_id=region_id).update(enqueued_at=now)
    if not claimed:
        return False
    version = RegionAnalysisState.objects.filter(region_id=region_id).values_list("version", flat=True).first()
    try:
        result = recompute_region.apply_async(
            args=[region_id, version], countdown=DEBOUNCE_SECONDS, retry=True, retry_policy={"max_retries": 1}
        )
    except Exception:
        logger.exception("Could not enqueue the analysis of region %s; it stays stale", region_id)
        RegionAnalysisState.objects.filter(region_id=region_id, enqueued_at=now).update(enqueued_at=None)
        return False
    RegionAnalysisState.objects.filter(region_id=region_id).update(task_id=result.id)
    # Only results older than the version sent: in eager mode the run has already stored current
    # ones by now, and they are not queued again.
    AnalysisSnapshot.objects.filter(region_id=region_id, input_version__lt=version or 0).exclude(
        status=SnapshotStatus.RUNNING
    ).update(status=SnapshotStatus.QUEUED, task_id=result.id)
    return True


def requeue_stale(*, ignore_markers: bool = False) -> list[int]:
    """Enqueue every region whose results are behind its inputs and has no live queued run.

    ``ignore_markers`` is for a worker that has just (re)connected to the broker: a run marked
    queued or computing may have been lost with a killed worker (which held the message during its
    countdown) or with a restarted broker, so those regions are queued again whatever their marker
    says. A duplicate run is harmless: it skips work already stored, and ``snapshots_store`` writes
    only results of the current version, under a row lock.
    """
    stale = set(
        RegionAnalysisState.objects.filter(computed_version__lt=F("version")).values_list("region_id", flat=True)
    )
    if ignore_markers:
        # "computing" left behind by a run killed after a duplicate had already stored its results.
        running = AnalysisSnapshot.objects.filter(status=SnapshotStatus.RUNNING)
        stale |= set(running.values_list("region_id", flat=True))
        RegionAnalysisState.objects.filter(region_id__in=stale).update(enqueued_at=None)
    # Regions never analysed at all (created before this feature or while signals were off).
    missing = list(Region.objects.filter(analysis_state__isnull=True).values_list("pk", flat=True))
    RegionAnalysisState.objects.bulk_create(
        [RegionAnalysisState(region_id=pk) for pk in missing], ignore_conflicts=True
    )
    return [region_id for region_id in {*stale, *missing} if enqueue_recompute(region_id=region_id)]


def _test_delay(variable: str = "ANALYSIS_TEST_DELAY_SECONDS") -> None:
    """Test hook: makes a run slow enough to kill the worker in the middle of it.

    ``ANALYSIS_TEST_DELAY_SECONDS`` pauses before computing, ``ANALYSIS_TEST_STORE_DELAY_SECONDS``
    inside the storing transaction.
    """
    delay = float(os.environ.get(variable, "0") or 0)
    if delay > 0:
        time.sleep(delay)


def region_recompute(*, region_id: int, input_version: int | None, task_id: str) -> dict[str, Any]:
    """Recompute and store every snapshot of a region; safe to run twice or out of order."""
    state = RegionAnalysisState.objects.filter(region_id=region_id).first()
    if state is None:
        return {"region": region_id, "skipped": "no such region"}
    done = input_version is not None and state.computed_version >= max(input_version, state.version)
    if done and not AnalysisSnapshot.objects.filter(region_id=region_id, status=SnapshotStatus.RUNNING).exists():
        # A duplicate delivery (or an older message) of work already stored.
        RegionAnalysisState.objects.filter(region_id=region_id).update(enqueued_at=None)
        return {"region": region_id, "skipped": "up to date", "version": state.computed_version}
    # Clear the marker before reading: an edit from now on enqueues a fresh run.
    RegionAnalysisState.objects.filter(region_id=region_id).update(enqueued_at=None)
    version = RegionAnalysisState.objects.values_list("version", flat=True).get(region_id=region_id)
    started = timezone.now()
    AnalysisSnapshot.objects.filter(region_id=region_id).update(
        status=SnapshotStatus.RUNNING, started_at=started, task_id=task_id
    )
    inputs: RegionInputs | None = None
    try:
        inputs = load_region_inputs(region_id)
        _test_delay()
        results: Results = {}
        for wave_id, layer in snapshot_keys(inputs):
            try:
                results[(wave_id, layer)] = (derive_from_inputs(inputs, wave_id, layer), "")
            except SoftTimeLimitExceeded:
                raise  # the whole run is over time, not this one snapshot
            except Exception as exc:
                logger.exception("Analysis of region %s wave %s layer %s failed", region_id, wave_id, layer)
                results[(wave_id, layer)] = (None, f"{type(exc).__name__}: {exc}")
        # New actors get their place in the pictures (the others keep theirs) before the results
        # are stored, so a page showing the new results finds every actor placed.
        layout_update_quietly(region_id=region_id)
        stored = snapshots_store(
            region_id=region_id, version=version, inputs=inputs, results=results, started=started, task_id=task_id
        )
        if stored:
            stability_enqueue(region_id=region_id, version=version)
    except Region.DoesNotExist:
        return {"region": region_id, "skipped": "no such region"}
    except SoftTimeLimitExceeded:
        stored = _store_over_time(region_id=region_id, version=version, inputs=inputs, started=started, task_id=task_id)
        return {"region": region_id, "version": version, "stored": stored, "failed": "soft time limit"}
    return {"region": region_id, "version": version, "stored": stored, "snapshots": len(results)}


def _store_over_time(
    *, region_id: int, version: int, inputs: RegionInputs | None, started: datetime, task_id: str
) -> bool:
    """Record a run past the soft time limit as failed for this version, so no sweep repeats it.

    Running it again on the same data would only time out again; the next edit bumps the version
    and the region is tried afresh.
    """
    limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
    reason = (
        f"The analysis took longer than the time limit of {limit} seconds and was stopped; "
        "it is tried again when the region's data change."
    )
    logger.error("Analysis of region %s (v%s) exceeded the soft time limit of %ss", region_id, version, limit)
    try:
        inputs = inputs or load_region_inputs(region_id)
    except Region.DoesNotExist:
        return False
    results: Results = dict.fromkeys(snapshot_keys(inputs), (None, reason))
    return snapshots_store(
        region_id=region_id, version=version, inputs=inputs, results=results, started=started, task_id=task_id
    )


@transaction.atomic
def snapshots_store(
    *, region_id: int, version: int, inputs: RegionInputs, results: Results, started: datetime, task_id: str
) -> bool:
    """Write all snapshots in one transaction if ``version`` is still the region's current one."""
    now = timezone.now()
    state = RegionAnalysisState.objects.select_for_update().filter(region_id=region_id).first()
    if state is None or state.version != version:
        logger.info("Region %s changed during its analysis (v%s); a newer run is pending", region_id, version)
        AnalysisSnapshot.objects.filter(region_id=region_id, task_id=task_id, status=SnapshotStatus.RUNNING).update(
            status=SnapshotStatus.STALE
        )
        return False
    settings_used = inputs.settings.as_dict()
    stored = AnalysisSnapshot.objects.filter(region_id=region_id)
    existing = {(snapshot.wave_id, snapshot.layer): snapshot for snapshot in stored}
    keep: list[AnalysisSnapshot] = []
    create: list[AnalysisSnapshot] = []
    for (wave_id, layer), (result, error) in results.items():
        snapshot = existing.pop((wave_id, layer), None) or AnalysisSnapshot(
            region_id=region_id, wave_id=wave_id, layer=layer
        )
        snapshot.status = SnapshotStatus.OK if result is not None else SnapshotStatus.FAILED
        snapshot.error = error
        snapshot.input_version = version
        snapshot.settings_used = settings_used
        snapshot.started_at, snapshot.computed_at, snapshot.task_id = started, now, task_id
        if result is not None:
            snapshot.result = result  # a failed run keeps the last good result to show
        (keep if snapshot.pk else create).append(snapshot)
    fields = ["status", "error", "input_version", "settings_used", "started_at", "computed_at", "task_id", "result"]
    AnalysisSnapshot.objects.bulk_update(keep, fields, batch_size=100)
    AnalysisSnapshot.objects.bulk_create(create, batch_size=100)
    # Waves deleted since the last run.
    AnalysisSnapshot.objects.filter(pk__in=[snapshot.pk for snapshot in existing.values()]).delete()
    RegionAnalysisState.objects.filter(region_id=region_id).update(computed_version=version)
    _test_delay("ANALYSIS_TEST_STORE_DELAY_SECONDS")
    return True


# --- stability follow-up (see the module docstring) ---------------------------------------


# Layers whose snapshots get the checks, "all" first (see the module docstring).
STABILITY_LAYERS = LAYERS
# A stored result still without stability this long after it was computed lost its follow-up run.
STABILITY_EXPIRY = timedelta(minutes=5)


def stability_enqueue(*, region_id: int, version: int) -> int:
    """Send the follow-up runs of a region's stored results; never raises on broker errors."""
    sent = 0
    for layer in STABILITY_LAYERS:
        try:
            compute_stability.apply_async(args=[region_id, version, layer], retry=True, retry_policy={"max_retries": 1})
        except Exception:
            logger.exception("Could not enqueue the stability of region %s (%s); the sweep retries", region_id, layer)
            return sent
        sent += 1
    return sent


def requeue_missing_stability() -> int:
    """Send follow-up runs for current results left without stability (a lost or killed run)."""
    lost = (
        AnalysisSnapshot.objects.filter(
            status=SnapshotStatus.OK,
            wave__isnull=True,
            layer__in=STABILITY_LAYERS,
            computed_at__lt=timezone.now() - STABILITY_EXPIRY,
            input_version=F("region__analysis_state__computed_version"),
        )
        .exclude(result__has_key="stability")
        .order_by()
        .values_list("region_id", "input_version")
        .distinct()
    )
    return sum(stability_enqueue(region_id=region_id, version=version) for region_id, version in lost)


def region_stability(*, region_id: int, input_version: int, layer: str) -> dict[str, Any]:
    """Compute and store the checks of one layer's current snapshots of a region; safe to repeat."""
    state = RegionAnalysisState.objects.filter(region_id=region_id).first()
    if state is None or state.version != input_version:
        return {"region": region_id, "layer": layer, "skipped": "the region changed; a newer run follows"}
    snapshots = list(
        AnalysisSnapshot.objects.filter(
            region_id=region_id, layer=layer, status=SnapshotStatus.OK, input_version=input_version
        )
        .order_by(F("wave_id").asc(nulls_first=True))
        .values_list("pk", "wave_id", "computed_at")
    )
    if not snapshots:
        return {"region": region_id, "layer": layer, "skipped": "no current results"}
    try:
        inputs = load_region_inputs(region_id)
    except Region.DoesNotExist:
        return {"region": region_id, "layer": layer, "skipped": "no such region"}
    stored = 0
    for pk, wave_id, computed_at in snapshots:
        key: dict[str, Any] = {"snapshot_id": pk, "input_version": input_version, "computed_at": computed_at}
        try:
            entries, summary = _checks(inputs, layer, wave_id)
        except SoftTimeLimitExceeded:
            limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
            stability_store(**key, entries={}, summary=_failed(f"took longer than the time limit of {limit} seconds"))
            raise  # the other snapshots of the layer would run over too; the next edit tries again
        except Exception as exc:
            logger.exception("Stability of region %s wave %s layer %s failed", region_id, wave_id, layer)
            entries, summary = {}, _failed(f"{type(exc).__name__}: {exc}")
        stored += stability_store(**key, entries=entries, summary=summary)
    return {"region": region_id, "layer": layer, "version": input_version, "stored": stored}


def _failed(reason: str) -> dict[str, Any]:
    """The summary of checks that could not be computed: the page says so instead of "being computed"."""
    return {"status": "failed", "error": reason}


def _checks(inputs: RegionInputs, layer: str, wave_id: int | None) -> tuple[dict[str, Any], dict[str, Any]]:
    resampled = wave_id is None
    analysis: AnalysisSettings = inputs.settings
    started = time.perf_counter()

    cheaper = replace(analysis, structure_null_draws=min(analysis.structure_null_draws, analysis.stability_null_draws))

    def derive(ties: Sequence[Tie]) -> dict[str, Any]:
        return derive_from_inputs(replace(inputs, ties=list(ties)), wave_id, layer)

    def derive_resample(ties: Sequence[Tie]) -> dict[str, Any]:
        return derive_from_inputs(replace(inputs, ties=list(ties), settings=cheaper), wave_id, layer)

    entries = classification_stability(
        derive=derive,
        resample_derive=derive_resample,
        actors=inputs.actors,
        ties=inputs.ties,
        settings=analysis,
        layer=layer,
        wave_id=wave_id,
        resampled=resampled,
    )
    return entries, stability_summary(analysis, resampled=resampled, seconds=time.perf_counter() - started)


@transaction.atomic
def stability_store(
    *, snapshot_id: int, input_version: int, computed_at: Any, entries: dict[str, Any], summary: dict[str, Any]
) -> int:
    """Write the checks into the snapshot's result if it still holds the result they were computed for.

    One read and one conditional UPDATE in a short transaction, no row lock taken: the filter on
    input version and computing time makes a result stored meanwhile win.
    """
    current = AnalysisSnapshot.objects.filter(pk=snapshot_id, input_version=input_version, computed_at=computed_at)
    result = current.values_list("result", flat=True).first()
    if not isinstance(result, dict):
        return 0
    annotate(result, entries, summary)
    return current.update(result=result)
