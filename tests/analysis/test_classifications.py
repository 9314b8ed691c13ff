"""Hand-worked examples of every typology rule (docs/domain.md) and its explanation record."""

from __future__ import annotations

import itertools

from coding.analysis.grabher import grabher_type
from coding.analysis.inputs import OutcomeInput, Tie, TieRatings
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import derive, org, person

RECORD_KEYS = {"name", "label", "thresholds", "figures", "tie_ids", "actor_ids", "reason"}
STRONG = TieRatings(4, 4, 4, 4)
WEAK = TieRatings(1, 1, 1, 1)


def _record(result: dict, name: str) -> dict:
    (record,) = [record for record in result["classifications"] if record["name"] == name]
    assert set(record) == RECORD_KEYS
    assert record["reason"].endswith(".")
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
        record = _record(derive(self.actors, ties), "coordination_regime")
        assert record["label"] == "cooperation_dominated"
        assert record["figures"]["cooperation_share"] == 1.0
        assert record["tie_ids"] == [1, 2, 3]
        assert record["thresholds"]["regime_dominance_share"] == 0.5

    def test_rivalry_dominated(self) -> None:
        ties = [_tie(1, 1, 2, "rivalry"), _tie(2, 2, 3, "competition"), _tie(3, 3, 4, "competition"), _tie(4, 4, 5)]
        record = _record(derive(self.actors, ties), "coordination_regime")
        assert record["label"] == "rivalry_dominated"
        assert record["figures"]["mode_coded_ties"] == 3  # the tie without a mode does not count

    def test_tension_with_coopetition_pairs_in_one_tie_and_across_ties(self) -> None:
        ties = [
            _tie(1, 1, 2, "cooperation", "rivalry"),
            _tie(2, 3, 4, "cooperation"),
            _tie(3, 4, 3, "competition", directed=True),
            _tie(4, 4, 5, "cooperation"),
        ]
        record = _record(derive(self.actors, ties), "coordination_regime")
        assert record["label"] == "tension"
        assert record["figures"]["coopetition_pairs"] == [
            {"actors": [1, 2], "tie_ids": [1]},
            {"actors": [3, 4], "tie_ids": [2, 3]},
        ]
        assert record["actor_ids"] == [1, 2, 3, 4]

    def test_conflict_counts_as_rivalry_only_when_set(self) -> None:
        ties = [_tie(1, 1, 2, "conflict"), _tie(2, 2, 3, "conflict"), _tie(3, 3, 4, "cooperation")]
        assert _record(derive(self.actors, ties), "coordination_regime")["label"] == "tension"
        settings = AnalysisSettings.from_overrides({"regime_conflict_counts_as_rivalry": False})
        assert _record(derive(self.actors, ties, settings=settings), "coordination_regime")["label"] == (
            "undetermined"  # one of three coded ties is cooperative: neither side dominates
        )

    def test_no_mode_coded_ties_is_undetermined(self) -> None:
        assert _record(derive(self.actors, [_tie(1, 1, 2)]), "coordination_regime")["label"] == "undetermined"


class TestGrabher:
    def test_each_tie_type(self) -> None:
        communality = _tie(1, 1, 2, ratings=STRONG, includes_private_sphere=True, channel="face_to_face")
        long_lasting = _tie(2, 1, 2, ratings=STRONG, duration="long_lasting")
        connectivity = _tie(3, 1, 2, ratings=STRONG, channel="email", trust_basis="none")
        sociality = _tie(4, 1, 2, ratings=WEAK, channel="face_to_face", duration="fleeting")
        personal_media = _tie(5, 1, 2, ratings=WEAK, channel="email", trust_basis="integrity")
        unrated = _tie(6, 1, 2, channel="face_to_face")
        assert grabher_type(communality, 1.0, 0.5) == "communality"
        assert grabher_type(long_lasting, 1.0, 0.5) == "communality"
        assert grabher_type(connectivity, 1.0, 0.5) == "connectivity"
        assert grabher_type(sociality, 0.25, 0.5) == "sociality"
        assert grabher_type(personal_media, 0.25, 0.5) is None
        assert grabher_type(unrated, None, 0.5) is None

    def test_region_mix_and_community_mixes(self) -> None:
        # Two triangles joined by one tie: Leiden finds the two triangles as communities.
        actors = [org(i) for i in range(1, 7)]
        social = {"ratings": WEAK, "channel": "face_to_face", "duration": "fleeting"}
        media = {"ratings": WEAK, "channel": "email", "trust_basis": "none"}
        ties = [
            *_complete([1, 2, 3], start=1, **social),
            *_complete([4, 5, 6], start=10, **media),
            _tie(20, 3, 4),
        ]
        result = derive(actors, ties)
        region = _record(result, "grabher_mix")
        assert region["label"] == "mixture"
        assert region["figures"]["counts"] == {"communality": 0, "sociality": 3, "connectivity": 3}
        assert region["figures"]["shares"]["sociality"] == 0.5
        assert 20 not in region["tie_ids"]  # the unclassified tie is not evidence for the mix
        labels = {tuple(r["actor_ids"]): r["label"] for r in result["classifications"] if "community" in r["name"]}
        assert labels == {(1, 2, 3): "sociality", (4, 5, 6): "connectivity"}

    def test_a_type_below_the_mix_share_is_left_out(self) -> None:
        actors = [org(i) for i in range(1, 7)]
        ties = [_tie(k, k, k + 1, ratings=WEAK, channel="face_to_face") for k in range(1, 6)]
        ties.append(_tie(9, 1, 6, ratings=STRONG, includes_private_sphere=True))
        record = _record(derive(actors, ties), "grabher_mix")
        assert record["figures"]["types_in_mix"] == ["sociality"]  # communality 1/6 < 0.2
        assert record["label"] == "sociality"


