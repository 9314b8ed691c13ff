"""Burt's two-by-two (docs/structure.md) on hand-built networks, each answer worked out from the
definition in the test: the gates (insufficient data, fragmented over the actors seen in a wave),
the two sides against degree-preserving random networks, the label table and Granovetter's test
that bridges are weak."""

from __future__ import annotations

import itertools
from math import comb

import pytest

from coding.analysis.inputs import Tie, TieRatings
from coding.analysis.message import render
from coding.analysis.nullmodel import NullTest
from coding.analysis.structure import _two_by_two
from coding.analysis.thresholds import AnalysisSettings
from coding.analysis.weak_bridges import hypergeometric_upper_tail
from tests.analysis.helpers import derive, org, person

STRONG = TieRatings(4, 4, 4, 4)
WEAK = TieRatings(1, 1, 1, 1)


def _structure(result: dict) -> dict:
    (record,) = [record for record in result["classifications"] if record["name"] == "structure"]
    return record


def _ring_of_cliques(cliques: int, size: int, wave_id: int | None = None) -> tuple[list[list[int]], list[Tie]]:
    """``cliques`` complete groups of ``size`` actors, group i's last actor tied to group i+1's first."""
    groups = [list(range(1 + g * size, 1 + (g + 1) * size)) for g in range(cliques)]
    pairs = [pair for group in groups for pair in itertools.combinations(group, 2)]
    pairs += [(groups[g][-1], groups[(g + 1) % cliques][0]) for g in range(cliques)]
    return groups, [Tie(id=k + 1, source=a, target=b, wave_id=wave_id) for k, (a, b) in enumerate(pairs)]


class TestTheTwoByTwo:
    def test_cliques_joined_by_single_ties_are_closure_and_brokerage(self) -> None:
        # Three 6-cliques in a ring: inside each community every pair of contacts is tied
        # (transitivity 1); each of the 3 ties between them has ends with no common contact (a
        # local bridge, share 1). Random graphs with these degrees (5 and 6 among 18 actors, 48
        # edges) close far fewer triads and put most ties between communities into triangles.
        groups, ties = _ring_of_cliques(3, 6)
        record = _structure(derive([org(i) for i in range(1, 19)], ties))
        figures = record["figures"]
        assert figures["communities"] == 3
        assert figures["within_community_transitivity"] == 1.0
        assert figures["within_community_density"] == 1.0
        assert (figures["between_community_edges"], figures["between_community_local_bridges"]) == (3, 3)
        assert figures["closure_null"]["null_mean"] < 0.9
        assert figures["brokerage_null"]["null_mean"] < 0.9
        assert figures["closure_null"]["p_value"] <= 0.05
        assert figures["brokerage_null"]["p_value"] <= 0.05
        assert record["label"] == "closure_and_brokerage"
        # Evidence: the bridging ties (the last three) and the six actors at their ends.
        assert record["tie_ids"] == [46, 47, 48]
        assert record["actor_ids"] == sorted(a for g in groups for a in (g[0], g[-1]))

    def test_a_star_is_neither_since_its_degrees_allow_no_other_graph(self) -> None:
        # Degrees (12, 1, ..., 1) have exactly one simple realisation, the star itself: every null
        # graph equals the observed one, so p = (1 + 200) / (1 + 200) = 1 on both sides. Brokerage
        # around one centre is what any network with these degrees would show (the interview star).
        ties = [Tie(id=k, source=1, target=k) for k in range(2, 15)]
        # 13 leaves, 13 edges: lower the edge minimum so the rule is reached.
        settings = AnalysisSettings(structure_min_edges=13)
        record = _structure(derive([org(i) for i in range(1, 15)], ties, settings=settings))
        assert record["figures"]["closure_null"]["p_value"] == 1.0
        assert record["figures"]["brokerage_null"]["p_value"] == 1.0
        assert record["label"] == "neither_closure_nor_brokerage"

    def test_the_same_seed_gives_the_same_p_values(self) -> None:
        _, ties = _ring_of_cliques(4, 5)
        first = _structure(derive([org(i) for i in range(1, 21)], ties))["figures"]
        second = _structure(derive([org(i) for i in range(1, 21)], ties))["figures"]
        assert first["closure_null"] == second["closure_null"]
        assert first["brokerage_null"] == second["brokerage_null"]

    @pytest.mark.parametrize(
        ("closure_p", "brokerage_p", "label"),
        [
            (0.05, 0.05, "closure_and_brokerage"),  # at alpha a side holds
            (0.01, 0.2, "closure"),
            (0.5, 0.04, "brokerage"),
            (0.051, 0.9, "neither_closure_nor_brokerage"),
        ],
    )
    def test_the_label_reads_the_two_sides_at_alpha(self, closure_p: float, brokerage_p: float, label: str) -> None:
        closure = NullTest(observed=0.5, null_mean=0.2, p_value=closure_p, percentile=0.9, draws=200)
        brokerage = NullTest(observed=0.5, null_mean=0.2, p_value=brokerage_p, percentile=0.9, draws=200)
        figures = {"between_community_edges": 4, "between_community_local_bridges": 2}
        assert _two_by_two(closure, brokerage, 0.05, figures)[0] == label


