"""Agreement on recorded ties on the interview and study agreement pages: figures, links, queries.

Interview "Joint": bob records F1–F2 (cooperation) and F2–F3 (cooperation); alice records F2–F1
(cooperation) and F1–F3 (rivalry), each with evidence codings of their own in the interview.
Dyads: F1–F2, F1–F3, F2–F3; bob 1, 0, 1; alice 1, 1, 0. Percent 1/3; kappa: p_o = 1/3,
p_e = (2*2 + 1*1)/9 = 5/9, kappa = (1/3 - 5/9)/(4/9) = -0.5; alpha = 1 - 5*4/(2*2*4) = -0.25.
Modes given presence: F1–F2 only, both cooperation: 1 pair, percent 1.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories


def _record(region, interview, coder, source, target, start, **modes):
    coding = factories.CodingFactory(interview=interview, coder=coder, start=start, length=10)
    tie = factories.InteractionFactory(region=region, source=source, target=target, coder=coder, **modes)
    tie.evidence.add(coding)
    return tie, coding


@pytest.fixture
def joint(region, alice, bob):
    f1, f2, f3 = (factories.OrganisationFactory(region=region, name=f"F{i}") for i in (1, 2, 3))
    interview = factories.InterviewFactory(region=region, title="Joint")
    ties = {
        "bob_12": _record(region, interview, bob, f1, f2, 0),
        "bob_23": _record(region, interview, bob, f2, f3, 10),
        "alice_21": _record(region, interview, alice, f2, f1, 20),
        "alice_13": _record(region, interview, alice, f1, f3, 30, mode_cooperation=False, mode_rivalry=True),
    }
    return {"interview": interview, "ties": ties}


def _figures(page: str, row: str) -> list[str]:
    part = page[page.index(f'<tr data-figure="{row}">') :]
    part = part[: part.index("</tr>")]
    return re.findall(r'<td class="count">([^<]*)</td>', part)


def test_interview_page_by_hand(client, joint, carol):
    client.force_login(carol)
    page = client.get(reverse("coding:interview-agreement", args=[joint["interview"].pk])).content.decode()
    section = page[page.index('id="tie-agreement"') :]
    assert _figures(section, "presence") == ["3", "0.333", "-0.500", "-0.250"]
    assert _figures(section, "mode") == ["1", "1.000", "—", "—"]
    listed = section[section.index('id="tie-disagreements"') :]
    assert "F1 – F3" in listed and "F2 – F3" in listed and "F1 – F2" not in listed
    row = listed[listed.index("F1 – F3") :]
    row = row[: row.index("</tr>")]
    assert "alice: tie" in row and "bob: no tie" in row
    tie, coding = joint["ties"]["alice_13"]
    assert reverse("coding:interaction-detail", args=[tie.pk]) in listed
    assert coding.quote[:10] in listed and reverse("coding:interview-code", args=[coding.interview_id]) in listed


def test_study_page_pools_the_interviews(client, study, region, joint, alice, bob, carol):
    # A second interview where both agree on F4–F5 (cooperation): presence units 3 + 1 = 4, the
    # new one agreeing: percent 2/4; bob 1,0,1,1 alice 1,1,0,1: p_o = 1/2, p_e = (3*3 + 1*1)/16 = 10/16,
    # kappa = (8/16 - 10/16)/(6/16) = -1/3; alpha: o11 = 4, o01 = o10 = 2, n1 = 6, n0 = 2, n = 8:
    # 1 - 7*4/(2*6*2) = -1/6.
    f4, f5 = (factories.OrganisationFactory(region=region, name=f"F{i}") for i in (4, 5))
    second = factories.InterviewFactory(region=region, title="Second")
    _record(region, second, bob, f4, f5, 0)
    _record(region, second, alice, f5, f4, 10)
    client.force_login(carol)
    page = client.get(reverse("coding:study-agreement", args=[study.pk])).content.decode()
    assert _figures(page, "presence") == ["4", "0.500", "-0.333", "-0.167"]
    assert _figures(page, "mode") == ["2", "1.000", "—", "—"]
    assert reverse("coding:interview-agreement", args=[joint["interview"].pk]) in page
    # Each interview on its own: "Joint" as in the interview test; "Second" one agreeing pair (kappa undefined).
    per_interview = page[page.index('id="tie-agreement-interviews"') :]
    per_interview = per_interview[: per_interview.index("</table>")]
    joint_row = per_interview[per_interview.index(">Joint<") :]
    assert re.findall(r'<td class="count">([^<]*)</td>', joint_row[: joint_row.index("</tr>")]) == [
        "3", "0.333", "-0.500", "-0.250", "1", "1.000",
    ]  # fmt: skip
    second_row = per_interview[per_interview.index(">Second<") :]
    assert re.findall(r'<td class="count">([^<]*)</td>', second_row[: second_row.index("</tr>")]) == [
        "1", "1.000", "—", "—", "1", "1.000",
    ]  # fmt: skip


def test_access_to_the_pages_stays_with_members(client, joint, study, mallory):
    client.force_login(mallory)
    assert client.get(reverse("coding:interview-agreement", args=[joint["interview"].pk])).status_code == 404
    assert client.get(reverse("coding:study-agreement", args=[study.pk])).status_code == 404


def _seed(region, coders, n: int) -> None:
    actors = [factories.OrganisationFactory(region=region) for _ in range(n + 1)]
    for i in range(n):
        interview = factories.InterviewFactory(region=region)
        for k, coder in enumerate(coders):
            target = actors[(i + 1 + k) % len(actors)]  # the coders disagree: every interview lists dyads
            _record(region, interview, coder, actors[i], target, 10 * k)


@pytest.mark.parametrize("n", [2, 12])
def test_queries_do_not_grow(client, study, region, alice, bob, n, django_assert_max_num_queries):
    _seed(region, [alice, bob], n)
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("coding:study-agreement", args=[study.pk]))
    assert response.status_code == 200 and response.content.decode().count("tie-disagreements") == 1
    interview = region.interviews.first()
    with django_assert_max_num_queries(18):
        assert client.get(reverse("coding:interview-agreement", args=[interview.pk])).status_code == 200
