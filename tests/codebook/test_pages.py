"""The codebook pages: preview, confirm, refusals, undo, roles and query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.codebook.models import CodebookOperation
from coding.models import Code, Coding
from tests import factories
from tests.codebook.conftest import TRANSCRIPT, state

pytestmark = pytest.mark.django_db


def merge_url(study, book) -> str:
    return reverse("codebook:merge", args=[study.pk]) + f"?source={book.a.pk}&target={book.b.pk}"


def test_the_study_page_links_leads_to_the_codebook(client, study, alice, book):
    client.force_login(alice)
    page = client.get(reverse("cases:study-detail", args=[study.pk])).content.decode()
    assert reverse("codebook:page", args=[study.pk]) in page


def test_the_codebook_page_lists_the_tree_with_passage_counts(client, study, alice, book):
    client.force_login(alice)
    page = client.get(reverse("codebook:page", args=[study.pk])).content.decode()
    # Cooperation has c1, c2, c3; Collaboration c4, c5; Joint projects c6.
    assert "Cooperation (3)" in page
    assert "Collaboration (2)" in page
    assert "Joint projects (1)" in page


def test_the_merge_preview_shows_the_counts_and_the_interviews_and_changes_nothing(client, study, alice, book):
    client.force_login(alice)
    before = state(study)
    response = client.get(merge_url(study, book))
    page = response.content.decode()
    assert response.status_code == 200
    for name, count in {
        "codings_moved": 1,
        "duplicates_collapsed": 2,
        "children_reparented": 1,
        "codes_removed": 1,
    }.items():
        assert f'data-count="{name}">{count}<' in page
    assert "Foundry founder" in page
    assert "[from “Cooperation”]" in page  # how memos are joined
    assert state(study) == before


def test_confirming_the_preview_merges_and_the_page_offers_the_undo(client, study, alice, book):
    client.force_login(alice)
    fingerprint = client.get(merge_url(study, book)).context["plan"].fingerprint
    data = {"source": book.a.pk, "target": book.b.pk, "fingerprint": fingerprint}
    response = client.post(reverse("codebook:merge", args=[study.pk]), data, follow=True)
    page = response.content.decode()
    assert "Merged “Cooperation” into “Collaboration”" in page
    assert not Code.objects.filter(pk=book.a.pk).exists()
    operation = CodebookOperation.objects.get()
    assert reverse("codebook:undo", args=[study.pk, operation.pk]) in page


def test_a_confirmation_after_the_data_changed_is_refused_with_a_message(client, study, alice, bob, book):
    client.force_login(alice)
    fingerprint = client.get(merge_url(study, book)).context["plan"].fingerprint
    Coding.objects.filter(pk=book.codings["c1"].pk).update(memo="edited meanwhile")
    before = state(study)
    data = {"source": book.a.pk, "target": book.b.pk, "fingerprint": fingerprint}
    page = client.post(reverse("codebook:merge", args=[study.pk]), data, follow=True).content.decode()
    assert "changed since the preview" in page
    assert state(study) == before


def test_merging_a_code_into_itself_on_the_page_writes_nothing(client, study, alice, book):
    client.force_login(alice)
    before = state(study)
    url = reverse("codebook:merge", args=[study.pk]) + f"?source={book.a.pk}&target={book.a.pk}"
    page = client.get(url, follow=True).content.decode()
    assert "cannot be merged into itself" in page
    assert state(study) == before


def test_a_code_of_another_study_is_not_a_choice(client, study, alice, other_study, book):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    client.force_login(alice)
    url = reverse("codebook:merge", args=[study.pk]) + f"?source={book.a.pk}&target={foreign.pk}"
    page = client.get(url, follow=True).content.decode()
    assert "Pick a code of this study" in page
    assert client.get(reverse("codebook:split", args=[study.pk, foreign.pk])).status_code == 404


@pytest.mark.parametrize("persona, status", [("bob", 403), ("carol", 403), ("mallory", 404)])
def test_only_leads_of_the_study_may_merge(client, request, study, book, persona, status):
    client.force_login(request.getfixturevalue(persona))
    before = state(study)
    data = {"source": book.a.pk, "target": book.b.pk, "fingerprint": "x"}
    assert client.post(reverse("codebook:merge", args=[study.pk]), data).status_code == status
    assert client.get(merge_url(study, book)).status_code == status
    assert state(study) == before


def test_the_split_page_shows_each_passage_with_its_paragraph_interview_and_coder(client, study, alice, book):
    client.force_login(alice)
    page = client.get(reverse("codebook:split", args=[study.pk, book.a.pk])).content.decode()
    # c1 45–94 is ¶ 2; c2 and c3 (95–120) are ¶ 3.
    assert page.count("¶ 2") == 1
    assert page.count("¶ 3") == 2
    assert "We shared the clean room." in page
    assert "Foundry founder" in page and "bob" in page


def test_a_split_through_the_pages_previews_then_moves_the_ticked_passages(client, study, alice, book):
    client.force_login(alice)
    url = reverse("codebook:split", args=[study.pk, book.a.pk])
    data = {"codings": [book.codings["c1"].pk], "target": "", "new_name": "Formal cooperation", "new_parent": ""}
    preview = client.post(url, data)
    assert preview.context["plan"].counts["codings_moved"] == 1
    assert not Code.objects.filter(name="Formal cooperation").exists()
    client.post(url, {**data, "fingerprint": preview.context["plan"].fingerprint})
    new = Code.objects.get(name="Formal cooperation", parent=None)
    assert list(Coding.objects.filter(code=new).values_list("pk", flat=True)) == [book.codings["c1"].pk]


def test_undo_through_the_page_restores_the_state_before_the_move(client, study, alice, book):
    client.force_login(alice)
    before = state(study)
    url = reverse("codebook:move", args=[study.pk]) + f"?code={book.a.pk}&parent={book.c.pk}"
    fingerprint = client.get(url).context["plan"].fingerprint
    client.post(
        reverse("codebook:move", args=[study.pk]), {"code": book.a.pk, "parent": book.c.pk, "fingerprint": fingerprint}
    )
    assert Code.objects.get(pk=book.a.pk).parent_id == book.c.pk
    operation = CodebookOperation.objects.get()
    page = client.post(reverse("codebook:undo", args=[study.pk, operation.pk]), follow=True).content.decode()
    assert "Undone: Moved “Cooperation” under “Rivalry”" in page
    assert state(study) == before


def _big_book(study, coders, size: int) -> tuple[Code, Code]:
    """A with ``size`` codings per coder, B with the same passages for the first coder (duplicates)."""
    a = factories.CodeFactory(scheme=study.coding_scheme, name="A")
    b = factories.CodeFactory(scheme=study.coding_scheme, name="B")
    for child in range(3):
        factories.CodeFactory(scheme=study.coding_scheme, name=f"A{child}", parent=a)
    region = factories.RegionFactory(study=study)
    for number in range(size):
        interview = factories.InterviewFactory(region=region, title=f"I{number}", transcript=TRANSCRIPT)
        for coder in coders:
            factories.CodingFactory(
                interview=interview, code=a, coder=coder, start=0, end=11, quote=TRANSCRIPT[:11], memo="on A"
            )
        factories.CodingFactory(
            interview=interview, code=b, coder=coders[0], start=0, end=11, quote=TRANSCRIPT[:11], memo="on B"
        )
    return a, b


# Upper bounds measured once (login, study, the form's code tree, lock, preview, writes); the
# point is that they hold for 3 and for 30 interviews alike.
# The merge's 40th query: deleting the merged code checks the memos that would block it (RESTRICT).
PREVIEW_QUERIES, MERGE_QUERIES, UNDO_QUERIES = 11, 40, 37
SPLIT_PAGE_QUERIES = 12


def _merge_queries(client, study, a, b, most) -> tuple[int, int]:
    url = reverse("codebook:merge", args=[study.pk])
    with most(PREVIEW_QUERIES) as preview:
        fingerprint = client.get(url, {"source": a.pk, "target": b.pk}).context["plan"].fingerprint
    with most(MERGE_QUERIES) as run:
        response = client.post(url, {"source": a.pk, "target": b.pk, "fingerprint": fingerprint})
    assert response.status_code == 302
    return len(preview), len(run)


def test_preview_merge_and_undo_take_as_many_queries_for_30_interviews_as_for_3(
    client, alice, bob, django_assert_max_num_queries
):
    counts = []
    for size in (3, 30):
        study = factories.StudyFactory()
        factories.MembershipFactory(study=study, user=alice, role="lead")
        client.force_login(alice)
        a, b = _big_book(study, [alice, bob], size)
        preview, run = _merge_queries(client, study, a, b, django_assert_max_num_queries)
        operation = CodebookOperation.objects.get(study=study)
        with django_assert_max_num_queries(UNDO_QUERIES) as undone:
            client.post(reverse("codebook:undo", args=[study.pk, operation.pk]))
        assert Coding.objects.filter(code=a).count() == 2 * size  # the undo brought them all back
        counts.append((preview, run, len(undone)))
    assert counts[0] == counts[1], counts


def test_collapsed_duplicates_are_on_the_deleted_records_page_until_the_undo(client, study, alice, book):
    client.force_login(alice)
    fingerprint = client.get(merge_url(study, book)).context["plan"].fingerprint
    client.post(
        reverse("codebook:merge", args=[study.pk]),
        {"source": book.a.pk, "target": book.b.pk, "fingerprint": fingerprint},
    )
    deleted = reverse("history:deleted", args=[study.pk])
    listed = {(record.kind, record.record_id) for record in client.get(deleted).context["records"]}
    # c2 and c3 collapsed into c5 and c4.
    assert listed == {("coding", book.codings["c2"].pk), ("coding", book.codings["c3"].pk)}
    history = client.get(reverse("history:object", args=["coding", book.codings["c1"].pk])).content.decode()
    assert "Codebook change " in history and ": Merged “Cooperation” into “Collaboration”" in history
    client.post(reverse("codebook:undo", args=[study.pk, CodebookOperation.objects.get().pk]))
    assert list(client.get(deleted).context["records"]) == []


def test_the_split_page_takes_as_many_queries_for_30_passages_as_for_3(client, alice, django_assert_max_num_queries):
    counts = []
    for size in (3, 30):
        study = factories.StudyFactory()
        factories.MembershipFactory(study=study, user=alice, role="lead")
        client.force_login(alice)
        a, _ = _big_book(study, [alice], size)
        with django_assert_max_num_queries(SPLIT_PAGE_QUERIES) as split_page:
            response = client.get(reverse("codebook:split", args=[study.pk, a.pk]))
        assert response.content.decode().count('name="codings"') == size
        counts.append(len(split_page))
    assert counts[0] == counts[1]
