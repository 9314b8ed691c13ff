"""Communities: the best of several seeded runs reaches igraph's exact modularity optimum on the
reference networks, and the search stays deterministic."""

from __future__ import annotations

import igraph as ig
import networkx as nx
import pytest

from coding.analysis.metrics import community_runs
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import derive, florentine_graph, kite_graph, region_from_graph


def _optimum(graph: nx.Graph) -> float:
    """igraph's exact maximum modularity (Brandes et al. 2008, integer programming) as the reference."""
    return float(ig.Graph.from_networkx(graph).community_optimal_modularity().modularity)


@pytest.mark.parametrize(
    "graph", [florentine_graph(), nx.karate_club_graph(), kite_graph()], ids=["florentine", "karate", "kite"]
)
def test_modularity_reaches_igraph_exact_optimum_within_1e4(graph: nx.Graph) -> None:
    actors, ties, _ = region_from_graph(graph)
    assert derive(actors, ties)["metrics"]["modularity"] == pytest.approx(_optimum(graph), abs=1e-4)


def test_florentine_optimum_is_0_39875_not_the_single_run_0_3975() -> None:
    actors, ties, _ = region_from_graph(florentine_graph())
    # The published optimum of Padgett's marriage network (15 connected families): 0.39875.
    assert derive(actors, ties)["metrics"]["modularity"] == pytest.approx(0.39875, abs=1e-4)


def test_same_seed_gives_the_same_partition_and_another_seed_still_the_optimum() -> None:
    actors, ties, _ = region_from_graph(florentine_graph())
    first = [row["community"] for row in derive(actors, ties)["actors"]]
    again = [row["community"] for row in derive(actors, ties)["actors"]]
    assert first == again
    other = derive(actors, ties, settings=AnalysisSettings(community_seed=7))
    assert other["metrics"]["modularity"] == pytest.approx(0.39875, abs=1e-4)


@pytest.mark.parametrize(
    ("actors", "edges", "runs"),
    [(0, 0, 10), (300, 1_500, 10), (1_000, 5_000, 10), (2_000, 10_000, 2), (1_500, 10_000, 3), (5_000, 50_000, 2)],
)
def test_large_layers_get_fewer_leiden_runs(actors: int, edges: int, runs: int) -> None:
    # A budget of 50 million runs × actors × ties: 50e6 // (1,500 × 10,000) = 3; 50e6 // (2,000 ×
    # 10,000) = 2; never below 2, never above 10 (300 × 1,500 = 450,000 would allow 111).
    assert community_runs(actors, edges) == runs
