"""A partition asked for on request is computed by a real Celery worker (Redis broker, test database)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from coding.partitions.models import PartitionFigures
from coding.variables import services as variables
from tests.analysis_worker.worker import up_to_date, wait_for


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Autouse fixtures run first: the broker is emptied before ``network`` enqueues its run."""


pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_partition_by_a_variable_is_computed_by_the_worker(network, region, study, alice, start_worker):
    firms, university = network["firms"], network["university"]
    member = variables.variable_create(
        study=study, target="actor", name="association_member", label="Member", type="boolean"
    )
    variables.values_set(variable=member, values={firms[0].pk: True, firms[1].pk: True, university.pk: False})
    worker = start_worker()
    wait_for(lambda: up_to_date(region), what="the region's own analysis")

    api = APIClient()
    api.force_authenticate(alice)
    url = f"/api/regions/{region.pk}/analysis/partition/"
    first = api.get(url, {"attribute": "association_member", "layer": "cooperation"})
    assert first.status_code == 202, "the request does not wait for the figures"
    wait_for(
        lambda: PartitionFigures.objects.filter(region=region, attribute="association_member", status="ok").exists(),
        what="the worker to store the partition",
    )
    assert "coding.partitions.tasks.compute_partition" in worker.log.read_text(), "the worker, not the request"
    body = api.get(url, {"attribute": "association_member", "layer": "cooperation"}).json()
    assert body["status"] == "ok" and body["source"] == "request"
    figures = body["figures"]
    # Cooperation layer: the firm triangle. Firms 0, 1 are members, firm 2 has no value: pair 0-1 inside,
    # pairs 0-2 and 1-2 across; the university (no) and the researcher (no value) have no cooperation tie.
    assert figures["ei"] == {"index": (2 - 1) / 3, "external_edges": 2, "internal_edges": 1}
    assert {group["group"]: group["size"] for group in figures["groups"]} == {"true": 2, "false": 1, "(no value)": 2}
