"""The coding view of a long interview stays small and its queries do not grow with codings."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coding.models import Coding
from tests import factories
from tests.workbench_coding.conftest import TRANSCRIPT
from tests.workbench_coding.long_interview import CODINGS, TEXT_CHARS, fixture_interview
from tests.workbench_coding.test_coding_view import coding_data


def test_the_coding_view_of_50000_characters_and_300_codings_is_under_150_kb_in_7_queries(db, client):
    lead = factories.UserFactory(username="bench-lead")
    interview = fixture_interview(lead)
    assert (len(interview.transcript), Coding.objects.filter(interview=interview).count()) == (TEXT_CHARS, CODINGS)
    client.force_login(lead)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("coding:interview-code", args=[interview.pk]))
    assert response.status_code == 200
    assert len(response.content) < 150 * 1024
    # session, user, interview with role, codings, coders, codes, codings per code in the study
    assert len(queries) == 7
    # The transcript is in the page once (in the data), not again as HTML.
    assert response.content.decode().count(interview.transcript[1000:1100]) == 1


@pytest.mark.parametrize("codings", [2, 40])
def test_the_coding_view_counts_codings_per_code_without_a_query_per_code(
    client, alice, bob, study, interview, code, sub_code, codings, django_assert_max_num_queries
):
    other_interview = factories.InterviewFactory(region=interview.region, transcript=TRANSCRIPT)
    for i in range(codings):
        factories.CodingFactory(interview=interview, code=code, coder=alice, start=i, length=3)
        factories.CodingFactory(interview=other_interview, code=code, coder=bob, start=i, length=3)
    factories.CodingFactory(interview=other_interview, code=sub_code, coder=bob, start=0, length=3)
    client.force_login(bob)
    with django_assert_max_num_queries(7):
        page = client.get(reverse("coding:interview-code", args=[interview.pk])).content.decode()
    # code: `codings` here, 2 × `codings` in the study; sub_code: none here, 1 in the study
    assert f'title="codings shown in this interview / in the whole study">{codings}/{2 * codings}</span>' in page
    assert 'title="codings shown in this interview / in the whole study">0/1</span>' in page


def test_the_page_data_gives_each_coding_its_paragraphs(client, bob, interview, code):
    # TRANSCRIPT = "Ärger 🙂 first.\nWe met at the Thursday lecture series and shared the clean room."
    # Line 1 "Ärger 🙂 first." is ¶ 1 (offsets 0–14, 14 code points), line 2 is ¶ 2 from offset 15.
    thursday = TRANSCRIPT.index("Thursday")  # in line 2
    first = TRANSCRIPT.index("first.")  # in line 1
    across = factories.CodingFactory(interview=interview, code=code, coder=bob, start=first, length=10)
    inside = factories.CodingFactory(interview=interview, code=code, coder=bob, start=thursday, length=8)
    client.force_login(bob)
    data = coding_data(client.get(reverse("coding:interview-code", args=[interview.pk])))
    assert data["paragraphs"] == [[0, 14], [15, len(TRANSCRIPT)]]
    spans = {row[0]: (row[5], row[6]) for row in data["codings"]}
    assert spans == {across.pk: (1, 2), inside.pk: (2, 2)}
