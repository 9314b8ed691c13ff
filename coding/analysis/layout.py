"""Positions of a region's actors for the network pictures, kept stable across waves, layers and runs.

Why this module exists: igraph does the layout (Fruchterman–Reingold from a seeded random start;
above ``FR_MAX_VERTICES`` actors igraph's grid variant, which repels only nearby vertices: exact
repulsion grows with the square of the actors, and DrL took 84 s on 5,000 actors / 50,000 ties
against 2 s for the grid, see ``benchmarks/layout.py``); all we add is stability. A picture of one wave next to another
is only readable when every actor stays where it was, so:

- one layout per region, computed from the union of all its ties (every wave, every layer;
  several ties between a pair count once, direction ignored), isolates included;
- positions normalised into a fixed box (0..``BOX`` on both axes, aspect kept, centred) and
  rounded to ``DECIMALS``, so they can be stored and sent as they are;
- ``place_new``: actors added since the stored layout are placed near their placed neighbours
  (their mean, nudged so that two newcomers do not fall on one point); actors with no placed
  neighbour are laid out by igraph among themselves in the emptiest part of the box. Stored
  actors never move; only a re-layout (``full_layout``) moves them.

Deterministic: the same actors, ties and seed give the same positions (igraph's random numbers
come from the seed, and the input is sorted first).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import igraph as ig

from coding.analysis.metrics import seeded_igraph

Point = tuple[float, float]
Positions = dict[int, Point]

BOX = 1000.0
DECIMALS = 1
# Above this many actors FR's exact repulsion (all pairs, every iteration) is too slow: grid variant.
FR_MAX_VERTICES = 1000
# How far a newcomer is put from the mean of its neighbours, and the angle between newcomers.
NUDGE = 15.0
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# The box is cut into GRID × GRID cells to find the emptiest one for unattached newcomers.
GRID = 10


def full_layout(actor_ids: Iterable[int], pairs: Iterable[tuple[int, int]], *, seed: int = 0) -> Positions:
    """Positions of every actor from scratch: igraph's layout of the union graph, fitted into the box."""
    ids = sorted(set(actor_ids))
    if not ids:
        return {}
    raw = _igraph_layout(ids, _edges(ids, pairs), seed)
    return _fit(ids, raw, (0.0, 0.0, BOX, BOX))


def place_new(
    actor_ids: Iterable[int], pairs: Iterable[tuple[int, int]], stored: Mapping[int, Sequence[float]], *, seed: int = 0
) -> Positions:
    """Stored positions of the current actors, kept as they are, plus positions for the new ones.

    Actors no longer in the region are dropped. With nothing stored this is ``full_layout``.
    """
    ids = sorted(set(actor_ids))
    kept: Positions = {actor: (float(stored[actor][0]), float(stored[actor][1])) for actor in ids if actor in stored}
    if not kept:
        return full_layout(ids, pairs, seed=seed)
    new = [actor for actor in ids if actor not in kept]
    if not new:
        return kept
    neighbours = _neighbours(ids, pairs)
    placed = dict(kept)
    _attach(new, neighbours, placed)
    _lay_out_unattached([actor for actor in new if actor not in placed], neighbours, placed, seed)
    return placed


