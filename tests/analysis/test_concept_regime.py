"""The coordination regime on hand-built networks (docs/classifications/coordination_regime.md).

Each expected value is derived in the comments from the rule: modes reported apart over the
mode-coded ties between organisations (ties inside one organisation left out), co-opetition pairs
first, then tension / dominance with the study's thresholds.
"""

from __future__ import annotations

import pytest

from coding.analysis.inputs import Tie
from coding.analysis.message import render
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import derive, org, person

FEW = AnalysisSettings(regime_min_coded_ties=1)


def _tie(tie_id: int, source: int, target: int, *modes: str, **fields: object) -> Tie:
    return Tie(id=tie_id, source=source, target=target, modes=frozenset(modes), **fields)


def _regime(actors: list, ties: list[Tie], settings: AnalysisSettings | None = None) -> dict:
    result = derive(actors, ties, settings=settings or AnalysisSettings())
    (record,) = [r for r in result["classifications"] if r["name"] == "coordination_regime"]
    return record


FIRMS = [org(i) for i in range(1, 8)]


def test_modes_are_reported_apart_and_the_rival_side_decides_tension() -> None:
    # Eight mode-coded ties between firms:
    #   1-2 cooperation+rivalry, 3-4 cooperation, 4-3 competition (one-way), 4-5 cooperation,
    #   5-6 cooperation, 6-7 cooperation, 1-7 conflict, 2-3 cooperation.
    # cooperation on 6 of 8 (75 %); rivalry 1 (12.5 %), competition 1 (12.5 %), conflict 1 (12.5 %).
    # Rival side (rivalry, competition, conflict): ties 1, 3, 7 = 3 of 8 = 37.5 % >= 25 %, and
    # cooperation 75 % >= 25 %: tension.
    ties = [
        _tie(1, 1, 2, "cooperation", "rivalry"),
        _tie(2, 3, 4, "cooperation"),
        _tie(3, 4, 3, "competition", directed=True),
        _tie(4, 4, 5, "cooperation"),
        _tie(5, 5, 6, "cooperation"),
        _tie(6, 6, 7, "cooperation"),
        _tie(7, 1, 7, "conflict"),
        _tie(8, 2, 3, "cooperation"),
    ]
    record = _regime(FIRMS, ties)
    figures = record["figures"]
    assert figures["mode_counts"] == {"cooperation": 6, "rivalry": 1, "competition": 1, "conflict": 1}
    assert figures["mode_shares"]["rivalry"] == 0.125
    assert figures["rival_side_share"] == 0.375
    assert record["label"] == "tension"
    # Co-opetition pairs: {1,2} (cooperation + rivalry in one tie) and {3,4} (cooperation and
    # competition across ties 2 and 3); {1,7} only conflicts, so it is no co-opetition pair.
    assert figures["coopetition_pairs"] == [
        {"actors": [1, 2], "tie_ids": [1], "modes": ["cooperation", "rivalry"]},
        {"actors": [3, 4], "tie_ids": [2, 3], "modes": ["cooperation", "competition"]},
    ]
    assert next(iter(figures)) == "coopetition_pairs"  # reported first
    assert render(record["reason"]).startswith("Co-opetition: two pairs")
    assert "rivalry 1 of 8 ties (12 %)" in render(record["reason"])
    assert "the rival side 38 % is at or above 25 %: tension" in render(record["reason"])


def test_ties_inside_one_organisation_are_left_out() -> None:
    # Firm 1 with its own employees 10 and 11; firm 2 outside.
    # Tie 1: employee 10 - own firm 1 (conflict + cooperation): inside one organisation.
    # Tie 2: employees 10 - 11 of firm 1 (rivalry): inside one organisation.
    # Tie 3: employee 10 - firm 2 (cooperation): between organisations.
    # Only tie 3 counts: cooperation 1 of 1 = 100 %, rival side 0 %: cooperation dominates,
    # and no co-opetition pair (the 10-1 pair is inside firm 1).
    actors = [org(1), org(2), person(10, affiliation_id=1), person(11, affiliation_id=1)]
    ties = [_tie(1, 10, 1, "conflict", "cooperation"), _tie(2, 10, 11, "rivalry"), _tie(3, 10, 2, "cooperation")]
    record = _regime(actors, ties, FEW)
    assert record["figures"]["ties_inside_one_organisation_left_out"] == 2
    assert record["figures"]["mode_coded_ties"] == 1
    assert record["figures"]["coopetition_pairs"] == []
    assert record["label"] == "cooperation_dominated"
    assert record["tie_ids"] == [3]
    assert "(two ties inside one organisation left out)" in render(record["reason"])


