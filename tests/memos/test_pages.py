"""Memo pages: writing from a record's page, the study's one list (search and filters), access.

Personas (tests/conftest.py): alice leads ``study``, bob codes, carol views, mallory leads another.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.concurrency import version_token
from coding.models import Memo
from tests import factories

pytestmark = pytest.mark.django_db


def list_texts(client, study, query: str = "") -> list[str]:
    response = client.get(reverse("coding:memos", args=[study.pk]) + query)
    assert response.status_code == 200
    return [row.text for row in response.context["rows"]]


def test_a_coder_writes_a_memo_from_an_actors_page_and_returns_there(client, study, region, bob):
    actor = factories.OrganisationFactory(region=region, name="Fraunhofer IMS")
    client.force_login(bob)
    page = reverse("cases:actor-detail", args=[actor.pk])
    assert 'Memos <span class="muted">(0)</span>' in client.get(page).content.decode()
    response = client.post(
        reverse("memos:create", args=[study.pk]),
        {"title": "Broker?", "text": "Sits between firms and the university.", "on": f"actor:{actor.pk}", "back": page},
    )
    assert response.status_code == 302 and response["Location"] == page
    memo = Memo.objects.get()
    assert (memo.actor, memo.author, memo.study) == (actor, bob, study)
    assert "Sits between firms and the university." in client.get(page).content.decode()


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"title": "t", "text": ""}, "This field is required."),
        ({"title": "t", "text": "x", "on": "actor:999999"}, "There is no actor 999999 in this study."),
        ({"title": "t", "text": "x", "on": "study:1"}, "names no record a memo can be written on"),
    ],
)
def test_bad_input_answers_the_form_with_the_reason_and_writes_nothing(client, study, bob, post, message):
    client.force_login(bob)
    response = client.post(reverse("memos:create", args=[study.pk]), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Memo.objects.count() == 0


def test_an_actor_of_another_study_is_refused_as_if_it_did_not_exist(client, study, other_region, bob):
    foreign = factories.OrganisationFactory(region=other_region)
    client.force_login(bob)
    response = client.post(
        reverse("memos:create", args=[study.pk]), {"title": "t", "text": "x", "on": f"actor:{foreign.pk}"}
    )
    assert f"There is no actor {foreign.pk} in this study." in response.content.decode()
    assert Memo.objects.count() == 0


def test_a_viewer_cannot_write_and_an_outsider_gets_404(client, study, carol, mallory):
    client.force_login(carol)
    assert client.post(reverse("memos:create", args=[study.pk]), {"title": "t", "text": "x"}).status_code == 403
    client.force_login(mallory)
    assert client.post(reverse("memos:create", args=[study.pk]), {"title": "t", "text": "x"}).status_code == 404
    assert client.get(reverse("coding:memos", args=[study.pk])).status_code == 404
    assert Memo.objects.count() == 0


def test_authors_edit_their_own_memos_leads_all_other_coders_none(client, study, alice, bob):
    other_coder = factories.UserFactory(username="dave")
    factories.MembershipFactory(study=study, user=other_coder, role="coder")
    memo = factories.MemoFactory(study=study, author=bob, text="first")
    edit = reverse("memos:edit", args=[memo.pk])
    client.force_login(other_coder)
    assert client.post(edit, {"title": "t", "text": "dave's"}).status_code == 403
    client.force_login(bob)
    assert client.post(edit, {"title": "t", "text": "bob's", "loaded_version": version_token(memo)}).status_code == 302
    memo.refresh_from_db()
    client.force_login(alice)
    alices = {"title": "t", "text": "alice's", "loaded_version": version_token(memo)}
    assert client.post(edit, alices).status_code == 302
    memo.refresh_from_db()
    assert memo.text == "alice's"
    assert [version.history_user for version in memo.history.order_by("history_id")] == [None, bob, alice]
    history = client.get(reverse("history:object", args=["memo", memo.pk])).content.decode()
    assert "alice&#x27;s" in history and "bob&#x27;s" in history  # the texts of two versions, escaped


def test_deleting_a_memo_puts_it_on_the_deleted_records_page(client, study, alice, bob):
    memo = factories.MemoFactory(study=study, author=bob, title="Rivalry in the clean room")
    client.force_login(bob)
    assert client.post(reverse("memos:delete", args=[memo.pk])).status_code == 302
    client.force_login(alice)
    page = client.get(reverse("history:deleted", args=[study.pk])).content.decode()
    assert "“Rivalry in the clean room”" in page


def test_the_list_holds_memos_and_the_memo_fields_of_codings_ties_and_interviews(client, study, region, bob, carol):
    interview = factories.InterviewFactory(region=region, memo="Interview memo: tense atmosphere")
    factories.CodingFactory(interview=interview, coder=bob, memo="Coding memo: irony?")
    factories.InteractionFactory(region=region, coder=bob, memo="Tie memo: only at the fair")
    factories.InteractionFactory(region=region)  # no memo: not listed
    factories.MemoFactory(study=study, author=bob, text="Free memo: trust comes first")
    factories.MemoFactory(study=factories.StudyFactory(), author=bob, text="Another study's memo")
    client.force_login(carol)
    assert sorted(list_texts(client, study)) == [
        "Coding memo: irony?",
        "Free memo: trust comes first",
        "Interview memo: tense atmosphere",
        "Tie memo: only at the fair",
    ]


def test_the_list_searches_titles_and_texts_and_filters_by_target_author_and_date(
    client, study, region, alice, bob, carol
):
    actor = factories.OrganisationFactory(region=region)
    code = factories.CodeFactory(scheme=study.coding_scheme)
    on_actor = factories.MemoFactory(study=study, author=bob, actor=actor, title="Broker", text="between firms")
    factories.MemoFactory(study=study, author=alice, code=code, title="Definition", text="Club GOODS, again")
    factories.MemoFactory(study=study, author=alice, text="A free thought")
    factories.CodingFactory(interview=factories.InterviewFactory(region=region), coder=bob, memo="club goods?")
    # Moved back in time without a save (a save would stamp now): only this memo is older.
    Memo.objects.filter(pk=on_actor.pk).update(updated_at=timezone.now() - datetime.timedelta(days=30))
    client.force_login(carol)
    assert sorted(list_texts(client, study, "?q=club+goods")) == ["Club GOODS, again", "club goods?"]
    assert list_texts(client, study, "?q=broker") == ["between firms"]  # the title matched
    assert list_texts(client, study, "?target=actor") == ["between firms"]
    assert list_texts(client, study, "?target=none") == ["A free thought"]
    assert list_texts(client, study, "?target=coding") == ["club goods?"]
    assert sorted(list_texts(client, study, f"?author={bob.pk}")) == ["between firms", "club goods?"]
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert "between firms" not in list_texts(client, study, f"?since={since}")
    until = (timezone.now() - datetime.timedelta(days=20)).date().isoformat()
    assert list_texts(client, study, f"?until={until}") == ["between firms"]


def test_the_code_and_wave_pages_show_their_memos_and_404_for_another_studys_wave(
    client, study, region, other_region, carol
):
    code = factories.CodeFactory(scheme=study.coding_scheme, name="Co-opetition")
    wave = factories.WaveFactory(region=region)
    factories.MemoFactory(study=study, code=code, text="Rivals share a supplier.")
    factories.MemoFactory(study=study, wave=wave, text="Second wave: fewer ties.")
    client.force_login(carol)
    code_page = client.get(reverse("memos:on", args=[study.pk, "code", code.pk])).content.decode()
    assert "Rivals share a supplier." in code_page and "Add memo" not in code_page
    wave_page = client.get(reverse("memos:on", args=[study.pk, "wave", wave.pk])).content.decode()
    assert "Second wave: fewer ties." in wave_page
    foreign_wave = factories.WaveFactory(region=other_region)
    assert client.get(reverse("memos:on", args=[study.pk, "wave", foreign_wave.pk])).status_code == 404


def make_memos(study, region, bob, n: int) -> None:
    actor = factories.OrganisationFactory(region=region)
    interview = factories.InterviewFactory(region=region, memo="interview memo")
    code = factories.CodeFactory(scheme=study.coding_scheme)
    for i in range(n):
        factories.MemoFactory(study=study, author=bob, actor=actor if i % 3 == 0 else None)
        factories.MemoFactory(study=study, author=bob, code=code)
        factories.CodingFactory(interview=interview, code=code, coder=bob, start=i % 40, length=5, memo=f"m{i}")
        factories.InteractionFactory(region=region, coder=bob, memo=f"tie {i}")


@pytest.mark.parametrize("n", [3, 30])
def test_the_memo_list_takes_the_same_queries_for_3_and_30_memos_of_each_kind(
    client, study, region, bob, carol, n, django_assert_max_num_queries
):
    make_memos(study, region, bob, n)
    client.force_login(carol)
    # session + user, study with role, members for the filter, count, page, then the page's
    # memos, codings, ties, interviews and authors: 11; 14 leaves room for the session's touches.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("coding:memos", args=[study.pk]))
    assert len(response.context["rows"]) == min(50, 4 * n + 1)


@pytest.mark.parametrize("n", [3, 30])
def test_the_actor_page_takes_the_same_queries_for_3_and_30_memos(
    client, study, region, bob, carol, n, django_assert_max_num_queries
):
    actor = factories.OrganisationFactory(region=region)
    for _ in range(n):
        factories.MemoFactory(study=study, author=bob, actor=actor)
    client.force_login(carol)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("cases:actor-detail", args=[actor.pk])).status_code == 200


def test_the_coding_workbench_and_the_matrix_link_each_code_to_its_memos(client, study, region, bob, carol):
    code = factories.CodeFactory(scheme=study.coding_scheme)
    interview = factories.InterviewFactory(region=region)
    factories.CodingFactory(interview=interview, code=code, coder=bob)
    client.force_login(carol)
    code_memos = reverse("memos:on", args=[study.pk, "code", code.pk])
    assert code_memos in client.get(reverse("coding:interview-code", args=[interview.pk])).content.decode()
    assert code_memos in client.get(reverse("coding:matrix", args=[study.pk])).content.decode()
