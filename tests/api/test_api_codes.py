"""API: a new code (named or in vivo from a coding's passage) and one passage coded with several
codes in one step; who may do either, and exact duplicates refused with a 400 and nothing written."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.models import Code, Coding
from tests import factories

pytestmark = pytest.mark.django_db

TRANSCRIPT = "We met at the Thursday lecture series and shared the clean room."
LECTURE = TRANSCRIPT.index("Thursday")  # 14: "We met at the " is 14 characters


@pytest.fixture
def interview(region):
    return factories.InterviewFactory(region=region, transcript=TRANSCRIPT)


@pytest.fixture
def code(study):
    return factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation")


@pytest.fixture
def other_code(study):
    return factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry")


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def codes_of(study) -> list[str]:
    return sorted(Code.objects.filter(scheme=study.coding_scheme).values_list("name", flat=True))


def test_a_lead_creates_a_code_under_a_parent(alice, study, code):
    response = api(alice).post(
        reverse("api:code-list"), {"study": study.pk, "name": "Club goods", "parent": code.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["parent"], body["scheme"], body["colour"]) == (
        "Club goods",
        code.pk,
        study.coding_scheme_id,
        "#4c78a8",
    )


def test_a_code_is_named_in_vivo_from_a_coding_of_the_study(alice, bob, study, interview, code):
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, start=LECTURE, length=23)
    response = api(alice).post(reverse("api:code-list"), {"study": study.pk, "in_vivo_from": coding.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Thursday lecture series"  # TRANSCRIPT[14:37]


def test_a_coding_of_another_study_does_not_name_a_code(alice, study, other_region, mallory):
    foreign = factories.CodingFactory(interview__region=other_region, coder=mallory, length=5)
    response = api(alice).post(reverse("api:code-list"), {"study": study.pk, "in_vivo_from": foreign.pk}, format="json")
    assert response.status_code == 400 and "in_vivo_from" in response.json()


def test_without_a_name_or_a_passage_the_code_is_refused(alice, study):
    response = api(alice).post(reverse("api:code-list"), {"study": study.pk, "name": "  "}, format="json")
    assert response.status_code == 400 and "name" in response.json()
    assert codes_of(study) == []


def test_who_may_create_codes_through_the_api(alice, bob, carol, mallory, study):
    url = reverse("api:code-list")
    assert api(bob).post(url, {"study": study.pk, "name": "A"}, format="json").status_code == 403
    assert api(carol).post(url, {"study": study.pk, "name": "A"}, format="json").status_code == 403
    # Not a member: the study is not a choice (as every foreign key of another study in this API).
    assert api(mallory).post(url, {"study": study.pk, "name": "A"}, format="json").status_code == 400
    assert codes_of(study) == []
    study.coders_add_codes = True
    study.save()
    assert api(bob).post(url, {"study": study.pk, "name": "A"}, format="json").status_code == 201
    assert api(carol).post(url, {"study": study.pk, "name": "B"}, format="json").status_code == 403
    assert codes_of(study) == ["A"]


def test_a_passage_is_coded_with_several_codes_in_one_request(bob, interview, code, other_code):
    body = {"interview": interview.pk, "codes": [code.pk, other_code.pk], "start": LECTURE, "end": LECTURE + 8}
    response = api(bob).post(reverse("api:coding-several"), body, format="json")
    assert response.status_code == 201, response.content
    assert sorted((row["code"], row["quote"]) for row in response.json()) == sorted(
        [(code.pk, "Thursday"), (other_code.pk, "Thursday")]
    )
    assert Coding.objects.filter(coder=bob).count() == 2


def test_a_duplicate_among_several_codes_writes_none_of_them(bob, interview, code, other_code):
    factories.CodingFactory(interview=interview, code=other_code, coder=bob, start=LECTURE, length=8)
    body = {"interview": interview.pk, "codes": [code.pk, other_code.pk], "start": LECTURE, "end": LECTURE + 8}
    response = api(bob).post(reverse("api:coding-several"), body, format="json")
    assert response.status_code == 400
    assert response.json() == {"code": [f"You have already coded this passage ({LECTURE}–{LECTURE + 8}) as “Rivalry”."]}
    assert Coding.objects.count() == 1


def test_a_duplicate_single_coding_is_a_400(bob, interview, code):
    factories.CodingFactory(interview=interview, code=code, coder=bob, start=0, length=6)
    body = {"interview": interview.pk, "code": code.pk, "start": 0, "end": 6}
    response = api(bob).post(reverse("api:coding-list"), body, format="json")
    assert response.status_code == 400 and "already coded this passage" in response.json()["code"][0]
    assert Coding.objects.count() == 1


def test_who_may_code_with_several_codes(carol, mallory, interview, code):
    body = {"interview": interview.pk, "codes": [code.pk], "start": 0, "end": 6}
    assert api(carol).post(reverse("api:coding-several"), body, format="json").status_code == 403
    assert api(mallory).post(reverse("api:coding-several"), body, format="json").status_code == 400  # not a choice
    assert not Coding.objects.exists()


def test_a_code_of_another_scheme_is_refused_with_nothing_written(bob, interview, code, other_study):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    body = {"interview": interview.pk, "codes": [code.pk, foreign.pk], "start": 0, "end": 6}
    response = api(bob).post(reverse("api:coding-several"), body, format="json")
    assert response.status_code == 400 and "code" in response.json()
    assert not Coding.objects.exists()


def test_the_new_actions_are_in_the_schema(alice):
    schema = api(alice).get(reverse("api:schema"), {"format": "json"}).json()
    assert "post" in schema["paths"]["/api/codes/"]
    several = schema["paths"]["/api/codings/several/"]["post"]
    assert several["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/MultiCoding")
