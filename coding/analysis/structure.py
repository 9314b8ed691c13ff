"""Burt's closure vs brokerage vs a fragmented network (docs/domain.md)."""

from __future__ import annotations

from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, percent, pick
from coding.analysis.metrics import share
from coding.analysis.thresholds import AnalysisSettings


def structure(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Burt's closure vs brokerage vs fragmented.

    fragmented: the largest component holds less than the set share of actors;
    closure: mean constraint of connected actors and transitivity both reach their minimum;
    brokerage: enough connected actors are brokers (low constraint, at least one local bridge).
    Closure and brokerage can both hold ("closure_and_brokerage").
    """
    rg = facts.rg
    connected = [i for i in range(rg.n) if rg.neighbours[i]]
    constraints = [value for i in connected if (value := facts.constraint[i]) is not None]
    mean_constraint = sum(constraints) / len(constraints) if constraints else None
    bridged = {vertex for edge in facts.local_bridge_edges for vertex in rg.edge_pairs[edge]}
    brokers = [i for i in connected if i in bridged and (facts.constraint[i] or 0.0) <= settings.broker_max_constraint]
    broker_share = share(len(brokers), len(connected))
    figures = {
        "actors": rg.n,
        "connected_actors": len(connected),
        "largest_component_share": facts.largest_component_share,
        "mean_constraint": mean_constraint,
        "transitivity": facts.transitivity,
        "brokers": len(brokers),
        "broker_share": broker_share,
        "local_bridges": len(facts.local_bridge_edges),
    }
    label, reason = _structure_label(figures, settings)
    broker_set = set(brokers)
    tie_ids = [
        tie_id
        for edge in facts.local_bridge_edges
        if broker_set.intersection(rg.edge_pairs[edge])
        for tie_id in rg.pair_ties[rg.edge_pairs[edge]]
    ]
    thresholds = pick(
        settings,
        "structure_min_actors",
        "fragmented_max_largest_component_share",
        "closure_min_mean_constraint",
        "closure_min_transitivity",
        "broker_max_constraint",
        "brokerage_min_broker_share",
    )
    return explanation("structure", label, thresholds, figures, reason, tie_ids, [rg.actor_ids[i] for i in brokers])


def _structure_label(figures: dict[str, Any], settings: AnalysisSettings) -> tuple[str, str]:
    if figures["actors"] < settings.structure_min_actors or not figures["connected_actors"]:
        return (
            "undetermined",
            f"Only {figures['actors']} actor(s) and {figures['connected_actors']} connected: too few.",
        )
    if figures["largest_component_share"] < settings.fragmented_max_largest_component_share:
        largest = percent(figures["largest_component_share"])
        return "fragmented", f"The largest component holds only {largest} of actors."
    closure = (figures["mean_constraint"] or 0.0) >= settings.closure_min_mean_constraint and (
        figures["transitivity"] or 0.0
    ) >= settings.closure_min_transitivity
    brokerage = (figures["broker_share"] or 0.0) >= settings.brokerage_min_broker_share
    detail = (
        f"mean constraint {figures['mean_constraint']:.3f}, transitivity {figures['transitivity'] or 0.0:.3f}, "
        f"{figures['brokers']} broker(s) ({percent(figures['broker_share'])})"
    )
    if closure and brokerage:
        return "closure_and_brokerage", f"Closed bands and brokers across holes: {detail}."
    if closure:
        return "closure", f"High constraint and clustering, few brokers: {detail}."
    if brokerage:
        return "brokerage", f"Structural holes bridged by low-constraint brokers: {detail}."
    return "undetermined", f"Neither closure nor brokerage thresholds are reached: {detail}."
