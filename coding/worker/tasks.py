"""Celery tasks of the stored analysis: they take ids and call the services in ``services``.

The services are imported inside each task, because ``services`` imports ``recompute_region`` to
enqueue it (the HackSoft Django Styleguide's way out of that cycle).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from celery import bootsteps, shared_task
from django.db import DatabaseError

if TYPE_CHECKING:
    from celery import Task

logger = logging.getLogger(__name__)

# A region's run and each of its snapshot tasks: retried on database errors with backoff, and
# redelivered if the worker dies mid-run (a duplicate run stores the same rows again).
ANALYSIS_RUN: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(**ANALYSIS_RUN)
def recompute_region(self: Task, region_id: int, input_version: int | None = None) -> dict[str, Any]:
    """Store a region's "all ties, all waves" snapshot, then send the others as a group of
    ``recompute_snapshot`` tasks (computed here when called directly or eagerly); safe to run twice
    or out of order."""
    from coding.worker.pipeline import region_recompute

    spread = not self.request.called_directly and not self.request.is_eager
    return region_recompute(
        region_id=region_id,
        input_version=input_version,
        task_id=self.request.id or "",
        hostname=self.request.hostname or "",
        spread=spread,
    )


@shared_task(**ANALYSIS_RUN)
def recompute_snapshot(
    self: Task,
    region_id: int,
    input_version: int,
    wave_id: int | None,
    layer: str,
    keys: list[tuple[int | None, str]] | None = None,
) -> dict[str, Any]:
    """Derive and store snapshots of a region's run (one task of ``recompute_region``'s group):
    ``keys`` (wave, layer) pairs, or the one of ``wave_id`` and ``layer`` (as sent before keys were)."""
    from coding.worker.pipeline import snapshot_recompute

    return snapshot_recompute(
        region_id=region_id,
        version=input_version,
        keys=[(wave, name) for wave, name in keys] if keys else [(wave_id, layer)],
        task_id=self.request.id or "",
        hostname=self.request.hostname or "",
    )


# On Redis a worker takes messages of a higher priority (a lower number; kombu's steps 0, 3, 6, 9)
# before lower ones: an edit's recomputation goes before the follow-ups of an earlier run, which
# take seconds a layer (the filesystem broker of the embedded default ignores priorities).
FOLLOW_UP_PRIORITY = 9


@shared_task(
    acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=2, max_retries=5, priority=FOLLOW_UP_PRIORITY
)
def compute_stability(region_id: int, input_version: int, layer: str) -> dict[str, Any]:
    """Add stability and caveats to one layer's stored snapshots of a region (after ``recompute_region``)."""
    from coding.worker.services import region_stability

    return region_stability(region_id=region_id, input_version=input_version, layer=layer)


@shared_task(acks_late=True)
def requeue_stale_regions() -> list[int]:
    """Periodic sweep (celery beat) behind ``manage.py recompute_stale``; also re-sends lost stability
    runs and lays out analysed regions without a layout."""
    from coding.layout.services import requeue_missing_layouts
    from coding.worker.services import requeue_missing_stability, requeue_stale

    queued = requeue_stale()
    requeue_missing_stability()
    requeue_missing_layouts()
    return queued


class StaleAnalysisSweep(bootsteps.StartStopStep):
    """Each time this worker connects to the broker, it re-queues every stale analysis.

    A consumer step starts on the worker's first connection and again after every reconnection,
    which is exactly when queued runs may have been lost: a killed worker takes the messages it
    held (a run waiting out its countdown, one half computed) with it, a restarted broker may drop
    its queue, and edits made while the broker was down could enqueue nothing. Registered in
    ``cluster_site.celery``.
    """

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def start(self, parent: object) -> None:
        from coding.layout.services import requeue_missing_layouts
        from coding.worker.services import requeue_missing_stability, requeue_stale

        try:
            queued = requeue_stale(ignore_markers=True)
            requeue_missing_stability()
            requeue_missing_layouts()
        except Exception:
            logger.exception("The sweep of stale analyses on connecting to the broker failed")
        else:
            logger.info("Broker connected: enqueued the analysis of %d stale region(s)", len(queued))
