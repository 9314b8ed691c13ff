"""List filters of the API (region, wave, actor type, code, coder, date), ordering and pagination."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Actor
from coding.models import Coding, Interaction
from tests import factories


@pytest.fixture
def api(carol) -> APIClient:
    client = APIClient()
    client.force_authenticate(carol)
    return client


def ids(api: APIClient, basename: str, **params) -> set[int]:
    response = api.get(reverse(f"api:{basename}-list"), params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_interactions_filter_by_region_wave_actor_type_mode_coder_and_date(api, study, region, bob):
    wave = factories.WaveFactory(region=region)
    other = factories.RegionFactory(study=study, name="Dresden")
    university = factories.OrganisationFactory(region=region, org_type="university")
    coded = factories.InteractionFactory(region=region, wave=wave, target=university, coder=bob, mode_rivalry=True)
    elsewhere = factories.InteractionFactory(region=other)
    Interaction.objects.filter(pk=elsewhere.pk).update(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert ids(api, "interaction", region=region.pk) == {coded.pk}
    assert ids(api, "interaction", wave=wave.pk) == {coded.pk}
    assert ids(api, "interaction", actor_type="university") == {coded.pk}
    assert ids(api, "interaction", mode="rivalry") == {coded.pk}
    assert ids(api, "interaction", coder=bob.pk) == {coded.pk}
    assert ids(api, "interaction", created_before="2021-01-01") == {elsewhere.pk}
    assert ids(api, "interaction", created_after="2021-01-01") == {coded.pk}
    assert api.get(reverse("api:interaction-list"), {"actor_type": "alien"}).status_code == 400


def test_codings_filter_by_region_wave_code_coder_and_date(api, study, region, bob):
    wave = factories.WaveFactory(region=region)
    coding = factories.CodingFactory(interview__region=region, interview__wave=wave, coder=bob)
    other = factories.CodingFactory(interview__region=factories.RegionFactory(study=study))
    Coding.objects.filter(pk=other.pk).update(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert ids(api, "coding", region=region.pk) == {coding.pk}
    assert ids(api, "coding", wave=wave.pk) == {coding.pk}
    assert ids(api, "coding", code=coding.code_id) == {coding.pk}
    assert ids(api, "coding", coder=bob.pk) == {coding.pk}
    assert ids(api, "coding", created_before="2021-01-01") == {other.pk}


def test_actors_filter_by_type_and_lists_order_and_paginate(api, region):
    Actor.objects.bulk_create(
        [Actor(region=region, kind="organisation", org_type="firm_sme", name=f"Firm {i:03}") for i in range(101)]
    )
    university = factories.OrganisationFactory(region=region, org_type="university", name="AAA University")
    assert ids(api, "actor", org_type="university") == {university.pk}
    first = api.get(reverse("api:actor-list"), {"ordering": "-name"}).json()
    assert first["count"] == 102 and first["results"][0]["name"] == "Firm 100" and first["next"]
    second = api.get(first["next"]).json()
    assert [row["name"] for row in second["results"]] == ["Firm 000", "AAA University"]


# --- a foreign study's objects look like missing ones (review rev1 F3) ----------------------------


@pytest.mark.parametrize(
    ("basename", "param"),
    [("actor", "region"), ("interaction", "region"), ("interview", "region"), ("coding", "code"),
     ("membership", "study"), ("outcome", "region"), ("wave", "region"), ("interaction", "coder"),
     ("snapshot", "region"), ("code", "scheme")],
)  # fmt: skip
def test_filter_by_a_foreign_object_looks_like_a_missing_one(basename, param, alice, other_region, mallory):
    foreign = {"region": other_region.pk, "study": other_region.study_id, "coder": mallory.pk}
    foreign["scheme"] = other_region.study.coding_scheme_id
    if param == "code":
        foreign["code"] = factories.CodingFactory(interview__region=other_region).code_id
    client = APIClient()
    client.force_authenticate(alice)
    url = reverse(f"api:{basename}-list")
    existing = client.get(url, {param: foreign[param]})
    missing = client.get(url, {param: 987654321})
    assert (existing.status_code, existing.json()) == (missing.status_code, missing.json())


def test_filter_by_a_member_of_the_own_study(api, bob, region):
    tie = factories.InteractionFactory(region=region, coder=bob)
    assert ids(api, "interaction", coder=bob.pk) == {tie.pk}
