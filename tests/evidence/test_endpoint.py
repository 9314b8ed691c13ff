"""The evidence endpoint: access, bad input, pages, and queries that do not grow with the ties."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from coding.worker.evidence import PAGE_SIZE
from tests import factories
from tests.evidence.conftest import chain_of_ties

pytestmark = pytest.mark.django_db


def _url(region, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"record": "coordination_regime", **params}.items())
    return f"{reverse('analysis:region-evidence', args=[region.pk])}?{query}"


def _listed(html: str) -> list[int]:
    return [int(tie_id) for tie_id in re.findall(r'<li data-tie="(\d+)">', html)]


def test_members_read_the_evidence_outsiders_get_404_and_anonymous_users_log_in(
    client, region, stored, alice, carol, mallory
):
    stored(region, chain_of_ties(region, 3))
    assert client.get(_url(region)).status_code == 302
    client.force_login(mallory)
    assert client.get(_url(region)).status_code == 404
    client.force_login(carol)  # a viewer
    response = client.get(_url(region))
    assert response.status_code == 200
    assert "Firm 0000 – Firm 0001" in response.content.decode()


def test_a_tie_lists_its_link_and_the_interviews_of_its_evidence(client, region, stored, alice):
    tie_ids = chain_of_ties(region, 2)
    interview = factories.InterviewFactory(region=region, title="Talk with Firm 0")
    coding = factories.CodingFactory(interview=interview)
    region.interactions.get(pk=tie_ids[0]).evidence.add(coding)
    stored(region, tie_ids)
    client.force_login(alice)
    html = client.get(_url(region, fragment=1)).content.decode()
    assert "<html" not in html  # the fragment the page loads in place
    first = html[html.index(f'data-tie="{tie_ids[0]}"') : html.index("</li>")]
    assert f"/interactions/{tie_ids[0]}/" in first and f"/interviews/{interview.pk}/" in first
    assert "Talk with Firm 0" in first


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"record": ""}, "Name the classification record"),
        ({"record": "coordination regime"}, "Name the classification record"),
        ({"record": "x" * 201}, "Name the classification record"),
        ({"layer": "friendship"}, "Unknown layer"),
        ({"wave": "abc"}, "not part of this region"),
        ({"page": "0"}, "whole number"),
        ({"page": "two"}, "whole number"),
        ({"page": "3"}, "no page 3"),  # 150 ties: two pages
        ({"fragment": "maybe"}, "fragment"),
    ],
)
def test_bad_parameters_get_400_saying_what_is_wrong(client, region, stored, alice, params, says):
    stored(region, chain_of_ties(region, 150))
    client.force_login(alice)
    response = client.get(_url(region, **params))
    assert response.status_code == 400
    assert says in response.content.decode()


def test_a_wave_of_another_region_is_a_bad_parameter(client, region, other_region, stored, alice):
    stored(region, chain_of_ties(region, 2))
    client.force_login(alice)
    foreign = factories.WaveFactory(region=other_region)
    assert client.get(_url(region, wave=foreign.pk)).status_code == 400


def test_no_result_or_no_such_record_is_404(client, region, stored, alice):
    client.force_login(alice)
    assert client.get(_url(region)).status_code == 404  # nothing stored yet
    stored(region, chain_of_ties(region, 2))
    assert client.get(_url(region, record="structure")).status_code == 404
    assert client.get(_url(region, layer="cooperation")).status_code == 404


def test_the_evidence_comes_a_hundred_ties_a_page_in_order_of_id(client, region, stored, alice):
    tie_ids = chain_of_ties(region, 250)
    stored(region, tie_ids)
    client.force_login(alice)
    pages = [client.get(_url(region, page=page)).content.decode() for page in (1, 2, 3)]
    assert [_listed(page) for page in pages] == [tie_ids[:100], tie_ids[100:200], tie_ids[200:]]
    assert "Ties 1–100 of 250, page 1 of 3" in pages[0] and "Ties 201–250 of 250, page 3 of 3" in pages[2]
    assert 'rel="next"' in pages[0] and 'rel="prev"' not in pages[0]
    assert 'rel="prev"' in pages[2] and 'rel="next"' not in pages[2]
    assert "page=2" in re.search(r'href="([^"]+)" rel="next"', pages[0]).group(1)
    assert PAGE_SIZE == 100


def test_a_result_stored_before_the_split_still_gives_its_evidence(client, region, stored, alice):
    tie_ids = chain_of_ties(region, 30)
    snapshot = stored(region, tie_ids, split=False)
    assert snapshot.evidence is None and len(snapshot.result["classifications"][0]["tie_ids"]) == 30
    client.force_login(alice)
    assert _listed(client.get(_url(region)).content.decode()) == tie_ids


def test_deleted_ties_are_left_out_and_counted(client, region, stored, alice):
    tie_ids = chain_of_ties(region, 5)
    stored(region, tie_ids)
    region.interactions.filter(pk=tie_ids[1]).delete()
    client.force_login(alice)
    html = client.get(_url(region)).content.decode()
    assert _listed(html) == [tie_ids[0], *tie_ids[2:]]
    assert "1 tie of this page has been deleted" in html


@pytest.mark.parametrize("ties", [5, 400])
def test_queries_do_not_grow_with_the_ties(client, region, stored, alice, ties, django_assert_max_num_queries):
    tie_ids = chain_of_ties(region, ties)
    interview = factories.InterviewFactory(region=region)
    coding = factories.CodingFactory(interview=interview)
    for tie in region.interactions.filter(pk__in=tie_ids[:50]):
        tie.evidence.add(coding)
    stored(region, tie_ids)
    client.force_login(alice)
    # session, user, region and membership, snapshot, the record's list, ties, their interviews
    with django_assert_max_num_queries(7):
        response = client.get(_url(region, page=1))
    assert response.status_code == 200 and len(_listed(response.content.decode())) == min(ties, 100)
