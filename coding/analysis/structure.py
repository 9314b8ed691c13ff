"""Structure as Burt's (2005) two-by-two: closure within communities × brokerage between them,
each side tested against degree-preserving random graphs (docs/structure.md).

- *Closure* (Coleman 1988; Burt 2005, ch. 3): the transitivity of the ties *inside* the
  communities (one seeded Leiden run, as in every null draw; §3.6): how often two contacts of an
  actor in its own community are tied.
- *Brokerage* (Burt 1992, 2005): the share of ties *between* communities that are local bridges,
  i.e. non-redundant: no third party links their two ends (Granovetter 1973).

Both statistics are computed the same way on the observed network and on ``structure_null_draws``
degree-preserving random networks (``nullmodel``; communities found again in each, so the
comparison is of the whole procedure, which finds communities even in random graphs: Guimerà,
Sales-Pardo & Amaral 2004). A side holds when its upper-tail p-value is at most
``structure_null_alpha``. The label reads the two-by-two. Before it: "insufficient data" below the
minimum numbers of connected actors and edges, and "fragmented" when the largest component holds
less than the set share of the actors *seen* in the wave (``levels.seen_actor_ids``); "not
tested" on layers outside ``structure_null_layers``, where the null model is not run for time.
Granovetter's test that bridges are weak is reported alongside (``weak_bridges``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import igraph as ig

from coding.analysis.explanation import LayerFacts, explanation, pick
from coding.analysis.levels import ORGANISATION_LEVEL
from coding.analysis.message import Arg, Figure, Joined, Message, message, pmessage
from coding.analysis.metrics import leiden_run, share
from coding.analysis.nullmodel import NullTest, null_samples, upper_tail
from coding.analysis.thresholds import AnalysisSettings
from coding.analysis.weak_bridges import weak_bridge_test
from coding.analysis.wording import (
    ACTOR,
    CONNECTED_PAIR,
    RANDOM_NETWORK,
    TIE,
    at_least,
    counted,
    number,
    of,
    pct,
    yes_no,
)

# The label of the worker's first pass, before the null model ran (``LayerFacts.null_models``).
PENDING = "null_model_pending"

LABELS = {
    (True, True): "closure_and_brokerage",
    (True, False): "closure",
    (False, True): "brokerage",
    (False, False): "neither_closure_nor_brokerage",
}


def structure(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Burt's two-by-two with null-model p-values, or why no label can be given."""
    rg = facts.rg
    figures, observed, between_bridges = _figures(facts, settings)
    label, reason = _gate(figures, facts.layer, settings)
    if (label is None or reason is None) and not facts.null_models:
        label, reason = (
            PENDING,
            message(
                "Being tested against {draws} degree-preserving random networks; the worker adds the "
                "two-by-two in a moment. The figures below are final.",
                draws=number(settings.structure_null_draws),
            ),
        )
    if label is None or reason is None:
        closure, brokerage = _null_tests(rg.graph, observed, settings)
        figures["closure_null"], figures["brokerage_null"] = closure.as_dict(), brokerage.as_dict()
        label, reason = _two_by_two(closure, brokerage, settings.structure_null_alpha, figures)
    brokers = sorted({i for edge in between_bridges for i in rg.edge_pairs[edge]})
    if figures["closure_null"] is not None:
        # Burt's brokers here: the actors at either end of a local bridge between communities.
        reason = message(
            "{reason} Brokers (the ends of those local bridges): {actors}.",
            reason=reason,
            actors=counted(len(brokers), ACTOR),
        )
    tie_ids = [tie_id for edge in between_bridges for tie_id in rg.pair_ties[rg.edge_pairs[edge]]]
    thresholds = pick(
        settings,
        "structure_min_actors",
        "structure_min_edges",
        "fragmented_max_largest_component_share",
        "structure_null_draws",
        "structure_null_alpha",
        "structure_null_seed",
        "structure_null_layers",
        "structure_null_max_edges",
    )
    actor_ids = [rg.actor_ids[i] for i in brokers]
    return explanation("structure", label, thresholds, figures, reason, tie_ids, actor_ids)


