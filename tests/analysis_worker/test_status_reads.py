"""The status endpoint, polled every few seconds, reads small columns only (issue 17): never the
stored result, in a number of queries that does not depend on the region's size, and it still says
whether there is a result and how far its stability is."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from tests import factories

pytestmark = pytest.mark.django_db

# The result column as a selected column (``"table"."result",`` or ``... "result" FROM``).
SELECTS_RESULT = re.compile(r'"coding_analysissnapshot"\."result"\s*(,|FROM)')


def _snapshot(region, result) -> None:
    version = RegionAnalysisState.objects.get(region=region).version
    AnalysisSnapshot.objects.create(region=region, layer="all", status="ok", input_version=version, result=result)


def _queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_status_endpoint_never_selects_the_result_column(client, region, alice):
    _snapshot(region, {"actors": [], "ties": [], "stability": {"status": "ok"}})
    client.force_login(alice)
    status_queries = _queries_of(client, reverse("analysis:region-status", args=[region.pk]))
    assert any("coding_analysissnapshot" in sql for sql in status_queries)  # it does read the snapshot row
    assert not any(SELECTS_RESULT.search(sql) for sql in status_queries)
    # The check can fail: a plain read of the snapshot selects the column.
    with CaptureQueriesContext(connection) as plain:
        assert AnalysisSnapshot.objects.get(region=region).result["actors"] == []
    assert any(SELECTS_RESULT.search(query["sql"]) for query in plain.captured_queries)
    # The page reads only the parts it shows, cut out by the database (coding/worker/snapshot_parts).
    page_queries = _queries_of(client, reverse("analysis:region", args=[region.pk]))
    assert any('"coding_analysissnapshot"."result" -' in sql for sql in page_queries)
    assert not any(SELECTS_RESULT.search(sql) for sql in page_queries)


@pytest.mark.parametrize(
    ("result", "has_result", "stability"),
    [
        (None, False, ""),
        ({}, False, ""),
        ({"actors": [], "ties": []}, True, "computing"),  # the follow-up run has not stored it yet
        ({"actors": [], "stability": {"status": "ok", "runs": 500}}, True, "computed"),
        ({"actors": [], "stability": {"status": "failed", "error": "time limit"}}, True, "failed"),
    ],
)
def test_the_status_says_whether_there_is_a_result_and_its_stability(
    client, region, alice, result, has_result, stability
):
    _snapshot(region, result)
    client.force_login(alice)
    status = client.get(reverse("analysis:region-status", args=[region.pk])).json()
    assert (status["has_result"], status["stability"]) == (has_result, stability)


def test_the_status_queries_do_not_grow_with_the_region(client, study, alice):
    counts = []
    for ties in (2, 150):
        region = factories.RegionFactory(study=study)
        actors = factories.OrganisationFactory.create_batch(ties + 1, region=region)
        for source, target in pairwise(actors):
            factories.InteractionFactory(region=region, source=source, target=target)
        _snapshot(region, {"ties": [{"id": n} for n in range(ties)], "stability": {"status": "ok"}})
        client.force_login(alice)
        counts.append(len(_queries_of(client, reverse("analysis:region-status", args=[region.pk]))))
    assert counts[0] == counts[1]