class TestGates:
    def test_below_the_minimum_of_actors_the_reason_names_it(self) -> None:
        ties = [Tie(id=k, source=a, target=b) for k, (a, b) in enumerate(itertools.combinations(range(1, 10), 2))]
        record = _structure(derive([org(i) for i in range(1, 12)], ties))  # 9 connected, 36 edges
        assert record["label"] == "insufficient_data"
        assert "nine actors with a tie, below the minimum of ten (structure_min_actors)" in render(record["reason"])
        assert "structure_min_edges" not in render(record["reason"])
        assert record["figures"]["closure_null"] is None  # no null model below the minimums

    def test_below_the_minimum_of_ties_the_reason_names_it(self) -> None:
        ties = [Tie(id=k, source=k, target=k + 1) for k in range(1, 15)]  # a path: 15 actors, 14 edges
        record = _structure(derive([org(i) for i in range(1, 16)], ties))
        assert record["label"] == "insufficient_data"
        assert "14 connected pairs, below the minimum of 15 (structure_min_edges)" in render(record["reason"])
        assert "structure_min_actors" not in render(record["reason"])

    def test_fragmented_counts_the_actors_of_all_waves_when_no_wave_is_chosen(self) -> None:
        # Three separate 5-cliques: 15 actors, 30 edges, the largest component 5/15 < 1/2.
        ties = [
            Tie(id=100 * g + k, source=a, target=b)
            for g in range(3)
            for k, (a, b) in enumerate(itertools.combinations(range(1 + 5 * g, 6 + 5 * g), 2))
        ]
        record = _structure(derive([org(i) for i in range(1, 16)], ties))
        assert record["label"] == "fragmented"
        assert record["figures"]["largest_component_share_seen"] == pytest.approx(5 / 15)


class TestFragmentedPerWave:
    """A wave counts only the actors seen in it: a tie in that wave or an interview of that wave."""

    def _region(self) -> tuple[list, list[Tie]]:
        # 18 actors tied in wave 1 (one component), 22 actors of the region not seen in wave 1:
        # 20 tied only in wave 2, 2 with nothing at all.
        _, wave_one = _ring_of_cliques(3, 6, wave_id=1)
        wave_two = [Tie(id=500 + k, source=19 + 2 * k, target=20 + 2 * k, wave_id=2) for k in range(10)]
        return [org(i) for i in range(1, 41)], [*wave_one, *wave_two]

    def test_actors_not_seen_in_the_wave_are_not_counted_as_its_isolates(self) -> None:
        actors, ties = self._region()
        result = derive(actors, ties, wave_id=1)
        record = _structure(result)
        assert result["metrics"]["largest_component_share"] == pytest.approx(18 / 40)  # unchanged figure
        assert record["figures"]["seen_actors"] == 18
        assert record["figures"]["largest_component_share_seen"] == 1.0
        assert record["label"] != "fragmented"

    def test_an_interviewee_of_the_wave_is_seen_even_without_a_tie(self) -> None:
        actors, ties = self._region()
        # 20 persons interviewed in wave 1 but with no tie in it: seen, and isolates of wave 1.
        interviewees = [person(100 + k, interviewed=True, interview_wave_ids=frozenset({1})) for k in range(20)]
        elsewhere = [person(200, interviewed=True, interview_wave_ids=frozenset({2}))]
        record = _structure(derive([*actors, *interviewees, *elsewhere], ties, wave_id=1))
        assert record["figures"]["seen_actors"] == 38
        assert record["figures"]["largest_component_share_seen"] == pytest.approx(18 / 38)
        assert record["label"] == "fragmented"


