"""Burt's structural holes per actor (Burt 1992; docs/domain.md), unweighted and undirected.

- Constraint: igraph's C routine. It can exceed 1 (a triangle gives 1.125) and is undefined for
  isolates (None, shown as "—").
- Effective size: igraph has none, so Borgatti's (1997) form for unweighted graphs,
  k − (k − 1)·C_local, with C_local the local clustering; 1 for a single contact.
- Efficiency: effective size / k.
- Hierarchy: Burt's concentration of constraint on one contact,
  Σⱼ rⱼ ln rⱼ / (N ln N) with rⱼ = cᵢⱼ / (Cᵢ / N) over the N contacts. It is 0/0 for a single
  contact, reported as None ("undefined with one contact"), like isolates.

The constraint terms for hierarchy use adjacency sets: cᵢⱼ = (pᵢⱼ + Σ_q pᵢ_q p_qⱼ)² with pᵢⱼ = 1/kᵢ
for neighbours, where q runs over the common neighbours of i and j.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from coding.analysis.graph import RegionGraph
from coding.analysis.metrics import clean


def structural_holes(
    rg: RegionGraph, clustering: Sequence[float | None] | None = None
) -> dict[str, list[float | None]]:
    """Constraint, effective size, efficiency and hierarchy of every vertex.

    ``clustering`` (local clustering per vertex, None below two contacts) saves recomputing it
    when the caller already has it.
    """
    n = len(rg.neighbours)
    degree = [len(contacts) for contacts in rg.neighbours]
    raw_constraint = rg.graph.constraint() if n else []
    if clustering is None:
        clustering = rg.graph.transitivity_local_undirected(mode="zero") if n else []
    constraint: list[float | None] = [None] * n
    effective: list[float | None] = [None] * n
    efficiency: list[float | None] = [None] * n
    for i, k in enumerate(degree):
        if k == 0:
            continue
        constraint[i] = clean(raw_constraint[i])
        size = k - (k - 1) * (clustering[i] or 0.0)
        effective[i] = size
        efficiency[i] = size / k
    return {
        "constraint": constraint,
        "effective_size": effective,
        "efficiency": efficiency,
        "hierarchy": hierarchy(rg),
    }


def indirect_shares(rg: RegionGraph) -> list[list[tuple[int, float]]]:
    """Per vertex i, (j, Σ_q 1/k_q over the common neighbours q of i and j) for each contact j.

    The sum is symmetric in i and j, so it is computed once per edge.
    """
    neighbours = rg.neighbours
    weight = [1.0 / len(contacts) if contacts else 0.0 for contacts in neighbours].__getitem__
    shares: list[list[tuple[int, float]]] = [[] for _ in neighbours]
    for a, b in rg.edge_pairs:
        common = neighbours[a] & neighbours[b]
        indirect = sum(map(weight, common)) if common else 0.0
        shares[a].append((b, indirect))
        shares[b].append((a, indirect))
    return shares


def hierarchy(rg: RegionGraph) -> list[float | None]:
    """Burt's hierarchy per vertex; None for isolates and for a single contact.

    With rⱼ = N·cᵢⱼ / Cᵢ: Σ rⱼ ln rⱼ = (N / Cᵢ) Σ cᵢⱼ (ln cᵢⱼ + ln N − ln Cᵢ).
    """
    log = math.log
    values: list[float | None] = []
    for contact_shares in indirect_shares(rg):
        count = len(contact_shares)
        if count < 2:
            values.append(None)
            continue
        inverse = 1.0 / count
        terms = [(inverse * (1.0 + indirect)) ** 2 for _, indirect in contact_shares]
        total = sum(terms)
        offset = log(count) - log(total)
        entropy = count / total * sum(term * (log(term) + offset) for term in terms)
        values.append(entropy / (count * log(count)))
    return values
