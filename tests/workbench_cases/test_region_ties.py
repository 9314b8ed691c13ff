"""The region page's first ties (issue 17): the same rows in the same order as before, with their
evidence counts, in a number of queries that does not grow with the region's ties."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

TIE_LINK = re.compile(r'href="/interactions/(\d+)/">([^<]*)</a></td>')


def _shown_ties(html: str) -> list[int]:
    return [int(pk) for pk, _label in TIE_LINK.findall(html)]


def _region_with_ties(region, bob, ties: int) -> list[tuple[str, str, int, int]]:
    """``ties`` ties between actors whose names repeat (so the order needs every key), the n-th
    evidenced by n % 3 codings; returns (source name, target name, id, evidence count) per tie."""
    # A person may share an organisation's name (names are unique per kind).
    actors = [
        *(factories.OrganisationFactory(region=region, name=f"Contact {n}") for n in range(7)),
        *(factories.PersonFactory(region=region, name=f"Contact {n}") for n in range(7)),
    ]
    interview = factories.InterviewFactory(region=region, transcript="x" * 400)
    codings = [factories.CodingFactory(interview=interview, coder=bob, start=n, length=5) for n in range(2)]
    rows = []
    for n in range(ties):
        source, target = actors[(n * 5) % 14], actors[(n * 3 + 1) % 14]
        if source == target:
            target = actors[(n * 3 + 2) % 14]
        tie = factories.InteractionFactory(region=region, source=source, target=target)
        tie.evidence.set(codings[: n % 3])
        rows.append((source.name, target.name, tie.pk, n % 3))
    return rows


def test_the_region_page_shows_the_first_50_ties_by_source_target_and_id(client, carol, region, bob):
    rows = _region_with_ties(region, bob, 80)
    client.force_login(carol)
    html = client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
    expected = sorted(rows)[:50]  # the order the page has always had: source name, target name, id
    assert _shown_ties(html) == [pk for _source, _target, pk, _count in expected]
    for _source, _target, pk, count in expected:
        row = html[html.index(f'href="/interactions/{pk}/"') :].split("</tr>")[0]
        assert f"<td>{count} passage{'' if count == 1 else 's'}</td>" in row
    assert "All 80 interactions" in html


def test_a_tie_of_another_region_never_shows(client, carol, region, other_region, bob):
    _region_with_ties(region, bob, 3)
    stranger = factories.InteractionFactory(region=other_region)
    client.force_login(carol)
    html = client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
    assert len(_shown_ties(html)) == 3 and stranger.pk not in _shown_ties(html)


def test_the_region_page_queries_do_not_grow_with_its_ties(client, carol, study, bob):
    counts = []
    for ties in (4, 120):
        region = factories.RegionFactory(study=study)
        _region_with_ties(region, bob, ties)
        client.force_login(carol)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("cases:region-detail", args=[region.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
