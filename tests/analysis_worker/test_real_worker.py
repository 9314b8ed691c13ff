"""End to end with a real Celery worker process (Redis broker, the pytest PostgreSQL database)."""

from __future__ import annotations

import re

import pytest

from coding.worker.models import AnalysisSnapshot
from tests.analysis_worker.worker import cooperation_edges, region_state, run_started, up_to_date, wait_for


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Autouse fixtures run first: the broker is emptied before ``network`` enqueues its run."""


# A run's end as Celery logs it, with the input version the run read.
RUN_VERSION = re.compile(r"recompute_region\[[^\]]+\] succeeded in [^:]+: \{'region': \d+, 'version': (\d+)")

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_worker_recomputes_after_an_interaction_edit(network, region, start_worker):
    start_worker()
    wait_for(lambda: up_to_date(region), what="the first computation")
    assert cooperation_edges(region) == 3  # the firm triangle

    tie = network["ties"][2]
    tie.mode_cooperation, tie.mode_rivalry = False, True
    tie.save()  # autocommit: on_commit enqueues at once
    assert not up_to_date(region)
    wait_for(lambda: up_to_date(region), what="the recomputation after the edit")
    assert cooperation_edges(region) == 2
    assert AnalysisSnapshot.objects.get(region=region, wave=None, layer="rivalry").result["metrics"]["edges"] == 2


def test_killed_worker_leaves_stale_then_restart_recomputes(network, region, start_worker):
    slow = start_worker(ANALYSIS_TEST_DELAY_SECONDS="30")
    # The task clears the queued marker when it starts: then it sleeps inside the run.
    wait_for(lambda: run_started(region), what="the run to start")
    slow.kill()
    assert not up_to_date(region), "nothing was stored by the killed run"
    assert not AnalysisSnapshot.objects.filter(region=region, status="ok").exists()

    start_worker()  # its startup sweep re-enqueues the stale region (no manual step)
    wait_for(lambda: up_to_date(region), what="the recomputation after the restart")
    assert cooperation_edges(region) == 3


def test_a_burst_of_edits_yields_a_handful_of_runs(network, region, start_worker):
    worker = start_worker()
    wait_for(lambda: up_to_date(region), what="the first computation")
    before = region_state(region).version

    tie = network["ties"][1]
    for value in range(50):  # fifty separate commits, like fifty quick saves in the browser
        tie.rating_time = value % 5
        tie.save()
    wait_for(lambda: up_to_date(region), what="the recomputation after the burst")
    wait_for(lambda: "succeeded" in worker.log.read_text().rsplit("recompute_region[", 1)[-1], what="the log")
    # Runs of the burst: those that read a version after it began. A run queued before the burst (the
    # startup sweep's) that the edits joined counts; the first computation does not.
    versions = [int(v) for v in RUN_VERSION.findall(worker.log.read_text())]
    runs = sum(version > before for version in versions)
    print(f"50 edits -> {runs} run(s)")
    assert 1 <= runs <= 5
    assert region_state(region).version == region_state(region).computed_version


def test_a_run_overtaken_by_an_edit_stores_its_results_and_the_next_run_replaces_them(network, region, start_worker):
    worker = start_worker(ANALYSIS_TEST_DELAY_SECONDS="4")  # every run waits 4 s before it computes
    wait_for(lambda: run_started(region), what="the first run to start")
    first = region_state(region).version
    tie = network["ties"][2]
    tie.mode_cooperation, tie.mode_rivalry = False, True
    tie.save()  # commits while the worker holds the older version
    # The overtaken run stores what it computed, marked with the version it read.
    wait_for(
        lambda: AnalysisSnapshot.objects.filter(region=region, wave=None, layer="all", input_version=first).exists(),
        what="the overtaken run's all/all snapshot",
    )
    wait_for(lambda: up_to_date(region), timeout=60, what="the run of the edited version")
    log = worker.log.read_text()
    assert "changed during its analysis" in log
    assert "'stored': False" not in log, "no run threw its work away"
    assert "'overtaken': True" in log
    assert cooperation_edges(region) == 2, "what is stored now is the edited network"
    assert set(AnalysisSnapshot.objects.filter(region=region).values_list("input_version", flat=True)) == {first + 1}
    assert not AnalysisSnapshot.objects.filter(region=region).exclude(status="ok").exists()
