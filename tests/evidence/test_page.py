"""The analysis page shows a sample of each record's ties, its count, and the link to all of them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from coding.worker import tasks
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from tests.evidence.conftest import chain_of_ties

pytestmark = pytest.mark.django_db


def _card(html: str, name: str) -> str:
    start = html.index(f'data-classification="{name}"')
    return html[start : html.index("</section>", start)].split('<div class="card', 1)[0]


def test_a_computed_region_stores_a_sample_and_the_page_links_to_all(client, region, alice):
    tie_ids = chain_of_ties(region, 25)  # 25 cooperation ties between organisations: all mode-coded
    RegionAnalysisState.objects.update_or_create(region=region, defaults={"version": 1})
    tasks.recompute_region(region.pk, 1)
    snapshot = AnalysisSnapshot.objects.get(region=region, wave=None, layer="all")
    regime = next(r for r in snapshot.result["classifications"] if r["name"] == "coordination_regime")
    assert (regime["tie_count"], regime["tie_ids"]) == (25, tie_ids[:20])
    assert snapshot.evidence["ties"]["coordination_regime"] == tie_ids

    client.force_login(alice)
    card = _card(client.get(reverse("analysis:region", args=[region.pk])).content.decode(), "coordination_regime")
    assert "Evidence: 25 ties" in card and "Showing 20 of 25 ties" in card
    as_coded, organisation = card.split('data-level="organisation"')
    for level in (as_coded, organisation):  # no person to fold: the organisation level names the same ties
        assert [int(tie_id) for tie_id in re.findall(r'href="/interactions/(\d+)/"', level)] == tie_ids[:20]
    assert "record=levels.organisation.classifications%3Acoordination_regime" in organisation
    more = re.search(r'<a href="([^"]+)" data-role="evidence-all">show all</a>', card).group(1)
    assert more.startswith(reverse("analysis:region-evidence", args=[region.pk]))
    assert "record=coordination_regime" in more and "layer=all" in more
    assert 'data-role="evidence-list" aria-live="polite"' in card
    full = client.get(more.replace("&amp;", "&"))
    assert full.status_code == 200 and full.content.decode().count("<li data-tie=") == 25


def test_the_count_is_written_as_the_reader_writes_numbers(client, region, stored, alice):
    stored(region, chain_of_ties(region, 1200))
    client.force_login(alice)
    card = _card(client.get(reverse("analysis:region", args=[region.pk])).content.decode(), "coordination_regime")
    assert "Showing 20 of 1,200 ties" in card
    client.cookies["django_language"] = "de"
    german = client.get(reverse("analysis:region", args=[region.pk]), HTTP_ACCEPT_LANGUAGE="de")
    assert "1.200" in _card(german.content.decode(), "coordination_regime")


def test_a_record_with_few_ties_shows_them_all_without_a_link(client, region, stored, alice):
    tie_ids = chain_of_ties(region, 3)
    stored(region, tie_ids)
    client.force_login(alice)
    card = _card(client.get(reverse("analysis:region", args=[region.pk])).content.decode(), "coordination_regime")
    assert "Evidence: 3 ties" in card and "Showing" not in card and "evidence-all" not in card
    assert [int(t) for t in re.findall(r'href="/interactions/(\d+)/"', card)] == tie_ids


def test_a_result_stored_before_the_split_still_shows_a_sample_and_its_full_count(client, region, stored, alice):
    tie_ids = chain_of_ties(region, 30)
    stored(region, tie_ids, split=False)
    client.force_login(alice)
    card = _card(client.get(reverse("analysis:region", args=[region.pk])).content.decode(), "coordination_regime")
    assert "Evidence: 30 ties" in card and "Showing 20 of 30 ties" in card
    assert [int(t) for t in re.findall(r'href="/interactions/(\d+)/"', card)] == tie_ids[:20]


@pytest.mark.parametrize("ties", [30, 600])
def test_the_page_looks_up_the_samples_only(client, region, stored, alice, ties, django_assert_max_num_queries):
    stored(region, chain_of_ties(region, ties))
    client.force_login(alice)
    with django_assert_max_num_queries(40) as captured:
        response = client.get(reverse("analysis:region", args=[region.pk]))
    assert response.status_code == 200
    looked_up = [
        len(found.group(1).split(","))
        for query in captured.captured_queries
        if (found := re.search(r'"coding_interaction"\."id" IN \(([^)]*)\)', query["sql"]))
    ]
    assert looked_up == [20]  # one lookup, of the 20 sampled ties


def test_a_card_names_the_first_fifty_actors_and_the_first_twenty_pairs_and_says_how_many_more(client, region, alice):
    from coding.worker.evidence import snapshot_fields
    from coding.worker.models import SnapshotStatus
    from tests.evidence.conftest import record

    # 80 actors (ids 1 … 80, not rows of the region: the card writes their ids) and 30 pairs.
    pairs = [{"actors": [a, a + 1], "tie_ids": [a], "modes": ["cooperation", "competition"]} for a in range(1, 31)]
    regime = record("coordination_regime", [1], actor_ids=list(range(1, 81)), figures={"coopetition_pairs": pairs})
    result = {"metrics": {}, "actors": [], "ties": [], "classifications": [regime]}
    AnalysisSnapshot.objects.create(
        region=region, layer="all", status=SnapshotStatus.OK, input_version=1, **snapshot_fields(result)
    )
    client.force_login(alice)
    card = _card(client.get(reverse("analysis:region", args=[region.pk])).content.decode(), "coordination_regime")
    actors = re.search(r"<strong>Actors:</strong> ([^<]*)</p>", card).group(1)
    assert actors == ", ".join(str(actor_id) for actor_id in range(1, 51)) + " … and 30 more"  # 80 − 50
    assert "(the first 20 of 30)" in card
    assert "21 – 22" not in card and "20 – 21" in card  # the 20th pair is shown, the 21st is not
