"""The pure partition report: R sna's brokerage example, Coleman by hand, assortativity against networkx."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from coding.analysis.by_partition import NO_VALUE, coleman_index, layer_graph, partition_report
from coding.analysis.graph import build_region_graph
from coding.analysis.inputs import Tie
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import org

A, B, C, D = 1, 2, 3, 4


def _directed(arcs: list[tuple[int, int]]) -> list[Tie]:
    return [Tie(id=k, source=s, target=t, directed=True) for k, (s, t) in enumerate(arcs, start=1)]


def test_the_sna_brokerage_example_holds_with_any_group_names():
    """docs/domain.md §4 (matches R sna::brokerage): A→B, A→C, B→C, B→D, C→D, D→A; groups {A,B}, {C,D}.

    Expected, copied from the published example: A itinerant 1 + gatekeeper 1; B representative 1;
    C gatekeeper 1; D itinerant 1 + representative 1; totals 0/2/2/2/0, 6 in all.
    """
    actors = [org(i) for i in (A, B, C, D)]  # one organisation type: only the groups below matter
    rg = build_region_graph(actors, _directed([(A, B), (A, C), (B, C), (B, D), (C, D), (D, A)]), {})
    report = partition_report(rg, ["left", "left", "right", "right"])
    roles = {
        row["id"]: {k: v for k, v in row.items() if k not in ("id", "group", "ei") and v} for row in report["actors"]
    }
    assert roles == {
        A: {"itinerant": 1, "gatekeeper": 1},
        B: {"representative": 1},
        C: {"gatekeeper": 1},
        D: {"itinerant": 1, "representative": 1},
    }
    assert report["brokerage"] == {
        "coordinator": 0, "itinerant": 2, "representative": 2, "gatekeeper": 2, "liaison": 0, "total": 6,
    }  # fmt: skip
    # Per group: left = A + B = itinerant 1, gatekeeper 1, representative 1; right = C + D.
    left, right = report["groups"]
    assert left["group"] == "left" and left["brokerage"]["total"] == 3 and right["brokerage"]["total"] == 3


def test_e_i_and_blau_by_hand_with_a_no_value_group():
    # Path 1-2-3-4 (mutual), groups a, a, b, (no value): pairs 1-2 inside, 2-3 and 3-4 across.
    actors = [org(i) for i in (1, 2, 3, 4)]
    rg = build_region_graph(actors, [Tie(id=1, source=1, target=2), Tie(id=2, source=2, target=3),
                                     Tie(id=3, source=3, target=4)], {})  # fmt: skip
    report = partition_report(rg, ["a", "a", "b", NO_VALUE], order=["b", "a"])
    assert report["ei"] == {"index": (2 - 1) / 3, "external_edges": 2, "internal_edges": 1}
    assert report["blau"] == pytest.approx(1 - (0.5**2 + 0.25**2 + 0.25**2))
    assert [group["group"] for group in report["groups"]] == ["b", "a", NO_VALUE]  # given order, (no value) last
    assert report["no_value"] == 1
    by_group = {group["group"]: group for group in report["groups"]}
    assert by_group["a"]["ei"] == {"external": 1, "internal": 1, "index": 0.0}
    assert by_group["b"]["ei"] == {"external": 2, "internal": 0, "index": 1.0}


def test_coleman_index_by_hand():
    """Coleman (1958) as netseg::coleman: e_g = d_g·(n_g − 1)/(n − 1); (m − e)/(d − e) above chance, else (m − e)/e.

    Six actors, groups x = {1, 2, 3}, y = {4, 5, 6}; mutual ties 1-2, 2-3, 1-3 (a triangle in x),
    3-4, 4-5 (arcs both ways).
    x sends d = 2+2+3 = 7 arcs (1: →2, →3; 2: →1, →3; 3: →1, →2, →4), m = 6 inside;
      e = 7·2/5 = 2.8 → (6 − 2.8)/(7 − 2.8) = 3.2/4.2 = 0.761905.
    y sends d = 3 (4: →3, →5; 5: →4), m = 2; e = 3·2/5 = 1.2 → (2 − 1.2)/(3 − 1.2) = 0.444444.
    """
    actors = [org(i) for i in range(1, 7)]
    pairs = [(1, 2), (2, 3), (1, 3), (3, 4), (4, 5)]
    rg = build_region_graph(actors, [Tie(id=k, source=a, target=b) for k, (a, b) in enumerate(pairs)], {})
    coleman = coleman_index(rg, ["x", "x", "x", "y", "y", "y"])
    assert coleman["x"] == pytest.approx(3.2 / 4.2)
    assert coleman["y"] == pytest.approx(0.8 / 1.8)


def test_coleman_below_chance_and_undefined():
    # Star 1-2, 1-3, 1-4 (mutual); groups a = {1}, b = {2, 3, 4}.
    # a: d = 3, n_a = 1 → e = 0 and m = 0: undefined (a group of one cannot tie inside).
    # b: d = 3 (each → 1), m = 0, e = 3·2/3 = 2 → (0 − 2)/2 = −1.
    actors = [org(i) for i in range(1, 5)]
    rg = build_region_graph(actors, [Tie(id=k, source=1, target=k) for k in (2, 3, 4)], {})
    assert coleman_index(rg, ["a", "b", "b", "b"]) == {"a": None, "b": -1.0}


def _newman_r(mixing: dict[str, dict[str, float]]) -> float:
    """Newman (2003, eq. 2) from networkx's normalised mixing matrix e: r = (Σ e_ii − Σ a_i b_i) / (1 − Σ a_i b_i).

    (networkx's ``attribute_assortativity_coefficient`` is this formula over the same matrix, but needs
    numpy, which the app does not install.)
    """
    groups = set(mixing) | {b for row in mixing.values() for b in row}
    a = {g: sum(mixing.get(g, {}).values()) for g in groups}
    b = {g: sum(row.get(g, 0.0) for row in mixing.values()) for g in groups}
    chance = sum(a[g] * b[g] for g in groups)
    return (sum(mixing.get(g, {}).get(g, 0.0) for g in groups) - chance) / (1 - chance)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_nominal_assortativity_matches_networkx(seed):
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(40, 90, seed=seed)
    colours = {node: rng.choice(["firm", "university", "politics", NO_VALUE]) for node in graph}
    nx.set_node_attributes(graph, colours, "group")
    expected = _newman_r(nx.attribute_mixing_dict(graph, "group", normalized=True))

    actors = [org(node + 1) for node in graph]
    ties = [Tie(id=k, source=a + 1, target=b + 1) for k, (a, b) in enumerate(graph.edges())]
    rg = layer_graph(actors, ties, AnalysisSettings(), "all", None)
    report = partition_report(rg, [colours[actor_id - 1] for actor_id in rg.actor_ids])
    assert report["assortativity"] == pytest.approx(expected, abs=1e-12)


def test_assortativity_is_none_without_ties():
    rg = build_region_graph([org(1), org(2)], [], {})
    assert partition_report(rg, ["a", "b"])["assortativity"] is None
