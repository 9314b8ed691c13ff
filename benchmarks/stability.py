"""Time the stability checks of one layer (500 resamples dropping 10 % of ties) on a region of
300 actors and 1,500 ties, next to igraph's transitivity called directly 500 times for scale.

Run: ``.venv/bin/python benchmarks/stability.py`` (``--runs 100`` for fewer resamples, ``--layer``
for another tie layer). The region is the seeded random one of ``benchmarks/analysis.py``; the
checks are what the worker's follow-up task runs for each all-waves layer (docs/stability.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import igraph as ig

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.analysis import random_region
from coding.analysis.derive import derive_region
from coding.analysis.inputs import Tie
from coding.analysis.stability import classification_stability
from coding.analysis.thresholds import AnalysisSettings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--layer", default="all")
    args = parser.parse_args()
    actors, ties, outcomes = random_region(300, 1_500, seed=1)
    settings = AnalysisSettings(stability_runs=args.runs)

    def derive(chosen: list[Tie] | tuple[Tie, ...]) -> dict:
        return derive_region(actors, list(chosen), outcomes, settings, layer=args.layer)

    started = time.perf_counter()
    derive(ties)
    one = time.perf_counter() - started
    started = time.perf_counter()
    entries = classification_stability(
        derive=derive, actors=actors, ties=ties, settings=settings, layer=args.layer, wave_id=None
    )
    ours = time.perf_counter() - started

    graph = ig.Graph(n=len(actors), edges=[(tie.source, tie.target) for tie in ties]).simplify()
    started = time.perf_counter()
    for _ in range(args.runs):
        graph.transitivity_undirected()
    direct = time.perf_counter() - started
    edges, rng = graph.get_edgelist(), random.Random(1)
    started = time.perf_counter()
    for _ in range(args.runs):
        kept = rng.sample(edges, len(edges) - len(edges) // 10)
        ig.Graph(n=len(actors), edges=kept).transitivity_undirected()
    resampled = time.perf_counter() - started

    print(f"region: 300 actors, 1,500 ties, layer {args.layer!r}; {args.runs} resamples dropping 10 % of ties")
    print(f"  one derivation (derive_region)                    {one * 1000:8.1f} ms")
    print(f"  stability checks of every record (ours)           {ours:8.2f} s")
    print(f"  igraph transitivity, called {args.runs} times            {direct:8.3f} s")
    print(f"  igraph: drop 10 % of edges, build, transitivity   {resampled:8.3f} s")
    for key, entry in entries.items():
        print(f"  {key:28} {entry['label']:24} {entry['sentence']}")


if __name__ == "__main__":
    main()
