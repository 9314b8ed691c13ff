"""Granovetter's (1973) claim that bridges are weak ties, as a test on the coded ties.

Among the layer's *rated* ties (unrated ties are neither strong nor weak, §2.1), compare the weak
share of the ties that lie on local bridges (every bridge is one) with the weak share of all rated
ties. The one-sided p-value is the hypergeometric probability of drawing at least as many weak
ties when as many ties as lie on local bridges are drawn at random from the rated ties (Fisher's
exact test, upper tail); ``None`` when no rated tie lies on a local bridge. Written by hand: it is
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
    """Weak share of rated ties on local bridges vs of all rated ties, with the exact p-value."""
    on_bridge = {tie_id for edge in local_bridge_edges for tie_id in rg.pair_ties[rg.edge_pairs[edge]]}
    classes = {tie.id: strength_class(strengths.get(tie.id), cutoff) for tie in ties}
    rated = [tie_id for tie_id, cls in classes.items() if cls is not None]
    weak = [tie_id for tie_id in rated if classes[tie_id] == WEAK]
    bridge_rated = [tie_id for tie_id in rated if tie_id in on_bridge]
    bridge_weak = [tie_id for tie_id in bridge_rated if classes[tie_id] == WEAK]
    return {
        "rated_ties": len(rated),
        "weak_share_of_rated_ties": share(len(weak), len(rated)),
        "rated_ties_on_local_bridges": len(bridge_rated),
        "weak_share_on_local_bridges": share(len(bridge_weak), len(bridge_rated)),
        "weak_bridges_p_value": hypergeometric_upper_tail(len(rated), len(weak), len(bridge_rated), len(bridge_weak)),
    }


def hypergeometric_upper_tail(population: int, successes: int, draws: int, observed: int) -> float | None:
    """P(X ≥ observed) for X ~ Hypergeometric(population, successes, draws); None for no draw."""
    if draws == 0:
        return None
    top = min(draws, successes)
    total = comb(population, draws)
    hits = sum(comb(successes, k) * comb(population - successes, draws - k) for k in range(observed, top + 1))
    return hits / total