class TestWeakBridges:
    def test_the_weak_share_on_local_bridges_against_all_rated_ties(self) -> None:
        # Triangle 1-2-3 (1-2 and 2-3 strong, 1-3 unrated) and a tail 3-4-5 of weak ties. Local
        # bridges: 3-4 and 4-5 (their ends share no contact). Rated: 4 ties, 2 weak; both rated
        # ties on local bridges are weak. Drawing 2 of the 4 rated ties, both weak:
        # C(2,2)·C(2,0)/C(4,2) = 1/6.
        ties = [
            Tie(id=1, source=1, target=2, ratings=STRONG),
            Tie(id=2, source=2, target=3, ratings=STRONG),
            Tie(id=3, source=1, target=3),
            Tie(id=4, source=3, target=4, ratings=WEAK),
            Tie(id=5, source=4, target=5, ratings=WEAK),
        ]
        figures = _structure(derive([org(i) for i in range(1, 6)], ties))["figures"]
        assert figures["rated_ties"] == 4
        assert figures["weak_share_of_rated_ties"] == 0.5
        assert figures["rated_ties_on_local_bridges"] == 2
        assert figures["weak_share_on_local_bridges"] == 1.0
        assert figures["weak_local_bridges_p_value"] == pytest.approx(1 / 6)
        # 3-4 and 4-5 are bridges too (removing either cuts the tail off): the same figures.
        assert (figures["rated_ties_on_bridges"], figures["weak_share_on_bridges"]) == (2, 1.0)
        assert figures["weak_bridges_p_value"] == pytest.approx(1 / 6)

    def test_a_local_bridge_on_a_cycle_is_no_bridge(self) -> None:
        # A 4-cycle 1-2-3-4: every edge is a local bridge (its ends share no contact) but none is a
        # bridge (the cycle stays connected). Ratings: 1-2 weak, the rest strong.
        ties = [
            Tie(id=1, source=1, target=2, ratings=WEAK),
            Tie(id=2, source=2, target=3, ratings=STRONG),
            Tie(id=3, source=3, target=4, ratings=STRONG),
            Tie(id=4, source=4, target=1, ratings=STRONG),
        ]
        figures = _structure(derive([org(i) for i in range(1, 5)], ties))["figures"]
        assert (figures["rated_ties_on_local_bridges"], figures["weak_share_on_local_bridges"]) == (4, 0.25)
        assert figures["weak_local_bridges_p_value"] == 1.0  # all rated ties drawn: certain
        assert (figures["rated_ties_on_bridges"], figures["weak_share_on_bridges"]) == (0, None)
        assert figures["weak_bridges_p_value"] is None

    def test_the_upper_tail_sums_the_hypergeometric_terms(self) -> None:
        # 10 rated ties, 4 weak, 3 on local bridges of which 2 weak:
        # P(X ≥ 2) = [C(4,2)C(6,1) + C(4,3)C(6,0)] / C(10,3) = (36 + 4) / 120.
        assert hypergeometric_upper_tail(10, 4, 3, 2) == pytest.approx(40 / 120)
        assert hypergeometric_upper_tail(10, 4, 3, 0) == pytest.approx(1.0)
        assert hypergeometric_upper_tail(10, 4, 0, 0) is None
        assert comb(10, 3) == 120


class TestWhereTheNullModelRuns:
    def _cooperation_ring(self) -> list[Tie]:
        _, ties = _ring_of_cliques(3, 6)
        return [Tie(id=tie.id, source=tie.source, target=tie.target, modes=frozenset({"cooperation"})) for tie in ties]

    def test_a_layer_outside_the_setting_is_not_tested_and_says_so(self) -> None:
        record = _structure(derive([org(i) for i in range(1, 19)], self._cooperation_ring(), layer="cooperation"))
        assert record["label"] == "not_tested"
        assert "structure_null_layers (all)" in render(record["reason"])
        assert record["figures"]["within_community_transitivity"] == 1.0  # the descriptive figures stay
        assert record["figures"]["closure_null"] is None

    def test_a_layer_named_in_the_setting_is_tested(self) -> None:
        settings = AnalysisSettings(structure_null_layers=("all", "cooperation"))
        ties = self._cooperation_ring()
        record = _structure(derive([org(i) for i in range(1, 19)], ties, settings=settings, layer="cooperation"))
        assert record["label"] == "closure_and_brokerage"

    def test_above_the_edge_cap_the_null_model_is_not_run_and_the_reason_says_so(self) -> None:
        _, ties = _ring_of_cliques(3, 6)  # 48 connected pairs
        settings = AnalysisSettings(structure_null_max_edges=47)
        record = _structure(derive([org(i) for i in range(1, 19)], ties, settings=settings))
        assert record["label"] == "not_tested"
        assert "48 connected pairs are more than structure_null_max_edges = 47" in render(record["reason"])
        assert record["figures"]["brokerage_null"] is None

    def test_an_unknown_layer_in_the_setting_is_refused_by_name(self) -> None:
        with pytest.raises(ValueError, match="structure_null_layers"):
            AnalysisSettings.from_overrides({"structure_null_layers": ["all", "friendship"]})

    def test_too_few_null_draws_are_refused(self) -> None:
        with pytest.raises(ValueError, match="structure_null_draws"):
            AnalysisSettings.from_overrides({"structure_null_draws": 18})

    def test_a_retired_setting_of_the_old_rule_is_refused_with_what_replaced_it(self) -> None:
        with pytest.raises(ValueError, match="'closure_min_transitivity' was retired: structure is now Burt's"):
            AnalysisSettings.from_overrides({"closure_min_transitivity": 0.3})
        assert "closure_min_transitivity" not in AnalysisSettings().as_dict()
