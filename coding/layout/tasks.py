"""The Celery task of the stored layout (an id in, the service does the work).

The service is imported inside the task because ``services`` imports this task to enqueue it.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import DatabaseError


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=2,
    retry_backoff_max=30,
    max_retries=3,
)
def relayout_region(region_id: int) -> dict[str, Any]:
    """Lay a region's network out from scratch; a duplicate run only lays it out once more."""
    from coding.layout.services import layout_update

    return layout_update(region_id=region_id, relayout=True)


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=2, retry_backoff_max=30, max_retries=3)
def layout_region(region_id: int) -> dict[str, Any]:
    """Place a region's new actors (all of them if it has no layout yet); placed actors stay."""
    from coding.layout.services import layout_update

    return layout_update(region_id=region_id)
