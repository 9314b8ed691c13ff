"""Builders of analysis inputs for the pure core's tests (no database)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from coding.analysis.derive import derive_region
from coding.analysis.inputs import ActorNode, OutcomeInput, Tie
from coding.analysis.thresholds import AnalysisSettings

# Krackhardt's kite (1990) by hand, numbered 0..9 like networkx: 3 is Diane, 7 is Heather.
KITE_EDGES = [
    (0, 1), (0, 2), (0, 3), (0, 5), (1, 3), (1, 4), (1, 6), (2, 3), (2, 5), (3, 4),
    (3, 5), (3, 6), (4, 6), (5, 6), (5, 7), (6, 7), (7, 8), (8, 9),
]  # fmt: skip


def kite_graph() -> nx.Graph:
    return nx.Graph(KITE_EDGES)


def florentine_graph() -> nx.Graph:
    """Padgett's marriage network; networkx ships the 15 connected families (Pucci left out)."""
    return nx.florentine_families_graph()


def org(actor_id: int, org_type: str = "firm_sme", name: str = "", **fields: object) -> ActorNode:
    return ActorNode(id=actor_id, name=name or f"actor {actor_id}", kind="organisation", org_type=org_type, **fields)


def person(actor_id: int, affiliation_id: int | None = None, **fields: object) -> ActorNode:
    return ActorNode(id=actor_id, name=f"person {actor_id}", kind="person", affiliation_id=affiliation_id, **fields)


def region_from_graph(graph: nx.Graph) -> tuple[list[ActorNode], list[Tie], dict[object, int]]:
    """Actors (ids 1..n in sorted node order) and one mutual tie per edge of ``graph``."""
    ids = {node: position + 1 for position, node in enumerate(sorted(graph, key=str))}
    actors = [org(ids[node], name=str(node)) for node in ids]
    ties = [Tie(id=k + 1, source=ids[a], target=ids[b]) for k, (a, b) in enumerate(graph.edges())]
    return actors, ties, ids


def derive(
    actors: Sequence[ActorNode],
    ties: Sequence[Tie],
    outcomes: Iterable[OutcomeInput] = (),
    settings: AnalysisSettings | None = None,
    **options: object,
) -> dict:
    return derive_region(actors, ties, list(outcomes), settings or AnalysisSettings(), **options)  # type: ignore[arg-type]


def by_id(result: dict) -> dict[int, dict]:
    return {row["id"]: row for row in result["actors"]}
