"""The edges of one tie layer of a region, as the network files carry them (no Django here).

The analysis computes every figure on the layer's simple undirected graph: one edge per pair of
actors with any tie of the layer, whatever the ties' number or direction (coding.analysis.graph,
docs/domain.md). The files carry that same graph, so a tool's default betweenness, constraint or
path lengths on it give our figures. Direction survives as edge attributes: ``mutual`` (arcs both
ways) and ``arc_from`` (the node the pair's ties point away from, when they all run one way), from
which the arc set of the brokerage roles is rebuilt. ``strength`` is the pair's highest tie
strength, under a name no tool reads as a distance. Self-ties are left out, as in the analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from coding.analysis.derive import ties_of_layer
from coding.analysis.graph import RegionGraph, build_region_graph
from coding.analysis.inputs import ActorNode, Tie
from coding.analysis.thresholds import AnalysisSettings
from coding.exchange.records import AttributeValue, EdgeRecord


def node_id(actor_id: int) -> str:
    return f"a{actor_id}"


def layer_edges(
    actors: Sequence[ActorNode], ties: Sequence[Tie], settings: AnalysisSettings, *, layer: str, wave_id: int | None
) -> list[EdgeRecord]:
    """The layer's edges, chosen exactly as ``coding.analysis.derive.derive_level`` chooses them."""
    return list(iter_layer_edges(actors, ties, settings, layer=layer, wave_id=wave_id))


def iter_layer_edges(
    actors: Sequence[ActorNode], ties: Sequence[Tie], settings: AnalysisSettings, *, layer: str, wave_id: int | None
) -> Iterator[EdgeRecord]:
    """``layer_edges`` one at a time: a file being written holds the graph, not every edge record."""
    chosen, strengths = ties_of_layer(actors, ties, settings, layer=layer, wave_id=wave_id)
    rg = build_region_graph(actors, chosen, strengths)
    by_id = {tie.id: tie for tie in chosen}
    for pair in rg.edge_pairs:
        yield _edge(rg, pair, [by_id[tie_id] for tie_id in rg.pair_ties[pair]], strengths)


def _edge(rg: RegionGraph, pair: tuple[int, int], ties: list[Tie], strengths: Mapping[int, float | None]) -> EdgeRecord:
    a, b = pair
    source, target = node_id(rg.actor_ids[a]), node_id(rg.actor_ids[b])
    forward, backward = b in rg.out_neighbours[a], a in rg.out_neighbours[b]
    rated = [strength for tie in ties if (strength := strengths.get(tie.id)) is not None]
    attributes: dict[str, AttributeValue] = {
        "strength": max(rated) if rated else None,
        "mutual": forward and backward,
        "arc_from": None if forward and backward else (source if forward else target),
        "tie_ids": ";".join(str(tie_id) for tie_id in sorted(tie.id for tie in ties)),
        "modes": _joined(mode for tie in ties for mode in tie.modes),
        "channel": _joined(tie.channel for tie in ties) or None,
        "setting": _joined(tie.setting for tie in ties) or None,
        "trust_basis": _joined(tie.trust_basis for tie in ties) or None,
    }
    return EdgeRecord(f"{source}-{target}", source, target, attributes)


def _joined(values: Iterable[str]) -> str:
    """The distinct non-empty values, sorted and joined by ";" (the pair's ties may differ)."""
    return ";".join(sorted({value for value in values if value}))
