"""A region's recomputation as a pipeline: "all ties, all waves" first, then the rest as a group.

``recompute_region`` (the coordinator, ``region_recompute``) reads the region's input version,
sends the remaining (wave, layer) snapshots as a Celery group of ``recompute_snapshot`` tasks (one
snapshot a task; several a task in small regions, ``task_chunks``), so that every other worker
process (on this machine or another sharing PostgreSQL and Redis) takes a share of one region's
work at once, and meanwhile derives the "all ties, all waves" snapshot itself and stores it. Called
directly (tests, ``manage.py recompute_stale``) or eagerly, it derives them itself, one after
another, storing each as it goes.

Storing never blocks an edit: each snapshot is written by one conditional UPDATE (or INSERT) in a
short transaction of its own, and no lock is held while computing; the region's state row gets
single autocommit UPDATEs only. The UPDATE matches only while the row holds a result of the same
or an older input version (``input_version <= version`` in its WHERE clause), so an older run never
overwrites a newer snapshot. A run overtaken by an edit still stores what it computed, marked with
the version it reflects (the page says "as of version N; newer edits pending"); tasks of its group
that have not started yet are skipped, as the edit has enqueued a newer run.

An edit recomputes only the waves it touched: the run first marks the wave snapshots no edit
touched since they were stored as current at its version (``snapshots_keep``; the marks are
``RegionAnalysisState.touched_*``, written by ``services.mark_stale``), then derives "all waves"
(every layer) and whatever is not current.

The region counts as computed for a version (``computed_version``) once every snapshot holds that
version or a newer one; the task that finds this (one conditional UPDATE decides) sends the
stability follow-up (``services.stability_enqueue``).
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime
from typing import Any

from celery import group
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.models import Region
from coding.layout.services import layout_update_quietly
from coding.worker.evidence import snapshot_fields
from coding.worker.loader import RegionInputs, derive_from_inputs, load_region_inputs, snapshot_keys
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus
from coding.worker.snapshot_parts import page_result_warm

logger = logging.getLogger(__name__)

# Computed and stored first: what the region page, the comparison and the exports show by default.
FIRST: tuple[int | None, str] = (None, "all")

Key = tuple[int | None, str]

# One region's inputs, kept by a worker process for the tasks of the same run (the version is
# bumped by every change of the inputs, so (region, version) names one state of the data).
_INPUTS: dict[tuple[int, int], RegionInputs] = {}


def _test_delay(variable: str = "ANALYSIS_TEST_DELAY_SECONDS") -> None:
    """Test hook: makes a run slow enough to kill the worker (or to edit) in the middle of it.

    ``ANALYSIS_TEST_DELAY_SECONDS`` pauses before computing, ``ANALYSIS_TEST_STORE_DELAY_SECONDS``
    inside each storing transaction, ``ANALYSIS_TEST_SNAPSHOT_DELAY_SECONDS`` before each task of
    the group.
    """
    delay = float(os.environ.get(variable, "0") or 0)
    if delay > 0:
        time.sleep(delay)


def inputs_of(region_id: int, version: int, *, fresh: bool = False) -> RegionInputs:
    """The region's inputs at ``version``, loaded once per worker process and run (``fresh``: read
    again, as the coordinator does, whatever this process kept)."""
    key = (region_id, version)
    if fresh or key not in _INPUTS:
        _INPUTS.clear()
        _INPUTS[key] = load_region_inputs(region_id)
    return _INPUTS[key]


def region_recompute(
    *, region_id: int, input_version: int | None, task_id: str, hostname: str = "", spread: bool = False
) -> dict[str, Any]:
    """Recompute a region: "all/all" stored first, the rest sent as a group (``spread``) or derived here."""
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
    # The version and the touched marks in one read: they belong to the same edits.
    state = RegionAnalysisState.objects.get(region_id=region_id)
    version = state.version
    started = timezone.now()
    kept = snapshots_keep(state=state)
    # Only rows this run replaces: a result already of this version (a duplicate run's) stays as it is.
    AnalysisSnapshot.objects.filter(region_id=region_id, input_version__lt=version).update(
        status=SnapshotStatus.RUNNING, started_at=started, task_id=task_id
    )
    run: dict[str, Any] = {
        "region_id": region_id,
        "version": version,
        "started": started,
        "task_id": task_id,
        "hostname": hostname,
    }
    inputs: RegionInputs | None = None
    try:
        inputs = inputs_of(region_id, version, fresh=True)
        # Read by the next edit to pick its debounce (``services.debounce_seconds``).
        ties = len(inputs.ties)
        RegionAnalysisState.objects.filter(region_id=region_id).exclude(tie_count=ties).update(tie_count=ties)
        _test_delay()
        done_keys = stored_keys(region_id, version)
        stored = FIRST in done_keys
        rest = [key for key in snapshot_keys(inputs) if key != FIRST and key not in done_keys]
        if not stored or rest:
            # New actors get their place in the pictures (the others keep theirs) before any result
            # is stored, so a page showing the new results finds every actor placed.
            layout_update_quietly(region_id=region_id)
        if spread and rest:
            # Sent before "all/all" is derived: another worker starts on them at once, while this
            # one derives "all/all" (which a single worker still stores first: the group waits
            # behind this task). 5,000 actors, two workers: every snapshot 73 s → 54 s.
            _send_rest(region_id, version, rest, ties)
        if not stored:
            stored = snapshot_store(**run, key=FIRST, inputs=inputs, result=None, error="", derive_now=True)
        if not spread:
            for key in rest:
                snapshot_store(**run, key=key, inputs=inputs, result=None, error="", derive_now=True)
        complete(region_id=region_id, version=version, inputs=inputs)
    except Region.DoesNotExist:
        return {"region": region_id, "skipped": "no such region"}
    except SoftTimeLimitExceeded:
        stored = store_over_time(**run, inputs=inputs, keys=None)
        return {"region": region_id, "version": version, "stored": stored, "failed": "soft time limit"}
    overtaken = _overtaken(region_id, version)
    if overtaken:
        logger.info(
            "Region %s changed during its analysis (v%s): stored as of v%s; a newer run follows",
            region_id,
            version,
            version,
        )
    return {
        "region": region_id,
        "version": version,
        "stored": stored,
        "snapshots": 1 + len(rest),
        "kept": kept,
        "overtaken": overtaken,
        "spread": spread,
    }


def snapshots_keep(*, state: RegionAnalysisState) -> int:
    """Mark the wave snapshots no edit touched since they were stored as current at ``state.version``.

    Their inputs did not change, so their results would come out the same: they keep their result,
    computing time and worker, and get the new input version (one UPDATE, no row a worker computes
    is waited for longer than that). What a wave's snapshot reads besides its own ties — every
    actor with its attributes and interviews, the outcomes, the wave order, the study's settings —
    is changed only by edits that touch every wave (``staleness``); the all-waves snapshots, which
    read every tie, are always recomputed. Only results stored without error are kept: a failure
    is tried again. Returns how many were kept.
    """
    touched = {int(wave_id): int(version) for wave_id, version in state.touched_wave_versions.items()}
    unchanged = ~Q(wave_id__in=touched) if touched else Q()
    for wave_id, version in touched.items():
        unchanged |= Q(wave_id=wave_id, input_version__gte=version)
    kept = AnalysisSnapshot.objects.filter(
        unchanged,
        region_id=state.region_id,
        wave__isnull=False,
        input_version__gte=state.touched_all_version,
        input_version__lt=state.version,
        has_result=True,
        error="",
    )
    return kept.update(input_version=state.version, status=SnapshotStatus.OK)


def _send_rest(region_id: int, version: int, keys: list[Key], ties: int) -> None:
    from coding.worker.tasks import recompute_snapshot

    try:
        group(
            recompute_snapshot.si(region_id, version, chunk[0][0], chunk[0][1], keys=chunk)
            for chunk in task_chunks(keys, ties)
        ).apply_async()
    except Exception:
        # The region stays behind its inputs (computed_version): the sweep sends it again.
        logger.exception("Could not send the remaining snapshots of region %s (v%s)", region_id, version)


# Snapshots per task of the group: one where deriving one takes seconds, several where it takes
# milliseconds and a task's own cost (its queries, the broker's round trips: about 30 ms) would
# weigh as much. 300 actors / 1,500 ties: 3 a task (a snapshot derives in 50 ms).
CHUNK_TIES = 5_000


def task_chunks(keys: list[Key], ties: int) -> list[list[Key]]:
    """``keys`` in groups of ``CHUNK_TIES // ties`` (at least one), in order."""
    size = max(1, CHUNK_TIES // max(ties, 1))
    return [keys[start : start + size] for start in range(0, len(keys), size)]


def snapshot_recompute(
    *, region_id: int, version: int, keys: list[Key], task_id: str, hostname: str = ""
) -> dict[str, Any]:
    """Derive and store the snapshots ``keys`` of a run, one by one (a task of the coordinator's group)."""
    wave_id, layer = keys[0]
    answer: dict[str, Any] = {"region": region_id, "version": version, "wave": wave_id, "layer": layer}
    run: dict[str, Any] = {"region_id": region_id, "version": version, "task_id": task_id, "hostname": hostname}
    stored = completed = False
    remaining = keys
    try:
        done = stored_keys(region_id, version)  # by a duplicate run
        for index, key in enumerate(keys):
            remaining = keys[index:]
            if _overtaken(region_id, version):  # (what it stored stays, as of its version)
                return {**answer, "skipped": "the region changed; a newer run follows", "stored_some": stored}
            inputs = inputs_of(region_id, version)
            if key in done or (key[0] is not None and key[0] not in inputs.wave_ids):  # or the wave was deleted
                continue
            _test_delay("ANALYSIS_TEST_SNAPSHOT_DELAY_SECONDS")
            started = timezone.now()
            stored = (
                snapshot_store(**run, started=started, key=key, inputs=inputs, result=None, error="", derive_now=True)
                or stored
            )
        if stored:
            completed = complete(region_id=region_id, version=version, inputs=inputs_of(region_id, version))
    except Region.DoesNotExist:
        return {**answer, "skipped": "no such region"}
    except SoftTimeLimitExceeded:
        # The snapshots not stored yet (those stored keep their results).
        stored = store_over_time(**run, started=timezone.now(), inputs=None, keys=remaining)
        return {**answer, "stored": stored, "failed": "soft time limit"}
    if not stored:
        return {**answer, "skipped": "stored already (a duplicate run) or the wave was deleted"}
    return {**answer, "stored": stored, "completed": completed, "snapshots": len(keys)}


def derive(inputs: RegionInputs, wave_id: int | None, layer: str) -> tuple[dict[str, Any] | None, str]:
    """One snapshot's result, or None and the error that stopped it (the others go on)."""
    try:
        # The structure rule's null model follows with the stability checks (``null_follow_up``).
        return derive_from_inputs(inputs, wave_id, layer, null_models=False), ""
    except SoftTimeLimitExceeded:
        raise  # the whole task is over time, not this one snapshot
    except Exception as exc:
        logger.exception("Analysis of region %s wave %s layer %s failed", inputs.region_id, wave_id, layer)
        return None, f"{type(exc).__name__}: {exc}"


def snapshot_store(
    *,
    region_id: int,
    version: int,
    key: Key,
    inputs: RegionInputs,
    result: dict[str, Any] | None,
    error: str,
    started: datetime,
    task_id: str,
    hostname: str = "",
    derive_now: bool = False,
) -> bool:
    """Store one snapshot in its own short transaction unless a newer one is stored already.

    ``derive_now`` derives it first (the time it takes is not spent inside the transaction).
    """
    wave_id, layer = key
    if derive_now:
        result, error = derive(inputs, wave_id, layer)
    fields: dict[str, Any] = {
        "status": SnapshotStatus.OK if result is not None else SnapshotStatus.FAILED,
        "error": error,
        "input_version": version,
        "settings_used": inputs.settings.as_dict(),
        "started_at": started,
        "computed_at": timezone.now(),
        "task_id": task_id,
        "computed_by": hostname,
    }
    if result is not None:
        fields.update(snapshot_fields(result))  # a failed run keeps the last good result to show
    rows = AnalysisSnapshot.objects.filter(region_id=region_id, layer=layer)
    rows = rows.filter(wave_id=wave_id) if wave_id is not None else rows.filter(wave__isnull=True)
    with transaction.atomic():
        stored = rows.filter(input_version__lte=version).update(**fields) > 0
        if not stored and not rows.exists():
            AnalysisSnapshot.objects.bulk_create(
                [AnalysisSnapshot(region_id=region_id, wave_id=wave_id, layer=layer, **fields)], ignore_conflicts=True
            )
            # ignore_conflicts sets no primary key: whether this row or a concurrent run's won
            stored = rows.filter(input_version=version, computed_at=fields["computed_at"]).exists()
        _test_delay("ANALYSIS_TEST_STORE_DELAY_SECONDS")
    if not stored:
        logger.info(
            "Region %s wave %s layer %s: a newer snapshot than v%s is stored", region_id, wave_id, layer, version
        )
    elif key == FIRST and result is not None:
        page_result_warm(region_id=region_id)
    return stored


def complete(*, region_id: int, version: int, inputs: RegionInputs) -> bool:
    """Record the region as computed for ``version`` once every snapshot holds it (or a newer one).

    Returns whether this call recorded it (then it also sends the stability follow-up).
    """
    from coding.worker.services import stability_enqueue

    expected = set(snapshot_keys(inputs))
    held = set(
        AnalysisSnapshot.objects.filter(region_id=region_id, input_version__gte=version)
        .order_by()
        .values_list("wave_id", "layer")
    )
    if not expected <= held:
        return False
    recorded = RegionAnalysisState.objects.filter(region_id=region_id, computed_version__lt=version).update(
        computed_version=version
    )
    if not recorded:
        return False
    # Waves deleted since the last run (their rows usually went with the wave).
    waves = [wave_id for wave_id, _layer in expected if wave_id is not None]
    AnalysisSnapshot.objects.filter(region_id=region_id, wave__isnull=False).exclude(wave_id__in=waves).delete()
    stability_enqueue(region_id=region_id, version=version)
    return True


def stored_keys(region_id: int, version: int) -> set[Key]:
    """The snapshots that already hold a result (or a failure) of ``version`` or a newer one."""
    rows = AnalysisSnapshot.objects.filter(region_id=region_id, input_version__gte=version).exclude(
        status=SnapshotStatus.RUNNING
    )
    return set(rows.order_by().values_list("wave_id", "layer"))


def _overtaken(region_id: int, version: int) -> bool:
    current = RegionAnalysisState.objects.filter(region_id=region_id).values_list("version", flat=True).first()
    return current is None or current > version


def store_over_time(
    *,
    region_id: int,
    version: int,
    inputs: RegionInputs | None,
    keys: list[Key] | None,
    started: datetime,
    task_id: str,
    hostname: str = "",
) -> bool:
    """Record snapshots past the soft time limit as failed for this version, so no sweep repeats them.

    Running them again on the same data would only time out again; the next edit bumps the version
    and the region is tried afresh. ``keys`` None: every snapshot of the region.
    """
    limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
    reason = (
        f"The analysis took longer than the time limit of {limit} seconds and was stopped; "
        "it is tried again when the region's data change."
    )
    logger.error("Analysis of region %s (v%s) exceeded the soft time limit of %ss", region_id, version, limit)
    try:
        inputs = inputs or inputs_of(region_id, version)
    except Region.DoesNotExist:
        return False
    run: dict[str, Any] = {
        "region_id": region_id,
        "version": version,
        "started": started,
        "task_id": task_id,
        "hostname": hostname,
    }
    stored = False
    for key in keys or snapshot_keys(inputs):
        stored = snapshot_store(**run, key=key, inputs=inputs, result=None, error=reason) or stored
    complete(region_id=region_id, version=version, inputs=inputs)
    return stored
