"""Degree-preserving null model: how a statistic of the observed network ranks among random
networks with the same degree sequence (Butts 2008 on conditional uniform graph tests;
docs/structure.md).

Each null graph is the observed simple graph after igraph's ``rewire`` (``allowed_edge_types="simple"``):
repeated double-edge swaps a–b, c–d → a–d, c–b, refused when they would create a loop or a
parallel edge. Refused swaps leave the graph as it is, so the swap chain is symmetric and its
stationary distribution is uniform over the simple graphs with the observed degrees; each draw
starts afresh from the observed graph with ``swaps_per_edge`` × edges trials (igraph's default is
10 per edge). The random numbers come from ``seed``: the same network gives the same p-values.
``tests/analysis/test_null_model.py`` checks a sampled p-value against the exact one over all
graphs of a tiny degree sequence, enumerated by brute force.

The upper-tail p-value counts the observed graph among the draws, (1 + #{null ≥ observed}) /
(1 + draws) (Davison & Hinkley 1997, §4.2), so it is never 0 and ties count against the claim.
Written by hand because no maintained package runs a CUG test over igraph graphs (statnet's
``cug.test`` is R); the swaps themselves are igraph's C code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import igraph as ig

from coding.analysis.metrics import seeded_igraph

# Tolerance for "at least as large": statistics computed two ways may differ in the last bits.
_EPSILON = 1e-12
SWAPS_PER_EDGE = 10

Statistics = Callable[[ig.Graph], Sequence[float]]


@dataclass(frozen=True)
class NullTest:
    """Where one observed statistic falls among the null graphs' values."""

    observed: float
    null_mean: float | None
    p_value: float | None  # upper tail, observed counted among the draws
    percentile: float | None  # share of null graphs strictly below the observed value
    draws: int

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "observed": self.observed,
            "null_mean": self.null_mean,
            "p_value": self.p_value,
            "percentile": self.percentile,
            "draws": self.draws,
        }


def null_samples(graph: ig.Graph, statistics: Statistics, draws: int, seed: int) -> list[Sequence[float]]:
    """``statistics`` of ``draws`` degree-preserving random graphs of ``graph``, seeded."""
    samples: list[Sequence[float]] = []
    trials = SWAPS_PER_EDGE * graph.ecount()
    with seeded_igraph(seed):
        for _ in range(draws):
            null = graph.copy()
            if trials:
                null.rewire(n=trials, allowed_edge_types="simple")
            samples.append(statistics(null))
    return samples


def upper_tail(observed: float, values: Sequence[float]) -> NullTest:
    """Upper-tail p-value and percentile of ``observed`` among ``values`` (one per null graph)."""
    draws = len(values)
    if not draws:
        return NullTest(observed, None, None, None, 0)
    at_least = sum(1 for value in values if value >= observed - _EPSILON)
    below = sum(1 for value in values if value < observed - _EPSILON)
    return NullTest(
        observed=observed,
        null_mean=sum(values) / draws,
        p_value=(1 + at_least) / (1 + draws),
        percentile=below / draws,
        draws=draws,
    )
