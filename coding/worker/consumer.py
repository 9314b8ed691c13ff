"""The worker's consumer, adjusted for broker outages (Celery 5.7 with kombu 5.7 on Redis).

Two things went wrong when the broker's Redis went away under a running worker, both measured in
``tests/analysis_worker/test_redis_down.py``:

1. **The worker exited.** Celery 5.7 handles a lost connection by first collecting and then
   closing it. If the worker held an unacknowledged message at that moment (here: almost always,
   a recompute waiting out its debounce countdown), collecting fails to hand that message back to
   the unreachable Redis and releases the transport; closing then tries again, asks the released
   transport for its address and raises ``AttributeError``, which Celery reports as
   "Unrecoverable error" before shutting the worker down. We let exactly that close fail quietly:
   the message stays in Redis's unacknowledged set (kombu delivers it again after the visibility
   timeout, and a repeated run of stored work is skipped), and the stale sweep that runs on every
   reconnection (``tasks.StaleAnalysisSweep``) queues the region at once anyway.
2. **Reconnecting took up to 30 s after Redis was back**, since kombu spaces attempts 2, 4, ... 30 s
   apart. Edits made during the outage could enqueue nothing and waited for that reconnection.
   Attempts are spaced at most ``CELERY_BROKER_RECONNECT_MAX_SECONDS`` (default 2) apart here; an
   attempt is one TCP connect to Redis.

Both are small overrides of Celery's own consumer rather than a consumer of our own; Celery has no
setting for either.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from celery.worker.consumer import Consumer
from django.conf import settings

logger = logging.getLogger(__name__)


class OutageTolerantConsumer(Consumer):
    def on_connection_error_after_connected(self, exc: BaseException) -> None:
        try:
            super().on_connection_error_after_connected(exc)
        except AttributeError as error:
            # The lost connection's transport was already released (point 1 of the docstring).
            logger.warning("Broker connection lost; its unacknowledged messages wait in Redis (%s)", error)

    def ensure_connected(self, conn: Any) -> Any:
        wait = float(settings.CELERY_BROKER_RECONNECT_MAX_SECONDS)
        conn.ensure_connection = functools.partial(
            conn.ensure_connection, interval_start=min(1.0, wait), interval_step=1, interval_max=wait
        )
        return super().ensure_connected(conn)
