"""The codebook actions of the REST API: preview, confirm, refusals as 400/403/404/409, undo."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from coding.codebook.models import CodebookOperation
from coding.models import Code, Coding
from tests import factories
from tests.codebook.conftest import state

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(user, code: Code, verb: str, body: dict):
    return api(user).post(reverse(f"api:code-{verb}", args=[code.pk]), body, format="json")


def test_a_merge_preview_answers_the_counts_the_duplicates_and_the_fingerprint(study, alice, book):
    response = post(alice, book.a, "merge", {"into": book.b.pk, "preview": True})
    assert response.status_code == 200
    body = response.json()
    c = book.codings
    assert body["codings_moved"] == [c["c1"].pk]
    assert sorted((item["removed"], item["kept"]) for item in body["duplicates_collapsed"]) == sorted(
        [(c["c2"].pk, c["c5"].pk), (c["c3"].pk, c["c4"].pk)]
    )
    assert body["children_reparented"] == [book.a1.pk]
    assert body["codes_removed"] == [book.a.pk]
    assert [interview["title"] for interview in body["interviews"]] == ["Foundry founder"]
    assert Code.objects.filter(pk=book.a.pk).exists()


def test_a_merge_confirmed_with_the_fingerprint_is_done_and_undone_through_the_api(study, alice, book):
    before = state(study)
    fingerprint = post(alice, book.a, "merge", {"into": book.b.pk, "preview": True}).json()["fingerprint"]
    done = post(alice, book.a, "merge", {"into": book.b.pk, "fingerprint": fingerprint})
    assert done.status_code == 201
    assert done.json()["summary"] == "Merged “Cooperation” into “Collaboration”"
    assert not Code.objects.filter(pk=book.a.pk).exists()
    undone = api(alice).post(reverse("api:codebook-change-undo", args=[done.json()["id"]]))
    assert undone.status_code == 200
    assert state(study) == before


def test_a_confirmation_without_a_fingerprint_is_a_400(alice, book):
    response = post(alice, book.a, "merge", {"into": book.b.pk})
    assert response.status_code == 400
    assert "fingerprint" in response.json()


def test_a_stale_fingerprint_is_a_409_and_writes_nothing(study, alice, book):
    fingerprint = post(alice, book.a, "merge", {"into": book.b.pk, "preview": True}).json()["fingerprint"]
    Coding.objects.filter(pk=book.codings["c4"].pk).update(memo="changed meanwhile")
    before = state(study)
    response = post(alice, book.a, "merge", {"into": book.b.pk, "fingerprint": fingerprint})
    assert response.status_code == 409
    assert "changed since the preview" in response.json()["detail"]
    assert state(study) == before


@pytest.mark.parametrize(
    "into, message",
    [("self", "into itself"), ("child", "sub-code of “Cooperation”"), ("foreign", "same coding scheme")],
)
def test_merges_into_itself_its_sub_code_or_another_scheme_are_400(alice, other_study, book, into, message):
    target = {"self": book.a, "child": book.a1, "foreign": factories.CodeFactory(scheme=other_study.coding_scheme)}
    response = post(alice, book.a, "merge", {"into": target[into].pk, "preview": True})
    assert response.status_code == 400
    assert message in str(response.json())


@pytest.mark.parametrize("persona, status", [("bob", 403), ("carol", 403), ("mallory", 404)])
def test_only_a_lead_of_the_study_reorganises_through_the_api(request, study, book, persona, status):
    user = request.getfixturevalue(persona)
    before = state(study)
    assert post(user, book.a, "merge", {"into": book.b.pk, "preview": True}).status_code == status
    assert post(user, book.a, "move", {"new_parent": None, "fingerprint": "x"}).status_code == status
    assert state(study) == before


def test_a_split_into_a_new_code_through_the_api(study, alice, book):
    body = {"codings": [book.codings["c1"].pk], "new_name": "Formal cooperation", "new_parent": book.c.pk}
    fingerprint = post(alice, book.a, "split", {**body, "preview": True}).json()["fingerprint"]
    assert post(alice, book.a, "split", {**body, "fingerprint": fingerprint}).status_code == 201
    new = Code.objects.get(name="Formal cooperation")
    assert new.parent_id == book.c.pk
    assert list(new.codings.values_list("pk", flat=True)) == [book.codings["c1"].pk]


def test_a_move_into_its_own_sub_tree_is_a_400_and_a_name_clash_a_409(study, alice, book):
    assert post(alice, book.a, "move", {"new_parent": book.a1.pk, "preview": True}).status_code == 400
    factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation", parent=book.c)
    response = post(alice, book.a, "move", {"new_parent": book.c.pk, "preview": True})
    assert response.status_code == 409
    assert "already has codes named “Cooperation”" in response.json()["detail"]


def test_an_earlier_change_cannot_be_undone_before_the_later_one(study, alice, book):
    first = post(alice, book.c, "move", {"new_parent": book.b.pk, "preview": True}).json()["fingerprint"]
    first_id = post(alice, book.c, "move", {"new_parent": book.b.pk, "fingerprint": first}).json()["id"]
    second = post(alice, book.b1, "move", {"new_parent": None, "preview": True}).json()["fingerprint"]
    post(alice, book.b1, "move", {"new_parent": None, "fingerprint": second})
    response = api(alice).post(reverse("api:codebook-change-undo", args=[first_id]))
    assert response.status_code == 409
    assert CodebookOperation.objects.get(pk=first_id).undone_at is None


def test_codebook_changes_are_listed_only_to_members(study, alice, mallory, book):
    fingerprint = post(alice, book.c, "move", {"new_parent": book.b.pk, "preview": True}).json()["fingerprint"]
    change = post(alice, book.c, "move", {"new_parent": book.b.pk, "fingerprint": fingerprint}).json()["id"]
    assert api(alice).get(reverse("api:codebook-change-list")).json()["count"] == 1
    assert api(mallory).get(reverse("api:codebook-change-list")).json()["count"] == 0
    assert api(mallory).post(reverse("api:codebook-change-undo", args=[change])).status_code == 404


def test_the_actions_are_in_the_openapi_schema(alice):
    paths = api(alice).get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()["paths"]
    for verb in ("merge", "split", "move"):
        operation = paths[f"/api/codes/{{id}}/{verb}/"]["post"]
        assert {"200", "201", "400", "404", "409"} <= set(operation["responses"])
    assert "/api/codebook-changes/{id}/undo/" in paths
