"""Informant reciprocity on the analysis page and the comparison: figures by hand, links, queries.

Region: firms F1, F2, F3; person P works for F1. Interview I1: P. Interview I2: F2.
Ties: F1–F2 evidenced in I1 and I2 (I1 speaks for F1 through P, I2 for F2): both sides.
      F2–F3 evidenced in I2: one side.  F1–F3 evidenced in no interview: no evidence.
Confirmed share: 1 of 3.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.worker.loader import compute_snapshot
from tests import factories


@pytest.fixture
def informants(region):
    f1, f2, f3 = (factories.OrganisationFactory(region=region, name=f"F{i}") for i in (1, 2, 3))
    person = factories.PersonFactory(region=region, name="P", affiliation=f1)
    first = factories.InterviewFactory(region=region, title="I1")
    first.interviewees.add(person)
    second = factories.InterviewFactory(region=region, title="I2")
    second.interviewees.add(f2)
    confirmed = factories.InteractionFactory(region=region, source=f1, target=f2)
    confirmed.evidence.add(factories.CodingFactory(interview=first), factories.CodingFactory(interview=second))
    one_side = factories.InteractionFactory(region=region, source=f2, target=f3)
    one_side.evidence.add(factories.CodingFactory(interview=second))
    factories.InteractionFactory(region=region, source=f1, target=f3)
    return {"confirmed": confirmed, "one_side": one_side, "first": first, "second": second}


def test_page_shows_the_confirmed_share_and_links_ties_and_interviews(client, region, informants, carol):
    client.force_login(carol)
    page = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    url = reverse("analysis:region-reciprocity", args=[region.pk])
    assert f'id="informant-reciprocity-root" data-url="{url}"' in page  # fetched by analysis.js
    section = client.get(url).content.decode()
    section = section[section.index('id="informant-reciprocity"') :]
    assert '<span data-figure="confirmed_share">33 %</span> (1 of 3 ties)' in section
    for category, count in (("both", 1), ("one_side", 1), ("third_party", 0), ("no_evidence", 1)):
        assert f'<td data-count="{category}">{count}</td>' in section
    both = section[section.index('data-category="both"') : section.index('data-category="one_side"')]
    assert reverse("coding:interaction-detail", args=[informants["confirmed"].pk]) in both
    assert reverse("interviews:detail", args=[informants["first"].pk]) in both
    assert reverse("interviews:detail", args=[informants["second"].pk]) in both


def test_the_section_is_for_members_only_and_refuses_a_foreign_wave(
    client, region, other_region, informants, carol, mallory
):
    url = reverse("analysis:region-reciprocity", args=[region.pk])
    assert client.get(url).status_code == 302
    client.force_login(mallory)
    assert client.get(url).status_code == 404
    client.force_login(carol)
    foreign = factories.WaveFactory(region=other_region)
    response = client.get(url, {"wave": foreign.pk})
    assert response.status_code == 400 and "not part of this region" in response.content.decode()
    assert client.get(url, {"wave": "x"}).status_code == 400


def test_comparison_shows_the_share_per_region(client, study, region, informants, carol):
    client.force_login(carol)
    page = client.get(reverse("comparison:page", args=[study.pk]), {"region": [region.pk]}).content.decode()
    table = page[page.index('id="comparison-reciprocity-table"') :]
    table = table[: table.index("</table>")]
    assert "<td>0.333</td><td>1</td><td>1</td><td>0</td><td>1</td><td>3</td>" in table


def _seed(region, n: int) -> None:
    actors = [factories.OrganisationFactory(region=region) for _ in range(n)]
    for i, actor in enumerate(actors):
        interview = factories.InterviewFactory(region=region)
        interview.interviewees.add(actor)
        tie = factories.InteractionFactory(region=region, source=actor, target=actors[(i + 1) % n])
        tie.evidence.add(factories.CodingFactory(interview=interview))


@pytest.mark.parametrize("n", [3, 30])
def test_queries_do_not_grow_with_ties(client, study, region, alice, n, django_assert_max_num_queries):
    _seed(region, n)
    client.force_login(alice)
    with django_assert_max_num_queries(18):  # the page's own and the wave change section's
        assert client.get(reverse("analysis:region", args=[region.pk])).status_code == 200
    # Session and user, region, the three reads of coding.quality.selectors.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("analysis:region-reciprocity", args=[region.pk]))
    assert f"(0 of {n} ties)" in response.content.decode()


def test_the_confirmed_layer_keeps_only_ties_confirmed_by_both_sides(region, informants):
    # Of F1–F2 (both sides), F2–F3 (one side) and F1–F3 (no evidence) only F1–F2 remains.
    result = compute_snapshot(region.pk, None, "confirmed")
    assert [edge["tie_ids"] for edge in result["ties"]] == [[informants["confirmed"].pk]]
    assert len(result["actors"]) == 4  # a layer never removes actors
