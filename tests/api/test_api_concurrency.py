"""Optimistic locking of API updates: a PUT/PATCH from a stale copy is refused (review rev2 3a).

GET of a detail sends an ETag (the version token of the page forms); a write whose ``If-Match``
no longer matches answers 412 and writes nothing. Without ``If-Match`` writes are accepted.
"""

from __future__ import annotations

from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Actor
from tests import factories


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_put_from_a_stale_copy_does_not_overwrite_a_newer_page_edit(alice, bob, region):
    actor = factories.OrganisationFactory(region=region, name="Elmos", org_type="firm_large")
    url = reverse("api:actor-detail", args=[actor.pk])
    loaded = api_for(alice).get(url)
    assert loaded.has_header("ETag")
    # Bob edits the actor on its page meanwhile (with the page's own optimistic lock, which passes).
    page = APIClient()
    page.force_login(bob)
    token = page.get(reverse("cases:actor-edit", args=[actor.pk])).context["form"]["loaded_version"].initial
    response = page.post(
        reverse("cases:actor-edit", args=[actor.pk]),
        {"kind": "organisation", "name": "Elmos", "location": "inside", "org_type": "firm_large",
         "description": "Bob's notes", "loaded_version": token},
    )  # fmt: skip
    assert response.status_code == 302
    stale = {**loaded.json(), "name": "Elmos Semiconductor"}
    response = api_for(alice).put(url, stale, format="json", HTTP_IF_MATCH=loaded["ETag"])
    assert response.status_code == 412, response.content
    assert Actor.objects.get(pk=actor.pk).description == "Bob's notes"
    assert Actor.objects.get(pk=actor.pk).name == "Elmos"


def test_a_patch_with_the_current_etag_is_saved_and_answers_the_new_one(bob, region):
    tie = factories.InteractionFactory(region=region)
    url = reverse("api:interaction-detail", args=[tie.pk])
    client = api_for(bob)
    etag = client.get(url)["ETag"]
    response = client.patch(url, {"memo": "first"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response["ETag"] != etag
    again = client.patch(url, {"memo": "second"}, format="json", HTTP_IF_MATCH=etag)
    assert again.status_code == 412
    tie.refresh_from_db()
    assert tie.memo == "first"


def test_a_write_without_if_match_is_accepted(bob, region):
    actor = factories.OrganisationFactory(region=region)
    response = api_for(bob).patch(reverse("api:actor-detail", args=[actor.pk]), {"name": "Renamed"}, format="json")
    assert response.status_code == 200, response.content
    actor.refresh_from_db()
    assert actor.name == "Renamed"


def test_waves_carry_a_version_too(alice, region):
    wave = factories.WaveFactory(region=region)
    url = reverse("api:wave-detail", args=[wave.pk])
    etag = api_for(alice).get(url)["ETag"]
    assert api_for(alice).patch(url, {"label": "Spring"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = api_for(alice).patch(url, {"label": "Autumn"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    wave.refresh_from_db()
    assert wave.label == "Spring"


def test_the_schema_documents_if_match_where_it_is_checked():
    from tests.api.test_api_schemathesis import load_schema

    paths = load_schema()["paths"]
    actor_put, wave_put = paths["/api/actors/{id}/"]["put"], paths["/api/waves/{id}/"]["put"]
    assert "If-Match" in {parameter["name"] for parameter in actor_put["parameters"]}
    assert "412" in actor_put["responses"]
    assert "If-Match" in {parameter["name"] for parameter in wave_put["parameters"]}