def _edges(ids: Sequence[int], pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Vertex-index pairs (i < j) of the distinct undirected ties between ``ids``; self-ties dropped."""
    index = {actor: i for i, actor in enumerate(ids)}
    edges = {
        (min(index[a], index[b]), max(index[a], index[b])) for a, b in pairs if a in index and b in index and a != b
    }
    return sorted(edges)


def _neighbours(ids: Sequence[int], pairs: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for i, j in _edges(ids, pairs):
        found[ids[i]].add(ids[j])
        found[ids[j]].add(ids[i])
    return {actor: sorted(others) for actor, others in found.items()}


def _igraph_layout(ids: Sequence[int], edges: list[tuple[int, int]], seed: int) -> list[Point]:
    graph = ig.Graph(n=len(ids), edges=edges)
    rng = random.Random(seed)
    # igraph's own random start spans sqrt(n); its cooling schedule is tuned to that scale.
    half = math.sqrt(len(ids)) / 2
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in ids]
    with seeded_igraph(seed):
        layout = graph.layout_fruchterman_reingold(seed=start, grid=len(ids) > FR_MAX_VERTICES)
    return [(float(x), float(y)) for x, y in layout.coords]


def _fit(ids: Sequence[int], raw: Sequence[Point], box: tuple[float, float, float, float]) -> Positions:
    """``raw`` scaled into ``box`` (left, top, right, bottom) with its aspect kept, centred, rounded."""
    left, top, right, bottom = box
    xs, ys = [x for x, _ in raw], [y for _, y in raw]
    low_x, low_y = min(xs), min(ys)
    width, height = max(xs) - low_x, max(ys) - low_y
    scale = min(right - left, bottom - top) / max(width, height) if max(width, height) > 0 else 0.0
    # Centre the drawing: half the unused width/height on each side.
    offset_x = left + ((right - left) - width * scale) / 2
    offset_y = top + ((bottom - top) - height * scale) / 2
    return {
        actor: _round((offset_x + (x - low_x) * scale, offset_y + (y - low_y) * scale))
        for actor, (x, y) in zip(ids, raw, strict=True)
    }


def _round(point: Point) -> Point:
    x, y = point
    return (round(min(max(x, 0.0), BOX), DECIMALS), round(min(max(y, 0.0), BOX), DECIMALS))


def _attach(new: Sequence[int], neighbours: Mapping[int, Sequence[int]], placed: Positions) -> None:
    """Place each newcomer with a placed neighbour at its neighbours' mean, nudged; repeat while any
    newcomer gains a placed neighbour (a chain of newcomers hanging off the stored network)."""
    waiting = list(new)
    count = 0
    while waiting:
        progress = []
        for actor in waiting:
            around = [placed[other] for other in neighbours.get(actor, ()) if other in placed]
            if not around:
                continue
            angle = GOLDEN_ANGLE * count
            mean_x = sum(x for x, _ in around) / len(around)
            mean_y = sum(y for _, y in around) / len(around)
            placed[actor] = _round((mean_x + NUDGE * math.cos(angle), mean_y + NUDGE * math.sin(angle)))
            progress.append(actor)
            count += 1
        if not progress:
            return
        waiting = [actor for actor in waiting if actor not in placed]


def _lay_out_unattached(
    actors: Sequence[int], neighbours: Mapping[int, Sequence[int]], placed: Positions, seed: int
) -> None:
    """Newcomers without any placed neighbour (new isolates, new separate groups): igraph lays each
    connected group out on its own, in the emptiest cell of the box at that moment."""
    for group in _components(actors, neighbours):
        left, top = _emptiest_cell(placed)
        cell = BOX / GRID
        margin = cell * 0.1
        box = (left + margin, top + margin, left + cell - margin, top + cell - margin)
        edges = _edges(group, ((a, b) for a in group for b in neighbours.get(a, ())))
        placed.update(_fit(group, _igraph_layout(group, edges, seed), box))


def _components(actors: Sequence[int], neighbours: Mapping[int, Sequence[int]]) -> list[list[int]]:
    """Connected groups among ``actors`` (ties to other actors ignored), in order of their lowest id."""
    members = set(actors)
    seen: set[int] = set()
    groups = []
    for start in actors:
        if start in seen:
            continue
        group, frontier = [], [start]
        seen.add(start)
        while frontier:
            actor = frontier.pop()
            group.append(actor)
            for other in neighbours.get(actor, ()):
                if other in members and other not in seen:
                    seen.add(other)
                    frontier.append(other)
        groups.append(sorted(group))
    return groups


def _emptiest_cell(placed: Mapping[int, Point]) -> Point:
    """Top-left corner of the grid cell holding the fewest placed actors (the first such, row by row)."""
    cell = BOX / GRID
    counts = [[0] * GRID for _ in range(GRID)]
    for x, y in placed.values():
        counts[min(int(y // cell), GRID - 1)][min(int(x // cell), GRID - 1)] += 1
    row, column = min(((r, c) for r in range(GRID) for c in range(GRID)), key=lambda rc: counts[rc[0]][rc[1]])
    return (column * cell, row * cell)
