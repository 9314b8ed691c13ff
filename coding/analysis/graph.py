"""The network of one region and layer, as set adjacency and igraph graphs.

Conventions (stated once, used by every metric):
- Vertices are all actors of the region, ordered by actor id; a layer removes ties, never actors.
- A directed tie a→b gives the arc a→b; a mutual tie gives both arcs a→b and b→a. Directed
  measures (in/out degree, Gould–Fernandez brokerage) use this simple arc set.
- Undirected measures (density, components, betweenness, closeness, eigenvector, clustering,
  constraint, bridges, communities) use the undirected projection: actors a and b are adjacent
  when any tie joins them, in either direction.
- Several ties between one pair (e.g. one cooperation, one rivalry tie) collapse into one arc /
  edge for structure; each tie is still counted on its own for shares of modes, channels and
  settings, and for co-opetition. A collapsed edge keeps all its tie ids.
- Metrics are unweighted (as the reference values in docs/domain.md); an edge's ``weight`` is the
  highest strength among its ties, for display and layouts only.
- A tie of an actor with itself carries no structure and is left out of the graph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import igraph as ig

from coding.analysis.inputs import ActorNode, Tie

Pair = tuple[int, int]


@dataclass
class RegionGraph:
    """Simple graphs of a region's layer; vertex ``i`` is actor ``actor_ids[i]``."""

    actors: list[ActorNode]
    actor_ids: list[int]
    index: dict[int, int]
    ties: list[Tie]
    # Unordered vertex pair (i < j) -> ids of the ties joining the two actors.
    pair_ties: dict[Pair, list[int]]
    # Undirected edge index (in ``graph``) -> its vertex pair.
    edge_pairs: list[Pair]
    neighbours: list[set[int]]
    out_neighbours: list[set[int]]
    in_neighbours: list[set[int]]
    graph: ig.Graph
    self_loop_tie_ids: list[int]

    @property
    def n(self) -> int:
        return len(self.actor_ids)

    def pair_tie_ids(self, i: int, j: int) -> list[int]:
        return self.pair_ties[(i, j) if i < j else (j, i)]


def build_region_graph(
    actors: Sequence[ActorNode], ties: Sequence[Tie], strengths: Mapping[int, float | None]
) -> RegionGraph:
    """Collapse ``ties`` between ``actors`` into simple arc sets and an undirected igraph graph."""
    ordered = sorted(actors, key=lambda actor: actor.id)
    index = {actor.id: position for position, actor in enumerate(ordered)}
    if len(index) != len(ordered):
        raise ValueError("Actor ids must be unique.")
    n = len(ordered)
    out_neighbours: list[set[int]] = [set() for _ in range(n)]
    in_neighbours: list[set[int]] = [set() for _ in range(n)]
    pair_ties: dict[Pair, list[int]] = {}
    self_loops: list[int] = []
    for tie in ties:
        try:
            source, target = index[tie.source], index[tie.target]
        except KeyError:
            source, target = _endpoints(tie, index)  # raises the error naming the actor
        if source == target:
            self_loops.append(tie.id)
            continue
        out_neighbours[source].add(target)
        in_neighbours[target].add(source)
        if not tie.directed:
            out_neighbours[target].add(source)
            in_neighbours[source].add(target)
        pair_ties.setdefault((source, target) if source < target else (target, source), []).append(tie.id)
    neighbours = [out_neighbours[i] | in_neighbours[i] for i in range(n)]
    edge_pairs = list(pair_ties)
    graph = _undirected_graph(ordered, edge_pairs, pair_ties, strengths)
    return RegionGraph(
        actors=ordered,
        actor_ids=[actor.id for actor in ordered],
        index=index,
        ties=list(ties),
        pair_ties=pair_ties,
        edge_pairs=edge_pairs,
        neighbours=neighbours,
        out_neighbours=out_neighbours,
        in_neighbours=in_neighbours,
        graph=graph,
        self_loop_tie_ids=self_loops,
    )


def _endpoints(tie: Tie, index: Mapping[int, int]) -> Pair:
    try:
        return index[tie.source], index[tie.target]
    except KeyError as missing:
        raise ValueError(f"Tie {tie.id} refers to actor {missing.args[0]}, which is not in the region.") from None


def _undirected_graph(
    actors: Sequence[ActorNode],
    edge_pairs: Sequence[Pair],
    pair_ties: Mapping[Pair, list[int]],
    strengths: Mapping[int, float | None],
) -> ig.Graph:
    graph = ig.Graph(n=len(actors), edges=list(edge_pairs), directed=False)
    graph.vs["actor_id"] = [actor.id for actor in actors]
    graph.vs["name"] = [actor.name for actor in actors]
    graph.vs["kind"] = [actor.kind for actor in actors]
    graph.es["tie_ids"] = [pair_ties[pair] for pair in edge_pairs]
    graph.es["weight"] = [_max_strength(pair_ties[pair], strengths) for pair in edge_pairs]
    return graph


def _max_strength(tie_ids: list[int], strengths: Mapping[int, float | None]) -> float | None:
    rated = [strength for strength in map(strengths.get, tie_ids) if strength is not None]
    return max(rated) if rated else None
