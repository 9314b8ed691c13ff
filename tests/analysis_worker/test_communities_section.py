"""The analysis page's communities section: the stored partition, its sizes, members and ties inside."""

from __future__ import annotations

import re

from django.urls import reverse

from coding.worker import tasks
from coding.worker.models import RegionAnalysisState
from tests import factories


def _computed(region) -> None:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def _rows(page: str) -> dict[str, str]:
    table = page[page.index('id="analysis-communities"') :]
    table = table[: table.index("</table>")]
    return dict(re.findall(r'<tr data-community="(\d+)">(.*?)</tr>', table, flags=re.S))


def test_two_triangles_joined_by_one_tie_show_as_two_communities_with_three_of_four_ties_inside(client, region, alice):
    firms = [factories.OrganisationFactory(region=region, name=f"Firm {letter}") for letter in "ABCDEF"]
    a, b, c, d, e, f = firms
    for source, target in ((a, b), (b, c), (a, c), (d, e), (e, f), (d, f), (c, d)):
        factories.InteractionFactory(region=region, source=source, target=target)
    _computed(region)
    client.force_login(alice)
    page = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    rows = _rows(page)
    # By hand: the optimum splits the triangles (Q = 2 · (3/7 − (7/14)²) = 0.357); each triangle has
    # its three ties inside and touches the bridge C–D: 3 of 4 ties inside, 75 %.
    assert sorted(rows) == ["0", "1"]
    members = [set(re.findall(r">(Firm [A-F])</a>", row)) for row in rows.values()]
    assert sorted(members, key=sorted) == [{"Firm A", "Firm B", "Firm C"}, {"Firm D", "Firm E", "Firm F"}]
    for row in rows.values():
        assert "<td>3</td>" in row and "75 %" in row and "(3 of 4)" in row
    assert f'href="{reverse("cases:actor-detail", args=[a.pk])}"' in page
    assert "(0.3571)" in page  # the stored modularity, 2 · (3/7 − 1/4)


def test_the_section_costs_no_query_whatever_the_number_of_communities(
    client, region, alice, django_assert_max_num_queries
):
    # 40 disjoint pairs of firms: 40 communities of two, each with its one tie inside (100 %).
    for _ in range(40):
        factories.InteractionFactory(region=region)
    _computed(region)
    client.force_login(alice)
    with django_assert_max_num_queries(17):  # the page's bound without the section (test_page.py)
        response = client.get(reverse("analysis:region", args=[region.pk]))
    rows = _rows(response.content.decode())
    assert len(rows) == 40
    assert all("100 %" in row and "(1 of 1)" in row for row in rows.values())
