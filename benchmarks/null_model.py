"""Time the structure rule's null model (docs/structure.md) next to igraph called directly.

Run: ``.venv/bin/python benchmarks/null_model.py`` (``--draws 200 500``, ``--actors 300 --ties 1500``).
For a seeded random region of 300 actors (a third organisations, the rest persons affiliated with
them) and 1,500 ties it prints, per number of null graphs:

- the null model as the worker runs it (``null_samples`` with the structure rule's statistics:
  rewiring, Leiden communities and both statistics per graph) on the level as coded and on the
  organisation level;
- the same loop written straight against igraph (copy, ``rewire``, ``community_leiden``,
  transitivity of the within-community subgraph, local bridges between communities);
- ``derive_region`` of the all-ties layer (both levels, null model included) and of a layer the
  null model does not run on, and from them the time of one region's 27 snapshots (all waves
  and two waves × nine layers) with the null model on the all-ties layer only (the default
  ``structure_null_layers``) and, for comparison, on every layer.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import igraph as ig

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.analysis import random_region
from coding.analysis.derive import derive_region
from coding.analysis.graph import build_region_graph
from coding.analysis.layers import LAYERS
from coding.analysis.levels import fold_to_organisations
from coding.analysis.nullmodel import SWAPS_PER_EDGE, null_samples
from coding.analysis.structure import _null_statistics
from coding.analysis.thresholds import AnalysisSettings

WAVE_SELECTIONS = 3  # all waves and two waves, as the demo regions have


def seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def igraph_direct(graph: ig.Graph, draws: int) -> None:
    """The null model's loop with nothing of ours in it."""
    ig.set_random_number_generator(random.Random(42))
    for _ in range(draws):
        null = graph.copy()
        null.rewire(n=SWAPS_PER_EDGE * null.ecount(), allowed_edge_types="simple")
        membership = null.community_leiden(objective_function="modularity", n_iterations=-1).membership
        edges = null.get_edgelist()
        within = [index for index, (a, b) in enumerate(edges) if membership[a] == membership[b]]
        null.subgraph_edges(within, delete_vertices=False).transitivity_undirected()
        adjacency = [set(contacts) for contacts in null.get_adjlist()]
        sum(1 for a, b in edges if membership[a] != membership[b] and adjacency[a].isdisjoint(adjacency[b]))
    ig.set_random_number_generator(random)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--ties", type=int, default=1500)
    parser.add_argument("--draws", type=int, nargs="+", default=[200, 500])
    args = parser.parse_args()
    actors, ties, outcomes = random_region(args.actors, args.ties, seed=args.actors)
    as_coded = build_region_graph(actors, ties, {}).graph
    folded = fold_to_organisations(actors, ties)
    organisation = build_region_graph(folded.actors, folded.ties, {}).graph
    print(f"region: {args.actors} actors, {args.ties} ties")
    print(f"  as coded: {as_coded.vcount()} vertices, {as_coded.ecount()} edges")
    print(f"  organisation level: {organisation.vcount()} vertices, {organisation.ecount()} edges")
    print(f"\n{'draws':>6} {'level':>13} {'null model s':>13} {'igraph direct s':>16} {'ours/direct':>12}")
    for draws in args.draws:
        for name, graph in (("as coded", as_coded), ("organisation", organisation)):
            ours = seconds(lambda: null_samples(graph, _null_statistics, draws, seed=42))  # noqa: B023
            theirs = seconds(lambda: igraph_direct(graph, draws))  # noqa: B023
            print(f"{draws:>6} {name:>13} {ours:>13.2f} {theirs:>16.2f} {ours / theirs:>12.2f}")

    print("\nderive_region (both levels), seconds:")
    for draws in args.draws:
        settings = AnalysisSettings(structure_null_draws=draws)
        tested = seconds(lambda: derive_region(actors, ties, outcomes, settings, layer="all"))  # noqa: B023
        untested = seconds(lambda: derive_region(actors, ties, outcomes, settings, layer="face_to_face"))  # noqa: B023
        per_region = WAVE_SELECTIONS * (tested + (len(LAYERS) - 1) * untested)
        every_layer = WAVE_SELECTIONS * len(LAYERS) * tested
        print(
            f"  {draws} draws: all-ties layer {tested:.2f} s, a layer without the null model {untested:.2f} s; "
            f"27 snapshots ≈ {per_region:.0f} s with the null model on the all-ties layer only, "
            f"≈ {every_layer:.0f} s on every layer (upper bound: other layers have fewer ties)"
        )


if __name__ == "__main__":
    main()
