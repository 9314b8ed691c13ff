"""Hand-worked examples of every typology rule (docs/domain.md) and its explanation record."""

from __future__ import annotations

import itertools

from coding.analysis.grabher import grabher_type
from coding.analysis.inputs import Tie, TieRatings
from coding.analysis.message import render
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import derive, org, person

# Issue 19 added a minimum of mode-coded ties (default 5); these small examples test the shares.
FEW = AnalysisSettings(regime_min_coded_ties=1)
RECORD_KEYS = {"name", "label", "thresholds", "figures", "tie_ids", "actor_ids", "reason"}
STRONG = TieRatings(4, 4, 4, 4)
WEAK = TieRatings(1, 1, 1, 1)


def _record(result: dict, name: str) -> dict:
    (record,) = [record for record in result["classifications"] if record["name"] == name]
    assert set(record) == RECORD_KEYS
    assert render(record["reason"]).endswith(".")
    return record


def _tie(tie_id: int, source: int, target: int, *modes: str, **fields: object) -> Tie:
    return Tie(id=tie_id, source=source, target=target, modes=frozenset(modes), **fields)


def _complete(members: list[int], start: int = 1, **fields: object) -> list[Tie]:
    return [
        Tie(id=start + k, source=a, target=b, **fields)  # type: ignore[arg-type]
        for k, (a, b) in enumerate(itertools.combinations(members, 2))
    ]


class TestCoordinationRegime:
    actors = [org(i) for i in range(1, 6)]

    def test_cooperation_dominated(self) -> None:
        ties = [_tie(1, 1, 2, "cooperation"), _tie(2, 2, 3, "cooperation"), _tie(3, 3, 4, "cooperation")]
        record = _record(derive(self.actors, ties, settings=FEW), "coordination_regime")
        assert record["label"] == "cooperation_dominated"
        assert record["figures"]["cooperation_share"] == 1.0
        assert record["tie_ids"] == [1, 2, 3]
        assert record["thresholds"]["regime_dominance_share"] == 0.5

    def test_rivalry_dominated(self) -> None:
        ties = [_tie(1, 1, 2, "rivalry"), _tie(2, 2, 3, "competition"), _tie(3, 3, 4, "competition"), _tie(4, 4, 5)]
        record = _record(derive(self.actors, ties, settings=FEW), "coordination_regime")
        assert record["label"] == "rivalry_dominated"
        assert record["figures"]["mode_coded_ties"] == 3  # the tie without a mode does not count

    def test_tension_with_coopetition_pairs_in_one_tie_and_across_ties(self) -> None:
        ties = [
            _tie(1, 1, 2, "cooperation", "rivalry"),
            _tie(2, 3, 4, "cooperation"),
            _tie(3, 4, 3, "competition", directed=True),
            _tie(4, 4, 5, "cooperation"),
        ]
        record = _record(derive(self.actors, ties, settings=FEW), "coordination_regime")
        assert record["label"] == "tension"
        assert record["figures"]["coopetition_pairs"] == [
            {"actors": [1, 2], "tie_ids": [1], "modes": ["cooperation", "rivalry"]},
            {"actors": [3, 4], "tie_ids": [2, 3], "modes": ["cooperation", "competition"]},
        ]
        assert record["actor_ids"] == [1, 2, 3, 4]

    def test_conflict_counts_as_rivalry_only_when_set(self) -> None:
        ties = [_tie(1, 1, 2, "conflict"), _tie(2, 2, 3, "conflict"), _tie(3, 3, 4, "cooperation")]
        assert _record(derive(self.actors, ties, settings=FEW), "coordination_regime")["label"] == "tension"
        settings = AnalysisSettings.from_overrides(
            {"regime_conflict_counts_as_rivalry": False, "regime_min_coded_ties": 1}
        )
        assert _record(derive(self.actors, ties, settings=settings), "coordination_regime")["label"] == (
            "undetermined"  # one of three coded ties is cooperative: neither side dominates
        )

    def test_no_mode_coded_ties_is_undetermined(self) -> None:
        assert _record(derive(self.actors, [_tie(1, 1, 2)]), "coordination_regime")["label"] == "undetermined"


class TestGrabher:
    # Issue 19: only cooperation ties get a type, communality needs the private sphere, sociality a
    # coded temporary duration, and a mix needs five typed ties (tests/analysis/test_concept_grabher.py).
    def test_each_tie_type(self) -> None:
        coop = frozenset({"cooperation"})
        communality = Tie(1, 1, 2, modes=coop, ratings=STRONG, includes_private_sphere=True, channel="face_to_face")
        long_lasting = Tie(2, 1, 2, modes=coop, ratings=STRONG, duration="long_lasting")
        connectivity = Tie(3, 1, 2, modes=coop, ratings=STRONG, channel="email", trust_basis="none")
        sociality = Tie(4, 1, 2, modes=coop, ratings=WEAK, channel="face_to_face", duration="fleeting")
        personal_media = Tie(5, 1, 2, modes=coop, ratings=WEAK, channel="email", trust_basis="integrity")
        unrated = Tie(6, 1, 2, modes=coop, channel="face_to_face")
        assert grabher_type(communality, 1.0, 0.5) == "communality"
        assert grabher_type(long_lasting, 1.0, 0.5) is None  # strong and long, but no private sphere
        assert grabher_type(connectivity, 1.0, 0.5) == "connectivity"
        assert grabher_type(sociality, 0.25, 0.5) == "sociality"
        assert grabher_type(personal_media, 0.25, 0.5) is None
        assert grabher_type(unrated, None, 0.5) is None

    def test_a_type_below_the_mix_share_is_left_out(self) -> None:
        actors = [org(i) for i in range(1, 7)]
        social = {"ratings": WEAK, "channel": "face_to_face", "duration": "fleeting"}
        ties = [_tie(k, k, k + 1, "cooperation", **social) for k in range(1, 6)]
        ties.append(_tie(9, 1, 6, "cooperation", ratings=STRONG, includes_private_sphere=True))
        record = _record(derive(actors, ties), "grabher_mix")
        assert record["figures"]["types_in_mix"] == ["sociality"]  # communality 1/6 < 0.2
        assert record["label"] == "sociality"


class TestActorConstellation:
    # Issue 19: judged among firms by size band and SME–SME ties (tests/analysis/test_concept_constellation.py).
    def test_mixed_firm_sizes_are_a_heterogeneous_cluster_with_a_firm_bias_figure(self) -> None:
        actors = [org(1), org(2, "firm_large"), org(3, "university"), org(4, "intermediary")]
        record = _record(derive(actors, []), "actor_constellation")
        assert record["label"] == "heterogeneous_cluster"  # SMEs 1 of 2 firms (50 %) < 60 %
        assert record["figures"]["non_firm_share"] == 0.5

    def test_no_organisations_is_undetermined(self) -> None:
        assert _record(derive([person(1)], []), "actor_constellation")["label"] == "undetermined"


class TestBoundarySpanners:
    def test_organisations_are_never_spanners(self) -> None:
        record = _record(derive([org(1), org(2, "university")], [_tie(1, 1, 2)]), "boundary_spanners")
        assert record["label"] == "no_boundary_spanners"