def _figures(facts: LayerFacts, settings: AnalysisSettings) -> tuple[dict[str, Any], tuple[float, float], list[int]]:
    """The record's figures, the two observed statistics and the between-community local bridges."""
    rg = facts.rg
    membership = facts.single_run_membership or _one_leiden_run(rg.graph, settings.community_seed)
    connected = [i for i in range(rg.n) if rg.neighbours[i]]
    seen = facts.seen if facts.seen is not None else set(rg.actor_ids)
    largest = max(
        (sum(1 for i in component if rg.actor_ids[i] in seen) for component in rg.graph.connected_components()),
        default=0,
    )
    within, between = _split_edges(rg.edge_pairs, membership)
    local = set(facts.local_bridge_edges)
    between_bridges = [edge for edge in between if edge in local]
    observed = _statistics(rg.graph, membership)
    spanners = [i for i in connected if any(membership[j] != membership[i] for j in rg.neighbours[i])]
    figures: dict[str, Any] = {
        "actors": rg.n,
        "connected_actors": len(connected),
        "edges": len(rg.edge_pairs),
        "seen_actors": len(seen),
        "largest_component_share_seen": share(largest, len(seen)),
        "communities": len(set(membership)),
        "within_community_edges": len(within),
        "within_community_density": _within_density(membership, len(within)),
        "within_community_transitivity": observed[0],
        "between_community_edges": len(between),
        "between_community_local_bridges": len(between_bridges),
        "between_community_local_bridge_share": observed[1] if between else None,
        "spanners": len(spanners),
        "spanner_mean_effective_size": _mean(_effective_sizes(rg.graph, spanners)),
        "spanner_mean_constraint": _mean([facts.constraint[i] for i in spanners]),
        "closure_null": None,
        "brokerage_null": None,
        **weak_bridge_test(rg, facts.ties, facts.strengths, facts.local_bridge_edges, settings.strong_tie_cutoff),
    }
    return figures, observed, between_bridges


def _split_edges(edge_pairs: Sequence[tuple[int, int]], membership: Sequence[int]) -> tuple[list[int], list[int]]:
    within = [index for index, (a, b) in enumerate(edge_pairs) if membership[a] == membership[b]]
    between = [index for index, (a, b) in enumerate(edge_pairs) if membership[a] != membership[b]]
    return within, between


def _statistics(graph: ig.Graph, membership: Sequence[int]) -> tuple[float, float]:
    """(within-community transitivity, share of between-community edges that are local bridges).

    0 where undefined (no connected triple inside communities, no tie between them): the null
    graphs are scored the same way, so "nothing" never beats them.
    """
    edges = graph.get_edgelist()
    within = [index for index, (a, b) in enumerate(edges) if membership[a] == membership[b]]
    closure = 0.0
    if within:
        value = graph.subgraph_edges(within, delete_vertices=False).transitivity_undirected()
        closure = value if value == value else 0.0  # NaN: no connected triple
    between = [(a, b) for a, b in edges if membership[a] != membership[b]]
    if not between:
        return closure, 0.0
    adjacency = [set(contacts) for contacts in graph.get_adjlist()]
    bridges = sum(1 for a, b in between if adjacency[a].isdisjoint(adjacency[b]))
    return closure, bridges / len(between)


def _one_leiden_run(graph: ig.Graph, seed: int) -> list[int]:
    """The observed network's communities found as in every null draw: one Leiden run.

    Not the layer's shown partition (``metrics.communities``, the best of several runs): a better
    optimised partition on the observed side alone would put more triangles inside communities than
    the draws' single runs do, and so bias the test towards closure. Several runs per draw would
    cost the null model about eleven times its time. It is the first of those runs, which
    ``derive_level`` passes on (``LayerFacts.single_run_membership``) instead of running it again.
    """
    if graph.ecount() == 0:
        return list(range(graph.vcount()))
    return leiden_run(graph, seed)


def _null_statistics(graph: ig.Graph) -> tuple[float, float]:
    """Both statistics of one null graph, its communities found again (Leiden, modularity).

    Not reseeded here: the null model's seeded stream drives Leiden too, so reruns agree.
    """
    membership = graph.community_leiden(objective_function="modularity", n_iterations=-1).membership
    return _statistics(graph, membership)


def _null_tests(
    graph: ig.Graph, observed: tuple[float, float], settings: AnalysisSettings
) -> tuple[NullTest, NullTest]:
    samples = null_samples(graph, _null_statistics, settings.structure_null_draws, settings.structure_null_seed)
    closure = upper_tail(observed[0], [sample[0] for sample in samples])
    brokerage = upper_tail(observed[1], [sample[1] for sample in samples])
    return closure, brokerage


