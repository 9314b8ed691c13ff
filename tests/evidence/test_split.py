"""The split at store time: a count and the first ties by id in the result, the full lists apart."""

from __future__ import annotations

import copy

from coding.analysis.explanation import figure_count
from coding.worker.evidence import ACTOR_SAMPLE_SIZE, SAMPLE_SIZE, actor_count, sample, snapshot_fields, tie_count
from tests.evidence.conftest import record

ORGANISATION = "levels.organisation.classifications:"


def test_a_record_keeps_its_count_and_its_first_twenty_ties_by_id():
    tie_ids = [125, *range(101, 125)]  # 25 ties, 125 first: the sample is by id, not by position
    grabher = record(
        "grabher_mix",
        [7, 3, 5],
        figures={"counts": {"sociality": 3}, "tie_types": {"3": "sociality", "5": "sociality", "7": "sociality"}},
    )
    result = {
        "metrics": {"density": 0.5},
        "classifications": [record("coordination_regime", tie_ids), grabher],
        "levels": {"organisation": {"classifications": [record("coordination_regime", [9, 8])]}},
    }
    original = copy.deepcopy(result)

    fields = snapshot_fields(result)

    stored = fields["result"]["classifications"][0]
    assert stored["tie_count"] == 25
    assert stored["tie_ids"] == list(range(101, 121))  # 101 … 120: the 20 lowest ids
    assert fields["result"]["classifications"][1]["tie_ids"] == [3, 5, 7]  # fewer than 20: all of them
    assert fields["result"]["classifications"][1]["tie_count"] == 3
    organisation = fields["result"]["levels"]["organisation"]["classifications"][0]
    assert (organisation["tie_count"], organisation["tie_ids"]) == (2, [8, 9])
    assert fields["evidence"] == {
        "ties": {
            "coordination_regime": list(range(101, 126)),
            "grabher_mix": [3, 5, 7],
            f"{ORGANISATION}coordination_regime": [8, 9],
        },
        "tie_types": {"grabher_mix": {"3": "sociality", "5": "sociality", "7": "sociality"}},
        "actors": {"coordination_regime": [], "grabher_mix": [], f"{ORGANISATION}coordination_regime": []},
        "figures": {},
    }
    assert fields["result"]["metrics"] == {"density": 0.5}
    assert result == original  # the derived result itself is left as it was


def test_a_grabher_mix_keeps_the_types_of_its_sampled_ties_only():
    types = {str(tie_id): "communality" for tie_id in range(1, 31)}
    fields = snapshot_fields(
        {"classifications": [record("grabher_mix", list(range(1, 31)), figures={"tie_types": types})]}
    )
    kept = fields["result"]["classifications"][0]["figures"]["tie_types"]
    assert kept == {str(tie_id): "communality" for tie_id in range(1, 21)}
    assert len(fields["evidence"]["tie_types"]["grabher_mix"]) == 30


def test_one_record_shared_by_both_levels_is_split_once_and_listed_under_both_keys():
    # Without a person to fold, the organisation level is the level as coded: the same list object.
    shared = [record("structure", list(range(1, 41)))]
    fields = snapshot_fields({"classifications": shared, "levels": {"organisation": {"classifications": shared}}})
    for records in (fields["result"]["classifications"], fields["result"]["levels"]["organisation"]["classifications"]):
        assert (records[0]["tie_count"], records[0]["tie_ids"]) == (40, list(range(1, 21)))
    assert fields["evidence"]["ties"] == {
        "structure": list(range(1, 41)),
        f"{ORGANISATION}structure": list(range(1, 41)),
    }


def test_results_stored_before_the_split_read_as_their_full_lists():
    old = record("coordination_regime", list(range(1, 31)))
    assert tie_count(old) == 30 and sample(old) == list(range(1, SAMPLE_SIZE + 1))
    new = {**old, "tie_ids": [1, 2], "tie_count": 30}
    assert tie_count(new) == 30 and sample(new) == [1, 2]
    assert tie_count(record("structure", [])) == 0