class TestClubLikeCore:
    trusted = {"modes": frozenset({"cooperation"}), "trust_basis": "commitment"}

    def _derive(self, actors: list, ties: list[Tie], outcomes: list[OutcomeInput]) -> dict:
        return _record(derive(actors, ties, outcomes), "club_like_core")

    def test_a_trusted_dense_core_with_a_collective_good(self) -> None:
        actors = [org(i) for i in range(1, 6)]
        ties = [*_complete([1, 2, 3, 4], **self.trusted), _tie(20, 4, 5, "cooperation", trust_basis="commitment")]
        record = self._derive(actors, ties, [OutcomeInput(id=7, actor_ids=(1, 2, 5))])
        assert record["label"] == "club_like_core"
        assert record["actor_ids"] == [1, 2, 3, 4]  # 5 has one trusted tie: outside the 2-core
        assert record["figures"]["core_density"] == 1.0
        assert record["figures"]["collective_good_outcome_ids"] == [7]
        assert 20 not in record["tie_ids"]

    def test_without_a_collective_good_it_is_no_club(self) -> None:
        record = self._derive([org(i) for i in range(1, 5)], _complete([1, 2, 3, 4], **self.trusted), [])
        assert record["label"] == "no_club_like_core"
        assert record["figures"]["checks"]["collective_goods"] is False
        assert "collective goods" in record["reason"]

    def test_a_core_open_to_outsiders_is_no_club(self) -> None:
        actors = [org(1), org(2, location="external"), org(3, location="external"), org(4)]
        record = self._derive(actors, _complete([1, 2, 3, 4], **self.trusted), [OutcomeInput(1, (1, 4))])
        assert record["figures"]["external_share"] == 0.5
        assert record["figures"]["checks"]["closed"] is False
        assert record["label"] == "no_club_like_core"

    def test_cooperation_without_trust_forms_no_core(self) -> None:
        ties = _complete([1, 2, 3, 4], modes=frozenset({"cooperation"}), trust_basis="none")
        record = self._derive([org(i) for i in range(1, 5)], ties, [OutcomeInput(1, (1, 2))])
        assert record["figures"]["core_members"] == 0
        assert record["label"] == "no_club_like_core"


class TestActorConstellation:
    def test_homogeneous_smes_are_district_like(self) -> None:
        actors = [org(i) for i in range(1, 6)] + [person(9, affiliation_id=1)]
        record = _record(derive(actors, []), "actor_constellation")
        assert record["label"] == "industrial_district_like"
        assert record["figures"]["blau_organisation_type"] == 0.0
        assert record["figures"]["non_firm_share"] == 0.0
        assert record["actor_ids"] == [1, 2, 3, 4, 5]

    def test_mixed_types_are_a_heterogeneous_cluster_with_a_firm_bias_figure(self) -> None:
        actors = [org(1), org(2, "firm_large"), org(3, "university"), org(4, "intermediary")]
        record = _record(derive(actors, []), "actor_constellation")
        assert record["label"] == "heterogeneous_cluster"
        assert record["figures"]["blau_organisation_type"] == 0.75
        assert record["figures"]["non_firm_share"] == 0.5

    def test_no_organisations_is_undetermined(self) -> None:
        assert _record(derive([person(1)], []), "actor_constellation")["label"] == "undetermined"


class TestBoundarySpanners:
    def test_persons_with_ties_across_types_or_the_region_boundary(self) -> None:
        actors = [
            org(1),
            org(2, "university"),
            org(3, location="external"),
            person(10, affiliation_id=1),  # tie to own firm only: no spanner
            person(11, affiliation_id=1),  # tie to the university: crosses types
            person(12, affiliation_id=1),  # tie to an external SME: crosses the region boundary
        ]
        ties = [_tie(1, 10, 1), _tie(2, 11, 1), _tie(3, 11, 2), _tie(4, 12, 3)]
        record = _record(derive(actors, ties), "boundary_spanners")
        assert record["label"] == "boundary_spanners"
        assert record["actor_ids"] == [11, 12]
        assert record["tie_ids"] == [3, 4]
        assert record["figures"]["crossing_ties"] == {"11": 1, "12": 1}

    def test_organisations_are_never_spanners(self) -> None:
        record = _record(derive([org(1), org(2, "university")], [_tie(1, 1, 2)]), "boundary_spanners")
        assert record["label"] == "no_boundary_spanners"
