"""The discrete core/periphery model of Borgatti & Everett (1999), fitted by correlation.

An ideal core/periphery network has every pair of core members tied and no pair of periphery
members tied; ties between core and periphery are left free (B&E's pattern with the off-diagonal
blocks "missing", the variant UCINET and Lip 2011 also fit). The fit of a partition is the Pearson
correlation, over the core–core and periphery–periphery pairs, between the observed ties and that
ideal pattern; the core is the partition that maximises it.

Written by hand: no maintained Python package fits this model (``cpnet`` implements other
core/periphery models and is unmaintained since 2022; networkx and igraph have k-cores only).
With up to ``EXHAUSTIVE_LIMIT`` candidate members every subset is tried (a Gray-code walk, one
bit count per step); above that a deterministic local search starts from the best degree-ordered
prefix and moves single actors while the fit improves, and the record says which search ran.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

EXHAUSTIVE_LIMIT = 14
_EPS = 1e-12


@dataclass(frozen=True)
class CoreFit:
    core: tuple[int, ...]  # vertex indices, sorted
    fit: float | None  # correlation with the ideal pattern; None when no partition defines one
    search: str  # "exhaustive" or "local"


def partition_fit(n: int, edges: int, core_size: int, core_edges: int, core_degree_sum: int) -> float | None:
    """Correlation of observed ties with the ideal pattern over core–core and periphery–periphery pairs.

    ``edges`` is the number of ties in the whole graph, ``core_edges`` those inside the core and
    ``core_degree_sum`` the core members' degrees; ties inside the periphery follow from them.
    None when either vector is constant (no core pairs, no periphery pairs, all or no ties).
    """
    periphery = n - core_size
    core_pairs, periphery_pairs = core_size * (core_size - 1) // 2, periphery * (periphery - 1) // 2
    pairs = core_pairs + periphery_pairs
    periphery_edges = edges - core_degree_sum + core_edges
    observed = core_edges + periphery_edges
    denominator = core_pairs * (pairs - core_pairs) * observed * (pairs - observed)
    if denominator <= 0:
        return None
    return (pairs * core_edges - core_pairs * observed) / math.sqrt(denominator)


def best_core(n: int, neighbours: Sequence[set[int]]) -> CoreFit:
    """The core of the best-fitting partition of the ``n`` vertices (only vertices with a tie can be core)."""
    candidates = [v for v in range(n) if neighbours[v]]
    if len(candidates) <= EXHAUSTIVE_LIMIT:
        return _exhaustive(n, neighbours, candidates)
    return _local(n, neighbours, candidates)


def _better(fit: float | None, core: Sequence[int], best_fit: float | None, best: Sequence[int]) -> bool:
    """Higher fit wins; at equal fit the larger core (a clique whose every member fits), then smaller ids.

    In a perfect core/periphery graph every clique whose complement has no ties fits at 1; the
    largest such clique is the core B&E mean.
    """
    order = _fit_order(fit, best_fit)
    return order > 0 or (order == 0 and (-len(core), sorted(core)) < (-len(best), sorted(best)))


def _fit_order(fit: float | None, best_fit: float | None) -> int:
    """1 when ``fit`` beats ``best_fit`` (or there is none yet), -1 when it does not or is undefined,
    0 when they are equal within rounding: then the cores decide."""
    if fit is None:
        return -1
    if best_fit is None or fit > best_fit + _EPS:
        return 1
    return -1 if fit < best_fit - _EPS else 0


def _exhaustive(n: int, neighbours: Sequence[set[int]], candidates: list[int]) -> CoreFit:
    edges = sum(len(others) for others in neighbours) // 2
    position = {v: k for k, v in enumerate(candidates)}
    adjacency = [sum(1 << position[w] for w in neighbours[v] if w in position) for v in candidates]
    degree = [len(neighbours[v]) for v in candidates]
    mask = size = core_edges = degree_sum = 0
    best_fit: float | None = None
    best: list[int] = []
    for step in range(1, 1 << len(candidates)):
        bit = (step & -step).bit_length() - 1  # Gray code: flip one candidate per step
        inside = (adjacency[bit] & mask).bit_count()
        sign = -1 if mask >> bit & 1 else 1  # leaving or joining the core
        mask ^= 1 << bit
        size, core_edges, degree_sum = size + sign, core_edges + sign * inside, degree_sum + sign * degree[bit]
        fit = partition_fit(n, edges, size, core_edges, degree_sum)
        if fit is not None and (best_fit is None or fit >= best_fit - _EPS):
            core = [candidates[k] for k in range(len(candidates)) if mask >> k & 1]
            if _better(fit, core, best_fit, best):
                best_fit, best = fit, core
    return CoreFit(tuple(sorted(best)), best_fit, "exhaustive")


def _ahead(fit: float | None, key: tuple[int, int], best_fit: float | None, best_key: tuple[int, int]) -> bool:
    """``_better`` for the local search, where the cores compared differ in at most one vertex.

    ``key`` stands for ``(-len(core), sorted(core))`` without building it (sorting a core for
    every trial made the search quadratic: 20 s of a 1,000-actor region's 21 s): cores of equal
    size here either both add one vertex to the same core — the smaller vertex gives the smaller
    sorted list — or both remove one — the larger vertex does; so the key is (-size, v) for an
    added vertex v, (-size, -v) for a removed one.
    """
    order = _fit_order(fit, best_fit)
    return order > 0 or (order == 0 and key < best_key)


def _local(n: int, neighbours: Sequence[set[int]], candidates: list[int]) -> CoreFit:
    """Best degree-ordered prefix, then steepest ascent over single moves.

    The core's figures (size, ties inside, degree sum) are kept up to date move by move, and each
    candidate's number of neighbours in the core (``inside``) with them. A move's fit depends only
    on the candidate's side, ``inside`` and degree, so a round scores each distinct triple once
    (a few hundred among thousands of candidates: scoring every candidate took 5.8 s of a
    5,000-actor layer's 12.8 s) and then finds the vertex the tie rule prefers among the best.
    """
    ordered = sorted(candidates, key=lambda v: (-len(neighbours[v]), v))
    edges = sum(len(others) for others in neighbours) // 2
    best_fit: float | None = None
    best_k = 0
    core: set[int] = set()
    core_edges = degree_sum = 0
    for k, v in enumerate(ordered, start=1):  # the best prefix of the degree order as the start
        core_edges += len(neighbours[v] & core)
        degree_sum += len(neighbours[v])
        core.add(v)
        if k < 2:
            continue
        fit = partition_fit(n, edges, k, core_edges, degree_sum)
        if _ahead(fit, (-k, 0), best_fit, (-best_k, 0)):  # prefixes differ in size
            best_fit, best_k = fit, k
    start = set(ordered[:best_k])
    size = best_k
    core_edges = sum(len(neighbours[v] & start) for v in start) // 2
    degree_sum = sum(len(neighbours[v]) for v in start)
    # By candidate position (candidates are in vertex order): a move's sign (1 joins the core,
    # -1 leaves it), neighbours in the core, degree.
    position = {v: k for k, v in enumerate(candidates)}
    signs = [-1 if v in start else 1 for v in candidates]
    inside = [len(neighbours[v] & start) for v in candidates]
    degree = [len(neighbours[v]) for v in candidates]
    while True:  # steepest ascent; each move raises the fit, or keeps it and grows the core, so it ends
        scored: list[tuple[float, tuple[int, int, int]]] = []
        for move in set(zip(signs, inside, degree, strict=True)):
            sign, count, deg = move
            fit = partition_fit(n, edges, size + sign, core_edges + sign * count, degree_sum + sign * deg)
            order = _fit_order(fit, best_fit)
            # At the current fit only a join wins: the larger core (``_better``).
            if fit is not None and (order > 0 or (order == 0 and sign > 0)):
                scored.append((fit, move))
        if not scored:
            break
        top = max(fit for fit, _move in scored)
        best_moves = {move for fit, move in scored if fit >= top - _EPS}
        # Equal fit: joining (the larger core) before leaving; then the smaller sorted core, i.e.
        # the smallest joining vertex or the largest leaving one.
        sign = 1 if any(move[0] > 0 for move in best_moves) else -1
        matching = [k for k, move in enumerate(zip(signs, inside, degree, strict=True)) if move in best_moves]
        k = min(k for k in matching if signs[k] == sign) if sign > 0 else max(matching)
        fit = partition_fit(n, edges, size + sign, core_edges + sign * inside[k], degree_sum + sign * degree[k])
        core_edges += sign * inside[k]
        degree_sum += sign * degree[k]
        size += sign
        signs[k] = -sign
        for w in neighbours[candidates[k]]:
            inside[position[w]] += sign
        best_fit = fit
    core_members = (v for v, sign in zip(candidates, signs, strict=True) if sign < 0)
    return CoreFit(tuple(sorted(core_members)), best_fit, "local")