def test_a_record_keeps_its_first_fifty_actors_and_the_first_twenty_entries_of_a_long_figure():
    pairs = [{"actors": [a, a + 1], "tie_ids": [a], "modes": ["cooperation", "competition"]} for a in range(30)]
    spanners = {str(actor_id): {"spheres": ["firm", "science"], "crossing_roles": 1} for actor_id in range(1, 26)}
    short = {"1": {"spheres": ["firm"], "crossing_roles": 1}}
    regime = record(
        "coordination_regime", [1], actor_ids=list(range(80, 0, -1)), figures={"coopetition_pairs": pairs, "x": 1}
    )
    constellation = record("boundary_spanners", [1], actor_ids=[3, 1], figures={"spanners": spanners})
    few = record("boundary_spanners_few", [1], figures={"spanners": short})

    fields = snapshot_fields({"classifications": [regime, constellation, few]})

    stored_regime, stored_spanners, stored_few = fields["result"]["classifications"]
    # 80 actors, listed from 80 down: the 50 lowest ids are kept, in order.
    assert ACTOR_SAMPLE_SIZE == 50
    assert stored_regime["actor_ids"] == list(range(1, 51)) and actor_count(stored_regime) == 80
    assert stored_regime["figures"] == {"coopetition_pairs": pairs[:20], "x": 1}
    assert stored_regime["figure_counts"] == {"coopetition_pairs": 30}
    assert figure_count(stored_regime, "coopetition_pairs") == 30
    assert list(stored_spanners["figures"]["spanners"]) == [str(actor_id) for actor_id in range(1, 21)]
    assert figure_count(stored_spanners, "spanners") == 25 and stored_spanners["actor_ids"] == [1, 3]
    assert stored_few["figures"] == {"spanners": short} and "figure_counts" not in stored_few
    assert figure_count(stored_few, "spanners") == 1
    assert fields["evidence"]["actors"]["coordination_regime"] == list(range(1, 81))
    assert fields["evidence"]["figures"] == {
        "coordination_regime": {"coopetition_pairs": pairs},
        "boundary_spanners": {"spanners": spanners},
    }
    # A record stored before: its whole lists.
    assert actor_count(regime) == 80 and figure_count(regime, "coopetition_pairs") == 30


def test_an_organisation_level_that_is_the_level_as_coded_is_stored_as_a_mark_and_read_back_whole():
    from coding.analysis.levels import LEVEL_KEYS, SAME_AS_CODED, organisation_result

    parts = {
        "metrics": {"density": 0.5},
        "actors": [{"id": 1}, {"id": 2}],
        "ties": [{"source": 1, "target": 2, "tie_ids": [7]}],
        "classifications": [record("structure", [7])],
        "coverage": {"actors": 2},
    }
    folding = {"vertices": 2, "folded_person_ids": []}
    # As derive hands it on without a person to fold: the very same objects under both levels.
    same = {**parts, "levels": {"organisation": {**parts, "folding": folding}}}
    stored = snapshot_fields(same)
    organisation = stored["result"]["levels"]["organisation"]
    assert organisation == {"folding": folding, SAME_AS_CODED: True}
    assert stored["evidence"]["ties"][f"{ORGANISATION}structure"] == [7]  # its records' evidence stays
    read = organisation_result(stored["result"])
    for key in LEVEL_KEYS:
        assert read[key] == stored["result"][key]
    assert read["folding"] == folding

    # Persons folded: the level's own parts (equal in value here, but other objects) are kept whole.
    folded = {**parts, "levels": {"organisation": {**copy.deepcopy(parts), "folding": folding}}}
    organisation = snapshot_fields(folded)["result"]["levels"]["organisation"]
    assert SAME_AS_CODED not in organisation and organisation["actors"] == parts["actors"]
    assert organisation_result(snapshot_fields(folded)["result"]) == organisation
