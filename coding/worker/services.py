"""Writes of the stored analysis: marking regions stale, enqueueing and storing their recomputation.

Flow: an edit bumps ``RegionAnalysisState.version`` (``mark_stale``, called by the receivers in
``staleness`` and by services that write in bulk); after the commit, ``enqueue_recompute`` sends
``recompute_region`` at most once per debounce window (the ``enqueued_at`` marker, claimed by one
conditional UPDATE, deduplicates a burst of edits); the task runs ``pipeline.region_recompute``,
which clears the marker, stores "all ties, all waves" first and spreads the other snapshots over the
workers, each stored in its own short transaction (see ``coding.worker.pipeline``).

``mark_stale`` runs inside the edit's own transaction; the others publish their markers and
statuses as they go so that concurrent edits and workers see them; each of their steps is a
conditional UPDATE, safe to repeat, and none waits for a row a worker is writing.

Stability follow-up (docs/stability.md): 500 resamples re-derive a layer 500 times, far too slow for
the run that stores the snapshots, which must stay within seconds of an edit. So once
every snapshot of a region holds the current version (``pipeline.complete``), ``stability_enqueue`` sends one
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
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Func, JSONField, Q, Value
from django.db.models.expressions import CombinedExpression
from django.utils import timezone

from cases.models import Region
from coding.analysis.inputs import Tie
from coding.analysis.layers import LAYERS
from coding.analysis.stability import annotate, classification_stability, stability_summary
from coding.analysis.thresholds import AnalysisSettings
from coding.worker.loader import RegionInputs, derive_from_inputs, load_region_inputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus
from coding.worker.null_follow_up import Overtaken, null_models_complete, still_current
from coding.worker.pipeline import snapshot_store
from coding.worker.snapshot_parts import page_result_warm
from coding.worker.tasks import compute_stability, recompute_region

logger = logging.getLogger(__name__)

# Edits within the debounce window after the first one are folded into the same run. The window
# is a trade: every second of it is a second the researcher waits for the figures, while a burst of
# edits without it would start a run per edit (each overtaken run still stores, so it costs worker
# time, not correctness). So it follows what a run costs, read from the tie count the last run
# stored. Measured with benchmarks/pipeline.py on this 2-core machine ("all/all" derived as the
# run does, the structure rule's null model following later): 1,500 ties 0.1 s, 50,000 ties 10 s
# (2 s to load, derive and store the 300-actor region's every snapshot). A tenth of a second
# beside that; a second for the large regions (a run overtaken by a burst's next edit still
# stores its results, so the window need not be long), where it stops growing. See
# ``debounce_seconds``.
DEBOUNCE_MIN_SECONDS = 0.1
DEBOUNCE_MAX_SECONDS = 1.0
DEBOUNCE_SHORT_UP_TO_TIES = 1_000
DEBOUNCE_LONG_FROM_TIES = 10_000
# A marker older than this belongs to a lost message (broker restart): the sweep sends a new one.
QUEUED_EXPIRY = timedelta(minutes=5)

# (wave id or None for all waves, layer) -> (result or None, error message).
Results = dict[tuple[int | None, str], tuple[dict[str, Any] | None, str]]


def mark_stale(region_ids: Iterable[int], *, wave_ids: Iterable[int | None] | None = None) -> None:
    """Bump the input version of regions (one statement) and enqueue their recomputation after commit.

    The one place that makes a region's analysis stale. Positional, as every caller passes just
    the ids (the receivers, and the imports and bulk writes that send no signals). ``wave_ids``
    are the waves whose ties the change touched (None among them, a tie without a wave, counts for
    none; the "all waves" snapshots are recomputed anyway); left out, the change touches every wave,
    the safe default for bulk writes.
    """
    ids = sorted({region_id for region_id in region_ids if region_id})
    if not ids:
        return
    bumped = F("version") + 1
    touched: dict[str, Any] = {"touched_all_version": bumped}
    if wave_ids is not None:
        touched = {"touched_wave_versions": _touched_waves(sorted({w for w in wave_ids if w is not None}), bumped)}
    # Only an UPDATE here: creating a state row inside a cascade delete of the region would
    # violate its foreign key at commit. Missing rows are created after the commit (enqueue).
    # One statement for the version and the touched marks: concurrent edits queue on the row and
    # each one's expressions read the row its predecessor committed, so no mark is lost.
    RegionAnalysisState.objects.filter(region_id__in=ids).update(version=bumped, updated_at=timezone.now(), **touched)
    for region_id in ids:
        transaction.on_commit(partial(enqueue_recompute, region_id=region_id))


def _touched_waves(wave_ids: list[int], bumped: CombinedExpression) -> Func | F:
    """``touched_wave_versions`` with each wave's key set to ``version + 1`` (SET expressions read
    the old row); PostgreSQL and SQLite (the embedded default) spell it differently."""
    marks: Func | F = F("touched_wave_versions")
    for wave_id in wave_ids:
        if connection.vendor == "sqlite":
            marks = Func(marks, Value(f'$."{wave_id}"'), bumped, function="json_set", output_field=JSONField())
        else:
            path = Func(Value(str(wave_id)), template="ARRAY[%(expressions)s]::text[]", output_field=JSONField())
            version = Func(bumped, function="to_jsonb", output_field=JSONField())
            marks = Func(marks, path, version, function="jsonb_set", output_field=JSONField())
    return marks


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
    version, tie_count = RegionAnalysisState.objects.filter(region_id=region_id).values_list(
        "version", "tie_count"
    ).first() or (0, 0)
    try:
        result = recompute_region.apply_async(
            args=[region_id, version],
            countdown=debounce_seconds(tie_count),
            retry=True,
            retry_policy={"max_retries": 1},
        )
    except Exception:
        logger.exception("Could not enqueue the analysis of region %s; it stays stale", region_id)
        RegionAnalysisState.objects.filter(region_id=region_id, enqueued_at=now).update(enqueued_at=None)
        return False
    RegionAnalysisState.objects.filter(region_id=region_id).update(task_id=result.id)
    # Only results older than the version sent: in eager mode the run has already stored current
    # ones by now, and they are not queued again. Rows a worker is writing right now are left to it
    # (SKIP LOCKED): the edit that called this never waits for a worker.
    with transaction.atomic():
        older = (
            AnalysisSnapshot.objects.select_for_update(skip_locked=True)
            .filter(region_id=region_id, input_version__lt=version or 0)
            .exclude(status=SnapshotStatus.RUNNING)
            .order_by()  # no join with the (nullable) wave: FOR UPDATE cannot lock its side
            .values_list("pk", flat=True)
        )
        AnalysisSnapshot.objects.filter(pk__in=list(older)).update(status=SnapshotStatus.QUEUED, task_id=result.id)
    return True


def debounce_seconds(tie_count: int) -> float:
    """The debounce of a region with ``tie_count`` ties (as its last run read them): the minimum up
    to ``DEBOUNCE_SHORT_UP_TO_TIES``, growing linearly to the maximum at ``DEBOUNCE_LONG_FROM_TIES``
    (see the reasons at the constants)."""
    if tie_count <= DEBOUNCE_SHORT_UP_TO_TIES:
        return DEBOUNCE_MIN_SECONDS
    share = min(1.0, (tie_count - DEBOUNCE_SHORT_UP_TO_TIES) / (DEBOUNCE_LONG_FROM_TIES - DEBOUNCE_SHORT_UP_TO_TIES))
    return DEBOUNCE_MIN_SECONDS + share * (DEBOUNCE_MAX_SECONDS - DEBOUNCE_MIN_SECONDS)


def requeue_stale(*, ignore_markers: bool = False) -> list[int]:
    """Enqueue every region whose results are behind its inputs and has no live queued run.

    ``ignore_markers`` is for a worker that has just (re)connected to the broker: a run marked
    queued or computing may have been lost with a killed worker (which held the message during its
    countdown) or with a restarted broker, so those regions are queued again whatever their marker
    says. A duplicate run is harmless: it skips work already stored, and ``snapshots_store`` writes
    only results of that version or a newer one (``pipeline.snapshot_store``).
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


