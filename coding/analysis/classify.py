"""Typology classifications of a region layer (DOMAIN.md §2.3–2.4), each as an explanation record.

Every record has the same shape, so pages and comparisons can show any of them:
``{"name", "label", "thresholds", "figures", "tie_ids", "actor_ids", "reason"}`` — the settings
used, the figures that decided, the coded ties (hence codings) and actors that count for it, and
one sentence saying why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from coding.analysis.graph import RegionGraph
from coding.analysis.inputs import (
    FIRM_TYPES,
    LONG_LASTING,
    MEDIA_CHANNELS,
    ORGANISATION,
    PERSON,
    PERSONAL_TRUST_BASES,
    OutcomeInput,
    Tie,
)
from coding.analysis.metrics import share
from coding.analysis.partitions import blau_index, category_shares
from coding.analysis.strength import STRONG, WEAK, strength_class
from coding.analysis.thresholds import AnalysisSettings

COMMUNALITY = "communality"
SOCIALITY = "sociality"
CONNECTIVITY = "connectivity"
GRABHER_TYPES = (COMMUNALITY, SOCIALITY, CONNECTIVITY)


@dataclass
class LayerFacts:
    """What the classifications read: the layer's graph and the metrics already computed."""

    rg: RegionGraph
    ties: list[Tie]  # the layer's ties without self-ties
    strengths: dict[int, float | None]
    groups: list[str]  # actor type per vertex
    constraint: list[float | None]
    local_bridge_edges: list[int]
    membership: list[int]
    transitivity: float | None
    largest_component_share: float | None
    outcomes: list[OutcomeInput]


def explanation(
    name: str,
    label: str,
    thresholds: dict[str, Any],
    figures: dict[str, Any],
    reason: str,
    tie_ids: Iterable[int] = (),
    actor_ids: Iterable[int] = (),
) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "thresholds": thresholds,
        "figures": figures,
        "tie_ids": sorted(tie_ids),
        "actor_ids": sorted(actor_ids),
        "reason": reason,
    }


def _pick(settings: AnalysisSettings, *keys: str) -> dict[str, Any]:
    """The settings ``keys`` as JSON-ready values (tuples become lists, as in ``as_dict``)."""
    values = {key: getattr(settings, key) for key in keys}
    return {key: list(value) if isinstance(value, tuple) else value for key, value in values.items()}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


# --- 2.3 Coordination regime ----------------------------------------------------------------


