"""Celery tasks of the stored analysis: they take ids and call the services in ``services``.

The services are imported inside each task, because ``services`` imports ``recompute_region`` to
enqueue it (the HackSoft Django Styleguide's way out of that cycle).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from celery import shared_task
from celery.signals import worker_ready
from django.db import DatabaseError

if TYPE_CHECKING:
    from celery import Task

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def recompute_region(self: Task, region_id: int, input_version: int | None = None) -> dict[str, Any]:
    """Recompute and store every snapshot of a region; safe to run twice or out of order."""
    from coding.worker.services import region_recompute

    return region_recompute(region_id=region_id, input_version=input_version, task_id=self.request.id or "")


@shared_task(acks_late=True)
def requeue_stale_regions() -> list[int]:
    """Periodic sweep (celery beat) behind ``manage.py recompute_stale``."""
    from coding.worker.services import requeue_stale

    return requeue_stale()


@worker_ready.connect(dispatch_uid="analysis_sweep_on_worker_start")
def _sweep_on_worker_start(**kwargs: object) -> None:
    """A (re)started worker picks up regions left stale by a crash or a broker outage."""
    from coding.worker.services import requeue_stale

    try:
        queued = requeue_stale()
    except Exception:
        logger.exception("The startup sweep of stale analyses failed")
    else:
        logger.info("Startup sweep enqueued the analysis of %d stale region(s)", len(queued))