def _gate(figures: dict[str, Any], layer: str, settings: AnalysisSettings) -> tuple[str | None, Message | None]:
    """ "insufficient_data", "fragmented" or "not_tested" with the reason; (None, None) for the two-by-two."""
    failed = []
    if figures["connected_actors"] < settings.structure_min_actors:
        failed.append(
            message(
                "{actors} with a tie, below the minimum of {minimum} (structure_min_actors)",
                actors=counted(figures["connected_actors"], ACTOR),
                minimum=number(settings.structure_min_actors),
            )
        )
    if figures["edges"] < settings.structure_min_edges:
        failed.append(
            message(
                "{pairs}, below the minimum of {minimum} (structure_min_edges)",
                pairs=counted(figures["edges"], CONNECTED_PAIR),
                minimum=number(settings.structure_min_edges),
            )
        )
    if failed:
        return "insufficient_data", message(
            "Too small for a network-level label: {failed}.", failed=Joined(tuple(failed), "; ")
        )
    share_seen = figures["largest_component_share_seen"]
    limit = settings.fragmented_max_largest_component_share
    if share_seen is not None and share_seen < limit:
        return "fragmented", message(
            "Rule: fragmented when the largest component holds less than {limit} of the actors seen; it holds "
            "{share} of the {seen} actors seen, {versus}: fragmented.",
            limit=pct(limit),
            share=pct(share_seen),
            seen=figures["seen_actors"],
            versus=at_least(share_seen, limit),
        )
    if layer not in settings.structure_null_layers:
        return "not_tested", _not_tested(settings)
    if figures["edges"] > settings.structure_null_max_edges:
        return "not_tested", message(
            "Not tested against random networks: {edges} connected pairs are more than "
            "structure_null_max_edges = {maximum}; the figures are descriptive.",
            edges=figures["edges"],
            maximum=settings.structure_null_max_edges,
        )
    return None, None


def _not_tested(settings: AnalysisSettings) -> Message:
    layers: Arg = ", ".join(settings.structure_null_layers) or pmessage("layers", "none")
    return message(
        "Not tested against random networks on this layer: the null model runs on the layers in "
        "structure_null_layers ({layers}); the figures are descriptive.",
        layers=layers,
    )


def _two_by_two(closure: NullTest, brokerage: NullTest, alpha: float, figures: dict[str, Any]) -> tuple[str, Message]:
    """The label and the sentence: each side's rule, observed figure, null mean and p against alpha."""
    closed = closure.p_value is not None and closure.p_value <= alpha
    brokered = brokerage.p_value is not None and brokerage.p_value <= alpha
    between = figures["between_community_edges"]
    reason = message(
        "Rule: a side holds when its figure beats {draws} at p at or below {alpha}. Closure: {closed} — "
        "transitivity within communities {observed} against {closure_null}, {closure_p}; brokerage: {brokered} — "
        "{bridges} between communities are local bridges (no third party links their two ends) against "
        "{brokerage_null}, {brokerage_p}.",
        draws=counted(closure.draws, RANDOM_NETWORK),
        alpha=_alpha(alpha),
        closed=yes_no(closed),
        observed=Figure(closure.observed, 3),
        closure_null=_null_text(closure),
        closure_p=_versus(closure.p_value, alpha),
        brokered=yes_no(brokered),
        bridges=of(figures["between_community_local_bridges"], between, TIE),
        brokerage_null=_null_text(brokerage, as_percent=True),
        brokerage_p=_versus(brokerage.p_value, alpha),
    )
    return LABELS[(closed, brokered)], reason


def _alpha(alpha: float) -> Figure:
    return Figure(alpha, 6, trim=True)  # as "{alpha:g}" writes it: 0.05, 0.1


def _versus(p_value: float | None, alpha: float) -> Message:
    """ "p = 0.388, above 0.05" — the comparison that decided a side."""
    if p_value is None:
        return message("p undefined, so not at or below {alpha}", alpha=_alpha(alpha))
    if p_value <= alpha:
        return message("p = {p}, at or below {alpha}", p=Figure(p_value, 3), alpha=_alpha(alpha))
    return message("p = {p}, above {alpha}", p=Figure(p_value, 3), alpha=_alpha(alpha))


def _null_text(test: NullTest, *, as_percent: bool = False) -> Message:
    mean = pct(test.null_mean) if as_percent else Figure(test.null_mean or 0.0, 3)
    return message("a mean of {mean} in the random networks", mean=mean)


def _within_density(membership: Sequence[int], within_edges: int) -> float | None:
    sizes: dict[int, int] = {}
    for community in membership:
        sizes[community] = sizes.get(community, 0) + 1
    return share(within_edges, sum(size * (size - 1) // 2 for size in sizes.values()))


def _effective_sizes(graph: ig.Graph, vertices: Sequence[int]) -> list[float | None]:
    """Borgatti's (1997) effective size k − (k − 1)·C_local of ``vertices`` (as ``holes``)."""
    if not vertices:
        return []
    degrees = graph.degree(vertices)
    clustering = graph.transitivity_local_undirected(vertices, mode="zero")
    return [k - (k - 1) * c for k, c in zip(degrees, clustering, strict=True)]


def _mean(values: Sequence[float | None]) -> float | None:
    defined = [value for value in values if value is not None]
    return sum(defined) / len(defined) if defined else None


def null_model_pending(result: dict[str, Any]) -> bool:
    """Whether a derived result still waits for the structure rule's null model, on either level."""
    levels = result.get("levels") or {}
    records = [*result.get("classifications", []), *(levels.get(ORGANISATION_LEVEL) or {}).get("classifications", [])]
    return any(record.get("name") == "structure" and record.get("label") == PENDING for record in records)
