"""Edge cases of derive_region: empty region, one actor, isolates, only external actors, directed and
mutual ties, parallel ties, self-ties, layers, waves and bad input."""

from __future__ import annotations

import json

import pytest

from coding.analysis.inputs import Tie, TieRatings
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import by_id, derive, org, person

RESULT_KEYS = {
    "layer", "wave_id", "settings", "metrics", "actors", "ties", "classifications", "coverage", "concepts", "levels",
    "partitions",
}  # fmt: skip


def _json_round_trip(result: dict) -> dict:
    """The result must be plain JSON: no NaN, no tuples, no sets."""
    return json.loads(json.dumps(result, allow_nan=False))


def test_an_empty_region_derives_undefined_figures_not_errors() -> None:
    result = derive([], [])
    assert set(result) == RESULT_KEYS
    assert _json_round_trip(result) == result
    metrics = result["metrics"]
    assert metrics["actors"] == 0
    assert metrics["density"] is None
    assert metrics["modularity"] is None
    assert metrics["blau_actor_type"] is None
    assert result["actors"] == [] and result["ties"] == []
    labels = {record["name"]: record["label"] for record in result["classifications"]}
    assert labels["coordination_regime"] == "undetermined"
    assert labels["structure"] == "insufficient_data"
    assert labels["club_like_core"] == "no_club_like_core"
    assert result["coverage"]["actors"] == 0


def test_one_actor_has_no_defined_structural_hole_figures() -> None:
    result = derive([org(1)], [])
    (row,) = result["actors"]
    assert row["degree"] == 0 and row["betweenness"] == 0.0
    for metric in ("constraint", "effective_size", "efficiency", "hierarchy", "closeness", "eigenvector"):
        assert row[metric] is None, metric
    assert result["metrics"]["density"] is None
    assert result["metrics"]["components"] == 1
    assert _json_round_trip(result) == result


def test_isolates_stay_in_the_region_and_show_undefined_constraint() -> None:
    result = derive([org(1), org(2), org(3)], [Tie(id=1, source=1, target=2)])
    rows = by_id(result)
    assert rows[3]["constraint"] is None
    assert rows[3]["closeness"] is None
    assert rows[1]["constraint"] == 1.0
    assert rows[1]["hierarchy"] is None  # a single contact: 0/0
    assert rows[1]["effective_size"] == 1.0
    assert result["metrics"]["isolates"] == 1
    assert result["metrics"]["density"] == pytest.approx(1 / 3)
    assert result["metrics"]["component_sizes"] == [2, 1]


def test_a_triangle_gives_constraint_above_one_and_zero_hierarchy() -> None:
    ties = [Tie(id=1, source=1, target=2), Tie(id=2, source=2, target=3), Tie(id=3, source=1, target=3)]
    rows = by_id(derive([org(1), org(2), org(3)], ties))
    assert rows[1]["constraint"] == pytest.approx(1.125)
    assert rows[1]["hierarchy"] == pytest.approx(0.0)
    assert rows[1]["effective_size"] == pytest.approx(1.0)


def test_only_external_actors() -> None:
    actors = [org(1, location="external"), org(2, "university", location="quasi_external")]
    result = derive(actors, [Tie(id=1, source=1, target=2)])
    assert result["metrics"]["ei_location"]["index"] == -1.0  # both count as external
    assert result["coverage"]["external_actors"] == 2
    assert result["coverage"]["external_included"] is True
    assert {row["location"] for row in result["actors"]} == {"external"}


def test_directed_and_mutual_ties() -> None:
    ties = [Tie(id=1, source=1, target=2, directed=True), Tie(id=2, source=2, target=3)]
    result = derive([org(1), org(2), org(3)], ties)
    rows = by_id(result)
    assert (rows[1]["out_degree"], rows[1]["in_degree"]) == (1, 0)
    assert (rows[2]["out_degree"], rows[2]["in_degree"]) == (1, 2)  # 1→2, 2→3 and 3→2
    assert rows[2]["degree"] == 2
    # Only 1→2→3 is a path through 2; 3→2→1 is not (no 2→1 arc).
    assert rows[2]["brokerage_total"] == 1
    assert result["metrics"]["arcs"] == 3
    assert result["metrics"]["directed_density"] == pytest.approx(3 / 6)
    assert result["metrics"]["density"] == pytest.approx(2 / 3)


def test_parallel_ties_collapse_into_one_edge_but_count_as_ties() -> None:
    ties = [
        Tie(id=1, source=1, target=2, modes=frozenset({"cooperation"}), ratings=TieRatings(4, 4, 4, 4)),
        Tie(id=2, source=2, target=1, directed=True, modes=frozenset({"rivalry"}), ratings=TieRatings(0, 0, 0, 0)),
    ]
    result = derive([org(1), org(2)], ties)
    (edge,) = result["ties"]
    assert edge == {
        "source": 1,
        "target": 2,
        "tie_ids": [1, 2],
        "strength": 1.0,
        "modes": ["cooperation", "rivalry"],
        "bridge": True,
        "local_bridge": True,
    }
    assert result["metrics"]["ties"] == 2 and result["metrics"]["edges"] == 1
    assert result["metrics"]["mode_shares"]["rivalry"] == 0.5
    assert result["metrics"]["strong_tie_share"] == 0.5


