"""A PATCH (or PUT) that changes no value writes nothing: no save, no new version, no history row,
no stale analysis; it answers 200 with the record as it was."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.worker.models import RegionAnalysisState
from tests import factories

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def rows(region):
    person = factories.PersonFactory(region=region)
    interview = factories.InterviewFactory(region=region)
    interview.interviewees.add(person)
    coding = factories.CodingFactory(interview=interview)
    tie = factories.InteractionFactory(region=region)
    tie.evidence.add(coding)
    outcome = factories.OutcomeFactory(region=region)
    outcome.actors.add(person)
    outcome.evidence.add(coding)
    return {"actor": person, "interview": interview, "coding": coding, "interaction": tie, "outcome": outcome}


def footprint(row, region):
    """What a write would move: the row's timestamp, its history and the region's data version."""
    row.refresh_from_db()
    history = row.history.count() if hasattr(row, "history") else None
    return row.updated_at, history, RegionAnalysisState.objects.get(region=region).version


@pytest.mark.parametrize("basename", ["actor", "interview", "coding", "interaction", "outcome"])
@pytest.mark.parametrize("body", ["empty", "same values"], ids=["empty", "same"])
def test_a_patch_changing_nothing_writes_nothing(
    basename, body, rows, alice, region, django_capture_on_commit_callbacks
):
    row = rows[basename]
    url = reverse(f"api:{basename}-detail", args=[row.pk])
    client = api_for(alice)  # a lead may change every record, codings of others too
    loaded = client.get(url)
    before = footprint(row, region)
    data = {} if body == "empty" else {k: v for k, v in loaded.json().items() if k not in ("id", "coder", "quote")}
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.patch(url, data, format="json", HTTP_IF_MATCH=loaded["ETag"])
    assert response.status_code == 200, response.content
    assert response.json() == loaded.json()
    assert response["ETag"] == loaded["ETag"]
    assert footprint(row, region) == before
    assert callbacks == []  # no recomputation queued


def test_a_patch_changing_one_value_still_writes(rows, bob, region):
    row = rows["interaction"]
    before = footprint(row, region)
    response = api_for(bob).patch(reverse("api:interaction-detail", args=[row.pk]), {"memo": "new"}, format="json")
    assert response.status_code == 200 and response.json()["memo"] == "new"
    after = footprint(row, region)
    assert after[0] > before[0] and after[1] == before[1] + 1 and after[2] == before[2] + 1


def test_an_empty_patch_from_a_stale_copy_is_still_a_412(rows, bob, region):
    row = rows["actor"]
    url = reverse("api:actor-detail", args=[row.pk])
    client = api_for(bob)
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"name": "Renamed"}, format="json").status_code == 200
    assert client.patch(url, {}, format="json", HTTP_IF_MATCH=etag).status_code == 412
