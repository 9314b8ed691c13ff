"""The article's concepts derived from coded ties (issue 19), each checked on a hand-built region.

Expected values are worked out in the comments from the definitions in
docs/classifications/concepts.md, not taken from a run of the code.
"""

from __future__ import annotations

from coding.analysis.inputs import Tie, TieRatings
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import by_id, derive, org, person

STRONG = TieRatings(time=4, emotional_intensity=4, intimacy=4, reciprocal_services=4)  # strength 1.0
WEAK = TieRatings(time=1, emotional_intensity=0, intimacy=0, reciprocal_services=1)  # (1/4 + 0 + 0 + 1/4) / 4 = 0.125
COOP = frozenset({"cooperation"})


def test_weak_and_strong_combination_per_actor_and_share():
    # 1–2 strong, 1–3 weak, 2–3 strong (a second, weak tie 2–3 does not lower the contact: the
    # highest strength counts), 3–4 unrated, 4–5 weak.
    # Actor 1: strong 1, weak 1 → combines. Actor 2: strong 2 → strong only. Actor 3: weak 1
    # (to 1), strong 1 (to 2) → combines. Actor 4: weak 1 (to 5) → weak only. Actor 5: weak only.
    # Rated actors: 1..5 = 5; combining 2 → share 2/5 = 0.4.
    actors = [org(i) for i in range(1, 6)]
    ties = [
        Tie(1, 1, 2, ratings=STRONG),
        Tie(2, 1, 3, ratings=WEAK),
        Tie(3, 2, 3, ratings=STRONG),
        Tie(4, 2, 3, ratings=WEAK),
        Tie(5, 3, 4),
        Tie(6, 4, 5, ratings=WEAK),
    ]
    result = derive(actors, ties)
    summary = result["concepts"]["weak_and_strong"]
    assert summary["actors_with_rated_contacts"] == 5
    assert summary["combining_actor_ids"] == [1, 3]
    assert summary["combining_share"] == 0.4
    assert (summary["only_strong_actors"], summary["only_weak_actors"]) == (1, 2)
    rows = by_id(result)
    assert [(rows[i]["weak_contacts"], rows[i]["strong_contacts"]) for i in range(1, 6)] == [
        (1, 1),
        (0, 2),
        (1, 1),
        (1, 0),
        (1, 0),
    ]


def test_trust_basis_by_position_and_strength():
    # Triangle 1–2–3 plus a pendant 3–4: the triangle's edges are embedded, 3–4 is a bridge.
    # 1–2: competence (strong); 2–3: competence (weak) and integrity (strong) on two ties → the
    # contact is strong and counts under both bases; 1–3: no basis, unrated; 3–4: network
    # information, weak, a bridge.
    actors = [org(i) for i in range(1, 5)]
    ties = [
        Tie(1, 1, 2, ratings=STRONG, trust_basis="competence"),
        Tie(2, 2, 3, ratings=WEAK, trust_basis="competence"),
        Tie(3, 2, 3, ratings=STRONG, trust_basis="integrity"),
        Tie(4, 1, 3),
        Tie(5, 3, 4, ratings=WEAK, trust_basis="network_information"),
    ]
    table = derive(actors, ties)["concepts"]["trust_by_position"]
    assert table["contacts"] == 4
    zero = {"bridge": 0, "local_bridge": 0, "embedded": 0, "strong": 0, "weak": 0, "unrated": 0}
    assert table["rows"] == {
        "competence": {**zero, "embedded": 2, "strong": 2},
        "integrity": {**zero, "embedded": 1, "strong": 1},
        "network_information": {**zero, "bridge": 1, "weak": 1},
        "not_coded": {**zero, "embedded": 1, "unrated": 1},
    }


