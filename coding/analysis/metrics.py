"""Whole-network and per-actor metrics of one region layer (docs/domain.md), on igraph's C core.

Conventions shown on the page:
- Betweenness is reported raw (pairs of actors, undirected) and normalised by (n − 1)(n − 2)/2.
- Closeness is igraph's: (r − 1) / Σ distances to the r − 1 actors reachable from the actor,
  i.e. computed inside the actor's component; isolates have none (None).
- Eigenvector centrality is scaled so the most central actor has 1; None when there is no edge.
- Local clustering is None for actors with fewer than two contacts; the average clustering
  counts those actors as 0 (as networkx's ``average_clustering``).
"""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

import igraph as ig

from coding.analysis.graph import RegionGraph
from coding.analysis.inputs import COORDINATION_MODES, FACE_TO_FACE, LOW_THRESHOLD_SETTINGS, Tie
from coding.analysis.strength import STRONG, WEAK, strength_class


def clean(value: float | None) -> float | None:
    """``None`` for NaN/inf, which JSON cannot carry and which mean "undefined" here."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """igraph's random numbers (Leiden, ARPACK start vectors) from ``seed``: same input, same result."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def graph_metrics(rg: RegionGraph, clustering: Sequence[float | None]) -> dict[str, object]:
    """Size, density, components, degree, transitivity and degree centralisation of the layer.

    ``clustering`` is the local clustering per vertex from ``actor_centralities`` (not recomputed).
    """
    n, m = rg.n, len(rg.edge_pairs)
    arcs = sum(len(targets) for targets in rg.out_neighbours)
    degrees = [len(contacts) for contacts in rg.neighbours]
    sizes = sorted(rg.graph.connected_components().sizes(), reverse=True) if n else []
    return {
        "actors": n,
        "ties": len(rg.ties) - len(rg.self_loop_tie_ids),
        "edges": m,
        "arcs": arcs,
        "density": share(m, n * (n - 1) // 2),
        "directed_density": share(arcs, n * (n - 1)),
        "components": len(sizes),
        "component_sizes": sizes,
        "largest_component_share": share(sizes[0], n) if sizes else None,
        "isolates": degrees.count(0),
        "mean_degree": 2 * m / n if n else None,
        "transitivity": clean(rg.graph.transitivity_undirected()) if m else None,
        "average_clustering": sum(value or 0.0 for value in clustering) / n if n else None,
        "degree_centralisation": degree_centralisation(degrees),
        "self_tie_ids": list(rg.self_loop_tie_ids),
    }


def degree_centralisation(degrees: Sequence[int]) -> float | None:
    """Freeman's degree centralisation Σ(max − kᵢ) / ((n − 1)(n − 2)); 1 for a star, 0 for a ring."""
    n = len(degrees)
    if n < 3:
        return None
    top = max(degrees)
    return sum(top - degree for degree in degrees) / ((n - 1) * (n - 2))


def actor_centralities(rg: RegionGraph) -> dict[str, list[Any]]:
    """Degree (all, in, out), betweenness, closeness, eigenvector and local clustering per vertex."""
    n, graph = rg.n, rg.graph
    degree = [len(contacts) for contacts in rg.neighbours]
    betweenness = graph.betweenness(directed=False) if n else []
    pairs = (n - 1) * (n - 2) / 2
    closeness = graph.closeness(normalized=True) if n else []
    clustering = graph.transitivity_local_undirected(mode="nan") if n else []
    return {
        "degree": degree,
        "in_degree": [len(sources) for sources in rg.in_neighbours],
        "out_degree": [len(targets) for targets in rg.out_neighbours],
        "betweenness": list(betweenness),
        "betweenness_normalised": [value / pairs if pairs else None for value in betweenness],
        "closeness": [clean(value) if degree[i] else None for i, value in enumerate(closeness)],
        "eigenvector": _eigenvector(graph, degree),
        "clustering": [clean(value) for value in clustering],
    }


def _eigenvector(graph: ig.Graph, degree: Sequence[int]) -> list[float | None]:
    if graph.ecount() == 0:
        return [None] * graph.vcount()
    with warnings.catch_warnings(), seeded_igraph(0):
        # igraph warns that eigenvector centrality means little on disconnected graphs; the page
        # says so once, the worker log need not repeat it per run.
        warnings.simplefilter("ignore", RuntimeWarning)
        # The graph is undirected; igraph 1.0 rejects an explicit ``directed=False``.
        values = graph.eigenvector_centrality(scale=True)
    return [max(0.0, value) if degree[i] else None for i, value in enumerate(values)]


# Leiden runs per community search: on the Florentine families one seeded run stops at modularity
# 0.3975 against the optimum 0.39875; ten runs and a Louvain run reach the optimum on it, on the
# karate club and on the kite for every seed from 0 to 199. Large layers get fewer runs (at least
# two) so the search stays within a few single runs' time. A run's time grows with both the
# connected actors and the ties (one run, igraph 1.0 on a two-core machine: 1,000 actors / 5,000
# ties 0.03 s, 5,000 / 6,000 0.15 s, 5,000 / 50,000 0.6 s), hence a budget on their product.
COMMUNITY_LEIDEN_RUNS = 10
COMMUNITY_MIN_RUNS = 2
COMMUNITY_RUN_BUDGET = 50_000_000  # runs × connected actors × ties, above which the run count falls


def community_runs(actors: int, edges: int) -> int:
    """How many Leiden runs a layer of ``edges`` connected pairs among ``actors`` actors with a tie
    gets: 10 up to 5 million actor-ties (1,000 actors with 5,000 ties), 2 from 25 million."""
    return max(COMMUNITY_MIN_RUNS, min(COMMUNITY_LEIDEN_RUNS, COMMUNITY_RUN_BUDGET // max(actors * edges, 1)))


class Communities(NamedTuple):
    membership: list[int]  # the shown partition's community per vertex, largest community first
    modularity: float | None
    # The first run's partition (one Leiden run from ``seed``), which the structure rule also
    # needs (``structure._one_leiden_run``): kept so that a layer runs it once. None without ties.
    single_run: list[int] | None


def communities(rg: RegionGraph, seed: int) -> Communities:
    """The best of several (``community_runs``) seeded Leiden runs and one Louvain run maximising modularity (Traag et
    al. 2019; Blondel et al. 2008), deterministic for ``seed``.

    A single Leiden run is a local optimum that depends on its random order; several runs from the
    seeds ``seed``, ``seed + 1``, … and Louvain's multilevel run give it several chances, and the
    highest modularity wins (ties to the earliest run, so reruns agree). Returns the community
    number of every vertex (largest community first) and the modularity, None when the layer has
    no edge (modularity is undefined without ties).
    """
    graph = rg.graph
    if graph.vcount() == 0:
        return Communities([], None, None)
    if graph.ecount() == 0:
        return Communities(_renumber_by_size(range(graph.vcount())), None, None)
    best: list[int] = []
    best_modularity = -math.inf
    connected = sum(1 for degree in graph.degree() if degree)
    partitions = list(_candidate_partitions(graph, seed, community_runs(connected, graph.ecount())))
    for membership in partitions:
        modularity = graph.modularity(membership)
        if modularity > best_modularity + 1e-12:
            best, best_modularity = membership, modularity
    return Communities(_renumber_by_size(best), clean(best_modularity), list(partitions[0]))


def leiden_run(graph: ig.Graph, seed: int) -> list[int]:
    """One Leiden run maximising modularity from ``seed`` (the first of ``communities``' runs)."""
    with seeded_igraph(seed):
        return list(graph.community_leiden(objective_function="modularity", n_iterations=-1).membership)


def _candidate_partitions(graph: ig.Graph, seed: int, runs: int) -> Iterator[list[int]]:
    for run in range(runs):
        yield leiden_run(graph, seed + run)
    with seeded_igraph(seed + runs):
        yield graph.community_multilevel().membership


def _renumber_by_size(membership: Sequence[int]) -> list[int]:
    counts: dict[int, int] = {}
    first: dict[int, int] = {}
    for vertex, community in enumerate(membership):
        counts[community] = counts.get(community, 0) + 1
        first.setdefault(community, vertex)
    order = sorted(counts, key=lambda community: (-counts[community], first[community]))
    number = {community: rank for rank, community in enumerate(order)}
    return [number[community] for community in membership]


def bridges(rg: RegionGraph) -> tuple[list[int], list[int]]:
    """Edge indices of bridges (removing the edge splits a component) and of local bridges.

    A local bridge is the docs/domain.md bridge: a tie whose two ends share no neighbour, so no
    third party connects them effectively (Granovetter 1973). Every bridge is a local bridge.
    """
    cut = sorted(rg.graph.bridges()) if rg.graph.ecount() else []
    neighbours = rg.neighbours
    local = [index for index, (a, b) in enumerate(rg.edge_pairs) if neighbours[a].isdisjoint(neighbours[b])]
    return cut, local


def tie_shares(ties: Iterable[Tie], strengths: Mapping[int, float | None], cutoff: float) -> dict[str, object]:
    """Shares of strong/weak, face-to-face, low-threshold and per coordination mode, over coded ties.

    Each coded tie counts once (parallel ties of one pair count separately). Strong/weak shares
    are over the rated ties only; the other shares are over all ties of the layer.
    """
    counted = [tie for tie in ties if tie.source != tie.target]
    classes = [strength_class(strengths.get(tie.id), cutoff) for tie in counted]
    rated = sum(1 for cls in classes if cls is not None)
    total = len(counted)
    mode_counts = {mode: sum(1 for tie in counted if mode in tie.modes) for mode in sorted(COORDINATION_MODES)}
    return {
        "rated_ties": rated,
        "unrated_ties": total - rated,
        "strong_tie_share": share(classes.count(STRONG), rated),
        "weak_tie_share": share(classes.count(WEAK), rated),
        "face_to_face_share": share(sum(1 for tie in counted if tie.channel == FACE_TO_FACE), total),
        "low_threshold_share": share(sum(1 for tie in counted if tie.setting in LOW_THRESHOLD_SETTINGS), total),
        "mode_counts": mode_counts,
        "mode_shares": {mode: share(count, total) for mode, count in mode_counts.items()},
        "mode_mix": mode_mix(counted),
    }


# The exclusive categories of ``mode_mix``: each tie falls in exactly one, so they add up to all ties.
MODE_MIX = ("cooperation_only", "competition_only", "rivalry_only", "conflict_only", "several_modes", "no_mode")


def mode_mix(ties: Iterable[Tie]) -> dict[str, int]:
    """Ties by their coordination modes, each tie once: one mode only, several modes, or none.

    ``mode_counts`` counts a tie under every mode it carries, so its shares can pass 100 %; a
    chart that stacks shares needs categories that exclude each other.
    """
    mix = dict.fromkeys(MODE_MIX, 0)
    for tie in ties:
        modes = set(tie.modes) & set(COORDINATION_MODES)
        key = "no_mode" if not modes else "several_modes" if len(modes) > 1 else f"{modes.pop()}_only"
        mix[key] += 1
    return mix