def snapshots_store(
    *, region_id: int, version: int, inputs: RegionInputs, results: Results, started: datetime, task_id: str
) -> bool:
    """Store the given snapshots (each in its own short transaction) if ``version`` is still current,
    and record the region as computed for it (a shortcut for tests and data builders)."""
    if RegionAnalysisState.objects.filter(region_id=region_id, version=version).count() != 1:
        return False
    for key, (result, error) in results.items():
        snapshot_store(
            region_id=region_id,
            version=version,
            key=key,
            inputs=inputs,
            result=result,
            error=error,
            started=started,
            task_id=task_id,
        )
    RegionAnalysisState.objects.filter(region_id=region_id).update(computed_version=version)
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
    current = (
        AnalysisSnapshot.objects.filter(
            region_id=region_id, layer=layer, status=SnapshotStatus.OK, input_version=input_version
        )
        # A wave's snapshot kept from an earlier version (``pipeline.snapshots_keep``) kept its
        # checks too: computed from the same inputs, they would come out the same.
        .exclude(stability_state="computed")
        .order_by(F("wave_id").asc(nulls_first=True))
        .values_list("pk", "wave_id", "computed_at")
    )
    if not current.exists():
        return {"region": region_id, "layer": layer, "skipped": "no current results"}
    try:
        inputs = load_region_inputs(region_id)
    except Region.DoesNotExist:
        return {"region": region_id, "layer": layer, "skipped": "no such region"}
    # The structure labels first (seconds), then the checks (minutes): see coding.worker.null_follow_up.
    try:
        null_models_complete(inputs=inputs, input_version=input_version, layer=layer)
    except Overtaken:
        return {"region": region_id, "layer": layer, "skipped": "the region changed; a newer run follows"}
    snapshots = list(current)  # read now: completing a null model gives the row a new computing time
    stored = 0
    for pk, wave_id, computed_at in snapshots:
        key: dict[str, Any] = {"snapshot_id": pk, "input_version": input_version, "computed_at": computed_at}
        try:
            entries, summary = _checks(inputs, layer, wave_id, input_version)
        except Overtaken:
            # Stopped at once: a worker busy with checks of data that changed would hold up the
            # newer run's recomputation (it waits for the worker) for up to minutes.
            return {"region": region_id, "layer": layer, "skipped": "the region changed; a newer run follows"}
        except SoftTimeLimitExceeded:
            limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
            stability_store(**key, entries={}, summary=_failed(f"took longer than the time limit of {limit} seconds"))
            raise  # the other snapshots of the layer would run over too; the next edit tries again
        except Exception as exc:
            logger.exception("Stability of region %s wave %s layer %s failed", region_id, wave_id, layer)
            entries, summary = {}, _failed(f"{type(exc).__name__}: {exc}")
        stored += stability_store(**key, entries=entries, summary=summary)
    if stored and layer == "all":
        page_result_warm(region_id=region_id)  # the checks changed the page's reading of "all/all"
    return {"region": region_id, "layer": layer, "version": input_version, "stored": stored}


def _failed(reason: str) -> dict[str, Any]:
    """The summary of checks that could not be computed: the page says so instead of "being computed"."""
    return {"status": "failed", "error": reason}


def _checks(
    inputs: RegionInputs, layer: str, wave_id: int | None, version: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    resampled = wave_id is None
    analysis: AnalysisSettings = inputs.settings
    started = time.perf_counter()

    cheaper = replace(analysis, structure_null_draws=min(analysis.structure_null_draws, analysis.stability_null_draws))

    def derive(ties: Sequence[Tie]) -> dict[str, Any]:
        still_current(inputs.region_id, version)  # before each of the checks' derivations
        return derive_from_inputs(replace(inputs, ties=list(ties)), wave_id, layer)

    def derive_resample(ties: Sequence[Tie]) -> dict[str, Any]:
        still_current(inputs.region_id, version)
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
