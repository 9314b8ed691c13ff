"""Re-enqueue the analysis of every stale region (run at startup, from cron or celery beat)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import F

from coding.worker.models import RegionAnalysisState
from coding.worker.pipeline import region_recompute
from coding.worker.services import requeue_stale


class Command(BaseCommand):
    help = "Enqueue the recomputation of regions whose analysis is behind their data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Compute in this process instead of enqueueing.")

    def handle(self, *args: Any, now: bool = False, **options: Any) -> None:
        if not now:
            queued = requeue_stale()
            self.stdout.write(f"Enqueued {len(queued)} stale region(s).")
            return
        stale_states = RegionAnalysisState.objects.filter(computed_version__lt=F("version"))
        stale = list(stale_states.values_list("region_id", flat=True))
        for region_id in stale:
            region_recompute(region_id=region_id, input_version=None, task_id="")
        self.stdout.write(f"Recomputed {len(stale)} region(s).")