def test_a_self_tie_is_reported_and_left_out_of_the_structure() -> None:
    ties = [Tie(id=1, source=1, target=1, modes=frozenset({"cooperation"})), Tie(id=2, source=1, target=2)]
    result = derive([org(1), org(2)], ties)
    assert result["metrics"]["self_tie_ids"] == [1]
    assert result["metrics"]["ties"] == 1
    assert by_id(result)[1]["degree"] == 1
    assert result["metrics"]["mode_counts"]["cooperation"] == 0


def test_a_tie_to_an_actor_outside_the_region_is_rejected() -> None:
    with pytest.raises(ValueError, match="actor 9"):
        derive([org(1)], [Tie(id=5, source=1, target=9)])


def test_layers_and_waves_remove_ties_never_actors() -> None:
    ties = [
        Tie(id=1, source=1, target=2, modes=frozenset({"cooperation"}), wave_id=1, ratings=TieRatings(4, 4, 4, 4)),
        Tie(id=2, source=2, target=3, modes=frozenset({"rivalry"}), wave_id=2, channel="face_to_face"),
    ]
    actors = [org(1), org(2), org(3)]
    cooperation = derive(actors, ties, layer="cooperation")
    assert [edge["tie_ids"] for edge in cooperation["ties"]] == [[1]]
    assert cooperation["metrics"]["actors"] == 3
    assert [e["tie_ids"] for e in derive(actors, ties, layer="strong")["ties"]] == [[1]]
    assert [e["tie_ids"] for e in derive(actors, ties, layer="face_to_face")["ties"]] == [[2]]
    wave = derive(actors, ties, wave_id=2)
    assert (wave["wave_id"], [e["tie_ids"] for e in wave["ties"]]) == (2, [[2]])
    with pytest.raises(ValueError, match="Unknown tie layer"):
        derive(actors, ties, layer="gossip")


def test_the_result_carries_the_full_settings_used() -> None:
    settings = AnalysisSettings.from_overrides({"strong_tie_cutoff": 0.75})
    result = derive([org(1)], [], settings=settings)
    assert result["settings"]["strong_tie_cutoff"] == 0.75
    assert result["settings"] == settings.as_dict()


def test_coverage_names_the_levels_and_types_not_interviewed() -> None:
    actors = [
        org(1, interviewed=True),
        org(2, "university"),
        person(3, affiliation_id=2, hierarchy_level="manager", interviewed=True),
        person(4, affiliation_id=1, hierarchy_level="apprentice"),
        person(5, hierarchy_level="self_employed", location="external"),
    ]
    coverage = derive(actors, [])["coverage"]
    assert coverage["actor_types_present"] == ["firm_sme", "person", "university"]
    assert coverage["actor_types_interviewed"] == ["firm_sme", "university"]
    assert coverage["actor_types_not_interviewed"] == ["person"]
    assert coverage["hierarchy_levels_present"] == ["manager", "apprentice", "self_employed"]
    assert coverage["hierarchy_levels_interviewed"] == ["manager"]
    assert coverage["commonly_missed_levels_not_interviewed"] == ["apprentice", "works_council", "self_employed"]
    assert (coverage["external_actors"], coverage["external_actors_interviewed"]) == (1, 0)
    assert coverage["interviewed_share"] == pytest.approx(2 / 5)


def test_every_actor_row_carries_every_per_actor_metric() -> None:
    """The contract the Celery task and the page rely on."""
    ties = [Tie(id=1, source=1, target=2), Tie(id=2, source=2, target=3, directed=True)]
    rows = derive([org(1), org(2), person(3, affiliation_id=1)], ties)["actors"]
    expected = {
        "id", "name", "kind", "actor_type", "location", "hierarchy_level", "interviewed", "community",
        "degree", "in_degree", "out_degree", "betweenness", "betweenness_normalised", "closeness",
        "eigenvector", "clustering", "constraint", "effective_size", "efficiency", "hierarchy",
        "local_bridges", "ei_location", "ei_actor_type", "brokerage_coordinator", "brokerage_itinerant",
        "brokerage_representative", "brokerage_gatekeeper", "brokerage_liaison", "brokerage_total",
        "weak_contacts", "strong_contacts", "combines_weak_and_strong", "regional_gatekeeper",
        "regional_representative", "external_itinerant",
    }  # fmt: skip
    assert all(set(row) == expected for row in rows)
    assert [row["id"] for row in rows] == [1, 2, 3]
