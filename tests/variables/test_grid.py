"""The grid: records × variables saved all at once through ``values_set_many``; a refused save
names each bad cell and writes nothing; a save from a stale page is refused; constant queries."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from coding.variables import services
from coding.variables.models import VariableValue
from coding.variables.selectors import record_values
from tests import factories


@pytest.fixture
def columns(study):
    member = services.variable_create(
        study=study, target="actor", name="member", label="Member", type="categorical", categories=["yes", "no"]
    )
    staff = services.variable_create(study=study, target="actor", name="staff", label="Staff", type="numeric")
    return member, staff


def _post(client, url, values, version=""):
    return client.post(url, json.dumps({"version": version, "values": values}), content_type="application/json")


def test_the_grid_saves_every_changed_cell_at_once(client, bob, region, columns):
    member, staff = columns
    first, second = factories.OrganisationFactory(region=region), factories.OrganisationFactory(region=region)
    client.force_login(bob)
    url = reverse("variables:region-grid", args=[region.pk, "actor"])
    page = client.get(url)
    version = page.context["grid"].version
    response = _post(
        client,
        url,
        {str(member.pk): {str(first.pk): "Yes", str(second.pk): "no"}, str(staff.pk): {str(first.pk): "40"}},
        version,
    )
    assert response.status_code == 200, response.content
    assert response.json()["saved"] == 3
    assert record_values([member, staff], [first.pk, second.pk]) == {
        first.pk: {"member": "yes", "staff": 40.0},
        second.pk: {"member": "no"},
    }
    rows = {
        row.record_id: dict((v.name, shown) for v, shown in row.cells) for row in client.get(url).context["grid"].rows
    }
    assert rows[first.pk] == {"member": "yes", "staff": "40"}


def test_a_refused_paste_saves_nothing_and_names_each_bad_cell(client, bob, region, columns):
    member, staff = columns
    first, second = factories.OrganisationFactory(region=region), factories.OrganisationFactory(region=region)
    services.values_set(variable=staff, values={second.pk: "7"})
    client.force_login(bob)
    url = reverse("variables:region-grid", args=[region.pk, "actor"])
    response = _post(
        client,
        url,
        {
            str(member.pk): {str(first.pk): "yes", str(second.pk): "perhaps"},
            str(staff.pk): {str(first.pk): "many", str(second.pk): "8"},
        },
    )
    assert response.status_code == 400
    errors = {(e["variable"], e["record"]): " ".join(e["messages"]) for e in response.json()["errors"]}
    assert set(errors) == {(member.pk, second.pk), (staff.pk, first.pk)}
    assert "“perhaps” is not a category of “Member” (allowed: yes, no)." in errors[(member.pk, second.pk)]
    assert "“many” is not a number" in errors[(staff.pk, first.pk)]
    assert record_values([member, staff], [first.pk, second.pk]) == {second.pk: {"staff": 7.0}}  # as before


def test_a_save_from_a_page_opened_before_another_save_is_refused(client, bob, region, columns):
    member, _ = columns
    actor = factories.OrganisationFactory(region=region)
    client.force_login(bob)
    url = reverse("variables:region-grid", args=[region.pk, "actor"])
    opened = client.get(url).context["grid"].version
    assert _post(client, url, {str(member.pk): {str(actor.pk): "yes"}}, opened).status_code == 200
    stale = _post(client, url, {str(member.pk): {str(actor.pk): "no"}}, opened)
    assert stale.status_code == 409 and "since you opened it" in stale.json()["message"]
    assert record_values([member], [actor.pk]) == {actor.pk: {"member": "yes"}}


def test_cells_of_another_region_or_study_are_refused(client, bob, study, region, other_region, columns):
    member, _ = columns
    elsewhere = factories.OrganisationFactory(region=factories.RegionFactory(study=study))
    client.force_login(bob)
    url = reverse("variables:region-grid", args=[region.pk, "actor"])
    assert _post(client, url, {str(member.pk): {str(elsewhere.pk): "yes"}}).status_code == 400
    assert _post(client, url, "not a mapping").status_code == 400
    assert not VariableValue.objects.exists()


def test_viewers_see_values_read_only_and_cannot_save(client, carol, region, columns):
    member, _ = columns
    actor = factories.OrganisationFactory(region=region)
    services.values_set(variable=member, values={actor.pk: "yes"})
    client.force_login(carol)
    url = reverse("variables:region-grid", args=[region.pk, "actor"])
    page = client.get(url).content.decode()
    assert "<select" not in page and "<input" not in page.split('id="variable-grid"')[1]
    assert _post(client, url, {str(member.pk): {str(actor.pk): "no"}}).status_code == 403


def test_the_study_grid_sets_region_values(client, alice, study, region):
    renewal = services.variable_create(study=study, target="region", name="renewal", label="R", type="boolean")
    client.force_login(alice)
    url = reverse("variables:study-grid", args=[study.pk])
    assert _post(client, url, {str(renewal.pk): {str(region.pk): "true"}}).status_code == 200
    assert record_values([renewal], [region.pk]) == {region.pk: {"renewal": True}}


@pytest.mark.parametrize("target", ["actor", "interview", "wave"])
def test_the_grid_reads_in_constant_queries(client, bob, study, region, django_assert_max_num_queries, target):
    variables = [
        services.variable_create(study=study, target=target, name=f"v{i}", label=f"V{i}", type="text") for i in range(3)
    ]
    make = {
        "actor": lambda: factories.OrganisationFactory(region=region),
        "interview": lambda: factories.InterviewFactory(region=region),
        "wave": lambda: factories.WaveFactory(region=region),
    }[target]
    client.force_login(bob)
    url = reverse("variables:region-grid", args=[region.pk, target])
    counts = []
    for rows in (2, 20):
        while len(records := list(services.RECORD_MODELS[target]._default_manager.filter(region=region))) < rows:
            make()
        services.values_set_many(study=study, changes={v: {r.pk: "x" for r in records} for v in variables})
        with django_assert_max_num_queries(12) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_study_grid_reads_in_constant_queries(client, alice, study, django_assert_max_num_queries):
    variables = [
        services.variable_create(study=study, target="region", name=f"v{i}", label=f"V{i}", type="numeric")
        for i in range(3)
    ]
    client.force_login(alice)
    counts = []
    for rows in (2, 20):
        while study.regions.count() < rows:
            factories.RegionFactory(study=study)
        ids = list(study.regions.values_list("pk", flat=True))
        services.values_set_many(study=study, changes={v: dict.fromkeys(ids, "1") for v in variables})
        with django_assert_max_num_queries(12) as captured:
            page = client.get(reverse("variables:study-grid", args=[study.pk]))
        assert len(page.context["grid"].rows) == rows
        counts.append(len(captured))
    assert counts[0] == counts[1]
