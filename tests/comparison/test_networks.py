"""The comparison's networks JSON (issue 17): compact, a large network cut to its strongest ties with a
note saying so, and a query count that does not grow with regions, actors or ties."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.comparison import networks
from coding.comparison.networks import StoredNetwork, network_payload
from coding.worker.models import AnalysisSnapshot
from tests.comparison.conftest import big_region

# Four ties among five actors (5 is an isolate): strengths 0.2, 0.9, 0.5, 0.9.
STORED = StoredNetwork(
    key="r7",
    region_id=7,
    actors=[
        [1, "A", "firm_sme", "inside"],
        [2, "B", "university", "inside"],
        [3, "C", "firm_sme", "external"],
        [4, "D", "politics", "inside"],
        [5, "E", "university", "inside"],
    ],
    # As the selector gives them: strongest first, equal strengths in stored order.
    ties=[
        [2, 3, 0.9, ["rivalry"]],
        [3, 4, 0.9, ["cooperation", "rivalry"]],
        [1, 4, 0.5, []],
        [1, 2, 0.2, ["cooperation"]],
    ],
    tie_total=4,
)


def test_a_network_under_the_cap_keeps_every_actor_and_tie_in_short_form():
    payload = network_payload([STORED], {7: {1: (10.0, 20.0), 3: (30.0, 40.0)}}, cap=4)
    assert payload["types"] == ["firm_sme", "university", "politics"]  # in the order first met
    assert payload["modes"] == ["rivalry", "cooperation"]
    network = payload["networks"][0]
    assert network["nodes"] == [
        [1, "A", 0, 0, 10.0, 20.0],
        [2, "B", 1, 0],
        [3, "C", 0, 1, 30.0, 40.0],
        [4, "D", 2, 0],
        [5, "E", 1, 0],
    ]
    # [source index, target index, strength, bits]: rivalry = 1, cooperation = 2.
    assert network["edges"] == [[1, 2, 0.9, 1], [2, 3, 0.9, 3], [0, 3, 0.5, 0], [0, 1, 0.2, 2]]
    assert (network["actors"], network["ties"]) == (5, 4)
    assert not networks.is_cut(network)


def test_a_network_over_the_cap_keeps_its_strongest_ties_and_the_actors_they_join():
    payload = network_payload([STORED], {}, cap=2)
    network = payload["networks"][0]
    # The two ties of 0.9 join B, C and D; A and the isolate E are left out, the totals stay.
    assert [node[0] for node in network["nodes"]] == [2, 3, 4]
    assert network["edges"] == [[0, 1, 0.9, 1], [1, 2, 0.9, 3]]
    assert (network["actors"], network["ties"]) == (5, 4)
    assert networks.is_cut(network)


def test_the_strength_is_rounded_to_two_decimals():
    stored = StoredNetwork("r1", 1, [[1, "A", "x", "inside"], [2, "B", "x", "inside"]], [[1, 2, 0.58333, None]], 1)
    assert network_payload([stored], {})["networks"][0]["edges"] == [[0, 1, 0.58, 0]]


@pytest.mark.django_db
def test_the_endpoint_sends_the_strongest_ties_with_a_note_when_a_region_passes_the_cap(
    client, study, computed, alice, monkeypatch
):
    alpha = computed[0]["region"]
    monkeypatch.setattr(networks, "TIE_CAP", 3)
    client.force_login(alice)
    payload = client.get(reverse("comparison:networks", args=[study.pk]), {"region": alpha.pk}).json()
    network = payload["networks"][0]
    stored = AnalysisSnapshot.objects.get(region=alpha, wave=None, layer="all").result["ties"]
    # Reference: the stored ties sorted by strength, unrated ones (None) last; the sort is stable, so
    # equal strengths keep their stored order. An unrated tie is drawn at strength 0.
    strongest = sorted(stored, key=lambda tie: (tie["strength"] is None, -(tie["strength"] or 0)))[:3]
    ids = [node[0] for node in network["nodes"]]
    assert [(ids[s], ids[t], strength) for s, t, strength, _bits in network["edges"]] == [
        (tie["source"], tie["target"], round(tie["strength"] or 0, 2)) for tie in strongest
    ]
    assert set(ids) == {tie["source"] for tie in strongest} | {tie["target"] for tie in strongest}
    assert (network["actors"], network["ties"], payload["cap"]) == (6, 5, 3)
    assert network["note"] == (
        f"The strongest 3 of 5 ties and the {len(ids)} actors they join; the analysis page shows all 6 actors."
    )


@pytest.mark.django_db
def test_a_network_under_the_cap_has_no_note(client, study, computed, alice):
    client.force_login(alice)
    payload = client.get(reverse("comparison:networks", args=[study.pk])).json()
    assert all("note" not in network for network in payload["networks"])


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(("regions", "actors"), [(1, 20), (5, 150)])
def test_the_query_count_does_not_grow_with_regions_actors_or_ties(
    client, study, alice, regions, actors, monkeypatch, django_assert_max_num_queries
):
    # big_region gives each actor two ties: the larger study's regions pass the cap, the small one's do not.
    monkeypatch.setattr(networks, "TIE_CAP", 100)
    for number in range(regions):
        big_region(study, f"Region {number}", actors, coder=alice)
    client.force_login(alice)
    # session, user, study, pickable regions, their waves, the study's variables, the networks (one
    # query for all columns: the cut is made in the database), the stored positions
    with django_assert_max_num_queries(8):
        payload = client.get(reverse("comparison:networks", args=[study.pk]), {"colour": ""}).json()
    assert [network["ties"] for network in payload["networks"]] == [2 * actors] * regions
    assert all(len(network["edges"]) == min(100, 2 * actors) for network in payload["networks"])


@pytest.mark.django_db
def test_the_python_reading_for_sqlite_gives_what_the_database_gives(study, computed):
    from coding.comparison import selectors

    picks = [(fixture["region"], None) for fixture in computed]
    parameters = {"cap": 3, "layer": "all", "regions": [region.pk for region, _wave in picks], "waves": []}
    in_sql = {(network.region_id, None): network for network in selectors.comparison_networks(picks, "all", 3)}
    in_python = selectors._networks_in_python(parameters)
    assert set(in_python) == set(in_sql)
    for key, (actors, ties, total) in in_python.items():
        assert (actors, ties, total) == (in_sql[key].actors, in_sql[key].ties, in_sql[key].tie_total)