def coordination_regime(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """Cooperation- or rivalry/competition-dominated, or a tension of both, plus co-opetition pairs.

    Shares are over the ties coded with at least one coordination mode; a tie with both a
    cooperative and a rivalrous mode counts on both sides.
    """
    rival_modes = {"rivalry", "competition"} | ({"conflict"} if settings.regime_conflict_counts_as_rivalry else set())
    coded = [tie for tie in facts.ties if tie.modes]
    cooperative = [tie for tie in coded if "cooperation" in tie.modes]
    rivalrous = [tie for tie in coded if tie.modes & rival_modes]
    coop_share, rival_share = share(len(cooperative), len(coded)), share(len(rivalrous), len(coded))
    pairs = coopetition_pairs(facts.ties, rival_modes)
    label = _regime_label(coop_share, rival_share, settings)
    figures = {
        "mode_coded_ties": len(coded),
        "cooperative_ties": len(cooperative),
        "rivalrous_ties": len(rivalrous),
        "cooperation_share": coop_share,
        "rivalry_share": rival_share,
        "rival_modes": sorted(rival_modes),
        "coopetition_pairs": [{"actors": list(pair), "tie_ids": ids} for pair, ids in pairs.items()],
    }
    reason = (
        f"Of {len(coded)} mode-coded ties {_pct(coop_share)} are cooperative and {_pct(rival_share)} "
        f"{' or '.join(sorted(rival_modes))}, with {len(pairs)} co-opetition pair(s)."
    )
    thresholds = _pick(
        settings, "regime_dominance_share", "regime_tension_min_share", "regime_conflict_counts_as_rivalry"
    )
    actors = {actor for pair in pairs for actor in pair}
    return explanation(
        "coordination_regime", label, thresholds, figures, reason, [tie.id for tie in coded], sorted(actors)
    )


def _regime_label(coop: float | None, rival: float | None, settings: AnalysisSettings) -> str:
    if coop is None or rival is None:
        return "undetermined"
    tension = settings.regime_tension_min_share
    if coop >= tension and rival >= tension:
        return "tension"
    if coop >= settings.regime_dominance_share and rival < tension:
        return "cooperation_dominated"
    if rival >= settings.regime_dominance_share and coop < tension:
        return "rivalry_dominated"
    return "undetermined"


def coopetition_pairs(ties: Sequence[Tie], rival_modes: set[str]) -> dict[tuple[int, int], list[int]]:
    """Actor pairs that both cooperate and rival/compete, in one tie or across several."""
    by_pair: dict[tuple[int, int], list[Tie]] = {}
    for tie in ties:
        if tie.modes:
            by_pair.setdefault(tie.pair, []).append(tie)
    result = {}
    for pair, pair_ties in sorted(by_pair.items()):
        cooperates = any("cooperation" in tie.modes for tie in pair_ties)
        rivals = any(tie.modes & rival_modes for tie in pair_ties)
        if cooperates and rivals:
            result[pair] = sorted(tie.id for tie in pair_ties)
    return result


# --- 2.4 Grabher's sociality types ----------------------------------------------------------


def grabher_type(tie: Tie, strength: float | None, cutoff: float) -> str | None:
    """Grabher's type of one tie, or None when the coding does not decide it.

    communality: strong and long-lasting or including the private sphere;
    connectivity: mostly through media, resting on neither personal trust nor reputation;
    sociality: weak, not long-lasting, met in person (not through media).
    """
    cls = strength_class(strength, cutoff)
    if cls == STRONG and (tie.includes_private_sphere or tie.duration == LONG_LASTING):
        return COMMUNALITY
    if tie.channel in MEDIA_CHANNELS and tie.trust_basis and tie.trust_basis not in PERSONAL_TRUST_BASES:
        return CONNECTIVITY
    if cls == WEAK and tie.duration != LONG_LASTING and tie.channel and tie.channel not in MEDIA_CHANNELS:
        return SOCIALITY
    return None


def grabher_mix(
    name: str, ties: Sequence[Tie], facts: LayerFacts, settings: AnalysisSettings, actor_ids: Sequence[int] = ()
) -> dict[str, Any]:
    """The mix of Grabher types over ``ties``: shares, and which types reach the mix threshold."""
    cutoff = settings.strong_tie_cutoff
    typed = {tie.id: grabher_type(tie, facts.strengths.get(tie.id), cutoff) for tie in ties}
    classified = [kind for kind in typed.values() if kind is not None]
    counts = {kind: classified.count(kind) for kind in GRABHER_TYPES}
    shares = {kind: share(count, len(classified)) for kind, count in counts.items()}
    present = [kind for kind in GRABHER_TYPES if (shares[kind] or 0) >= settings.grabher_mix_min_share and counts[kind]]
    label = "undetermined" if not present else present[0] if len(present) == 1 else "mixture"
    figures = {
        "ties": len(ties),
        "classified_ties": len(classified),
        "counts": counts,
        "shares": shares,
        "types_in_mix": present,
        "tie_types": {str(tie_id): kind for tie_id, kind in typed.items() if kind is not None},
    }
    mix = ", ".join(f"{kind} {_pct(shares[kind])}" for kind in GRABHER_TYPES)
    reason = f"Of {len(ties)} ties {len(classified)} have a Grabher type: {mix}."
    thresholds = _pick(settings, "grabher_mix_min_share", "strong_tie_cutoff")
    tie_ids = [tie_id for tie_id, kind in typed.items() if kind is not None]
    return explanation(name, label, thresholds, figures, reason, tie_ids, actor_ids)


def grabher_mixes(facts: LayerFacts, settings: AnalysisSettings) -> list[dict[str, Any]]:
    """The region's mix and the mix inside every community with at least one internal tie."""
    records = [grabher_mix("grabher_mix", facts.ties, facts, settings)]
    rg, membership = facts.rg, facts.membership
    inside: dict[int, list[Tie]] = {}
    for tie in facts.ties:
        a, b = rg.index[tie.source], rg.index[tie.target]
        if membership[a] == membership[b]:
            inside.setdefault(membership[a], []).append(tie)
    for community, ties in sorted(inside.items()):
        members = [rg.actor_ids[i] for i, number in enumerate(membership) if number == community]
        record = grabher_mix(f"grabher_mix_community_{community}", ties, facts, settings, members)
        record["figures"]["community"] = community
        records.append(record)
    return records


# --- 2.4 Structure: closure, brokerage, fragmented ------------------------------------------


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
    thresholds = _pick(
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
        return "fragmented", f"The largest component holds only {_pct(figures['largest_component_share'])} of actors."
    closure = (figures["mean_constraint"] or 0.0) >= settings.closure_min_mean_constraint and (
        figures["transitivity"] or 0.0
    ) >= settings.closure_min_transitivity
    brokerage = (figures["broker_share"] or 0.0) >= settings.brokerage_min_broker_share
    detail = (
        f"mean constraint {figures['mean_constraint']:.3f}, transitivity {figures['transitivity'] or 0.0:.3f}, "
        f"{figures['brokers']} broker(s) ({_pct(figures['broker_share'])})"
    )
    if closure and brokerage:
        return "closure_and_brokerage", f"Closed bands and brokers across holes: {detail}."
    if closure:
        return "closure", f"High constraint and clustering, few brokers: {detail}."
    if brokerage:
        return "brokerage", f"Structural holes bridged by low-constraint brokers: {detail}."
    return "undetermined", f"Neither closure nor brokerage thresholds are reached: {detail}."


# --- 2.4 Club-like core ---------------------------------------------------------------------


def club_like_core(facts: LayerFacts, settings: AnalysisSettings) -> dict[str, Any]:
    """A dense core of trusted cooperative ties, producing collective goods, closed to outsiders.

    The core is the k-core (k = ``club_min_coreness``) of the graph of cooperative ties with a
    trust basis in ``club_trust_bases``. It is club-like when it is big and dense enough, has few
    external members and at least one outcome was produced by enough of its members.
    """
    rg = facts.rg
    trusted = [tie for tie in facts.ties if "cooperation" in tie.modes and tie.trust_basis in settings.club_trust_bases]
    contacts: dict[int, set[int]] = {}
    for tie in trusted:
        contacts.setdefault(tie.source, set()).add(tie.target)
        contacts.setdefault(tie.target, set()).add(tie.source)
    members = _k_core(contacts, settings.club_min_coreness)
    core_ties = [tie for tie in trusted if tie.source in members and tie.target in members]
    pairs = {tie.pair for tie in core_ties}
    size = len(members)
    density = share(len(pairs), size * (size - 1) // 2)
    external = [actor_id for actor_id in members if rg.actors[rg.index[actor_id]].is_external]
    external_share = share(len(external), size)
    goods = [
        outcome.id
        for outcome in facts.outcomes
        if len(members.intersection(outcome.actor_ids)) >= settings.club_outcome_min_members
    ]
    checks = {
        "enough_members": size >= settings.club_min_members,
        "dense": (density or 0.0) >= settings.club_min_density,
        "closed": external_share is not None and external_share <= settings.club_max_external_share,
        "collective_goods": bool(goods),
    }
    label = "club_like_core" if all(checks.values()) else "no_club_like_core"
    figures = {
        "trusted_cooperative_ties": len(trusted),
        "core_members": size,
        "core_density": density,
        "external_members": len(external),
        "external_share": external_share,
        "collective_good_outcome_ids": goods,
        "checks": checks,
    }
    failed = [name.replace("_", " ") for name, passed in checks.items() if not passed]
    reason = (
        f"A core of {size} actors with density {_pct(density)} and {_pct(external_share)} external members "
        f"produced {len(goods)} collective good(s)"
        + (f"; fails: {', '.join(failed)}." if failed else "; all conditions hold.")
    )
    thresholds = _pick(
        settings,
        "club_min_coreness",
        "club_min_members",
        "club_min_density",
        "club_max_external_share",
        "club_outcome_min_members",
        "club_trust_bases",
    )
    return explanation("club_like_core", label, thresholds, figures, reason, [t.id for t in core_ties], members)


def _k_core(contacts: dict[int, set[int]], k: int) -> set[int]:
    """Vertices of the k-core: repeatedly drop vertices with fewer than ``k`` remaining contacts."""
    degree = {vertex: len(others) for vertex, others in contacts.items()}
    queue = [vertex for vertex, count in degree.items() if count < k]
    removed: set[int] = set(queue)
    while queue:
        vertex = queue.pop()
        for other in contacts[vertex]:
            if other in removed:
                continue
            degree[other] -= 1
            if degree[other] < k:
                removed.add(other)
                queue.append(other)
    return set(contacts) - removed


# --- 2.4 Actor constellation ----------------------------------------------------------------


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
        reason = f"Homogeneous organisations (Blau {blau:.3f}) that are mostly SMEs ({_pct(sme_share)})."
    else:
        label = "heterogeneous_cluster"
        reason = f"Organisation types are mixed (Blau {blau:.3f}, SMEs {_pct(sme_share)})."
    figures = {
        "organisations": len(organisations),
        "blau_organisation_type": blau,
        "sme_share": sme_share,
        "non_firm_share": non_firm_share,
        "type_shares": category_shares(types) if types else {},
    }
    thresholds = _pick(settings, "district_max_blau", "district_min_sme_share", "district_sme_types")
    return explanation(
        "actor_constellation", label, thresholds, figures, reason, (), [actor.id for actor in organisations]
    )


# --- 2.4 Boundary spanners ------------------------------------------------------------------


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
    thresholds = _pick(settings, "boundary_spanner_min_crossing_ties")
    return explanation("boundary_spanners", label, thresholds, figures, reason, sorted(set(tie_ids)), list(spanners))


def classify(facts: LayerFacts, settings: AnalysisSettings) -> list[dict[str, Any]]:
    """All classifications of DOMAIN.md §2.3–2.4 for one layer."""
    return [
        coordination_regime(facts, settings),
        *grabher_mixes(facts, settings),
        structure(facts, settings),
        club_like_core(facts, settings),
        actor_constellation(facts, settings),
        boundary_spanners(facts, settings),
    ]
