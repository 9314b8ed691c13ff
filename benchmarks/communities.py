"""Time our community search (the best of several seeded Leiden runs and a Louvain run) next to a
single igraph Leiden run on the same graph, and show what the extra runs buy in modularity.

Run: ``.venv/bin/python benchmarks/communities.py`` (add ``--repeat 3`` for the best of three).
Random regions are the seeded ones of ``benchmarks/analysis.py``, so every run times the same graphs.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import igraph as ig

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.analysis import SIZES, best_of, random_region
from coding.analysis.graph import build_region_graph
from coding.analysis.metrics import communities, community_runs


def single_leiden(graph: ig.Graph, seed: int) -> float:
    """One seeded igraph Leiden run, as the analysis did before; its modularity."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        membership = graph.community_leiden(objective_function="modularity", n_iterations=-1).membership
    finally:
        ig.set_random_number_generator(random)
    return float(graph.modularity(membership))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs (default 1)")
    args = parser.parse_args()
    print("Our search: seeded Leiden runs (column 'runs') + one Louvain run, highest modularity wins.")
    print(
        f"{'actors':>7} {'ties':>7} {'runs':>5} {'ours s':>8} {'one Leiden s':>13} {'ratio':>6} "
        f"{'ours Q':>8} {'one Leiden Q':>13}"
    )
    for actor_count, tie_count in SIZES:
        actors, ties, _ = random_region(actor_count, tie_count, seed=actor_count)
        rg = build_region_graph(actors, ties, {})
        ours = best_of(args.repeat, lambda: communities(rg, seed=42))  # noqa: B023
        theirs = best_of(args.repeat, lambda: single_leiden(rg.graph, seed=42))  # noqa: B023
        our_modularity = communities(rg, seed=42).modularity
        runs = community_runs(sum(1 for degree in rg.graph.degree() if degree), rg.graph.ecount())
        print(
            f"{actor_count:>7} {tie_count:>7} {runs:>5} {ours:>8.3f} "
            f"{theirs:>13.3f} {ours / theirs:>6.1f} "
            f"{our_modularity or 0.0:>8.4f} {single_leiden(rg.graph, seed=42):>13.4f}"
        )


if __name__ == "__main__":
    main()
