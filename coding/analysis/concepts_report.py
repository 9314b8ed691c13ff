"""The ``concepts`` part of a result: the article's concepts of ``concepts`` and ``humus`` in one record.

Kept apart from ``derive`` so the entry point stays a list of steps; docs/classifications/concepts.md
explains each figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coding.analysis.concepts import (
    contact_classes,
    hierarchy_levels,
    location_brokerage,
    trust_by_position,
    weak_and_strong,
)
from coding.analysis.graph import RegionGraph
from coding.analysis.humus import low_threshold_to_cooperation, spin_off_report
from coding.analysis.inputs import Tie


def derived_concepts(
    rg: RegionGraph,
    per_actor: dict[str, list[Any]],
    locations: Sequence[str],
    roles: Sequence[dict[str, int]],
    bridge_edges: tuple[Sequence[int], Sequence[int]],
    strong_tie_cutoff: float,
    all_ties: Sequence[Tie],
    wave_order: Sequence[int],
    *,
    with_figures: bool = True,
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """(the region's concept figures, new per-actor columns).

    ``all_ties`` are every coded tie of the region (all layers and waves) when the result covers
    all waves, else empty: the step from low-threshold contacts to cooperation is followed across
    waves and reads contacts of any kind, whatever the layer shown. ``with_figures=False`` gives
    the per-actor columns only (empty figures), for a level whose result keeps no concept figures.
    """
    classes = contact_classes(rg, strong_tie_cutoff)
    combination = weak_and_strong(rg, classes)
    location = location_brokerage(rg, locations)
    concepts: dict[str, Any] = {}
    if with_figures:
        brokerage_total = [sum(counts.values()) for counts in roles]
        concepts = {
            "weak_and_strong": combination["summary"],
            "trust_by_position": trust_by_position(rg, classes, *bridge_edges),
            "location_brokerage": location["summary"],
            "hierarchy_levels": hierarchy_levels(rg, per_actor, brokerage_total),
            "spin_offs": spin_off_report(rg.actors, rg.ties),
            "low_threshold_to_cooperation": low_threshold_to_cooperation(all_ties, wave_order) if all_ties else [],
        }
    columns: dict[str, list[Any]] = {
        "weak_contacts": combination["weak_contacts"],
        "strong_contacts": combination["strong_contacts"],
        "combines_weak_and_strong": [
            bool(weak and strong)
            for weak, strong in zip(combination["weak_contacts"], combination["strong_contacts"], strict=True)
        ],
        **{
            f"regional_{role}": [counts[role] for counts in location["per_actor"]]
            for role in ("gatekeeper", "representative")
        },
        "external_itinerant": [counts["itinerant"] for counts in location["per_actor"]],
    }
    return concepts, columns
