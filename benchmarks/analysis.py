"""Time our full ``derive_region`` next to igraph called directly for the metrics igraph has.

Run: ``.venv/bin/python benchmarks/analysis.py`` (add ``--repeat 3`` for the best of three).
Columns: the full derivation (every metric, brokerage, E-I, classifications, coverage), the part of
our core that computes what igraph has (graph building, centralities, clustering, constraint and
the other hole measures, components, communities, bridges), and igraph called directly.
Random regions are seeded, so every run times the same graphs. Targets: ≤ 0.3 s for
300 actors / 1,500 ties and ≤ 10 s for 5,000 / 50,000, within 1.5× of direct igraph.
The derivation is timed without the structure rule's null model (``structure_null_layers`` empty),
which runs on the all-ties layer only and takes seconds: ``benchmarks/null_model.py`` times it.
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

from coding.analysis.derive import derive_region
from coding.analysis.graph import build_region_graph
from coding.analysis.holes import structural_holes
from coding.analysis.inputs import ActorNode, OutcomeInput, Tie, TieRatings
from coding.analysis.metrics import actor_centralities, bridges, communities, graph_metrics
from coding.analysis.thresholds import AnalysisSettings

SIZES = ((300, 1_500), (5_000, 50_000))
ORG_TYPES = ("firm_startup", "firm_sme", "firm_large", "university", "research_institute", "intermediary", "politics")
MODES = ("cooperation", "rivalry", "competition", "conflict")
CHANNELS = ("face_to_face", "phone", "email", "video", "mixed")
SETTINGS = ("workplace", "cafe", "event", "formal_meeting", "training_network")
TRUST = ("", "commitment", "competence", "integrity", "institutional", "none")


def random_region(actor_count: int, tie_count: int, seed: int) -> tuple[list[ActorNode], list[Tie], list[OutcomeInput]]:
    """Organisations and persons with random attributes, ties between random distinct actors."""
    rng = random.Random(seed)
    organisations = actor_count // 3
    actors = [
        ActorNode(id=i, name=f"org {i}", kind="organisation", org_type=rng.choice(ORG_TYPES),
                  location=rng.choice(("inside",) * 8 + ("external", "quasi_external")), interviewed=rng.random() < 0.2)
        if i < organisations
        else ActorNode(id=i, name=f"person {i}", kind="person", affiliation_id=rng.randrange(organisations),
                       hierarchy_level=rng.choice(("executive", "manager", "specialist", "employee", "apprentice")),
                       interviewed=rng.random() < 0.1)
        for i in range(actor_count)
    ]  # fmt: skip
    ties = []
    for tie_id in range(tie_count):
        source, target = rng.sample(range(actor_count), 2)
        ties.append(
            Tie(id=tie_id, source=source, target=target, directed=rng.random() < 0.3,
                modes=frozenset(rng.sample(MODES, rng.randint(0, 2))),
                ratings=TieRatings(*(rng.randint(0, 4) for _ in range(4))),
                channel=rng.choice(CHANNELS), setting=rng.choice(SETTINGS), trust_basis=rng.choice(TRUST),
                duration=rng.choice(("fleeting", "medium", "long_lasting")), includes_private_sphere=rng.random() < 0.1)
        )  # fmt: skip
    outcomes = [OutcomeInput(id=k, actor_ids=tuple(rng.sample(range(actor_count), 4))) for k in range(20)]
    return actors, ties, outcomes


def direct_igraph(actors: list[ActorNode], ties: list[Tie]) -> None:
    """The metrics igraph has, on the same simple undirected graph, called straight."""
    graph = ig.Graph(n=len(actors), edges=[(tie.source, tie.target) for tie in ties]).simplify()
    graph.degree()
    graph.betweenness()
    graph.closeness()
    graph.eigenvector_centrality()
    graph.transitivity_undirected()
    graph.transitivity_local_undirected()
    graph.constraint()
    graph.connected_components()
    graph.bridges()
    membership = graph.community_leiden(objective_function="modularity", n_iterations=-1).membership
    graph.modularity(membership)


def core_igraph_part(actors: list[ActorNode], ties: list[Tie]) -> None:
    """The same metrics through our core: graph building, centralities, holes, communities, bridges."""
    rg = build_region_graph(actors, ties, {})
    clustering = actor_centralities(rg)["clustering"]
    graph_metrics(rg, clustering)
    structural_holes(rg, clustering)
    communities(rg, seed=42)
    bridges(rg)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs (default 1)")
    args = parser.parse_args()
    settings = AnalysisSettings(structure_null_layers=())
    print(
        f"{'actors':>7} {'ties':>7} {'derive_region s':>16} {'core igraph metrics s':>22} "
        f"{'igraph direct s':>16} {'full/direct':>12} {'core/direct':>12}"
    )
    for actor_count, tie_count in SIZES:
        actors, ties, outcomes = random_region(actor_count, tie_count, seed=actor_count)
        ours = best_of(args.repeat, lambda: derive_region(actors, ties, outcomes, settings))  # noqa: B023
        core = best_of(args.repeat, lambda: core_igraph_part(actors, ties))  # noqa: B023
        theirs = best_of(args.repeat, lambda: direct_igraph(actors, ties))  # noqa: B023
        print(
            f"{actor_count:>7} {tie_count:>7} {ours:>16.3f} {core:>22.3f} "
            f"{theirs:>16.3f} {ours / theirs:>12.2f} {core / theirs:>12.2f}"
        )


if __name__ == "__main__":
    main()
