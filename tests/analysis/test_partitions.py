"""Hand-worked examples of the measures no library has: brokerage roles, E-I index, Blau index."""

from __future__ import annotations

import itertools
import random

import pytest

from coding.analysis.graph import build_region_graph
from coding.analysis.inputs import Tie, actor_types
from coding.analysis.partitions import ROLES, blau_index, brokerage_roles, ei_index
from tests.analysis.helpers import by_id, derive, org, person

A, B, C, D = 1, 2, 3, 4


def _roles(result: dict, actor_id: int) -> dict[str, int]:
    row = by_id(result)[actor_id]
    return {role: row[f"brokerage_{role}"] for role in ROLES}


def _only(**counts: int) -> dict[str, int]:
    return {role: counts.get(role, 0) for role in ROLES}


class TestGouldFernandez:
    def test_the_domain_worked_example_matches_sna(self) -> None:
        """docs/domain.md: A→B, A→C, B→C, B→D, C→D, D→A; groups {A, B} and {C, D}."""
        actors = [org(A, "university"), org(B, "university"), org(C, "firm_sme"), org(D, "firm_sme")]
        arcs = [(A, B), (A, C), (B, C), (B, D), (C, D), (D, A)]
        ties = [Tie(id=k, source=s, target=t, directed=True) for k, (s, t) in enumerate(arcs, start=1)]
        result = derive(actors, ties)
        assert _roles(result, A) == _only(itinerant=1, gatekeeper=1)
        assert _roles(result, B) == _only(representative=1)
        assert _roles(result, C) == _only(gatekeeper=1)
        assert _roles(result, D) == _only(itinerant=1, representative=1)
        assert result["metrics"]["brokerage"] == {
            "coordinator": 0,
            "itinerant": 2,
            "representative": 2,
            "gatekeeper": 2,
            "liaison": 0,
            "total": 6,
        }

    def test_coordinator_and_liaison(self) -> None:
        # 1 → 2 → 3 all firms: coordinator; 4 (university) → 2 → 5 (politics): liaison at 2.
        actors = [org(1), org(2), org(3), org(4, "university"), org(5, "politics")]
        arcs = [(1, 2), (2, 3), (4, 2), (2, 5)]
        ties = [Tie(id=k, source=s, target=t, directed=True) for k, (s, t) in enumerate(arcs, start=1)]
        # Paths through 2: 1→2→3 coordinator, 1→2→5 representative, 4→2→3 gatekeeper, 4→2→5 liaison.
        assert _roles(derive(actors, ties), 2) == _only(coordinator=1, representative=1, gatekeeper=1, liaison=1)

    def test_a_mutual_open_path_counts_both_ways(self) -> None:
        actors = [org(1), org(2, "university"), org(3)]
        ties = [Tie(id=1, source=1, target=2), Tie(id=2, source=2, target=3)]
        # 1→2→3 and 3→2→1: both itinerant (ends share a group, the broker is another).
        assert _roles(derive(actors, ties), 2) == _only(itinerant=2)

    def test_a_closed_triangle_brokers_nothing_and_a_directed_shortcut_closes_one_way(self) -> None:
        actors = [org(1), org(2), org(3)]
        triangle = [Tie(id=1, source=1, target=2), Tie(id=2, source=2, target=3), Tie(id=3, source=1, target=3)]
        assert derive(actors, triangle)["metrics"]["brokerage"]["total"] == 0
        # With only 1→3 as shortcut, 3→2→1 stays open (there is no 3→1 arc).
        shortcut = [*triangle[:2], Tie(id=3, source=1, target=3, directed=True)]
        assert _roles(derive(actors, shortcut), 2) == _only(coordinator=1)

    def test_it_agrees_with_enumerating_every_path_on_a_random_digraph(self) -> None:
        rng = random.Random(7)
        types = ["firm_sme", "university", "politics"]
        actors = [org(i, rng.choice(types)) for i in range(1, 31)]
        ties = []
        for k in range(1, 121):
            s, t = rng.sample(range(1, 31), 2)
            ties.append(Tie(id=k, source=s, target=t, directed=rng.random() < 0.6))
        rg = build_region_graph(actors, ties, {})
        groups = [actor_types(actors)[i] for i in rg.actor_ids]
        expected = [dict.fromkeys(ROLES, 0) for _ in range(rg.n)]
        for a, v, b in itertools.permutations(range(rg.n), 3):
            if v in rg.out_neighbours[a] and b in rg.out_neighbours[v] and b not in rg.out_neighbours[a]:
                expected[v][_brute_role(groups[a], groups[v], groups[b])] += 1
        assert brokerage_roles(rg, groups) == expected


def _brute_role(ga: str, gv: str, gb: str) -> str:
    if ga == gv == gb:
        return "coordinator"
    if ga == gb:
        return "itinerant"
    if ga == gv:
        return "representative"
    if gv == gb:
        return "gatekeeper"
    return "liaison"


class TestEIIndex:
    @pytest.fixture
    def result(self) -> dict:
        # 1, 2 inside firms; 3 an external university; 4 an inside university.
        actors = [org(1), org(2), org(3, "university", location="external"), org(4, "university")]
        pairs = [(1, 2), (1, 3), (2, 4), (3, 4), (1, 4)]
        ties = [Tie(id=k, source=s, target=t) for k, (s, t) in enumerate(pairs, start=1)]
        # A second, parallel tie between 1 and 2 must not count: tie values are ignored.
        ties.append(Tie(id=9, source=2, target=1, directed=True, modes=frozenset({"rivalry"})))
        return derive(actors, ties)

    def test_inside_versus_external(self, result: dict) -> None:
        # External edges 1-3, 3-4; internal 1-2, 2-4, 1-4: (2 − 3) / 5.
        assert result["metrics"]["ei_location"]["index"] == pytest.approx(-0.2)
        assert result["metrics"]["ei_location"]["groups"]["external"] == {"external": 2, "internal": 0, "index": 1.0}
        assert by_id(result)[3]["ei_location"] == 1.0

    def test_by_actor_type_per_region_group_and_actor(self, result: dict) -> None:
        # Across types: 1-3, 2-4, 1-4; within: 1-2, 3-4: (3 − 2) / 5.
        ei = result["metrics"]["ei_actor_type"]
        assert ei["index"] == pytest.approx(0.2)
        assert ei["groups"]["firm_sme"] == {"external": 3, "internal": 1, "index": 0.5}
        assert by_id(result)[1]["ei_actor_type"] == pytest.approx(1 / 3)
        assert by_id(result)[3]["ei_actor_type"] == 0.0

    def test_the_index_is_undefined_without_ties(self) -> None:
        assert ei_index(0, 0) is None
        assert ei_index(3, 0) == 1.0
        assert ei_index(0, 3) == -1.0


class TestBlau:
    def test_hand_worked_shares(self) -> None:
        assert blau_index(["a", "a", "b", "c"]) == pytest.approx(1 - (0.25 + 0.0625 + 0.0625))
        assert blau_index(["a"] * 5) == 0.0
        assert blau_index([]) is None

    def test_region_blau_counts_persons_with_their_employer_s_type(self) -> None:
        actors = [org(1), org(2, "university"), person(3, affiliation_id=2), person(4)]
        result = derive(actors, [])
        # Types: firm_sme, university, university, person -> 1 − (1/16 + 4/16 + 1/16).
        assert result["metrics"]["blau_actor_type"] == pytest.approx(1 - 6 / 16)
        assert result["metrics"]["blau_organisation_type"] == pytest.approx(0.5)
