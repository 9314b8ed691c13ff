"""Lists of codings show paragraphs ("¶ 2"), with the character offsets in a tooltip."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.workbench_coding.conftest import TRANSCRIPT

# TRANSCRIPT = "Ärger 🙂 first.\nWe met at the Thursday lecture series and shared the clean room."
# ¶ 1 is line 1 (offsets 0–14), ¶ 2 is line 2 (from offset 15).
THURSDAY = TRANSCRIPT.index("Thursday")  # 29, in line 2: ¶ 2
FIRST = TRANSCRIPT.index("first.")  # 8; with 10 characters it ends at 18, in line 2: ¶ 1–2


def test_the_retrieval_page_shows_paragraphs_with_offsets_in_the_tooltip(client, bob, interview, code):
    factories.CodingFactory(interview=interview, code=code, coder=bob, start=THURSDAY, length=8)
    factories.CodingFactory(interview=interview, code=code, coder=bob, start=FIRST, length=10)
    client.force_login(bob)
    page = client.get(reverse("coding:retrieval", args=[interview.region.study_id])).content.decode()
    assert f'<td class="muted" title="characters {THURSDAY}–{THURSDAY + 8}">¶ 2</td>' in page
    assert f'<td class="muted" title="characters {FIRST}–{FIRST + 10}">¶ 1–2</td>' in page


def test_the_retrieval_page_labels_paragraphs_in_the_same_queries_for_1_and_6_interviews(client, bob, region, code):
    client.force_login(bob)
    url = reverse("coding:retrieval", args=[region.study_id])
    counts = []
    for interviews in (1, 6):
        while region.interviews.count() < interviews:
            other = factories.InterviewFactory(region=region, transcript=TRANSCRIPT)
            factories.CodingFactory(interview=other, code=code, coder=bob, start=THURSDAY, length=8)
            factories.CodingFactory(interview=other, code=code, coder=bob, start=FIRST, length=10)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert page.count(">¶ 2</td>") == interviews and page.count(">¶ 1–2</td>") == interviews
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_evidence_of_a_tie_shows_paragraphs(client, bob, interview, code):
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, start=THURSDAY, length=8)
    interaction = factories.InteractionFactory(region=interview.region)
    interaction.evidence.add(coding)
    client.force_login(bob)
    page = client.get(reverse("coding:interaction-detail", args=[interaction.pk])).content.decode()
    assert f'(<span title="characters {THURSDAY}–{THURSDAY + 8}">¶ 2</span>)' in page
    new = client.get(reverse("coding:interaction-new", args=[interview.pk]), {"coding": coding.pk}).content.decode()
    assert f'<span title="characters {THURSDAY}–{THURSDAY + 8}">¶ 2</span>' in new


def test_the_agreement_page_shows_disagreeing_passages_by_paragraph(client, alice, bob, interview, code):
    # Only bob codes "first.\nWe m" (¶ 1–2); both code "Thursday" (¶ 2): one disagreement.
    factories.CodingFactory(interview=interview, code=code, coder=bob, start=FIRST, length=10)
    factories.CodingFactory(interview=interview, code=code, coder=bob, start=THURSDAY, length=8)
    factories.CodingFactory(interview=interview, code=code, coder=alice, start=THURSDAY, length=8)
    client.force_login(bob)
    page = client.get(reverse("coding:interview-agreement", args=[interview.pk])).content.decode()
    assert f'<span class="muted" title="characters {FIRST}–{FIRST + 10}">(¶ 1–2)</span>' in page


def test_the_coding_edit_page_shows_the_paragraph(client, bob, interview, code):
    coding = factories.CodingFactory(interview=interview, code=code, coder=bob, start=FIRST, length=10)
    client.force_login(bob)
    page = client.get(reverse("coding:coding-edit", args=[coding.pk])).content.decode()
    assert f'<span title="characters {FIRST}–{FIRST + 10}">¶ 1–2</span>' in page
