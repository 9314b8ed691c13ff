"""The analysis never stays stuck: killed workers, the soft time limit, eager mode.

Real Celery workers on Redis and the pytest PostgreSQL database; each worker is killed with
SIGKILL at a chosen moment of a run (the ``ANALYSIS_TEST_*_DELAY_SECONDS`` hooks hold it there),
and a new worker must bring the region up to date with no manual step.
"""

from __future__ import annotations

import re
import time

import pytest
import redis
from django.conf import settings
from django.urls import reverse

from cluster_site.celery import app as celery_app
from coding.worker.models import AnalysisSnapshot, SnapshotStatus
from coding.worker.services import requeue_stale
from tests.analysis_worker.worker import (
    Worker,
    cooperation_edges,
    flush_broker,
    region_state,
    run_started,
    up_to_date,
    wait_for,
)


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Autouse fixtures run first: the broker is emptied before ``network`` enqueues its run."""


def _runs_ended(worker: Worker) -> bool:
    """Every task of the analysis (runs, their groups' snapshots, the stability follow-ups) has ended:
    none waits in the queue and each the worker received has ended."""
    log = worker.log.read_text(errors="replace")
    queued = redis.Redis.from_url(settings.CELERY_BROKER_URL).llen(settings.CELERY_TASK_DEFAULT_QUEUE)
    return queued == 0 and len(re.findall(r"coding\.worker\.tasks\.\w+\[[^\]]+\] received", log)) == len(
        re.findall(r"coding\.worker\.tasks\.\w+\[[^\]]+\] succeeded", log)
    )


def _edit_cooperation_away(network) -> None:
    tie = network["ties"][2]
    tie.mode_cooperation, tie.mode_rivalry = False, True
    tie.save()  # autocommit: on_commit enqueues at once, with the debounce countdown


def _recovers(region, start_worker, moment: str) -> float:
    """Start a plain worker and return the seconds until the region is up to date again."""
    started = time.monotonic()
    start_worker()
    wait_for(lambda: up_to_date(region), timeout=60, what=f"the recovery after a kill {moment}")
    seconds = time.monotonic() - started
    print(f"recovery after a kill {moment}: {seconds:.1f} s")
    return seconds


@pytest.mark.worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_the_debounce_is_recovered_by_the_next_worker(
    network, region, start_worker, monkeypatch
):
    from coding.worker import services

    # A small region's debounce (a tenth of a second) is too short to kill the worker inside it
    # reliably; the edit is enqueued in this process, so its countdown is two seconds.
    monkeypatch.setattr(services, "DEBOUNCE_MIN_SECONDS", 2.0)
    first = start_worker()
    wait_for(lambda: up_to_date(region), what="the first computation")
    # The startup sweep may have queued a second run of the first computation: let it end, or it
    # would run the edit itself while the edit's own message waits out its countdown.
    wait_for(lambda: _runs_ended(first), what="the worker's earlier runs to end")
    _edit_cooperation_away(network)
    # The worker holds the message while its countdown runs: kill it then.
    task_id = region_state(region).task_id
    wait_for(lambda: f"recompute_region[{task_id}] received" in first.log.read_text(), timeout=10, what="the run")
    first.kill()
    assert region_state(region).enqueued_at is not None, "killed inside the debounce: the region is still marked queued"
    assert not up_to_date(region)

    assert _recovers(region, start_worker, "during the debounce") < 30
    assert cooperation_edges(region) == 2


@pytest.mark.worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_computing_is_recovered_by_the_next_worker(network, region, start_worker):
    slow = start_worker(ANALYSIS_TEST_DELAY_SECONDS="30")
    wait_for(lambda: run_started(region), what="the run to start")
    time.sleep(1)
    slow.kill()
    assert not up_to_date(region)

    assert _recovers(region, start_worker, "while computing") < 30
    assert cooperation_edges(region) == 3
    assert not AnalysisSnapshot.objects.filter(region=region).exclude(status=SnapshotStatus.OK).exists()


@pytest.mark.worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_storing_is_recovered_by_the_next_worker(network, region, start_worker):
    slow = start_worker(ANALYSIS_TEST_STORE_DELAY_SECONDS="30")
    wait_for(lambda: run_started(region), what="the run to start")
    time.sleep(3)  # computing this small network takes well under a second: it is now storing
    slow.kill()
    assert not up_to_date(region), "the killed transaction stored nothing"

    assert _recovers(region, start_worker, "while storing") < 30
    assert cooperation_edges(region) == 3
    assert not AnalysisSnapshot.objects.filter(region=region).exclude(status=SnapshotStatus.OK).exists()


@pytest.mark.worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_run_past_the_soft_time_limit_fails_with_its_reason_until_the_data_change(network, region, start_worker):
    # A prefork worker (solo ignores time limits) whose run takes 8 s against a soft limit of 2 s:
    # Celery raises SoftTimeLimitExceeded inside the task, mid-run.
    # Celery puts the sender's time limits on each message (the test process's are the defaults):
    # drop the run the fixtures queued, so the one this worker runs is the one its own sweep sends.
    flush_broker()
    slow = start_worker(
        pool="prefork", ANALYSIS_TEST_DELAY_SECONDS="8", CELERY_TASK_SOFT_TIME_LIMIT="2", CELERY_TASK_TIME_LIMIT="30"
    )
    wait_for(lambda: up_to_date(region), timeout=60, what="the over-time run to record its outcome")
    snapshots = list(AnalysisSnapshot.objects.filter(region=region))
    assert snapshots
    for snapshot in snapshots:
        assert snapshot.status == SnapshotStatus.FAILED
        assert "longer than the time limit of 2 seconds" in snapshot.error
    assert "exceeded the soft time limit of 2s" in slow.log.read_text(errors="replace")
    # This version has its (failed) outcome: neither sweep repeats it.
    assert requeue_stale() == []
    assert requeue_stale(ignore_markers=True) == []
    slow.stop()

    _edit_cooperation_away(network)  # new data: the region is stale again and is tried afresh
    assert not up_to_date(region)
    start_worker()
    wait_for(lambda: up_to_date(region), timeout=60, what="the run after the data changed")
    assert cooperation_edges(region) == 2
    assert not AnalysisSnapshot.objects.filter(region=region).exclude(status=SnapshotStatus.OK).exists()


@pytest.fixture
def eager():
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.mark.django_db
def test_eager_mode_shows_the_results_it_just_computed_as_current(
    eager, client, network, region, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _edit_cooperation_away(network)  # the run executes inside the enqueue, before it returns
    client.force_login(alice)
    status = client.get(reverse("analysis:region-status", args=[region.pk]), {"layer": "cooperation"}).json()
    assert status["status"] == "ok"
    assert status["input_version"] == status["current_version"]
    assert cooperation_edges(region) == 2
