"""The split at store time: a count and the first ties by id in the result, the full lists apart."""

from __future__ import annotations

import copy

from coding.worker.evidence import SAMPLE_SIZE, sample, snapshot_fields, tie_count
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
