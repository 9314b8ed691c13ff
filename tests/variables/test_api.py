"""The REST API of variables and values: full resources under the page rules, bad values a 400
naming the record and the variable, regions created with their values, constant list queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Region
from coding.variables import services
from coding.variables.models import Variable, VariableValue
from coding.variables.selectors import record_values
from tests import factories


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def renewal(study):
    return services.variable_create(study=study, target="region", name="renewal", label="Renewal", type="boolean")


@pytest.fixture
def employees(study):
    return services.variable_create(
        study=study, target="region", name="employees", label="Employees", type="numeric", unit="thousand"
    )


def test_a_lead_defines_changes_and_deletes_a_variable(alice, study, region):
    response = api(alice).post(
        reverse("api:variable-list"),
        {"study": study.pk, "target": "actor", "name": "sector", "type": "categorical", "categories": ["ICT", "Bio"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["label"], body["categories"], body["value_count"]) == ("sector", ["ICT", "Bio"], 0)
    variable = Variable.objects.get(pk=body["id"])
    actor = factories.OrganisationFactory(region=region)
    services.values_set(variable=variable, values={actor.pk: "Bio"})

    url = reverse("api:variable-detail", args=[variable.pk])
    patched = api(alice).patch(
        url, {"categories": ["ICT", "Life sciences"], "renamed_categories": {"Bio": "Life sciences"}}, format="json"
    )
    assert patched.status_code == 200 and patched.json()["value_count"] == 1
    assert record_values([variable], [actor.pk]) == {actor.pk: {"sector": "Life sciences"}}
    moved = api(alice).patch(url, {"target": "region"}, format="json")
    assert moved.status_code == 400 and "target" in moved.json()
    assert api(alice).delete(url).status_code == 204
    assert not VariableValue.objects.exists()


def test_a_bad_definition_is_a_400_naming_the_field(alice, study):
    response = api(alice).post(
        reverse("api:variable-list"), {"study": study.pk, "target": "actor", "name": "org_type", "type": "text"}
    )
    assert response.status_code == 400
    assert "fixed attribute of every actor" in str(response.json()["name"])


def test_coders_set_values_and_a_bad_value_is_a_400_naming_record_and_variable(bob, region, employees):
    url = reverse("api:variable-value-list")
    bad = api(bob).post(url, {"variable": employees.pk, "record": region.pk, "value": "many"}, format="json")
    assert bad.status_code == 400
    assert bad.json() == {"value": ["Region “Dortmund (Germany)”: “many” is not a number (“Employees” is numeric)."]}
    wrong_type = api(bob).post(url, {"variable": employees.pk, "record": region.pk, "value": True}, format="json")
    assert wrong_type.status_code == 400 and "not yes/no" in str(wrong_type.json())
    assert not VariableValue.objects.exists()

    created = api(bob).post(url, {"variable": employees.pk, "record": region.pk, "value": "3,5"}, format="json")
    assert created.status_code == 201
    assert {key: created.json()[key] for key in ("name", "target", "record", "value")} == {
        "name": "employees",
        "target": "region",
        "record": region.pk,
        "value": 3.5,
    }
    detail = reverse("api:variable-value-detail", args=[created.json()["id"]])
    assert api(bob).patch(detail, {"value": 4}, format="json").json()["value"] == 4.0
    assert api(bob).patch(detail, {"record": region.pk + 1000}, format="json").status_code == 400
    assert api(bob).delete(detail).status_code == 204
    assert not VariableValue.objects.exists()


def test_a_value_for_a_record_of_another_study_is_refused(bob, other_region, employees):
    response = api(bob).post(
        reverse("api:variable-value-list"),
        {"variable": employees.pk, "record": other_region.pk, "value": 3},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"value": [f"region {other_region.pk}: No region {other_region.pk} in this study."]}


def test_values_are_filtered_by_study_target_variable_and_record(carol, study, region, renewal, employees):
    other = factories.RegionFactory(study=study)
    services.values_set_many(
        study=study, changes={renewal: {region.pk: "yes", other.pk: "no"}, employees: {region.pk: "7"}}
    )
    url = reverse("api:variable-value-list")

    def listed(query: str) -> list[tuple[str, int]]:
        return sorted((row["name"], row["record"]) for row in api(carol).get(url + query).json()["results"])

    assert listed(f"?record={region.pk}&target=region") == [("employees", region.pk), ("renewal", region.pk)]
    assert listed(f"?variable={renewal.pk}") == [("renewal", region.pk), ("renewal", other.pk)]
    assert len(listed(f"?study={study.pk}")) == 3
    assert api(carol).get(url + "?target=actor").json()["count"] == 0


def test_a_lead_creates_a_region_with_its_variables(alice, study, renewal, employees):
    response = api(alice).post(
        reverse("api:region-list"),
        {
            "study": study.pk,
            "name": "Jena",
            "country": "Germany",
            "technology_field": "optics",
            "variables": {"renewal": "yes", "employees": 12.5},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["variables"] == {"renewal": True, "employees": 12.5}
    jena = Region.objects.get(name="Jena")
    assert record_values([renewal, employees], [jena.pk]) == {jena.pk: {"renewal": True, "employees": 12.5}}
    listed = api(alice).get(reverse("api:region-list") + f"?study={study.pk}").json()["results"]
    assert [row["variables"] for row in listed if row["name"] == "Jena"] == [{"renewal": True, "employees": 12.5}]


def test_a_region_with_a_bad_or_unknown_variable_is_refused_whole(alice, study, renewal, employees):
    url = reverse("api:region-list")
    body = {"study": study.pk, "name": "Jena", "country": "Germany", "technology_field": "optics"}
    bad = api(alice).post(url, {**body, "variables": {"renewal": "perhaps"}}, format="json")
    assert bad.status_code == 400
    assert bad.json() == {
        "variables": ["Region “Jena (Germany)”: “perhaps” is not yes or no (“Renewal” is yes/no: write true or false)."]
    }
    unknown = api(alice).post(url, {**body, "variables": {"size": 3}}, format="json")
    assert unknown.status_code == 400 and "No region variable named “size”" in str(unknown.json())
    assert not Region.objects.filter(name="Jena").exists()  # nothing half-saved


def test_only_leads_create_regions_and_outsiders_see_nothing(bob, carol, mallory, study, region, renewal):
    url = reverse("api:region-list")
    body = {"study": study.pk, "name": "Jena", "country": "Germany", "technology_field": "optics"}
    assert api(bob).post(url, body, format="json").status_code == 403
    assert api(carol).post(url, body, format="json").status_code == 403
    assert api(mallory).post(url, body, format="json").status_code == 400  # the study is not one of theirs
    services.values_set(variable=renewal, values={region.pk: "yes"})
    value = VariableValue.objects.get()
    assert api(mallory).get(reverse("api:variable-detail", args=[renewal.pk])).status_code == 404
    assert api(mallory).get(reverse("api:variable-value-detail", args=[value.pk])).status_code == 404
    assert api(mallory).get(reverse("api:variable-value-list")).json()["count"] == 0


def test_a_region_patch_sets_and_clears_its_variables(alice, region, renewal, employees):
    services.values_set(variable=employees, values={region.pk: "3"})
    url = reverse("api:region-detail", args=[region.pk])
    response = api(alice).patch(url, {"variables": {"renewal": False, "employees": ""}}, format="json")
    assert response.status_code == 200
    assert response.json()["variables"] == {"renewal": False}


def _queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("basename", ["variable", "variable-value", "region"])
def test_lists_cost_the_same_queries_for_few_and_many_rows(alice, study, region, basename):
    variables = [
        services.variable_create(study=study, target="region", name=f"v{i}", label=f"V{i}", type="numeric")
        for i in range(2)
    ]
    counts = []
    for regions in (2, 15):
        while study.regions.count() < regions:
            factories.RegionFactory(study=study)
        ids = list(study.regions.values_list("pk", flat=True))
        services.values_set_many(study=study, changes={v: dict.fromkeys(ids, 1) for v in variables})
        services.variable_create(
            study=study, target="actor", name=f"extra{regions}", label="Extra", type="text"
        )  # more variables too
        counts.append(_queries(api(alice), reverse(f"api:{basename}-list")))
    assert counts[0] == counts[1]


def test_a_variable_changed_from_categorical_keeps_no_categories(alice, study):
    sector = services.variable_create(
        study=study, target="actor", name="sector", label="Sector", type="categorical", categories=["ICT"]
    )
    response = api(alice).patch(reverse("api:variable-detail", args=[sector.pk]), {"type": "text"}, format="json")
    assert response.status_code == 200
    assert (response.json()["type"], response.json()["categories"]) == ("text", [])
