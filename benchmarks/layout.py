"""Time the stored layout's core next to igraph's layout called directly on the same graph.

Run: ``.venv/bin/python benchmarks/layout.py`` (add ``--repeat 3`` for the best of three).
Columns: ``full_layout`` (a region laid out from scratch: what the first analysis run and a
re-layout do), ``place_new`` (the update of every later analysis run: 1 % of the actors new, tied
to random others), igraph's Fruchterman–Reingold called straight on the same simple graph (the
grid variant above ``FR_MAX_VERTICES``, as the core uses), and DrL for comparison (``--drl``: it
takes over a minute on 5,000 actors, which is why the core does not use it).
Random regions are seeded, so every run times the same graphs.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import igraph as ig

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.analysis import SIZES, best_of
from coding.analysis.layout import FR_MAX_VERTICES, full_layout, place_new


def random_pairs(actor_count: int, tie_count: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [(source, target) for source, target in (rng.sample(range(actor_count), 2) for _ in range(tie_count))]


def direct_igraph(actor_count: int, pairs: list[tuple[int, int]], drl: bool = False) -> None:
    graph = ig.Graph(n=actor_count, edges=pairs).simplify()
    if drl:
        graph.layout_drl()
    else:
        graph.layout_fruchterman_reingold(grid=actor_count > FR_MAX_VERTICES)


def grown(actor_count: int, pairs: list[tuple[int, int]]) -> tuple[list[int], list[tuple[int, int]]]:
    """The same region with 1 % more actors, each tied to two random placed ones."""
    rng = random.Random(actor_count)
    extra = max(1, actor_count // 100)
    new = list(range(actor_count, actor_count + extra))
    ties = [(actor, rng.randrange(actor_count)) for actor in new for _ in range(2)]
    return [*range(actor_count), *new], [*pairs, *ties]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs (default 1)")
    parser.add_argument("--drl", action="store_true", help="also time igraph's DrL (slow on 5,000 actors)")
    args = parser.parse_args()
    print(
        f"{'actors':>7} {'ties':>7} {'full_layout s':>14} {'place_new s':>12} {'igraph FR direct s':>19} "
        f"{'full/direct':>12}" + (f" {'igraph DrL s':>13}" if args.drl else "")
    )
    for actor_count, tie_count in SIZES:
        pairs = random_pairs(actor_count, tie_count, seed=actor_count)
        ours = best_of(args.repeat, lambda: full_layout(range(actor_count), pairs))  # noqa: B023
        stored = full_layout(range(actor_count), pairs)
        actors, more = grown(actor_count, pairs)
        update = best_of(args.repeat, lambda: place_new(actors, more, stored))  # noqa: B023
        theirs = best_of(args.repeat, lambda: direct_igraph(actor_count, pairs))  # noqa: B023
        line = f"{actor_count:>7} {tie_count:>7} {ours:>14.3f} {update:>12.3f} {theirs:>19.3f} {ours / theirs:>12.2f}"
        if args.drl:
            line += f" {best_of(1, lambda: direct_igraph(actor_count, pairs, drl=True)):>13.3f}"  # noqa: B023
        print(line, flush=True)


if __name__ == "__main__":
    main()
