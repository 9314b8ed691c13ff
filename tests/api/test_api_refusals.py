"""Refusals that used to end in a server error: deletes of rows still in use (409 naming what
blocks them) and JSON bodies nested too deeply (400 naming the limit)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Interview, Region, Wave
from coding.exchange.json_limits import MAX_DEPTH, TooDeep, deeper_than, loads
from coding.models import Interaction
from tests import factories

BLOCKERS = "3 interactions, 2 interviews"


@pytest.fixture
def busy_wave(region):
    """A wave behind two interviews and three interactions (both protect it)."""
    wave = factories.WaveFactory(region=region, label="Spring 2024")
    for _ in range(2):
        factories.InterviewFactory(region=region, wave=wave)
    for _ in range(3):
        factories.InteractionFactory(region=region, wave=wave)
    return wave


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _rows() -> tuple[int, int, int, int]:
    return Region.objects.count(), Wave.objects.count(), Interview.objects.count(), Interaction.objects.count()


@pytest.mark.parametrize("basename", ["wave", "region"])
def test_deleting_a_region_or_wave_in_use_is_a_409_naming_the_blocking_records(basename, busy_wave, alice):
    row = busy_wave if basename == "wave" else busy_wave.region
    before = _rows()
    response = api_for(alice).delete(reverse(f"api:{basename}-detail", args=[row.pk]))
    assert response.status_code == 409
    assert response.json() == {"detail": f"“{row}” is still referred to by {BLOCKERS}: nothing was deleted."}
    assert _rows() == before


def test_a_wave_no_record_refers_to_is_deleted(region, alice):
    wave = factories.WaveFactory(region=region)
    assert api_for(alice).delete(reverse("api:wave-detail", args=[wave.pk])).status_code == 204
    assert not Wave.objects.filter(pk=wave.pk).exists()


@pytest.mark.parametrize("page", ["cases:wave-delete", "cases:region-delete"])
def test_the_delete_pages_name_the_blocking_records_in_words(page, client, busy_wave, alice):
    row = busy_wave if page == "cases:wave-delete" else busy_wave.region
    client.force_login(alice)
    response = client.post(reverse(page, args=[row.pk]), follow=True)
    assert response.status_code == 200
    assert f"is still referred to by {BLOCKERS}: nothing was deleted." in response.content.decode()
    assert Wave.objects.filter(pk=busy_wave.pk).exists()


# --- JSON nested too deeply -----------------------------------------------------------------------


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5_000, 100_000])
@pytest.mark.parametrize("basename", ["actor", "interaction", "wave", "coding"])
def test_a_body_nested_too_deeply_is_a_400_naming_the_limit(basename, depth, region, alice):
    before = _rows()
    response = api_for(alice).post(
        reverse(f"api:{basename}-list"), data=_nested(depth), content_type="application/json"
    )
    assert response.status_code == 400
    assert f"nested more than {MAX_DEPTH} levels deep" in response.json()["detail"]
    assert _rows() == before


def test_an_update_nested_too_deeply_is_a_400(region, alice):
    response = api_for(alice).patch(
        reverse("api:region-detail", args=[region.pk]), data=_nested(100_000), content_type="application/json"
    )
    assert response.status_code == 400 and "nested more than" in response.json()["detail"]


def test_a_body_nested_up_to_the_limit_is_accepted(region, bob):
    body = {"region": region.pk, "name": "Nested GmbH", "kind": "organisation", "org_type": "firm_sme"}
    body["unknown"] = json.loads(_nested(MAX_DEPTH - 1))  # not a field of actors: ignored, as any unknown key
    response = api_for(bob).post(reverse("api:actor-list"), data=json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content


def test_the_depth_counts_arrays_and_objects_and_ignores_brackets_in_strings():
    assert not deeper_than(json.loads('{"a": [{"b": "[[[[[["}]}'), 3)
    assert deeper_than(json.loads('{"a": [{"b": []}]}'), 3)
    assert not deeper_than(7, 0) and not deeper_than([], 1) and deeper_than([[]], 1)
    assert loads(_nested(MAX_DEPTH)) == json.loads(_nested(MAX_DEPTH))
    with pytest.raises(TooDeep):
        loads(_nested(MAX_DEPTH + 1))


def test_a_body_over_the_upload_limit_is_a_400_naming_the_limit_and_saves_nothing(region, alice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = APIClient(raise_request_exception=False)
    client.force_login(alice)
    before = _rows()
    body = {"region": region.pk, "name": "x" * 20_000, "kind": "organisation"}
    response = client.post(reverse("api:actor-list"), data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "The request body is larger than the limit of 9.8\xa0KB (DATA_UPLOAD_MAX_MEMORY_SIZE)."
    )  # 10,000 bytes / 1,024 = 9.77 KB, as Django's filesizeformat rounds it
    assert _rows() == before


def test_a_form_with_too_many_fields_is_a_400_page_naming_the_limit(region, alice, client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client.raise_request_exception = False
    client.force_login(alice)
    fields = {f"field{n}": "x" for n in range(11)}
    response = client.post(reverse("cases:region-edit", args=[region.pk]), fields)
    assert response.status_code == 400
    assert "The request has more than 10 fields (DATA_UPLOAD_MAX_NUMBER_FIELDS)." in response.content.decode()


@pytest.mark.parametrize(
    ("literal", "reason"),
    [
        ("1e999999", "the number 1e999999 is out of range"),
        ("NaN", "NaN is not a JSON number"),
        ("-Infinity", "-Infinity is not a JSON number"),
        ("1" * 25, "has 25 digits; the limit is 20 digits"),
    ],
)
def test_a_number_no_field_can_hold_is_a_400_naming_it_and_saves_nothing(literal, reason, region, alice):
    before = _rows()
    body = f'{{"region": {region.pk}, "name": {literal}, "kind": "organisation"}}'
    response = api_for(alice).post(reverse("api:actor-list"), data=body, content_type="application/json")
    assert response.status_code == 400
    assert reason in response.json()["detail"]
    assert _rows() == before


def test_the_schema_states_the_rating_scale_and_a_rating_above_it_is_a_400(region, alice):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    rating = schema["components"]["schemas"]["Interaction"]["properties"]["rating_time"]
    assert (rating["minimum"], rating["maximum"]) == (0, 4)  # the 0–4 scale of docs/domain.md
    source, target = factories.OrganisationFactory(region=region), factories.OrganisationFactory(region=region)
    body = {"region": region.pk, "source": source.pk, "target": target.pk, "mode_cooperation": True, "rating_time": 5}
    before = _rows()
    response = api_for(alice).post(reverse("api:interaction-list"), data=body, format="json")
    assert response.status_code == 400 and "rating_time" in response.json()
    assert _rows() == before
