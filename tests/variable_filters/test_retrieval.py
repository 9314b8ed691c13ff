"""Retrieval filtered by an interview or interviewee variable, fixed attributes included."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.choices import OrgType
from coding.models import Coding
from coding.variables import services as variables
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(study, region, carol):
    """Two interviews: a workshop with a member firm's manager, an office talk with a university researcher."""
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Trust")
    firm = factories.OrganisationFactory(region=region, name="Firm")
    university = factories.OrganisationFactory(region=region, name="University", org_type=OrgType.UNIVERSITY)
    manager = factories.PersonFactory(region=region, name="Manager", affiliation=firm)
    researcher = factories.PersonFactory(region=region, name="Researcher", affiliation=university)
    workshop = factories.InterviewFactory(region=region, title="Workshop", mode="phone")
    office = factories.InterviewFactory(region=region, title="Office")
    workshop.interviewees.add(manager)
    office.interviewees.add(researcher)
    factories.CodingFactory(interview=workshop, code=code, coder=carol, memo="in the workshop")
    factories.CodingFactory(interview=office, code=code, coder=carol, memo="in the office")
    setting = variables.variable_create(
        study=study, target="interview", name="setting", label="Setting", type="categorical",
        categories=["workshop", "office"],
    )  # fmt: skip
    variables.values_set(variable=setting, values={workshop.pk: "workshop", office.pk: "office"})
    member = variables.variable_create(study=study, target="actor", name="member", label="Member", type="boolean")
    variables.values_set(variable=member, values={manager.pk: True, researcher.pk: False})
    return {"workshop": workshop, "office": office, "code": code}


@pytest.mark.parametrize(
    ("key", "found", "not_found"),
    [
        ("interview:setting=workshop", "in the workshop", "in the office"),  # an interview variable
        ("actor:member=false", "in the office", "in the workshop"),  # an interviewee's yes/no variable
        ("interview:mode=phone", "in the workshop", "in the office"),  # a fixed interview attribute
        ("actor:actor_type=university", "in the office", "in the workshop"),  # a person takes the employer's
        ("actor:kind=person", "in the workshop", "nothing"),
    ],
)
def test_retrieval_filters_by_a_variable_value(client, carol, study, corpus, key, found, not_found):
    client.force_login(carol)
    page = client.get(reverse("coding:retrieval", args=[study.pk]), {"variable": key}).content.decode()
    assert f"Memo: {found}" in page and f"Memo: {not_found}" not in page
    assert f'<option value="{key}" selected>' in page


def test_the_filter_offers_the_values_of_categorical_variables_only(client, carol, study, corpus):
    variables.variable_create(study=study, target="interview", name="notes", label="Notes", type="text")
    client.force_login(carol)
    page = client.get(reverse("coding:retrieval", args=[study.pk])).content.decode()
    assert '<option value="interview:setting=office">Setting = office</option>' in page
    assert '<option value="actor:member=true">Member = yes</option>' in page
    assert "interview:notes" not in page  # free text has no values to pick


def test_an_unknown_value_is_refused_naming_the_field(client, carol, study, corpus):
    client.force_login(carol)
    page = client.get(reverse("coding:retrieval", args=[study.pk]), {"variable": "interview:setting=garden"})
    assert (
        "Select a valid choice. interview:setting=garden is not one of the available choices." in page.content.decode()
    )


@pytest.mark.parametrize("n", [10, 100])
def test_a_variable_filter_keeps_the_query_count(
    client, carol, study, region, corpus, n, django_assert_max_num_queries
):
    workshop, code = corpus["workshop"], corpus["code"]
    Coding.objects.bulk_create(
        Coding(interview=workshop, code=code, coder=carol, start=i % 30, end=i % 30 + 5 + i // 30,
               quote=workshop.transcript[i % 30 : i % 30 + 5 + i // 30])
        for i in range(n)
    )  # fmt: skip
    client.force_login(carol)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("coding:retrieval", args=[study.pk]), {"variable": "actor:member=true"})
    assert response.status_code == 200


def test_the_api_retrieval_and_cooccurrence_take_a_variable_filter(carol, study, corpus):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(carol)
    code = corpus["code"]
    url = reverse("api:study-retrieval", args=[study.pk])
    body = api.post(url, {"query": {"code": code.pk}, "variable": "actor:member=true"}, format="json").json()
    assert [passage["memo"] for passage in body["results"]] == ["in the workshop"]
    refused = api.post(url, {"query": {"code": code.pk}, "variable": "actor:member=maybe"}, format="json")
    assert refused.status_code == 400 and "“actor:member=maybe” is no value" in refused.json()["variable"][0]
    table = api.get(reverse("api:study-cooccurrence", args=[study.pk]), {"variable": "interview:setting=office"})
    assert table.json()["codes"] == [{"id": code.pk, "name": "Trust", "size": 1}]
