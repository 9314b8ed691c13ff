"""Boolean retrieval and co-occurrence through the API (see conftest for the study)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.models import Coding
from tests import factories


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def retrieval_url(study) -> str:
    return reverse("api:study-retrieval", args=[study.pk])


def and_query(world) -> dict:
    return {"op": "and", "left": {"code": world.trust.pk}, "right": {"code": world.rivalry.pk}}


def test_a_and_b_answers_the_passages_with_paragraphs(carol, study, world):
    response = client_for(carol).post(retrieval_url(study), {"query": and_query(world)}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1 and body["description"] == "“Trust” AND “Rivalry”"
    assert body["results"] == [
        {
            "coding": world.codings["trust"].pk,
            "interview": world.interview.pk,
            "interview_title": "Founder, spring",
            "region": "Dortmund",
            "wave": "Spring 2024",
            "paragraph": "¶ 1",
            "code": world.trust.pk,
            "code_name": "Trust",
            "coder": "bob",
            "memo": "Trust in the institute",
            "quote": "trust",
            "start": 3,
            "end": 8,
        }
    ]


def test_follows_offset_and_limit(carol, study, world):
    # Exit after Rivalry within 1 ¶: "left" (¶ 3, after "rivals" in ¶ 2). OR Trust: "trust", "left".
    query = {
        "op": "or",
        "left": {"code": world.trust.pk},
        "right": {"op": "follows", "left": {"code": world.rivalry.pk}, "right": {"code": world.exit.pk}, "within": 1},
    }
    body = client_for(carol).post(retrieval_url(study), {"query": query, "offset": 1, "limit": 1}, format="json").json()
    assert body["count"] == 2 and [row["quote"] for row in body["results"]] == ["left"]


def test_the_coder_filter_narrows_every_code(carol, bob, study, world):
    body = (
        client_for(carol)
        .post(retrieval_url(study), {"query": {"code": world.rivalry.pk}, "coder": bob.pk}, format="json")
        .json()
    )
    assert [row["quote"] for row in body["results"]] == ["rivals"]


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({}, "query", "This field is required."),
        ({"query": None}, "query", "This field may not be null."),
        ({"query": "trust AND rivalry"}, "query", "query: expected an object"),
        ({"query": {"code": "FOREIGN"}}, "query", "is not a code of this study"),
        ({"query": {"op": "follows", "left": {"code": "T"}, "right": {"code": "T"}, "within": -1}}, "query", "from 0"),
        (
            {"query": {"op": "follows", "left": {"code": "T"}, "right": {"code": "T"}, "within": 10**12}},
            "query",
            "to 100",
        ),
        ({"query": {"code": "T"}, "wave": "FOREIGN_WAVE"}, "wave", "Invalid pk"),
        ({"query": {"code": "T"}, "limit": 5000}, "limit", "less than or equal to 1000"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(carol, study, other_study, world, payload, field, message):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    foreign_wave = factories.WaveFactory(region=factories.RegionFactory(study=other_study))
    names = {"FOREIGN": foreign.pk, "T": world.trust.pk, "FOREIGN_WAVE": foreign_wave.pk}

    def fill(value):
        if isinstance(value, dict):
            return {key: fill(inner) for key, inner in value.items()}
        return names.get(value, value) if isinstance(value, str) else value

    before = Coding.objects.count()
    response = client_for(carol).post(retrieval_url(study), fill(payload), format="json")
    assert response.status_code == 400, response.content
    assert message in str(response.json()[field])
    assert Coding.objects.count() == before


def test_malformed_json_is_a_400(carol, study, world):
    response = client_for(carol).post(retrieval_url(study), '{"query": {', content_type="application/json")
    assert response.status_code == 400 and "JSON parse error" in response.json()["detail"]


def test_access_members_read_outsiders_get_404(study, world, carol, mallory):
    payload = {"query": and_query(world)}
    assert client_for().post(retrieval_url(study), payload, format="json").status_code in (401, 403)
    assert client_for(mallory).post(retrieval_url(study), payload, format="json").status_code == 404
    cooccurrence = reverse("api:study-cooccurrence", args=[study.pk])
    assert client_for().get(cooccurrence).status_code in (401, 403)
    assert client_for(mallory).get(cooccurrence).status_code == 404
    assert client_for(carol).get(cooccurrence).status_code == 200
    assert client_for(carol).get("/api/studies/abc/cooccurrence/").status_code == 404


def test_cooccurrence_answers_sizes_and_non_zero_cells(carol, study, world):
    # Passage unit (conftest): Trust 1 passage, Rivalry 2, Exit 2; only Trust-Rivalry meet: 2 / 3.
    url = reverse("api:study-cooccurrence", args=[study.pk])
    body = client_for(carol).get(url).json()
    t, r, e = world.trust.pk, world.rivalry.pk, world.exit.pk
    assert body["unit"] == "passage"
    assert {row["id"]: row["size"] for row in body["codes"]} == {t: 1, r: 2, e: 2}
    assert body["cells"] == [{"a": min(t, r), "b": max(t, r), "count": 2, "jaccard": 2 / 3}]
    # Interview unit: Trust {Founder}, Rivalry {Founder}, Exit {Founder, Engineer}:
    # T-R 1/1, T-E 1/2, R-E 1/2.
    body = client_for(carol).get(url, {"unit": "interview"}).json()
    cells = {(cell["a"], cell["b"]): (cell["count"], cell["jaccard"]) for cell in body["cells"]}
    assert cells == {
        (min(t, r), max(t, r)): (1, 1.0),
        (min(t, e), max(t, e)): (1, 0.5),
        (min(r, e), max(r, e)): (1, 0.5),
    }


def test_cooccurrence_refuses_a_bad_unit_and_a_foreign_region(carol, study, world, other_region):
    url = reverse("api:study-cooccurrence", args=[study.pk])
    assert "unit" in client_for(carol).get(url, {"unit": "sentence"}).json()
    response = client_for(carol).get(url, {"region": other_region.pk})
    assert response.status_code == 400 and "region" in response.json()


def test_both_operations_are_in_the_schema(alice):
    schema = client_for(alice).get(reverse("api:schema"), {"format": "json"}).json()
    assert "post" in schema["paths"]["/api/studies/{id}/retrieval/"]
    assert "get" in schema["paths"]["/api/studies/{id}/cooccurrence/"]