def test_rival_side_dominates_when_cooperation_stays_below_the_tension_share() -> None:
    # rivalry, competition, competition, cooperation: rival side 3 of 4 = 75 % >= 50 %, cooperation
    # 1 of 4 = 25 %, not below the tension share 25 %, so with the defaults this is tension; with
    # tension at 30 % cooperation (25 %) is below it and the rival side (75 %) dominates.
    ties = [
        _tie(1, 1, 2, "rivalry"),
        _tie(2, 2, 3, "competition"),
        _tie(3, 3, 4, "competition"),
        _tie(4, 4, 5, "cooperation"),
    ]
    assert _regime(FIRMS, ties, FEW)["label"] == "tension"
    settings = AnalysisSettings(regime_min_coded_ties=1, regime_tension_min_share=0.3)
    record = _regime(FIRMS, ties, settings)
    assert record["label"] == "rivalry_dominated"
    assert record["figures"]["mode_shares"]["competition"] == 0.5


def test_conflict_joins_the_rival_side_only_when_the_study_says_so() -> None:
    # conflict, conflict, cooperation: with conflict on the rival side, 2 of 3 (67 %) and
    # cooperation 1 of 3 (33 %) both reach 25 %: tension. Without it the rival side is 0 %, and
    # cooperation 33 % is below the 50 % dominance share: undetermined.
    ties = [_tie(1, 1, 2, "conflict"), _tie(2, 2, 3, "conflict"), _tie(3, 3, 4, "cooperation")]
    assert _regime(FIRMS, ties, FEW)["label"] == "tension"
    settings = AnalysisSettings(regime_min_coded_ties=1, regime_conflict_counts_as_rivalry=False)
    record = _regime(FIRMS, ties, settings)
    assert record["figures"]["rival_side_share"] == 0.0
    assert record["label"] == "undetermined"
    assert render(record["reason"]).endswith(
        "Rule: a side dominates at 50 % or more while the other stays below 25 %, tension when both reach 25 %; "
        "cooperation 33 % is below 50 % and the rival side 0 % is below 50 %, cooperation 33 % is at or above 25 % "
        "and the rival side 0 % is below 25 %: neither dominance nor tension, so no regime is named."
    )


def test_too_few_mode_coded_ties_name_no_regime() -> None:
    # Four cooperation ties, minimum five (the default): undetermined, though all cooperate.
    ties = [_tie(k, k, k + 1, "cooperation") for k in range(1, 5)]
    record = _regime(FIRMS, ties)
    assert record["figures"]["cooperation_share"] == 1.0  # the share is shown all the same
    assert record["label"] == "undetermined"
    assert (
        "Rule: a regime needs at least five mode-coded ties between organisations; only four ties between "
        "organisations, all are coded with a mode (cooperation, rivalry, competition or conflict), below five, "
        "so no regime is named."
    ) in render(record["reason"])


@pytest.mark.parametrize("ties", [[], [_tie(1, 1, 2)]])
def test_no_mode_coded_tie_is_undetermined_and_says_so(ties: list[Tie]) -> None:
    record = _regime(FIRMS, ties)
    assert record["label"] == "undetermined"
    assert render(record["reason"]).startswith("Co-opetition: no pairs")
    # Rule, figure, threshold and comparison, and what is missing on how many ties.
    expected = {
        0: "there is no tie between organisations to code with a mode (cooperation, rivalry, competition or "
        "conflict), below five, so no regime is named.",
        1: "the one tie is not coded with a mode (cooperation, rivalry, competition or conflict), below five: "
        "the mode is missing on one tie, so no regime is named.",
    }[len(ties)]
    assert render(record["reason"]) == (
        "Co-opetition: no pairs of actors both cooperate and rival, compete or conflict. Rule: a regime needs at "
        f"least five mode-coded ties between organisations; {expected}"
    )
