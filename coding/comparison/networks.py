"""The comparison page's small multiples as compact JSON: what ``static/coding/comparison.js`` draws,
and nothing else. No Django in here.

A small multiple is a few hundred pixels wide: past a few thousand ties it is a grey blot, and
shipping a 50,000-tie region (issue 17) cost megabytes and half a second for nothing. So a network
with more than ``cap`` ties carries its ``cap`` strongest (the selector picks them in the database,
strongest first) and only the actors they join, with the totals for the picture's caption; the
region's analysis page has the whole network.

Shapes, chosen for size (a large study carries tens of thousands of each):

- payload: ``{"types": [actor type, ...], "modes": [mode, ...], "cap": int, "networks": [...]}``;
- network: ``{"key", "nodes", "edges", "actors": total actors, "ties": total ties}``;
- node: ``[actor id, name, index into types, 1 if external else 0]`` then ``x, y`` when the region
  has a stored layout (the same place in every column of the region);
- edge: ``[source node index, target node index, strength (2 decimals), modes bit set]``, bit ``i``
  standing for ``modes[i]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

EXTERNAL = "external"
# Ties per small multiple: above it only the strongest are drawn (see the module's docstring).
TIE_CAP = 2000
STRENGTH_DECIMALS = 2  # the line's width only: 1 + 4 · strength / max


@dataclass(frozen=True)
class StoredNetwork:
    """One column's network as the selector reads it from the stored result, already cut down.

    ``actors``: [id, name, actor type, location] of every actor; ``ties``: [source id, target id,
    strength, modes] of the strongest ``cap`` ties, strongest first; ``tie_total``: all its ties.
    """

    key: str
    region_id: int
    actors: Sequence[Sequence[Any]] = ()
    ties: Sequence[Sequence[Any]] = ()
    tie_total: int = 0


@dataclass
class _Codes:
    """The payload-wide lists that nodes and edges point into, grown as values are met."""

    types: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)

    def type_index(self, actor_type: str) -> int:
        if actor_type not in self.types:
            self.types.append(actor_type)
        return self.types.index(actor_type)

    def mode_bits(self, modes: Sequence[str]) -> int:
        bits = 0
        for mode in modes:
            if mode not in self.modes:
                self.modes.append(mode)
            bits |= 1 << self.modes.index(mode)
        return bits


def network_payload(
    networks: Sequence[StoredNetwork],
    positions: Mapping[int, Mapping[int, tuple[float, float]]],
    *,
    types: Sequence[str] = (),
    cap: int = TIE_CAP,
) -> dict[str, Any]:
    """The JSON of all columns' small multiples. ``types`` fixes the order of the known actor types
    (the legend's); ``positions``: region id -> actor id -> point."""
    codes = _Codes(types=list(types))
    drawn = [_network(network, positions.get(network.region_id, {}), codes, cap) for network in networks]
    return {"types": codes.types, "modes": codes.modes, "cap": cap, "networks": drawn}


def _network(
    network: StoredNetwork, positions: Mapping[int, tuple[float, float]], codes: _Codes, cap: int
) -> dict[str, Any]:
    ties = network.ties[:cap]
    actors = network.actors
    if network.tie_total > len(ties):  # cut: the actors the drawn ties join, nobody left hanging
        joined = {tie[0] for tie in ties} | {tie[1] for tie in ties}
        actors = [actor for actor in actors if actor[0] in joined]
    index = {actor[0]: position for position, actor in enumerate(actors)}
    nodes = [_node(actor, positions, codes) for actor in actors]
    edges = [
        [index[source], index[target], round(strength or 0, STRENGTH_DECIMALS), codes.mode_bits(modes or ())]
        for source, target, strength, modes in ties
        if source in index and target in index
    ]
    return {
        "key": network.key,
        "nodes": nodes,
        "edges": edges,
        "actors": len(network.actors),
        "ties": max(network.tie_total, len(edges)),
    }


def _node(actor: Sequence[Any], positions: Mapping[int, tuple[float, float]], codes: _Codes) -> list[Any]:
    actor_id, name, actor_type, location = actor
    node = [actor_id, name or "", codes.type_index(actor_type or ""), 1 if location == EXTERNAL else 0]
    point = positions.get(actor_id)
    return [*node, *point] if point else node


def is_cut(network: Mapping[str, Any]) -> bool:
    """Whether a built network shows fewer ties than it has (its caption says so)."""
    return int(network["ties"]) > len(network["edges"])
