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
from math import comb
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
    """P(X ≥ observed) for X ~ Hypergeometric(population, successes, draws); None for no draw."""
    if draws == 0:
        return None
    top = min(draws, successes)
    total = comb(population, draws)
    hits = sum(comb(successes, k) * comb(population - successes, draws - k) for k in range(observed, top + 1))
    return hits / total