def test_a_local_bridge_that_is_not_a_bridge():
    # A 4-cycle 1–2–3–4–1: no edge is a bridge (each lies on the cycle), and no edge's ends share
    # a neighbour, so all four are local bridges.
    actors = [org(i) for i in range(1, 5)]
    ties = [Tie(k, a, b) for k, (a, b) in enumerate([(1, 2), (2, 3), (3, 4), (4, 1)], start=1)]
    rows = derive(actors, ties)["concepts"]["trust_by_position"]["rows"]
    assert rows["not_coded"]["local_bridge"] == 4 and rows["not_coded"]["bridge"] == 0


def test_regional_gatekeepers_and_representatives():
    # X external — G inside — A inside, all mutual; A — Y external.
    # Gould–Fernandez over {inside, external} with mutual ties as arcs both ways:
    # G brokers X→G→A (source external, broker and target inside): gatekeeper 1; A→G→X (source and
    # broker inside, target external): representative 1.
    # A brokers G→A→Y: representative 1; Y→A→G: gatekeeper 1. X and Y broker nothing.
    # No external actor stands between two inside ones, so no itinerant.
    x = org(1, location="external")
    g, a = org(2), org(3)
    y = org(4, location="quasi_external")  # counts as external
    ties = [Tie(1, 1, 2), Tie(2, 2, 3), Tie(3, 3, 4)]
    result = derive([x, g, a, y], ties)
    location = result["concepts"]["location_brokerage"]
    assert location["regional_gatekeepers"] == [{"id": 2, "count": 1}, {"id": 3, "count": 1}]
    assert location["regional_representatives"] == [{"id": 2, "count": 1}, {"id": 3, "count": 1}]
    assert location["external_itinerants"] == []
    rows = by_id(result)
    assert (rows[2]["regional_gatekeeper"], rows[2]["regional_representative"]) == (1, 1)


def test_an_external_actor_between_two_inside_actors_is_itinerant():
    # A inside — E external — B inside, A and B not tied: E brokers A→E→B and B→E→A: itinerant 2.
    ties = [Tie(1, 1, 2), Tie(2, 2, 3)]
    result = derive([org(1), org(2, location="external"), org(3)], ties)
    assert result["concepts"]["location_brokerage"]["external_itinerants"] == [{"id": 2, "count": 2}]


def test_hierarchy_levels_of_persons():
    # Star: manager M (id 2) tied to apprentices 3 and 4 and to organisation 1; apprentices not
    # tied to each other. Degrees: M 3, each apprentice 1. Normalised betweenness of M: it lies on
    # every shortest path between the other three (3 pairs) → 3 / ((4−1)(4−2)/2) = 3/3 = 1.0; of
    # the apprentices 0. Brokers: M (any Gould–Fernandez role) only.
    actors = [
        org(1),
        person(2, 1, hierarchy_level="manager", interviewed=True),
        person(3, 1, hierarchy_level="apprentice"),
        person(4, 1, hierarchy_level="apprentice"),
    ]
    ties = [Tie(1, 2, 1), Tie(2, 2, 3), Tie(3, 2, 4)]
    levels = derive(actors, ties)["concepts"]["hierarchy_levels"]
    assert levels == {
        "apprentice": {
            "persons": 2,
            "interviewed": 0,
            "mean_degree": 1.0,
            "mean_betweenness_normalised": 0.0,
            "brokers": 0,
        },
        "manager": {
            "persons": 1,
            "interviewed": 1,
            "mean_degree": 3.0,
            "mean_betweenness_normalised": 1.0,
            "brokers": 1,
        },
    }


