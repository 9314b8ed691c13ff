"""The Celery task of the stored layout (an id in, the service does the work).

The service is imported inside the task because ``services`` imports this task to enqueue it.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from coding.worker.task_options import REDELIVERED_IF_WORKER_LOST, RETRIED_ON_DATABASE_ERRORS


@shared_task(**REDELIVERED_IF_WORKER_LOST)
def relayout_region(region_id: int) -> dict[str, Any]:
    """Lay a region's network out from scratch; a duplicate run only lays it out once more."""
    from coding.layout.services import layout_update

    return layout_update(region_id=region_id, relayout=True)


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
def layout_region(region_id: int) -> dict[str, Any]:
    """Place a region's new actors (all of them if it has no layout yet); placed actors stay."""
    from coding.layout.services import layout_update

    return layout_update(region_id=region_id)
