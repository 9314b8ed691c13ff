"""The analysis page's actor tables, sorted and paged on the server (issue 17): orders worked out by
hand on the five actors of ``conftest.FIVE``, aria-sort, the pager, bad parameters, query counts."""

from __future__ import annotations

import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coding.worker import actor_table
from tests import factories
from tests.analysis_page_large.conftest import store

pytestmark = pytest.mark.django_db


def _names(html: str, attribute: str = "data-actor") -> list[str]:
    return re.findall(rf'<tr {attribute}="\d+"><td><a href="[^"]+">([^<]+)</a>', html)


def _heading(html: str, key: str) -> str:
    return re.search(rf'<th [^>]*><a class="sort-link" href="[^"]*" data-sort="{key}">', html).group(0)


def _page(client, region, **query) -> str:
    response = client.get(reverse("analysis:region", args=[region.pk]), query)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr(actor_table, "ACTORS_PER_PAGE", 2)


# Expected orders (FIVE): degree Alpha 3, beta 1, Gamma 3, delta 0, Epsilon 2; betweenness Alpha 0.5,
# beta none, Gamma 2.0, delta 0.0, Epsilon 1.0. Equal figures fall back to the name (case ignored),
# blanks come last both ways.
@pytest.mark.parametrize(
    ("sort", "order", "expected"),
    [
        ("degree", "desc", ["Alpha", "Gamma", "Epsilon", "beta", "delta"]),
        ("degree", "asc", ["delta", "beta", "Epsilon", "Alpha", "Gamma"]),
        ("betweenness", "asc", ["delta", "Alpha", "Epsilon", "Gamma", "beta"]),
        ("betweenness", "desc", ["Gamma", "Epsilon", "Alpha", "delta", "beta"]),
        ("name", "asc", ["Alpha", "beta", "delta", "Epsilon", "Gamma"]),
        ("name", "desc", ["Gamma", "Epsilon", "delta", "beta", "Alpha"]),
        ("community", "asc", ["Alpha", "Gamma", "beta", "Epsilon", "delta"]),
    ],
)
def test_the_table_is_sorted_by_the_chosen_column(client, region, alice, five, sort, order, expected):
    client.force_login(alice)
    html = _page(client, region, actors_sort=sort, actors_order=order)
    assert _names(html) == expected
    assert 'aria-sort="{}"'.format("ascending" if order == "asc" else "descending") in _heading(html, sort)
    assert html.count("aria-sort=") == 1  # only the sorted column says so


def test_without_a_sort_the_stored_order_is_kept_and_no_heading_claims_one(client, region, alice, five):
    client.force_login(alice)
    html = _page(client, region)
    assert _names(html) == ["Alpha", "beta", "Gamma", "delta", "Epsilon"]
    assert "aria-sort=" not in html


def test_heading_links_turn_the_order_round_and_keep_the_other_parameters(client, region, alice, five):
    client.force_login(alice)
    html = _page(client, region, layer="cooperation", actors_sort="degree", actors_order="desc", actors_page="1")
    degree = _heading(html, "degree")
    assert "actors_sort=degree" in degree and "actors_order=asc" in degree and "layer=cooperation" in degree
    assert "actors_page" not in degree  # a new order starts at its first page
    # Figures are first sorted from the highest, words from A.
    assert "actors_order=desc" in _heading(html, "betweenness") and "actors_order=asc" in _heading(html, "name")


def test_pages_of_two_with_a_pager_that_keeps_sort_and_layer(client, region, alice, five, two_a_page):
    client.force_login(alice)
    html = _page(client, region, layer="cooperation", actors_sort="name", actors_page="2")
    assert _names(html) == ["delta", "Epsilon"]
    pager = html[html.index('data-pager="actors"') : html.index("</nav>", html.index('data-pager="actors"'))]
    assert "Rows 3–4 of 5" in pager and '<strong aria-current="page">2</strong>' in pager
    previous = re.search(r'href="([^"]+)" rel="prev"', pager).group(1)
    following = re.search(r'href="([^"]+)" rel="next"', pager).group(1)
    for link in (previous, following):
        assert "layer=cooperation" in link and "actors_sort=name" in link and "fragment" not in link
    assert "actors_page=1" in previous and "actors_page=3" in following
    assert _names(_page(client, region, layer="cooperation", actors_sort="name", actors_page="3")) == ["Gamma"]


