"""The stored layout is computed by a real Celery worker (Redis broker, test database): placed by the
analysis run, laid anew by the re-layout task."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.layout.models import RegionLayout
from tests import factories
from tests.analysis_worker.worker import up_to_date, wait_for


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):
    """Autouse fixtures run first: the broker is emptied before ``network`` enqueues its run."""


pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _positions(region) -> dict[str, list[float]]:
    row = RegionLayout.objects.filter(region=region).first()
    return row.positions if row else {}


def test_the_worker_lays_out_new_regions_keeps_positions_and_relays_on_request(network, region, bob, start_worker):
    worker = start_worker()
    wait_for(lambda: up_to_date(region) and bool(_positions(region)), what="the analysis run and its layout")
    first = _positions(region)
    actors = {network["university"].pk, network["researcher"].pk, *(firm.pk for firm in network["firms"])}
    assert {int(actor) for actor in first} == actors

    newcomer = factories.OrganisationFactory(region=region, name="Newcomer")
    factories.InteractionFactory(region=region, source=newcomer, target=network["firms"][0])
    wait_for(lambda: str(newcomer.pk) in _positions(region), what="the newcomer to be placed by the next run")
    grown = _positions(region)
    assert {actor: grown[actor] for actor in first} == first, "placed actors never move on an update"

    api = APIClient()
    api.force_authenticate(bob)
    answer = api.post(reverse("api:region-layout", args=[region.pk]))
    assert answer.status_code == 202 and answer.json() == {"status": "queued"}
    wait_for(lambda: RegionLayout.objects.get(region=region).seed == 1, what="the worker's re-layout")
    relaid = RegionLayout.objects.get(region=region)
    assert relaid.relayout_requested_at is None and set(relaid.positions) == set(grown)
    assert relaid.positions != grown
    assert "coding.layout.tasks.relayout_region" in worker.log.read_text()
