"""Burt's structural holes per actor (Burt 1992; DOMAIN.md §2.2, §4), unweighted and undirected.

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

from .graph import RegionGraph
from .metrics import clean


def structural_holes(rg: RegionGraph) -> dict[str, list[float | None]]:
    """Constraint, effective size, efficiency and hierarchy of every vertex."""
    n = rg.n
    degree = [len(contacts) for contacts in rg.neighbours]
    raw_constraint = rg.graph.constraint() if n else []
    clustering = rg.graph.transitivity_local_undirected(mode="zero") if n else []
    constraint: list[float | None] = []
    effective: list[float | None] = []
    efficiency: list[float | None] = []
    for i in range(n):
        k = degree[i]
        if k == 0:
            constraint.append(None)
            effective.append(None)
            efficiency.append(None)
            continue
        constraint.append(clean(raw_constraint[i]))
        size = k - (k - 1) * clustering[i]
        effective.append(size)
        efficiency.append(size / k)
    return {
        "constraint": constraint,
        "effective_size": effective,
        "efficiency": efficiency,
        "hierarchy": hierarchy(rg),
    }


def constraint_terms(rg: RegionGraph, i: int) -> dict[int, float]:
    """Burt's dyadic constraint cᵢⱼ of vertex ``i`` on each of its contacts ``j``."""
    contacts = rg.neighbours[i]
    inverse = 1.0 / len(contacts)
    neighbours = rg.neighbours
    terms: dict[int, float] = {}
    for j in contacts:
        indirect = sum(1.0 / len(neighbours[q]) for q in contacts.intersection(neighbours[j]))
        terms[j] = (inverse * (1.0 + indirect)) ** 2
    return terms


def hierarchy(rg: RegionGraph) -> list[float | None]:
    """Burt's hierarchy per vertex; None for isolates and for a single contact."""
    values: list[float | None] = []
    for i, contacts in enumerate(rg.neighbours):
        count = len(contacts)
        if count < 2:
            values.append(None)
            continue
        terms = constraint_terms(rg, i).values()
        mean = sum(terms) / count
        ratios = [term / mean for term in terms]
        values.append(sum(ratio * math.log(ratio) for ratio in ratios) / (count * math.log(count)))
    return values
