"""The organisation level (docs/levels.md): a hand-built region folded and checked edge by edge, and
the level as coded left exactly as it was."""

from __future__ import annotations

from coding.analysis.derive import derive_level
from coding.analysis.inputs import Tie
from coding.analysis.levels import fold_to_organisations, seen_actor_ids
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import derive, org, person

# Organisations 1 (firm), 2 (university), 3 (agency); persons 10 and 11 work at 1, 12 at 2, 13 has
# no affiliation.
ACTORS = [
    org(1, "firm_sme"),
    org(2, "university"),
    org(3, "intermediary"),
    person(10, affiliation_id=1),
    person(11, affiliation_id=1, interviewed=True, interview_wave_ids=frozenset({5})),
    person(12, affiliation_id=2),
    person(13),
]
TIES = [
    Tie(id=1, source=10, target=11),  # colleagues at 1: inside one organisation, left out
    Tie(id=2, source=10, target=1),  # a person and their own employer: inside, left out
    Tie(id=3, source=10, target=12),  # becomes 1 – 2
    Tie(id=4, source=1, target=2),  # 1 – 2 as coded, parallel to tie 3 once folded
    Tie(id=5, source=11, target=3),  # becomes 1 – 3
    Tie(id=6, source=13, target=12),  # becomes 13 – 2: the unaffiliated person stays a vertex
    Tie(id=7, source=12, target=3, directed=True),  # becomes 2 → 3
]


def _organisation(result: dict) -> dict:
    return result["levels"]["organisation"]


def test_the_folded_graph_has_these_edges_and_no_other() -> None:
    level = _organisation(derive(ACTORS, TIES))
    edges = {(row["source"], row["target"]): row["tie_ids"] for row in level["ties"]}
    assert edges == {(1, 2): [3, 4], (1, 3): [5], (2, 13): [6], (2, 3): [7]}
    assert [row["id"] for row in level["actors"]] == [1, 2, 3, 13]
    assert level["metrics"]["actors"] == 4
    assert level["metrics"]["edges"] == 4
    assert level["metrics"]["ties"] == 5  # ties 3–7; 1 and 2 lie inside organisation 1
    assert level["folding"] == {
        "vertices": 4,
        "folded_person_ids": [10, 11, 12],
        "unaffiliated_person_ids": [13],
        "internal_tie_ids": [1, 2],
    }


def test_a_directed_tie_keeps_its_direction_when_folded() -> None:
    folded = fold_to_organisations(ACTORS, TIES)
    (tie,) = [tie for tie in folded.ties if tie.id == 7]
    assert (tie.source, tie.target, tie.directed) == (2, 3, True)
    degrees = {
        row["id"]: (row["in_degree"], row["out_degree"]) for row in _organisation(derive(ACTORS, TIES))["actors"]
    }
    # 3 has arcs from 1 (mutual tie 5) and from 2 (tie 7); it reaches only 1.
    assert degrees[3] == (2, 1)


def test_an_organisation_is_interviewed_through_its_persons() -> None:
    rows = {row["id"]: row for row in _organisation(derive(ACTORS, TIES))["actors"]}
    assert rows[1]["interviewed"] is True  # person 11 was interviewed
    assert rows[2]["interviewed"] is False
    assert seen_actor_ids(fold_to_organisations(ACTORS, TIES).actors, [], 5) == {1}


def test_the_level_as_coded_is_the_result_without_levels() -> None:
    result = derive(ACTORS, TIES)
    alone = derive_level(ACTORS, TIES, [], AnalysisSettings())
    assert {key: value for key, value in result.items() if key != "levels"} == alone
    assert result["levels"]["as_coded"] == {"vertices": 7, "organisations": 3, "persons": 4}
    assert result["metrics"]["actors"] == 7 and result["metrics"]["edges"] == 7


def test_a_layer_folds_only_its_own_ties() -> None:
    ties = [*TIES[:3], Tie(id=8, source=11, target=12, modes=frozenset({"rivalry"}))]
    level = _organisation(derive(ACTORS, ties, layer="rivalry"))
    assert [(row["source"], row["target"], row["tie_ids"]) for row in level["ties"]] == [(1, 2, [8])]
    assert level["folding"]["internal_tie_ids"] == []  # ties 1 and 2 are not rivalry ties


def test_every_classification_is_given_at_the_organisation_level() -> None:
    def names(records: list[dict]) -> list[str]:
        # Grabher mixes per community follow each level's own communities.
        return [record["name"] for record in records if "community" not in record["name"]]

    result = derive(ACTORS, TIES)
    assert names(_organisation(result)["classifications"]) == names(result["classifications"])


def test_without_persons_to_fold_the_organisation_level_equals_the_level_as_coded() -> None:
    actors = [org(1), org(2), org(3), person(13)]
    ties = [Tie(id=1, source=1, target=2), Tie(id=2, source=13, target=3)]
    result = derive(actors, ties)
    level = _organisation(result)
    for key in ("metrics", "actors", "ties", "classifications", "coverage"):
        assert level[key] == result[key], key
    assert level["folding"]["unaffiliated_person_ids"] == [13]
