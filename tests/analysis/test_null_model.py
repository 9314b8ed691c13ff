"""The degree-preserving null model against brute force: every simple graph on six labelled vertices
with the observed degree sequence is enumerated, and the exact p-value of transitivity among them
is compared with the seeded sample's."""

from __future__ import annotations

import itertools
import random

import igraph as ig
import networkx as nx
import pytest

from coding.analysis.metrics import seeded_igraph
from coding.analysis.nullmodel import null_samples, upper_tail
from coding.analysis.structure import _null_statistics, _statistics

# A triangle 0-1-2 with a 4-cycle hung on it: degrees (3, 3, 2, 2, 2, 2), 7 edges.
OBSERVED = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 4), (3, 5), (4, 5)]
DRAWS = 4000
# Binomial standard error at p near 0.5 with 4000 draws is 0.008; 0.03 allows for that and for
# the swap chain's 70 trials per draw not being perfectly mixed.
TOLERANCE = 0.03


def _transitivity(graph: nx.Graph) -> float:
    return nx.transitivity(graph)  # 0 without connected triples, as the null model scores it


def _all_graphs_with_the_degrees_of(edges: list[tuple[int, int]]) -> list[nx.Graph]:
    target = sorted(nx.Graph(edges).degree())
    pairs = list(itertools.combinations(range(6), 2))
    found = []
    for chosen in itertools.combinations(pairs, len(edges)):
        graph = nx.Graph()
        graph.add_nodes_from(range(6))
        graph.add_edges_from(chosen)
        if sorted(graph.degree()) == target:
            found.append(graph)
    return found


def _igraph_transitivity(graph: ig.Graph) -> tuple[float]:
    value = graph.transitivity_undirected()
    return (value if value == value else 0.0,)


def test_the_sampled_p_value_of_transitivity_matches_the_exact_one() -> None:
    space = _all_graphs_with_the_degrees_of(OBSERVED)
    observed = _transitivity(nx.Graph(OBSERVED))
    exact = sum(1 for graph in space if _transitivity(graph) >= observed - 1e-12) / len(space)
    assert len(space) > 20  # enough graphs for the test to mean something
    assert 0.05 < exact < 0.95

    samples = null_samples(ig.Graph(n=6, edges=OBSERVED), _igraph_transitivity, DRAWS, seed=7)
    test = upper_tail(observed, [sample[0] for sample in samples])
    assert test.p_value == pytest.approx(exact, abs=TOLERANCE)
    exact_mean = sum(_transitivity(graph) for graph in space) / len(space)
    assert test.null_mean == pytest.approx(exact_mean, abs=TOLERANCE)


def test_every_graph_with_the_degrees_is_drawn_about_equally_often() -> None:
    space = {frozenset(graph.edges()) for graph in _all_graphs_with_the_degrees_of(OBSERVED)}
    samples = null_samples(ig.Graph(n=6, edges=OBSERVED), lambda g: (frozenset(g.get_edgelist()),), DRAWS, seed=11)
    counts: dict[frozenset, int] = {}
    for (edges,) in samples:
        assert edges in space  # every draw keeps the degrees and stays simple
        counts[edges] = counts.get(edges, 0) + 1
    expected = DRAWS / len(space)
    assert len(counts) == len(space)
    # Pearson's chi-square over the graphs, against the 0.999 quantile of chi2(df) ≈ df + 3.1·sqrt(2·df) + 6.
    df = len(space) - 1
    chi2 = sum((count - expected) ** 2 / expected for count in counts.values())
    assert chi2 < df + 3.1 * (2 * df) ** 0.5 + 6


def test_the_same_seed_draws_the_same_graphs() -> None:
    graph = ig.Graph(n=6, edges=OBSERVED)
    first = null_samples(graph, lambda g: tuple(sorted(g.get_edgelist())), 50, seed=3)
    assert null_samples(graph, lambda g: tuple(sorted(g.get_edgelist())), 50, seed=3) == first
    assert graph.get_edgelist() == OBSERVED  # the observed graph itself is not rewired


def test_the_p_value_counts_the_observed_graph_among_the_draws() -> None:
    test = upper_tail(0.5, [0.1, 0.5, 0.7, 0.2])
    assert test.p_value == pytest.approx((1 + 2) / (1 + 4))
    assert test.percentile == pytest.approx(2 / 4)
    assert test.null_mean == pytest.approx(1.5 / 4)


@pytest.mark.slow
def test_on_random_networks_each_side_of_the_structure_rule_rejects_about_one_time_in_twenty() -> None:
    """Calibration: 60 uniform random networks (60 actors, 150 ties) are themselves draws of the null
    model's distribution, so each side's p-value ≤ 0.05 should occur for about 5 % of them.
    Binomial(60, 0.05) exceeds 9 with probability 0.002; a rule that favoured the observed network
    (e.g. by keeping its communities for the random ones) would exceed it."""
    rejected = [0, 0]
    for k in range(60):
        rng = random.Random(k)
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < 150:
            a, b = sorted(rng.sample(range(60), 2))
            pairs.add((a, b))
        graph = ig.Graph(n=60, edges=sorted(pairs))
        with seeded_igraph(1000 + k):
            membership = graph.community_leiden(objective_function="modularity", n_iterations=-1).membership
        observed = _statistics(graph, membership)
        samples = null_samples(graph, _null_statistics, 99, seed=k)
        for side in (0, 1):
            test = upper_tail(observed[side], [sample[side] for sample in samples])
            rejected[side] += test.p_value is not None and test.p_value <= 0.05
    assert rejected[0] <= 9 and rejected[1] <= 9, rejected
