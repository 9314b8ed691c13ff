"""The Celery task that computes one partition's figures on request (ids in, the service does the work).

The service is imported inside the task because ``services`` imports this task to enqueue it.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

from coding.worker.task_options import REDELIVERED_IF_WORKER_LOST


@shared_task(**REDELIVERED_IF_WORKER_LOST)
def compute_partition(
    region_id: int, wave_id: int | None, layer: str, attribute: str, input_version: int
) -> dict[str, Any]:
    """Compute and store the figures of one partition; a duplicate run overwrites with the same figures."""
    from coding.partitions.services import partition_compute

    return partition_compute(
        region_id=region_id, wave_id=wave_id, layer=layer, attribute_name=attribute, input_version=input_version
    )
