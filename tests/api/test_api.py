"""API behaviour: validated writes, filters, constant query counts, a warning-free OpenAPI schema."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Actor
from coding.models import Coding, Interaction
from tests import factories


@pytest.fixture
def as_bob(bob) -> APIClient:
    client = APIClient()
    client.force_authenticate(bob)
    return client


def test_coder_creates_an_actor(as_bob, region):
    payload = {"region": region.pk, "kind": "organisation", "name": "Fraunhofer IMS", "location": "inside"}
    response = as_bob.post(reverse("api:actor-list"), payload, format="json")
    # The model's clean() runs: an organisation without a type is a field error, nothing saved.
    assert response.status_code == 400
    assert "org_type" in response.json()
    assert not Actor.objects.exists()

    response = as_bob.post(reverse("api:actor-list"), {**payload, "org_type": "research_institute"}, format="json")
    assert response.status_code == 201, response.content
    assert Actor.objects.get(pk=response.json()["id"]).name == "Fraunhofer IMS"


def test_region_of_another_study_is_rejected(as_bob, other_region):
    payload = {"region": other_region.pk, "kind": "person", "name": "Spy", "location": "inside"}
    response = as_bob.post(reverse("api:actor-list"), payload, format="json")
    assert response.status_code == 400
    assert "region" in response.json()
    assert not Actor.objects.filter(name="Spy").exists()


def test_tie_across_regions_is_a_field_error(as_bob, study, region):
    elsewhere = factories.RegionFactory(study=study)
    source = factories.OrganisationFactory(region=region)
    target = factories.OrganisationFactory(region=elsewhere)
    payload = {"region": region.pk, "source": source.pk, "target": target.pk, "mode_cooperation": True}
    response = as_bob.post(reverse("api:interaction-list"), payload, format="json")
    assert response.status_code == 400, response.content
    assert not Interaction.objects.exists()


def test_coding_takes_quote_from_transcript_and_checks_offsets(as_bob, bob, region):
    interview = factories.InterviewFactory(region=region)
    code = factories.CodeFactory(scheme=region.study.coding_scheme)
    url = reverse("api:coding-list")
    ok = as_bob.post(url, {"interview": interview.pk, "code": code.pk, "start": 5, "end": 15}, format="json")
    assert ok.status_code == 201, ok.content
    assert ok.json()["quote"] == interview.transcript[5:15]
    assert ok.json()["coder"] == bob.pk

    past_end = len(interview.transcript) + 10
    bad = as_bob.post(url, {"interview": interview.pk, "code": code.pk, "start": 0, "end": past_end}, format="json")
    assert bad.status_code == 400
    assert "end" in bad.json()

    foreign_code = factories.CodeFactory()  # a code of another scheme
    bad = as_bob.post(url, {"interview": interview.pk, "code": foreign_code.pk, "start": 0, "end": 5}, format="json")
    assert bad.status_code == 400
    assert Coding.objects.count() == 1


def test_actor_filters_and_ordering(as_bob, region):
    factories.OrganisationFactory(region=region, name="B firm", org_type="firm_sme")
    factories.OrganisationFactory(region=region, name="A university", org_type="university")
    factories.PersonFactory(region=region, name="C person")
    url = reverse("api:actor-list")
    names = [row["name"] for row in as_bob.get(url, {"kind": "organisation", "ordering": "name"}).json()["results"]]
    assert names == ["A university", "B firm"]
    names = [row["name"] for row in as_bob.get(url, {"org_type": "university"}).json()["results"]]
    assert names == ["A university"]


def test_interview_date_range_filter(as_bob, region):
    factories.InterviewFactory(region=region, title="early", date=datetime.date(2023, 1, 5))
    factories.InterviewFactory(region=region, title="late", date=datetime.date(2024, 9, 1))
    rows = as_bob.get(reverse("api:interview-list"), {"date_after": "2024-01-01"}).json()["results"]
    assert [row["title"] for row in rows] == ["late"]


@pytest.mark.parametrize(
    "basename", ["actor", "interview", "interaction", "coding", "outcome", "region", "wave", "membership", "code"]
)
def test_list_query_count_is_constant(basename, as_bob, study, region, django_assert_max_num_queries):
    interviewee = factories.PersonFactory(region=region)
    for _ in range(40):
        interview = factories.InterviewFactory(region=region)
        interview.interviewees.add(interviewee)
        coding = factories.CodingFactory(interview=interview)
        tie = factories.InteractionFactory(region=region)
        tie.evidence.add(coding)
        outcome = factories.OutcomeFactory(region=region)
        outcome.actors.add(interviewee)
        outcome.evidence.add(coding)
        factories.WaveFactory(region=region)
        factories.RegionFactory(study=study)
        factories.MembershipFactory(study=study)
    with django_assert_max_num_queries(8):
        response = as_bob.get(reverse(f"api:{basename}-list"))
    assert response.status_code == 200
    assert response.json()["count"] >= 40


def test_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml"))
    text = (tmp_path / "schema.yaml").read_text()
    assert "/api/actors/" in text and "/api/snapshots/{id}/" in text
