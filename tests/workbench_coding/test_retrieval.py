"""Retrieval with sub-codes and filters, the code x region matrix, memos and agreement pages."""

from __future__ import annotations

from django.urls import reverse

from cases.choices import OrgType
from coding.models import Coding
from tests import factories


def test_retrieval_includes_sub_codes_and_filters_by_region_and_actor_type(
    client, carol, study, interview, code, sub_code
):
    other_region = factories.RegionFactory(study=study, name="Cambridge")
    elsewhere = factories.InterviewFactory(region=other_region, title="Cambridge chat")
    university = factories.OrganisationFactory(region=other_region, org_type=OrgType.UNIVERSITY)
    elsewhere.interviewees.add(university)
    factories.CodingFactory(interview=interview, code=code, coder=carol, length=5, memo="parent")
    factories.CodingFactory(interview=elsewhere, code=sub_code, coder=carol, length=6, memo="child")
    unrelated = factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry")
    factories.CodingFactory(interview=interview, code=unrelated, coder=carol, length=7, memo="unrelated")
    client.force_login(carol)
    url = reverse("coding:retrieval", args=[study.pk])
    page = client.get(url, {"code": code.pk}).content.decode()
    assert "Memo: parent" in page and "Memo: child" in page and "Memo: unrelated" not in page
    page = client.get(url, {"code": code.pk, "region": other_region.pk}).content.decode()
    assert "Memo: parent" not in page and "Memo: child" in page
    page = client.get(url, {"actor_type": OrgType.UNIVERSITY}).content.decode()
    assert "Memo: child" in page and "Memo: parent" not in page


def test_retrieval_rejects_a_code_of_another_study(client, carol, study, other_study, interview, code):
    foreign = factories.CodeFactory(scheme=other_study.coding_scheme)
    client.force_login(carol)
    response = client.get(reverse("coding:retrieval", args=[study.pk]), {"code": foreign.pk})
    assert "Select a valid choice" in response.content.decode()


def test_study_pages_are_404_for_non_members(client, mallory, study):
    client.force_login(mallory)
    for name in ("retrieval", "matrix", "memos", "study-agreement", "interaction-list"):
        assert client.get(reverse(f"coding:{name}", args=[study.pk])).status_code == 404, name


def bulk_codings(study, region, code, coders, n: int = 300) -> None:
    interviews = [factories.InterviewFactory(region=region) for _ in range(3)]
    text = interviews[0].transcript
    Coding.objects.bulk_create(
        Coding(
            interview=interviews[i % 3],
            code=code,
            coder=coders[i % len(coders)],
            # Lengths 5, 6, ... per round of 50: no two rows are the same passage, code and coder.
            start=i % 50,
            end=i % 50 + 5 + i // 50,
            quote=text[i % 50 : i % 50 + 5 + i // 50],
            memo=f"memo {i}",
        )
        for i in range(n)
    )


def test_retrieval_matrix_memos_and_agreement_query_counts_are_bounded(
    client, alice, bob, study, region, code, sub_code, django_assert_max_num_queries
):
    bulk_codings(study, region, sub_code, [alice, bob])
    client.force_login(alice)
    for name, params, limit in (
        ("retrieval", {"code": code.pk}, 13),  # the 13th: the study's variables (the variable filter)
        ("matrix", {}, 8),
        ("memos", {}, 10),
        ("study-agreement", {}, 10),
    ):
        with django_assert_max_num_queries(limit):
            response = client.get(reverse(f"coding:{name}", args=[study.pk]), params)
        assert response.status_code == 200, name


def test_matrix_counts_roll_up_sub_codes_and_link_to_passages(client, carol, study, region, interview, code, sub_code):
    factories.CodingFactory(interview=interview, code=code, coder=carol, length=5)
    factories.CodingFactory(interview=interview, code=sub_code, coder=carol, length=6)
    client.force_login(carol)
    page = client.get(reverse("coding:matrix", args=[study.pk])).content.decode()
    assert f'?code={code.pk}&region={region.pk}">2</a>' in page
    assert f'?code={sub_code.pk}&region={region.pk}">1</a>' in page


def test_interview_agreement_lists_disagreements_and_states_the_rule(client, alice, bob, interview, code):
    factories.CodingFactory(interview=interview, code=code, coder=alice, start=0, length=10)
    factories.CodingFactory(interview=interview, code=code, coder=bob, start=5, length=5)
    client.force_login(bob)
    page = client.get(reverse("coding:interview-agreement", args=[interview.pk])).content.decode()
    assert "split at" in page and "every start and end offset" in page
    assert interview.transcript[0:5] in page  # the passage only alice coded
    assert "50 %" in page  # 2 segments, 1 agreeing


def test_interview_agreement_and_tie_evidence_query_counts_are_bounded(
    client, alice, bob, region, interview, code, django_assert_max_num_queries
):
    coders = [alice, bob]
    text = interview.transcript
    codings = Coding.objects.bulk_create(
        Coding(
            interview=interview,
            code=code,
            coder=coders[i % 2],
            # Lengths 4..8, one per round of 60: no two rows are the same passage, code and coder.
            start=i % 60,
            end=i % 60 + 4 + i // 60,
            quote=text[i % 60 : i % 60 + 4 + i // 60],
        )
        for i in range(300)
    )
    interaction = factories.InteractionFactory(region=region)
    interaction.evidence.add(*codings)
    client.force_login(bob)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("coding:interview-agreement", args=[interview.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("coding:interaction-detail", args=[interaction.pk])).status_code == 200
