"""The snapshot API: records with their count, a sample and the address of all their ties."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from tests.evidence.conftest import chain_of_ties

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_record_gives_its_count_its_sample_and_the_address_of_all_its_ties(region, stored, carol):
    tie_ids = chain_of_ties(region, 130)
    snapshot = stored(region, tie_ids)
    client = _client(carol)
    data = client.get(reverse("api:snapshot-detail", args=[snapshot.pk])).json()
    regime = data["result"]["classifications"][0]
    assert (regime["tie_count"], regime["tie_ids"]) == (130, tie_ids[:20])
    assert regime["evidence_url"].endswith(f"/api/snapshots/{snapshot.pk}/evidence/?record=coordination_regime")
    assert "evidence" not in data  # the full lists leave the database for the evidence action only

    first = client.get(regime["evidence_url"]).json()
    assert (first["count"], first["page"], first["pages"], first["previous"]) == (130, 1, 2, None)
    assert [tie["id"] for tie in first["results"]] == tie_ids[:100]
    assert first["results"][0]["label"] == "Firm 0000 – Firm 0001"
    second = client.get(first["next"]).json()
    assert [tie["id"] for tie in second["results"]] == tie_ids[100:] and second["next"] is None


def test_a_result_stored_before_the_split_reads_with_its_full_count(region, stored, carol):
    tie_ids = chain_of_ties(region, 25)
    snapshot = stored(region, tie_ids, split=False)
    data = _client(carol).get(reverse("api:snapshot-detail", args=[snapshot.pk])).json()
    regime = data["result"]["classifications"][0]
    assert regime["tie_count"] == 25 and regime["tie_ids"] == tie_ids
    assert [tie["id"] for tie in _client(carol).get(regime["evidence_url"]).json()["results"]] == tie_ids


def test_the_evidence_action_refuses_outsiders_and_bad_parameters(region, stored, carol, mallory):
    snapshot = stored(region, chain_of_ties(region, 3))
    url = reverse("api:snapshot-evidence", args=[snapshot.pk])
    assert APIClient().get(url, {"record": "coordination_regime"}).status_code in (401, 403)
    assert _client(mallory).get(url, {"record": "coordination_regime"}).status_code == 404
    client = _client(carol)
    assert client.get(url).status_code == 400
    assert client.get(url, {"record": "coordination_regime", "page": "x"}).status_code == 400
    assert client.get(url, {"record": "coordination_regime", "page": "2"}).status_code == 400
    assert client.get(url, {"record": "structure"}).status_code == 404


@pytest.mark.parametrize("ties", [5, 300])
def test_the_evidence_action_costs_the_same_queries_for_few_ties_as_for_many(
    region, stored, carol, ties, django_assert_max_num_queries
):
    tie_ids = chain_of_ties(region, ties)
    coding = factories.CodingFactory(interview=factories.InterviewFactory(region=region))
    for tie in region.interactions.filter(pk__in=tie_ids[:40]):
        tie.evidence.add(coding)
    snapshot = stored(region, tie_ids)
    client = _client(carol)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("api:snapshot-evidence", args=[snapshot.pk]), {"record": "coordination_regime"})
    assert len(response.json()["results"]) == min(ties, 100)


def test_the_evidence_action_gives_a_records_whole_actor_list_and_long_figures(region, carol):
    from coding.worker.evidence import snapshot_fields
    from coding.worker.models import AnalysisSnapshot, SnapshotStatus
    from tests.evidence.conftest import record

    pairs = [{"actors": [a, a + 1], "tie_ids": [a], "modes": ["cooperation", "rivalry"]} for a in range(1, 26)]
    regime = record("coordination_regime", [1], actor_ids=list(range(1, 61)), figures={"coopetition_pairs": pairs})
    result = {"metrics": {}, "actors": [], "ties": [], "classifications": [regime]}
    snapshot = AnalysisSnapshot.objects.create(
        region=region, layer="all", status=SnapshotStatus.OK, input_version=1, **snapshot_fields(result)
    )
    client = _client(carol)
    stored = client.get(reverse("api:snapshot-detail", args=[snapshot.pk])).json()["result"]["classifications"][0]
    assert len(stored["actor_ids"]) == 50 and stored["actor_count"] == 60  # the first 50 of 60
    assert stored["figure_counts"] == {"coopetition_pairs": 25}
    whole = client.get(stored["evidence_url"]).json()
    assert whole["actor_ids"] == list(range(1, 61))
    assert whole["figures"] == {"coopetition_pairs": pairs}
