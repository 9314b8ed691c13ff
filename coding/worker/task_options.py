"""Celery options of the tasks that compute on request (a partition's figures, a region's layout).

A database error (a restart, a failover) retries the task with backoff; ``acks_late`` keeps the
message in the broker until the task has run, so a worker that dies mid-run leaves it for the next.
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError
from kombu.transport.redis import PRIORITY_STEPS, Channel

RETRIED_ON_DATABASE_ERRORS: dict[str, Any] = {
    "acks_late": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 2,
    "retry_backoff_max": 30,
    "max_retries": 3,
}

# Also redelivered when the worker process is killed mid-run (``reject_on_worker_lost``): for tasks
# whose duplicate run is harmless.
REDELIVERED_IF_WORKER_LOST: dict[str, Any] = {**RETRIED_ON_DATABASE_ERRORS, "reject_on_worker_lost": True}


def redis_queue_keys(queue: str) -> list[str]:
    """The Redis lists of ``queue``, one per priority step (kombu names all but the first with a
    separator and the step): emptying a queue (tests, benchmarks) empties them all."""
    return [queue, *(f"{queue}{Channel.sep}{step}" for step in PRIORITY_STEPS if step)]
