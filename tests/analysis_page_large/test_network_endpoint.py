"""The analysis page's network JSON (issue 17): compact rows checked by hand on ``conftest.five``,
the strongest ties first under a cap with the total, access, bad input and constant query counts."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coding.analysis.palette import SIZE_FIGURES
from coding.worker import network_json
from tests import factories
from tests.analysis_page_large.conftest import store
from tests.analysis_page_large.network import network

pytestmark = pytest.mark.django_db


def _url(region) -> str:
    return reverse("analysis:region-network", args=[region.pk])


def test_actors_come_with_their_stored_positions_and_figures(client, region, alice, five):
    client.force_login(alice)
    payload = network(client, region)
    assert payload["actor_fields"] == ["id", "name", "type", "location", "community", "x", "y", "groups", *SIZE_FIGURES]
    actors = {actor["name"]: actor for actor in payload["actors"]}
    assert list(actors) == ["Alpha", "beta", "Gamma", "delta", "Epsilon"]  # as stored
    alpha = actors["Alpha"]
    assert (alpha["id"], alpha["type"], alpha["location"], alpha["community"]) == (
        five["Alpha"].pk,
        "firm_sme",
        "inside",
        0,
    )
    assert (alpha["x"], alpha["y"], alpha["degree"], alpha["betweenness"]) == (10.0, 20.0, 3, 0.5)
    assert (actors["beta"]["x"], actors["beta"]["y"], actors["beta"]["betweenness"]) == (30.5, 40.25, None)
    assert (actors["delta"]["x"], actors["delta"]["y"]) == (None, None)  # no stored position
    assert alpha["groups"]["kind"] == "organisation"  # the Colour-by categories (coding/colour_by)


def test_ties_are_compact_and_the_strongest_come_first(client, region, alice, five):
    client.force_login(alice)
    payload = network(client, region)
    a, b, g, e = (five[name].pk for name in ("Alpha", "beta", "Gamma", "Epsilon"))
    assert payload["tie_fields"] == ["source", "target", "strength", "modes"]
    # 0.9 twice (Alpha's ties to Gamma and Epsilon, in stored order), 0.5, 0.25.
    assert [(t["source"], t["target"], t["strength"], t["modes"]) for t in payload["ties"]] == [
        (a, g, 0.9, ["conflict", "rivalry"]),
        (a, e, 0.9, ["competition"]),
        (g, e, 0.5, []),
        (a, b, 0.25, ["cooperation"]),
    ]
    assert payload["total"] == 4


def test_a_large_network_ships_its_strongest_ties_and_all_on_demand(client, region, alice, five, monkeypatch):
    monkeypatch.setattr(network_json, "NETWORK_TIE_LIMIT", 2)
    client.force_login(alice)
    a, g, e = (five[name].pk for name in ("Alpha", "Gamma", "Epsilon"))
    capped = network(client, region)
    assert [(t["source"], t["target"]) for t in capped["ties"]] == [(a, g), (a, e)]
    assert capped["total"] == 4 and len(capped["actors"]) == 5  # every actor, also those left without ties
    assert len(network(client, region, all="1")["ties"]) == 4


def test_the_page_no_longer_embeds_the_network_but_names_its_url(client, region, alice, five):
    client.force_login(alice)
    html = client.get(reverse("analysis:region", args=[region.pk]), {"layer": "cooperation"}).content.decode()
    assert "analysis-network-data" not in html and '"ties"' not in html
    assert f'data-url="{_url(region)}?layer=cooperation"' in html
    assert 'data-legend-key="community:1"' in html  # the legend still names the communities present


def test_access_login_membership_and_404_outside(client, region, five, carol, mallory):
    assert client.get(_url(region)).status_code == 302
    client.force_login(mallory)
    assert client.get(_url(region)).status_code == 404
    client.force_login(carol)  # a viewer reads results
    assert client.get(_url(region)).status_code == 200


@pytest.mark.parametrize(
    "query", [{"layer": "gossip"}, {"wave": "nine"}, {"all": "perhaps"}], ids=["layer", "wave", "all"]
)
def test_bad_input_is_a_400(client, region, alice, five, query):
    client.force_login(alice)
    assert client.get(_url(region), query).status_code == 400


def test_before_the_first_result_the_lists_are_empty(client, region, alice):
    factories.OrganisationFactory(region=region)
    client.force_login(alice)
    payload = client.get(_url(region)).json()
    assert (payload["actors"], payload["ties"], payload["total"]) == ([], [], 0)


def test_the_endpoint_reads_the_same_number_of_queries_for_5_and_200_actors(
    client, study, alice, django_assert_max_num_queries
):
    counts = []
    for size in (5, 200):
        region = factories.RegionFactory(study=study)
        actors = [factories.OrganisationFactory(region=region) for _ in range(size)]
        ties = [
            {"source": a.pk, "target": b.pk, "tie_ids": [n], "strength": n / size, "modes": ["cooperation"]}
            for n, (a, b) in enumerate(itertools.pairwise(actors))
        ]
        store(region, [(actor, {"degree": 1}) for actor in actors], ties)
        client.force_login(alice)
        # Session and user, region, snapshot (its actors and ties cut out by the database), state,
        # the study's attributes, the actors' categories, the stored layout.
        with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
            assert len(client.get(_url(region), {"all": "1"}).json()["actors"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
