"""The single entry point of the analysis core: everything docs/domain.md derives for one region,
one wave (or all) and one tie layer, as a JSON-ready dict.

Result keys: "layer", "wave_id", "settings" (the full settings used), "metrics" (region figures),
"actors" (one dict per actor with every per-actor metric), "ties" (one dict per collapsed edge),
"classifications" (explanation records, see ``classify``), "coverage", "concepts" (the source
article's concepts, ``concepts_report``) and "partitions" (the default partitions' figures, see
``by_partition.default_partitions``), all of the level as coded (persons and organisations as
recorded); "levels" adds the organisation level (``levels``): the same metrics, actors, ties,
classifications and coverage of the network with persons folded into their organisations, and what
the folding did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coding.analysis.by_partition import default_partitions
from coding.analysis.classify import classify
from coding.analysis.concepts_report import derived_concepts
from coding.analysis.coverage import observation_coverage
from coding.analysis.explanation import LayerFacts
from coding.analysis.graph import RegionGraph, build_region_graph
from coding.analysis.holes import structural_holes
from coding.analysis.humus import spin_off_tie_ids
from coding.analysis.inputs import ORGANISATION, ActorNode, OutcomeInput, Tie, actor_types
from coding.analysis.layers import select_ties
from coding.analysis.levels import (
    AS_CODED,
    LEVEL_KEYS,
    ORGANISATION_LEVEL,
    FoldedRegion,
    fold_to_organisations,
    seen_actor_ids,
)
from coding.analysis.metrics import actor_centralities, bridges, communities, graph_metrics, tie_shares
from coding.analysis.partitions import ROLES, blau_index, brokerage_roles, brokerage_totals, category_shares, ei_report
from coding.analysis.strength import tie_strengths
from coding.analysis.structure import null_model_pending
from coding.analysis.thresholds import AnalysisSettings


@dataclass(frozen=True)
class RegionBasis:
    """What every layer and wave of one region reads alike: the tie strengths and the organisation
    level, at both levels. The worker computes it once per region and run (``region_basis``) and
    passes it to each of the region's 33 derivations, which otherwise would each compute it again
    (0.45 s of a 5,000-actor wave layer's 4 s)."""

    strengths: Mapping[int, float | None]
    folded: FoldedRegion
    folded_strengths: Mapping[int, float | None]


def region_basis(
    actors: Sequence[ActorNode], ties: Sequence[Tie], outcomes: Sequence[OutcomeInput], settings: AnalysisSettings
) -> RegionBasis:
    folded = fold_to_organisations(actors, ties, outcomes)
    return RegionBasis(tie_strengths(list(ties), settings), folded, tie_strengths(folded.ties, settings))


def derive_region(
    actors: Sequence[ActorNode],
    ties: Sequence[Tie],
    outcomes: Sequence[OutcomeInput],
    settings: AnalysisSettings,
    *,
    layer: str = "all",
    wave_id: int | None = None,
    wave_order: Sequence[int] = (),
    null_models: bool = True,
    basis: RegionBasis | None = None,
) -> dict:
    """Metrics, per-actor figures, collapsed ties, classifications and coverage of one region layer,
    as coded and (under "levels") at the organisation level.

    ``wave_order`` (wave ids, earliest first) lets the all-waves result follow contacts from one
    wave to the next (``humus``). ``null_models=False`` leaves the structure rule's null model for
    later (its record says "null_model_pending" and ``null_model_pending`` is set): everything else
    is final, in a fraction of the time. ``basis``: the region's ``region_basis``, when the caller
    derives several layers or waves of it.
    """
    basis = basis or region_basis(actors, ties, outcomes, settings)
    result = derive_level(
        actors,
        ties,
        outcomes,
        settings,
        layer=layer,
        wave_id=wave_id,
        wave_order=wave_order,
        null_models=null_models,
        strengths=basis.strengths,
    )
    result["levels"] = _levels(result, actors, basis, settings, layer=layer, wave_id=wave_id, null_models=null_models)
    if null_model_pending(result):
        result["null_model_pending"] = True
    return result


def ties_of_layer(
    actors: Sequence[ActorNode],
    ties: Sequence[Tie],
    settings: AnalysisSettings,
    *,
    layer: str,
    wave_id: int | None,
    strengths: Mapping[int, float | None] | None = None,
) -> tuple[list[Tie], Mapping[int, float | None]]:
    """The ties a layer and wave keep, and every tie's strength (``strengths`` when given): what a
    level's graph is built from (also the network files' edges, ``coding.exchange.network.layer``)."""
    strengths = strengths if strengths is not None else tie_strengths(list(ties), settings)
    spin_offs = spin_off_tie_ids(actors, ties) if layer == "spin_off" else {}
    chosen = select_ties(
        ties,
        layer,
        strengths,
        settings.strong_tie_cutoff,
        wave_id,
        spin_off_tie_ids=[tie_id for tie_ids in spin_offs.values() for tie_id in tie_ids],
    )
    return chosen, strengths


def derive_level(
    actors: Sequence[ActorNode],
    ties: Sequence[Tie],
    outcomes: Sequence[OutcomeInput],
    settings: AnalysisSettings,
    *,
    layer: str = "all",
    wave_id: int | None = None,
    wave_order: Sequence[int] = (),
    region_figures: bool = True,
    null_models: bool = True,
    strengths: Mapping[int, float | None] | None = None,
) -> dict:
    """Everything of one level: its actors are the vertices, as given.

    ``region_figures=False`` leaves out the parts that only the region's own result keeps — the
    concept figures and the default partitions — for the organisation level, whose result keeps
    ``LEVEL_KEYS`` only. ``strengths``: every tie's strength, when the caller has them.
    """
    layer_ties, strengths = ties_of_layer(actors, ties, settings, layer=layer, wave_id=wave_id, strengths=strengths)
    rg = build_region_graph(actors, layer_ties, strengths)
    types_by_id = actor_types(rg.actors)
    groups = [types_by_id[actor_id] for actor_id in rg.actor_ids]
    locations = ["external" if actor.is_external else "inside" for actor in rg.actors]

    per_actor = actor_centralities(rg)
    metrics: dict[str, Any] = graph_metrics(rg, per_actor["clustering"])
    metrics.update(tie_shares(layer_ties, strengths, settings.strong_tie_cutoff))
    holes = structural_holes(rg, per_actor["clustering"])
    per_actor.update(holes)
    membership, modularity, single_run = communities(rg, settings.community_seed)
    cut_edges, local_edges = bridges(rg)
    per_actor["local_bridges"] = _incident_counts(rg, local_edges)
    ei_location, ei_type = ei_report(rg, locations), ei_report(rg, groups)
    roles = brokerage_roles(rg, groups)

    metrics.update(
        {
            "communities": len(set(membership)),
            "community_sizes": _community_sizes(membership),
            "modularity": modularity,
            "bridges": len(cut_edges),
            "local_bridges": len(local_edges),
            "ei_location": _ei_summary(ei_location),
            "ei_actor_type": _ei_summary(ei_type),
            "blau_actor_type": blau_index(groups),
            "blau_organisation_type": blau_index(
                actor.org_type or "organisation" for actor in rg.actors if actor.kind == ORGANISATION
            ),
            "actor_type_shares": category_shares(groups) if groups else {},
            "brokerage": brokerage_totals(roles),
            "mean_constraint": _mean(holes["constraint"]),
        }
    )
    facts = LayerFacts(
        rg=rg,
        ties=[tie for tie in layer_ties if tie.source != tie.target],
        strengths=strengths,
        groups=groups,
        constraint=holes["constraint"],
        local_bridge_edges=local_edges,
        membership=membership,
        single_run_membership=single_run,
        transitivity=metrics["transitivity"],
        largest_component_share=metrics["largest_component_share"],
        outcomes=[outcome for outcome in outcomes if rg.index.keys() & set(outcome.actor_ids)],
        roles=roles,
        seen=seen_actor_ids(rg.actors, ties, wave_id),
        layer=layer,
        null_models=null_models,
    )
    concepts, concept_columns = derived_concepts(
        rg,
        per_actor,
        locations,
        roles,
        (cut_edges, local_edges),
        settings.strong_tie_cutoff,
        ties if wave_id is None else (),
        wave_order,
        with_figures=region_figures,
    )
    per_actor.update(concept_columns)
    result: dict[str, Any] = {
        "layer": layer,
        "wave_id": wave_id,
        "settings": settings.as_dict(),
        "metrics": metrics,
        "actors": _actor_rows(rg, groups, locations, per_actor, membership, roles, ei_location, ei_type),
        "ties": _edge_rows(rg, set(cut_edges), set(local_edges)),
        "classifications": classify(facts, settings),
        "coverage": observation_coverage(rg.actors),
    }
    if region_figures:
        partitions = default_partitions(rg, groups, actor_type_ei=ei_type, actor_type_roles=roles)
        result.update({"concepts": concepts, "partitions": partitions})
    return result


def _levels(
    as_coded: dict[str, Any],
    actors: Sequence[ActorNode],
    basis: RegionBasis,
    settings: AnalysisSettings,
    *,
    layer: str,
    wave_id: int | None,
    null_models: bool,
) -> dict[str, Any]:
    """The organisation level next to a note on the level as coded (whose figures are the top level)."""
    folded = basis.folded
    # No person to fold: the organisation level is the level as coded (and its null model is not
    # run twice).
    organisation = (
        derive_level(
            folded.actors,
            folded.ties,
            folded.outcomes,
            settings,
            layer=layer,
            wave_id=wave_id,
            region_figures=False,
            null_models=null_models,
            strengths=basis.folded_strengths,
        )
        if folded.folded_person_ids
        else as_coded
    )
    layer_tie_ids = {tie_id for row in as_coded["ties"] for tie_id in row["tie_ids"]}
    kinds = [actor.kind for actor in actors]
    return {
        AS_CODED: {
            "vertices": len(kinds),
            "organisations": kinds.count(ORGANISATION),
            "persons": len(kinds) - kinds.count(ORGANISATION),
        },
        ORGANISATION_LEVEL: {
            **{key: organisation[key] for key in LEVEL_KEYS},
            "folding": {
                "vertices": len(folded.actors),
                "folded_person_ids": folded.folded_person_ids,
                "unaffiliated_person_ids": folded.unaffiliated_person_ids,
                "internal_tie_ids": [tie_id for tie_id in folded.internal_tie_ids if tie_id in layer_tie_ids],
            },
        },
    }


def _actor_rows(
    rg: RegionGraph,
    groups: list[str],
    locations: list[str],
    per_actor: dict[str, list],
    membership: list[int],
    roles: list[dict[str, int]],
    ei_location: dict[str, Any],
    ei_type: dict[str, Any],
) -> list[dict[str, Any]]:
    rows = []
    for i, actor in enumerate(rg.actors):
        row: dict[str, Any] = {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "actor_type": groups[i],
            "location": locations[i],
            "hierarchy_level": actor.hierarchy_level,
            "interviewed": actor.interviewed,
            "community": membership[i],
        }
        row.update({metric: values[i] for metric, values in per_actor.items()})
        row["ei_location"] = ei_location["actors"][i]
        row["ei_actor_type"] = ei_type["actors"][i]
        row.update({f"brokerage_{role}": roles[i][role] for role in ROLES})
        row["brokerage_total"] = sum(roles[i].values())
        rows.append(row)
    return rows


def _edge_rows(rg: RegionGraph, cut: set[int], local: set[int]) -> list[dict[str, Any]]:
    """One row per collapsed edge: its actors, coded ties, highest strength and all modes."""
    modes_by_tie = {tie.id: tie.modes for tie in rg.ties}
    weights = rg.graph.es["weight"] if rg.graph.ecount() else []
    actor_ids, pair_ties = rg.actor_ids, rg.pair_ties
    rows = []
    for index, pair in enumerate(rg.edge_pairs):
        tie_ids = pair_ties[pair]
        if len(tie_ids) == 1:  # the common case, without the set union
            modes = sorted(modes_by_tie[tie_ids[0]])
        else:
            tie_ids = sorted(tie_ids)
            modes = sorted(set().union(*(modes_by_tie[tie_id] for tie_id in tie_ids)))
        rows.append(
            {
                "source": actor_ids[pair[0]],
                "target": actor_ids[pair[1]],
                "tie_ids": tie_ids,
                "strength": weights[index],
                "modes": modes,
                "bridge": index in cut,
                "local_bridge": index in local,
            }
        )
    return rows


def _incident_counts(rg: RegionGraph, edges: Sequence[int]) -> list[int]:
    """How many of ``edges`` touch each vertex."""
    counts = [0] * rg.n
    for edge in edges:
        a, b = rg.edge_pairs[edge]
        counts[a] += 1
        counts[b] += 1
    return counts


def _ei_summary(report: dict[str, Any]) -> dict[str, Any]:
    return {key: report[key] for key in ("index", "external_edges", "internal_edges", "groups")}


def _community_sizes(membership: list[int]) -> list[int]:
    sizes = [0] * (max(membership) + 1 if membership else 0)
    for community in membership:
        sizes[community] += 1
    return sizes


def _mean(values: Sequence[float | None]) -> float | None:
    defined = [value for value in values if value is not None]
    return sum(defined) / len(defined) if defined else None