def test_the_status_polls_fragment_shows_the_same_page(client, region, alice, five, two_a_page):
    client.force_login(alice)
    html = _page(client, region, actors_sort="degree", actors_page="2", fragment="1")
    assert _names(html) == ["Epsilon", "beta"]
    assert "fragment=1" not in html.split('data-pager="actors"')[1]


def test_a_page_past_the_end_shows_the_last_one(client, region, alice, five, two_a_page):
    client.force_login(alice)
    assert _names(_page(client, region, actors_sort="name", actors_page="99")) == ["Gamma"]
    assert _names(_page(client, region, actors_sort="name", actors_page="0")) == ["Alpha", "beta"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"actors_sort": "shoe_size"}, "Unknown column “shoe_size” to sort the actors by"),
        ({"actors_sort": "degree", "actors_order": "sideways"}, "Unknown sort order “sideways”"),
        ({"actors_page": "two"}, "“two” is not a page number"),
        ({"actors_sort": "<b>x</b>"}, "Unknown column “&lt;b&gt;x&lt;/b&gt;”"),
    ],
)
def test_bad_table_parameters_are_a_clear_400_never_a_500(client, region, alice, five, query, message):
    client.force_login(alice)
    response = client.get(reverse("analysis:region", args=[region.pk]), query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert len(_names(html)) == 5  # the table is still shown, unsorted or from its first page


def test_the_organisation_level_table_pages_and_sorts_alike(client, region, alice, two_a_page):
    firms = [factories.OrganisationFactory(region=region, name=name) for name in ("Cedar", "ash", "Birch")]
    records = [
        {"id": firm.pk, "name": firm.name, "actor_type": "firm_sme", "location": "inside", "degree": degree}
        for firm, degree in zip(firms, (2, 5, 1), strict=True)
    ]
    organisation = {"actors": records, "ties": [], "classifications": [], "metrics": {}, "folding": {}}
    store(region, [(firm, {"degree": 1}) for firm in firms], [], levels={"organisation": organisation})
    client.force_login(alice)
    html = _page(client, region, organisation_actors_sort="degree")
    assert _names(html, "data-organisation-actor") == ["ash", "Cedar"]  # degrees 5, 2 (then Birch's 1)
    assert 'id="analysis-organisation-actors" open' in html.replace("<details ", "")
    html = _page(client, region, organisation_actors_sort="degree", organisation_actors_page="2")
    assert _names(html, "data-organisation-actor") == ["Birch"]
    assert len(_names(html)) == 2  # the first table keeps its own (first) page


def test_the_page_reads_the_same_number_of_queries_for_5_and_120_actors(
    client, study, alice, django_assert_max_num_queries
):
    counts = []
    for size in (5, 120):
        region = factories.RegionFactory(study=study)
        actors = [factories.OrganisationFactory(region=region, name=f"Firm {n:03d}") for n in range(size)]
        ties = [
            {"source": a.pk, "target": b.pk, "tie_ids": [n], "strength": 0.5, "modes": ["cooperation"]}
            for n, (a, b) in enumerate(itertools.pairwise(actors))
        ]
        store(region, [(actor, {"degree": n % 7, "community": n % 3}) for n, actor in enumerate(actors)], ties)
        client.force_login(alice)
        # As tests/analysis_worker/test_page.py's bound: the table adds none.
        with django_assert_max_num_queries(17), CaptureQueriesContext(connection) as queries:
            html = _page(client, region, actors_sort="degree")
        assert len(_names(html)) == min(size, actor_table.ACTORS_PER_PAGE)
        counts.append(len(queries))
    assert counts[0] == counts[1]
