"""Who the region's actors are (docs/domain.md): district-like or heterogeneous, and boundary spanners."""

from __future__ import annotations

from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, percent, pick
from coding.analysis.inputs import FIRM_TYPES, ORGANISATION, PERSON
from coding.analysis.metrics import share
from coding.analysis.partitions import blau_index, category_shares
from coding.analysis.thresholds import AnalysisSettings


def actor_constellation(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Industrial-district-like (homogeneous SMEs) vs heterogeneous cluster, with the firm bias.

    Judged on the organisations of the region (persons belong to them); the firm bias is the
    share of organisations that are not firms.
    """
    organisations = [actor for actor in facts.rg.actors if actor.kind == ORGANISATION]
    types = [actor.org_type or "organisation" for actor in organisations]
    blau = blau_index(types)
    sme_share = share(sum(1 for kind in types if kind in settings.district_sme_types), len(types))
    non_firm_share = share(sum(1 for kind in types if kind not in FIRM_TYPES), len(types))
    if blau is None or sme_share is None:
        label, reason = "undetermined", "The region has no organisations to judge."
    elif blau <= settings.district_max_blau and sme_share >= settings.district_min_sme_share:
        label = "industrial_district_like"
        reason = f"Homogeneous organisations (Blau {blau:.3f}) that are mostly SMEs ({percent(sme_share)})."
    else:
        label = "heterogeneous_cluster"
        reason = f"Organisation types are mixed (Blau {blau:.3f}, SMEs {percent(sme_share)})."
    figures = {
        "organisations": len(organisations),
        "blau_organisation_type": blau,
        "sme_share": sme_share,
        "non_firm_share": non_firm_share,
        "type_shares": category_shares(types) if types else {},
    }
    thresholds = pick(settings, "district_max_blau", "district_min_sme_share", "district_sme_types")
    return explanation(
        "actor_constellation", label, thresholds, figures, reason, (), [actor.id for actor in organisations]
    )


def boundary_spanners(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Persons whose ties cross actor types or the region boundary (inside vs external)."""
    rg, groups = facts.rg, facts.groups
    external = [actor.is_external for actor in rg.actors]
    spanners: dict[int, int] = {}
    tie_ids: list[int] = []
    for i, actor in enumerate(rg.actors):
        if actor.kind != PERSON:
            continue
        crossing = [j for j in rg.neighbours[i] if groups[j] != groups[i] or external[j] != external[i]]
        crossing_ties = [tie_id for j in crossing for tie_id in rg.pair_tie_ids(i, j)]
        if len(crossing_ties) >= settings.boundary_spanner_min_crossing_ties:
            spanners[actor.id] = len(crossing_ties)
            tie_ids.extend(crossing_ties)
    persons = sum(1 for actor in rg.actors if actor.kind == PERSON)
    label = "boundary_spanners" if spanners else "no_boundary_spanners"
    figures = {
        "persons": persons,
        "boundary_spanners": len(spanners),
        "crossing_ties": {str(actor_id): count for actor_id, count in sorted(spanners.items())},
    }
    reason = f"{len(spanners)} of {persons} person(s) have ties across actor types or the region boundary."
    thresholds = pick(settings, "boundary_spanner_min_crossing_ties")
    return explanation("boundary_spanners", label, thresholds, figures, reason, sorted(set(tie_ids)), list(spanners))
