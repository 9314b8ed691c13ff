"""Granovetter's (1973) claim that bridges are weak ties, as a test on the coded ties.

Among the layer's *rated* ties (unrated ties are neither strong nor weak, §2.1), compare the weak
share of the ties that lie on local bridges (no common contact of the two ends), and of those on
bridges (removing the edge splits its component; every bridge is a local bridge), with the weak
share of all rated ties. The one-sided p-value is the hypergeometric probability of drawing at least as many weak
ties when as many ties as lie on (local) bridges are drawn at random from the rated ties (Fisher's
exact test, upper tail); ``None`` when no rated tie lies on one. Written by hand: it is
four binomial coefficients, and scipy is no dependency of the analysis core.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import exp, lgamma
from typing import Any

from coding.analysis.graph import RegionGraph
from coding.analysis.inputs import Tie
from coding.analysis.metrics import share
from coding.analysis.strength import WEAK, strength_class


def weak_bridge_test(
    rg: RegionGraph,
    ties: Sequence[Tie],
    strengths: Mapping[int, float | None],
    local_bridge_edges: Sequence[int],
    cutoff: float,
) -> dict[str, Any]:
    """Weak share of rated ties on local bridges and on bridges vs of all rated ties, with exact p-values."""
    classes = {tie.id: strength_class(strengths.get(tie.id), cutoff) for tie in ties}
    rated = [tie_id for tie_id, cls in classes.items() if cls is not None]
    weak = {tie_id for tie_id in rated if classes[tie_id] == WEAK}
    figures: dict[str, Any] = {
        "rated_ties": len(rated),
        "weak_share_of_rated_ties": share(len(weak), len(rated)),
    }
    cut = rg.graph.bridges() if rg.graph.ecount() else []
    for name, edges in (("local_bridges", local_bridge_edges), ("bridges", cut)):
        on_edges = {tie_id for edge in edges for tie_id in rg.pair_ties[rg.edge_pairs[edge]]}
        drawn = [tie_id for tie_id in rated if tie_id in on_edges]
        hits = sum(1 for tie_id in drawn if tie_id in weak)
        figures[f"rated_ties_on_{name}"] = len(drawn)
        figures[f"weak_share_on_{name}"] = share(hits, len(drawn))
        figures[f"weak_{name}_p_value"] = hypergeometric_upper_tail(len(rated), len(weak), len(drawn), hits)
    return figures


def hypergeometric_upper_tail(population: int, successes: int, draws: int, observed: int) -> float | None:
    """P(X ≥ observed) for X ~ Hypergeometric(population, successes, draws); None for no draw.

    Summed in log space (``lgamma``) from the largest term: the exact integer binomials of a
    50,000-tie region have tens of thousands of digits and took 3 s per call. Relative error
    about 1e-12, far below any threshold the rule compares with.
    """
    if draws == 0:
        return None
    top = min(draws, successes)
    if observed > top:
        return 0.0
    logs = [
        _log_comb(successes, k) + _log_comb(population - successes, draws - k) - _log_comb(population, draws)
        for k in range(max(observed, draws - (population - successes)), top + 1)
    ]
    if not logs:
        return 0.0
    largest = max(logs)
    return min(1.0, exp(largest) * sum(exp(value - largest) for value in logs))


def _log_comb(n: int, k: int) -> float:
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