def test_spin_off_parent_ties_count_persons_with_their_organisation_and_form_a_layer():
    # University U (1) with professor P (3); spin-off S (2) from U with founder F (4); firm X (5).
    # Ties: F–P cooperation (a person of S with a person of U: counts), S–X cooperation (not the
    # parent: does not count), U–S rivalry (counts).
    actors = [
        org(1, "university"),
        org(2, "firm_spinoff", spun_off_from=1),
        person(3, 1),
        person(4, 2),
        org(5),
    ]
    ties = [
        Tie(1, 4, 3, modes=COOP),
        Tie(2, 2, 5, modes=COOP),
        Tie(3, 1, 2, modes=frozenset({"rivalry"})),
    ]
    report = derive(actors, ties)["concepts"]["spin_offs"]
    assert report["pairs"] == [{"spin_off": 2, "parent": 1, "tie_ids": [1, 3], "modes": ["cooperation", "rivalry"]}]
    assert (report["spin_offs"], report["with_tie"], report["cooperating"]) == (1, 1, 1)
    layer = derive(actors, ties, layer="spin_off")
    assert sorted(tie_id for row in layer["ties"] for tie_id in row["tie_ids"]) == [1, 3]


def test_low_threshold_contacts_that_became_cooperation_in_the_next_wave():
    # Waves 10 then 20. Wave 10: pairs 1–2 and 1–3 meet at a café (low threshold), 2–3 meet at a
    # formal meeting (not low threshold), 4–5 already cooperate at an event.
    # Wave 20: 1–2 cooperate, 2–3 cooperate, 4–5 cooperate, 1–4 cooperate (no earlier contact).
    # Low-threshold pairs in wave 10: {1–2, 1–3, 4–5} = 3; cooperating in wave 20: 1–2, 4–5 = 2
    # → 2/3. Other contacts: {2–3} = 1, cooperating after: 1 → 1/1.
    # New cooperation in wave 20 (not cooperating in wave 10): {1–2, 2–3, 1–4} = 3; of them after a
    # low-threshold contact: 1–2 → 1.
    actors = [org(i) for i in range(1, 6)]
    ties = [
        Tie(1, 1, 2, setting="cafe", wave_id=10),
        Tie(2, 1, 3, setting="cafe", wave_id=10),
        Tie(3, 2, 3, setting="formal_meeting", wave_id=10),
        Tie(4, 4, 5, setting="event", modes=COOP, wave_id=10),
        Tie(5, 1, 2, modes=COOP, wave_id=20),
        Tie(6, 2, 3, modes=COOP, wave_id=20),
        Tie(7, 4, 5, modes=COOP, wave_id=20),
        Tie(8, 1, 4, modes=COOP, wave_id=20),
    ]
    [step] = derive(actors, ties, wave_order=[10, 20])["concepts"]["low_threshold_to_cooperation"]
    assert (step["from_wave_id"], step["to_wave_id"]) == (10, 20)
    assert (step["low_threshold_pairs"], step["became_cooperation"]) == (3, 2)
    assert abs(step["became_share"] - 2 / 3) < 1e-12
    assert (step["other_contact_pairs"], step["other_became_cooperation"], step["other_became_share"]) == (1, 1, 1.0)
    assert (step["new_cooperation_pairs"], step["new_cooperation_after_low_threshold"]) == (3, 1)
    assert step["pairs"] == [
        {"actors": [1, 2], "from_tie_ids": [1], "to_tie_ids": [5]},
        {"actors": [4, 5], "from_tie_ids": [4], "to_tie_ids": [7]},
    ]
    # A single wave's result cannot follow contacts across waves.
    assert derive(actors, ties, wave_id=10, wave_order=[10, 20])["concepts"]["low_threshold_to_cooperation"] == []


def test_the_strong_cutoff_of_the_study_decides_weak_and_strong():
    # WEAK has strength 0.125: with a cut-off of 0.1 it is strong, so actor 1 has two strong contacts.
    actors = [org(i) for i in range(1, 4)]
    ties = [Tie(1, 1, 2, ratings=STRONG), Tie(2, 1, 3, ratings=WEAK)]
    summary = derive(actors, ties, settings=AnalysisSettings(strong_tie_cutoff=0.1))["concepts"]["weak_and_strong"]
    assert summary["combining_actors"] == 0 and summary["only_strong_actors"] == 3
