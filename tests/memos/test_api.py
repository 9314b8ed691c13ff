"""The memos endpoint: filters, writes through the services, authors and leads, ETag/If-Match, bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from coding.models import Memo
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("api:memo-list")


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def detail(memo: Memo) -> str:
    return reverse("api:memo-detail", args=[memo.pk])


def test_a_coder_creates_a_memo_on_an_actor_and_is_its_author(study, region, bob):
    actor = factories.OrganisationFactory(region=region)
    body = {"study": study.pk, "title": "Broker?", "text": "Between the labs.", "actor": actor.pk}
    response = api_for(bob).post(LIST, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["author"] == bob.pk and response.json()["target_kind"] == "actor"
    assert Memo.objects.get().history.get().history_user == bob


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"title": "t", "text": ""}, "text", "This field may not be blank."),
        ({"title": "t", "text": "   "}, "text", "This field may not be blank."),
        ({"title": "t"}, "text", "This field is required."),
    ],
)
def test_an_empty_text_is_a_400_naming_the_field_and_nothing_is_written(study, bob, body, field, message):
    response = api_for(bob).post(LIST, {"study": study.pk, **body}, format="json")
    assert response.status_code == 400 and response.json()[field] == [message]
    assert Memo.objects.count() == 0


def test_two_targets_or_a_target_of_another_study_are_400_and_nothing_is_written(study, region, other_region, bob):
    actor = factories.OrganisationFactory(region=region)
    two = {"study": study.pk, "title": "t", "text": "x", "actor": actor.pk, "region": region.pk}
    response = api_for(bob).post(LIST, two, format="json")
    assert response.status_code == 400
    assert response.json() == {"__all__": ["A memo is written on one record at most; this one names actor, region."]}
    # Another study's region is not offered to bob at all: the same answer as an unknown id.
    foreign = {"study": study.pk, "title": "t", "text": "x", "region": other_region.pk}
    response = api_for(bob).post(LIST, foreign, format="json")
    assert response.status_code == 400 and "Invalid pk" in response.json()["region"][0]
    # A code of another scheme is named by the model's rule.
    code = factories.CodeFactory(scheme=other_region.study.coding_scheme)
    response = api_for(bob).post(LIST, {"study": study.pk, "title": "t", "text": "x", "code": code.pk}, format="json")
    assert response.status_code == 400 and response.json() == {"code": ["The code is not part of the memo's study."]}
    assert Memo.objects.count() == 0


def test_a_viewer_cannot_create_and_an_outsider_cannot_see_the_study(study, carol, mallory):
    body = {"study": study.pk, "title": "t", "text": "x"}
    assert api_for(carol).post(LIST, body, format="json").status_code == 403
    assert api_for(mallory).post(LIST, body, format="json").status_code == 400  # study not offered: invalid pk
    assert Memo.objects.count() == 0


def test_authors_change_their_own_memos_leads_all_other_coders_none(study, alice, bob):
    dave = factories.UserFactory(username="dave")
    factories.MembershipFactory(study=study, user=dave, role="coder")
    memo = factories.MemoFactory(study=study, author=bob, text="bob's")
    assert api_for(dave).patch(detail(memo), {"text": "dave's"}, format="json").status_code == 403
    assert api_for(dave).delete(detail(memo)).status_code == 403
    assert api_for(alice).patch(detail(memo), {"text": "checked"}, format="json").status_code == 200
    assert api_for(bob).delete(detail(memo)).status_code == 204
    assert not Memo.objects.exists()


def test_setting_a_new_target_replaces_the_old_one(study, region, bob):
    actor = factories.OrganisationFactory(region=region)
    memo = factories.MemoFactory(study=study, author=bob, actor=actor)
    response = api_for(bob).patch(detail(memo), {"region": region.pk}, format="json")
    assert response.status_code == 200
    assert (response.json()["actor"], response.json()["region"], response.json()["target_kind"]) == (
        None,
        region.pk,
        "region",
    )


def test_a_stale_if_match_is_412_and_the_current_etag_is_accepted(study, bob):
    memo = factories.MemoFactory(study=study, author=bob, text="first")
    api = api_for(bob)
    etag = api.get(detail(memo))["ETag"]
    assert api.patch(detail(memo), {"text": "second"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    stale = api.patch(detail(memo), {"text": "third"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    memo.refresh_from_db()
    assert memo.text == "second"


def test_the_list_filters_by_search_target_author_and_change_date(study, region, alice, bob, carol):
    actor = factories.OrganisationFactory(region=region)
    old = factories.MemoFactory(study=study, author=bob, actor=actor, title="Broker", text="between labs")
    factories.MemoFactory(study=study, author=alice, text="Club goods at the foundry")
    factories.MemoFactory(study=factories.StudyFactory(), author=bob, text="Club goods elsewhere")
    Memo.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=30))
    api = api_for(carol)

    def texts(query: str) -> list[str]:
        response = api.get(LIST + query)
        assert response.status_code == 200
        return [row["text"] for row in response.json()["results"]]

    assert texts("?q=CLUB") == ["Club goods at the foundry"]
    assert texts("?q=broker") == ["between labs"]
    assert texts("?target=actor") == ["between labs"]
    assert texts("?target=none") == ["Club goods at the foundry"]
    assert texts(f"?author={bob.pk}") == ["between labs"]
    assert texts(f"?actor={actor.pk}") == ["between labs"]
    yesterday = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert texts(f"?changed_after={yesterday}") == ["Club goods at the foundry"]
    assert texts(f"?changed_before={yesterday}") == ["between labs"]


def test_the_schema_documents_the_memos_endpoint(alice):
    schema = api_for(alice).get(reverse("api:schema") + "?format=json").json()
    operations = schema["paths"]["/api/memos/{id}/"]
    assert {"get", "put", "patch", "delete"} <= set(operations)
    assert "412" in operations["patch"]["responses"] and "409" in operations["delete"]["responses"]
    names = {parameter["name"] for parameter in schema["paths"]["/api/memos/"]["get"]["parameters"]}
    assert {"q", "target", "author", "changed_after", "changed_before", "study"} <= names
