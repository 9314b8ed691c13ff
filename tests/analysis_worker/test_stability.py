"""The stability follow-up run: stored after the snapshots, shown on the page and in the API.

The ``network`` fixture's organisations are three firms and a university; only the university's
researcher was interviewed, so the actor constellation (decided by the firms: issue 19 judges it
among firms only) has none of its 3 deciding actors interviewed: tentative. The fixture's firms have
no size band, so no SME–SME share can be read and every resample keeps the label.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coding.analysis.layers import LAYERS
from coding.worker import tasks
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from coding.worker.services import requeue_missing_stability, stability_store
from tests.analysis_worker.worker import up_to_date, wait_for

CONSTELLATION = "tentative: 3 of 3 deciding actors not interviewed"


def _version(region) -> int:
    return RegionAnalysisState.objects.get(region=region).version


def _computed(region) -> None:
    tasks.recompute_region(region.pk, _version(region))


def _all_ties(region) -> AnalysisSnapshot:
    return AnalysisSnapshot.objects.get(region=region, wave=None, layer="all")


def _record(snapshot: AnalysisSnapshot, name: str) -> dict:
    return next(record for record in snapshot.result["classifications"] if record["name"] == name)


def test_the_page_says_being_computed_until_the_follow_up_run_stored_the_stability(client, network, region, alice):
    network["ties"][2].confidence = "low"
    network["ties"][2].save()
    _computed(region)
    client.force_login(alice)
    url, status_url = reverse("analysis:region", args=[region.pk]), reverse("analysis:region-status", args=[region.pk])
    page = client.get(url).content.decode()
    assert "<strong>Stability:</strong> being computed" in page
    assert client.get(status_url).json()["stability"] == "computing"

    tasks.compute_stability(region.pk, _version(region), "all")
    page = client.get(url).content.decode()
    assert "being computed" not in page
    assert client.get(status_url).json()["stability"] == "computed"
    record = _record(_all_ties(region), "actor_constellation")
    assert record["stability"]["sentence"] in page
    assert record["stability"]["sentence"] == (
        "kept in 100% of 500 resamples dropping 10% of ties (1 of 4); "
        f"same without the 1 low-confidence tie; {CONSTELLATION}"
    )
    assert 'data-role="tentative"' in page


def test_the_api_snapshot_carries_the_stability_and_its_state(client, network, region, alice):
    _computed(region)
    client.force_login(alice)
    url = reverse("api:snapshot-detail", args=[_all_ties(region).pk])
    assert client.get(url).json()["stability"] == "computing"
    tasks.compute_stability(region.pk, _version(region), "all")
    body = client.get(url).json()
    assert body["stability"] == "computed"
    record = next(item for item in body["result"]["classifications"] if item["name"] == "actor_constellation")
    assert record["stability"]["interviews"]["tentative"] is True
    assert record["stability"]["resampling"]["kept_share"] == 1.0


def test_a_run_for_an_older_version_stores_nothing(network, region):
    _computed(region)
    old = _version(region)
    network["ties"][1].rating_time = 2
    network["ties"][1].save()
    _computed(region)
    assert tasks.compute_stability(region.pk, old, "all")["skipped"]
    assert "stability" not in _all_ties(region).result


def test_checks_stop_at_their_next_derivation_once_an_edit_changes_the_region(network, region, monkeypatch):
    from django.db.models import F

    from coding.worker import services

    _computed(region)
    version = _version(region)
    calls = []
    derive = services.derive_from_inputs

    def derive_then_edit(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # an edit arrives while the checks' first derivation runs
            RegionAnalysisState.objects.filter(region=region).update(version=F("version") + 1)
        return derive(*args, **kwargs)

    monkeypatch.setattr(services, "derive_from_inputs", derive_then_edit)
    answer = tasks.compute_stability(region.pk, version, "all")
    # The resampling checks derive the layer many times (stability_runs); they stopped at the second.
    assert answer["skipped"] == "the region changed; a newer run follows"
    assert len(calls) == 1
    assert "stability" not in _all_ties(region).result


def test_checks_of_a_result_replaced_meanwhile_are_not_written_over_it(network, region):
    _computed(region)
    snapshot = _all_ties(region)
    earlier = snapshot.computed_at - timedelta(seconds=1)  # the checks were computed for an older store
    key = {"snapshot_id": snapshot.pk, "input_version": snapshot.input_version, "entries": {}}
    assert stability_store(**key, computed_at=earlier, summary={"status": "ok"}) == 0
    assert "stability" not in _all_ties(region).result
    assert stability_store(**key, computed_at=snapshot.computed_at, summary={"status": "ok"}) == 1
    assert _all_ties(region).result["stability"] == {"status": "ok"}


def test_results_left_without_stability_are_sent_again_by_the_sweep(network, region):
    _computed(region)
    assert requeue_missing_stability() == 0  # just stored: its follow-up run is on its way
    AnalysisSnapshot.objects.filter(region=region).update(computed_at=timezone.now() - timedelta(minutes=6))
    assert requeue_missing_stability() == len(LAYERS)  # one run per layer
    tasks.compute_stability(region.pk, _version(region), "all")
    assert requeue_missing_stability() == len(LAYERS)  # the other layers still lack it


@pytest.mark.worker
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_fills_the_stability_of_every_layer_after_storing(clean_broker, network, region, start_worker):
    start_worker()
    wait_for(lambda: up_to_date(region), what="the computation")

    def filled() -> bool:
        snapshots = AnalysisSnapshot.objects.filter(region=region)
        return all("stability" in (snapshot.result or {}) for snapshot in snapshots)

    wait_for(filled, timeout=120, what="the stability of every snapshot")
    snapshot = _all_ties(region)
    assert snapshot.result["stability"]["status"] == "ok" and snapshot.result["stability"]["runs"] == 500
    assert _record(snapshot, "actor_constellation")["stability"]["sentence"].endswith(CONSTELLATION)
    assert all("stability" in record for record in snapshot.result["classifications"])
