"""A real Celery worker process against the pytest database and this run's Redis db."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import redis
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from coding.analysis.derive import derive_region
from coding.worker.evidence import snapshot_fields
from coding.worker.loader import RegionInputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from coding.worker.task_options import redis_queue_keys

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).parent / "celery"
# Each worker gets a node name of its own: snapshots record which one computed them.
_NODES = count()


def broker_url() -> str:
    return settings.CELERY_BROKER_URL


def flush_broker() -> None:
    """Forget messages of earlier tests (this session's own queue only: others may share the db)."""
    redis.Redis.from_url(broker_url()).delete(*redis_queue_keys(settings.CELERY_TASK_DEFAULT_QUEUE))


class Worker:
    def __init__(self, log: Path, pool: str = "solo", **extra_env: str) -> None:
        """``pool="prefork"`` (one child) where Celery's time limits must apply: solo ignores them."""
        db = settings.DATABASES["default"]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cluster_site.settings_test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": broker_url(),
            "CELERY_BROKER_URL": broker_url(),
            "CELERY_RESULT_BACKEND": broker_url(),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            # The log goes to a file, block-buffered by default: tests that read it mid-run would
            # see lines late (a burst's runs counted as none).
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
        env.pop("DATABASE_TEST_NAME", None)
        self.log = log
        self.process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "cluster_site",
                "worker",
                "-P",
                pool,
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"h4-{os.getpid()}-{next(_NODES)}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL, as an out-of-memory kill or a pulled plug would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition: Callable[[], bool], timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"Timed out after {timeout}s waiting for {what}")


def region_state(region) -> RegionAnalysisState:
    return RegionAnalysisState.objects.get(region=region)


def up_to_date(region) -> bool:
    """The stored results are of the region's current data."""
    state = region_state(region)
    return state.computed_version == state.version


def run_started(region) -> bool:
    """The task clears the queued marker as it starts (``enqueue_recompute`` set the task id)."""
    state = region_state(region)
    return state.enqueued_at is None and bool(state.task_id)


def cooperation_edges(region) -> int:
    """Ties in the stored cooperation layer, all waves."""
    return AnalysisSnapshot.objects.get(region=region, wave=None, layer="cooperation").result["metrics"]["edges"]


def comparable(value: Any) -> Any:
    """As stored (JSON), without the stability checks the follow-up runs add afterwards."""
    plain = json.loads(json.dumps(value, cls=DjangoJSONEncoder))

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: strip(item) for key, item in node.items() if key != "stability"}
        if isinstance(node, list):
            return [strip(item) for item in node]
        return node

    return strip(plain)


def stored_as_derived_now(snapshot: AnalysisSnapshot, inputs: RegionInputs) -> dict[str, Any]:
    """The ``result`` and ``evidence`` a run storing ``snapshot`` from ``inputs`` writes: records with
    a count and a sample, the full lists apart; the null model still pending unless its follow-up
    ran (``coding.worker.null_follow_up``)."""
    derived = derive_region(
        inputs.actors,
        inputs.ties,
        inputs.outcomes,
        inputs.settings,
        layer=snapshot.layer,
        wave_id=snapshot.wave_id,
        wave_order=inputs.wave_ids,
        null_models="null_model_pending" not in snapshot.result,
    )
    return comparable(snapshot_fields(derived))
