"""The partition on the analysis page (select, fragment, polling state) and through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.partitions.models import PartitionFigures
from coding.partitions.services import partition_compute
from coding.variables import services as variables
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def factions(study, region):
    """Four firms A→B, A→C, B→C, B→D, C→D, D→A and a variable "faction" {A, B} first, {C, D} second."""
    actors = [factories.OrganisationFactory(region=region, name=name) for name in "ABCD"]
    a, b, c, d = actors
    for source, target in [(a, b), (a, c), (b, c), (b, d), (c, d), (d, a)]:
        factories.InteractionFactory(region=region, source=source, target=target, directed=True)
    faction = variables.variable_create(
        study=study, target="actor", name="faction", label="Faction", type="categorical", categories=["first", "second"]
    )
    variables.values_set(variable=faction, values={a.pk: "first", b.pk: "first", c.pk: "second", d.pk: "second"})
    return actors


def _work_off_the_queue(region) -> None:
    for row in PartitionFigures.objects.filter(region=region, status="queued"):
        partition_compute(
            region_id=region.pk, wave_id=row.wave_id, layer=row.layer, attribute_name=row.attribute,
            input_version=row.input_version,
        )  # fmt: skip


def test_the_analysis_page_offers_every_categorical_actor_attribute_and_picks_one(client, region, alice, factions):
    client.force_login(alice)
    page = client.get(reverse("analysis:region", args=[region.pk]), {"partition": "faction", "layer": "all"})
    html = page.content.decode()
    assert page.status_code == 200
    for name in ("actor_type", "org_type", "location", "kind", "size_band", "hierarchy_level", "faction"):
        assert f'<option value="{name}"' in html
    assert '<option value="faction" selected>Faction</option>' in html
    assert f'data-url="/regions/{region.pk}/analysis/partition/?attribute=faction&amp;layer=all"' in html
    assert (
        "occupational_group" not in html.split('id="partition-select"')[1].split("</select>")[0]
    )  # text: no partition


def test_the_fragment_says_computing_then_shows_the_figures_per_group(client, region, carol, factions):
    client.force_login(carol)  # viewers read the figures
    url = reverse("partitions:region", args=[region.pk])
    first = client.get(url, {"attribute": "faction"}).content.decode()
    assert 'data-status="queued"' in first and "computing…" in first

    _work_off_the_queue(region)
    html = client.get(url, {"attribute": "faction"}).content.decode()
    assert 'data-status="ok"' in html and "computed on request" in html
    assert '<tr data-group="first"><th scope="row">first</th><td>2</td>' in html
    # The group "first" (A, B): itinerant 1 (A), gatekeeper 1 (A), representative 1 (B).
    first_row = html.split('data-group="first"')[1].split("</tr>")[0]
    assert '<td data-role="itinerant">1</td>' in first_row and '<td data-role="representative">1</td>' in first_row
    assert '<td data-role="total">3</td>' in first_row
    a = factions[0]
    assert f'<tr data-actor="{a.pk}"><td><a href="/actors/{a.pk}/">A</a></td><td>first</td>' in html


def test_the_fragment_refuses_an_unknown_attribute_naming_it(client, region, alice, factions):
    client.force_login(alice)
    url = reverse("partitions:region", args=[region.pk])
    for params, fragment in (
        ({"attribute": "nationality"}, "“nationality” is not a categorical actor attribute"),
        ({"attribute": "occupational_group"}, "is not a categorical actor attribute"),  # a text field
        ({"attribute": "kind", "layer": "trust"}, "Unknown layer “trust”"),
        ({"attribute": "kind", "wave": "abc"}, "Wave “abc” is not a wave of this region"),
    ):
        response = client.get(url, params)
        assert response.status_code == 400 and fragment in response.content.decode()
    assert not PartitionFigures.objects.exists()


def test_the_fragment_is_404_outside_the_study(client, region, mallory, factions):
    client.force_login(mallory)
    assert client.get(reverse("partitions:region", args=[region.pk]), {"attribute": "kind"}).status_code == 404


def test_the_fragment_reads_stored_figures_in_a_fixed_number_of_queries(
    client, study, region, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    url = reverse("partitions:region", args=[region.pk])
    for size in (10, 60):
        while region.actors.count() < size:
            a, b = factories.OrganisationFactory(region=region), factories.OrganisationFactory(region=region)
            factories.InteractionFactory(region=region, source=a, target=b)
        client.get(url, {"attribute": "org_type"})
        _work_off_the_queue(region)
        with django_assert_max_num_queries(9):
            html = client.get(url, {"attribute": "org_type"}).content.decode()
        assert html.count("<tr data-actor=") == size


def test_api_answers_202_while_computing_then_200_with_the_figures(region, carol, factions):
    api = APIClient()
    api.force_authenticate(carol)
    url = reverse("api:region-partition", args=[region.pk])
    pending = api.get(url, {"attribute": "faction"})
    assert pending.status_code == 202
    assert pending.json() == {"status": "queued", "attribute": "faction", "layer": "all", "wave": None,
                              "input_version": pending.json()["input_version"]}  # fmt: skip

    _work_off_the_queue(region)
    ready = api.get(url, {"attribute": "faction"})
    assert ready.status_code == 200
    body = ready.json()
    assert body["status"] == "ok" and body["source"] == "request"
    assert body["figures"]["brokerage"]["total"] == 6
    assert [group["group"] for group in body["figures"]["groups"]] == ["first", "second"]


def test_api_refuses_bad_parameters_and_hides_other_studies(region, alice, mallory, factions):
    api = APIClient()
    api.force_authenticate(alice)
    url = reverse("api:region-partition", args=[region.pk])
    response = api.get(url, {"attribute": "nationality", "layer": "trust"})
    assert response.status_code == 400
    assert set(response.json()) >= {"attribute", "layer"}
    api.force_authenticate(mallory)
    assert api.get(url, {"attribute": "kind"}).status_code == 404
    assert APIClient().get(url).status_code in (401, 403)


def test_the_schema_documents_the_partition_endpoint():
    from tests.api.test_api_schemathesis import load_schema

    operation = load_schema()["paths"]["/api/regions/{id}/analysis/partition/"]["get"]
    assert {"200", "202", "400", "404"} <= set(operation["responses"])
    assert {parameter["name"] for parameter in operation["parameters"]} >= {"attribute", "layer", "wave"}
