"""Time every snapshot the worker derives for one region — each tie layer for all waves and for each
of two waves — with the study's default settings (null model on the all-ties layer, both levels),
next to igraph called directly on the same graphs.

Run: ``.venv/bin/python benchmarks/region_snapshots.py`` (``--actors 300 --ties 1500`` by default).
It prints the total, the slowest snapshots, and igraph's time for the metrics it has on the same
graph of each snapshot, summed: the rest is what our rules, levels and null models add.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.analysis import direct_igraph, random_region
from coding.analysis.derive import derive_region
from coding.analysis.layers import LAYERS, select_ties
from coding.analysis.strength import tie_strengths
from coding.analysis.thresholds import AnalysisSettings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--ties", type=int, default=1500)
    args = parser.parse_args()
    # igraph warns that eigenvector centrality means little on disconnected layers; not our question here.
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    actors, ties, outcomes = random_region(args.actors, args.ties, seed=7)
    ties = [replace(tie, wave_id=1 if tie.id % 2 else 2) for tie in ties]
    settings = AnalysisSettings()
    strengths = tie_strengths(ties, settings)
    ours: dict[tuple[int | None, str], float] = {}
    direct = 0.0
    for wave in (None, 1, 2):
        for layer in LAYERS:
            start = time.perf_counter()
            derive_region(actors, ties, outcomes, settings, layer=layer, wave_id=wave, wave_order=[1, 2])
            ours[(wave, layer)] = time.perf_counter() - start
            chosen = select_ties(ties, layer, strengths, settings.strong_tie_cutoff, wave)
            start = time.perf_counter()
            direct_igraph(actors, chosen)
            direct += time.perf_counter() - start
    total = sum(ours.values())
    print(f"{args.actors} actors, {args.ties} ties, 2 waves: {len(ours)} snapshots")
    print(f"  derive_region, all snapshots: {total:8.2f} s")
    print(f"  igraph direct, same graphs:   {direct:8.2f} s  (ratio {total / direct:.1f})")
    print("  slowest snapshots (wave, layer):")
    for key, seconds in sorted(ours.items(), key=lambda item: -item[1])[:5]:
        print(f"    {key!s:32} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
