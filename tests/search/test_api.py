"""Search and auto-coding through the API: same answers and rules as the pages, in the schema."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.models import Coding
from tests import factories
from tests.api.test_api_schemathesis import load_schema
from tests.search.conftest import GERMAN

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def search_url(study) -> str:
    return reverse("api:study-search", args=[study.pk])


def autocode_url(study) -> str:
    return reverse("api:study-autocode", args=[study.pk])


def test_the_search_answers_hits_in_context_stemmed_in_german(carol, study, german, english):
    response = api_for(carol).get(search_url(study), {"q": "Kooperationen"})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    (result,) = body["results"]
    assert result["interview"] == german.pk and result["region_name"] == "Dortmund" and result["language"] == "de"
    # "Die " + "Kooperation" (11) = 4..15, in paragraph 1; the rest of the line is the context after.
    assert result["hits"] == [
        {
            "start": 4,
            "end": 15,
            "before": "Die ",
            "match": "Kooperation",
            "after": " mit der Uni war eng.",
            "paragraph": "¶ 1",
        }
    ]
    assert GERMAN[4:15] == "Kooperation"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "q"),
        ({"q": '"'}, "q"),
        ({"q": "&|!"}, "q"),
        ({"q": "x" * 10_000}, "q"),
        ({}, "q"),
        ({"q": "a", "page": "x"}, "page"),
    ],
)
def test_bad_queries_answer_400_naming_the_field(carol, study, english, params, field):
    response = api_for(carol).get(search_url(study), params)
    assert response.status_code == 400 and field in response.json()


def test_non_members_and_other_studies_regions_get_404(mallory, carol, study, other_study, english):
    assert api_for(mallory).get(search_url(study), {"q": "firm"}).status_code == 404
    foreign = factories.RegionFactory(study=other_study)
    assert api_for(carol).get(search_url(study), {"q": "firm", "region": foreign.pk}).status_code == 404
    assert api_for(carol).get("/api/studies/abc/search/", {"q": "firm"}).status_code == 404


def test_preview_confirm_and_undo_through_the_api(bob, study, english, code):
    api = api_for(bob)
    body = {"q": "firms", "code": code.pk, "unit": "hit"}
    preview = api.post(autocode_url(study), body, format="json")
    assert preview.status_code == 200
    # "firm" at 4..8 and "firms" at 34..39 of ENGLISH (tests/search/test_search_page.py).
    assert [(p["start"], p["end"], p["quote"]) for p in preview.json()["passages"]] == [
        (4, 8, "firm"),
        (34, 39, "firms"),
    ]
    assert (preview.json()["new"], preview.json()["duplicates"]) == (2, 0)
    assert not Coding.objects.exists()
    done = api.post(autocode_url(study), {**body, "plan": preview.json()["plan"]}, format="json")
    assert done.status_code == 201 and done.json()["skipped"] == 0
    assert sorted(done.json()["created"]) == sorted(Coding.objects.values_list("pk", flat=True))
    again = api.post(autocode_url(study), body, format="json").json()
    assert (again["new"], again["duplicates"]) == (0, 2)
    undo = api.post(reverse("api:study-autocode-undo", args=[study.pk, done.json()["run"]]))
    assert undo.status_code == 200 and undo.json() == {"removed": 2}
    assert not Coding.objects.exists()


def test_a_stale_plan_is_a_409_and_viewers_get_403(bob, carol, study, english, code):
    body = {"q": "firm", "code": code.pk, "unit": "sentence"}
    assert api_for(carol).post(autocode_url(study), body, format="json").status_code == 403
    response = api_for(bob).post(autocode_url(study), {**body, "plan": "0" * 16}, format="json")
    assert response.status_code == 409 and "changed since the preview" in response.json()["detail"]
    assert not Coding.objects.exists()


def test_a_code_of_another_study_and_an_unknown_run_are_404(bob, study, other_study, english):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    api = api_for(bob)
    assert api.post(autocode_url(study), {"q": "firm", "code": foreign.pk}, format="json").status_code == 404
    assert api.post(reverse("api:study-autocode-undo", args=[study.pk, "abcdef123456"])).status_code == 404


def test_the_schema_names_the_search_and_autocode_operations():
    paths = load_schema()["paths"]
    assert "get" in paths["/api/studies/{id}/search/"]
    assert {"200", "201", "409"} <= set(paths["/api/studies/{id}/autocode/"]["post"]["responses"])
    assert "post" in paths["/api/studies/{id}/autocode/{run}/undo/"]
