"""Concepts of the source article derived from what is coded (issue 19; docs/classifications/concepts.md).

Each is a description, not a label: counts and shares with the ties and actors behind them.

- **Weak and strong ties combined** (the article's conclusion: clusters open options "in denen
  die Vorteile sowohl schwacher als auch starker Bindungen … miteinander kombiniert werden
  können"): per actor, its weak and strong contacts, and the region's share of actors with rated
  contacts who have both.
- **How trust is built** (Beckert 2002, as the article reads him: trust in weak ties bridging
  holes differs from trust in strong bands): the trust bases of the coded ties cross-tabulated
  against the contact's position (bridge, local bridge, embedded in a triangle) and its strength.
- **Regional versus global actors**: Gould & Fernandez's roles over the inside / external split —
  regional gatekeepers (an inside actor passing what comes from outside to other inside actors)
  and representatives (passing what comes from inside to outside actors).
- **Action chances over hierarchy levels** (the article, §3.4: whether "die Handlungschancen
  unterschiedlicher Akteursgruppen … gleich … verteilt sind"): per hierarchy level of persons,
  their number, mean degree and betweenness, and how many broker.

A contact is a pair of actors with at least one coded tie (the collapsed edge); its strength is
the highest strength among its rated ties, as on the network picture (``graph.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from coding.analysis.graph import RegionGraph
from coding.analysis.inputs import INSIDE, ORGANISATION
from coding.analysis.message import N_
from coding.analysis.metrics import share
from coding.analysis.partitions import brokerage_roles
from coding.analysis.strength import STRONG, WEAK, strength_class

NOT_CODED = "not_coded"
UNRATED = "unrated"
BRIDGE, LOCAL_BRIDGE, EMBEDDED = "bridge", "local_bridge", "embedded"
POSITIONS = (BRIDGE, LOCAL_BRIDGE, EMBEDDED)
STRENGTHS = (STRONG, WEAK, UNRATED)
LOCATION_GROUPS = ("inside", "external")
# How pages head the positions, strengths and "not coded" (translated where shown).
CONCEPT_WORDS = {
    BRIDGE: N_("bridge"),
    LOCAL_BRIDGE: N_("local bridge"),
    EMBEDDED: N_("embedded"),
    STRONG: N_("strong"),
    WEAK: N_("weak"),
    UNRATED: N_("unrated"),
    NOT_CODED: N_("not coded"),
}


def contact_classes(rg: RegionGraph, cutoff: float) -> list[str]:
    """ "strong", "weak" or "unrated" of every collapsed edge, by its highest rated strength."""
    weights = rg.graph.es["weight"] if rg.graph.ecount() else []
    return [strength_class(weight, cutoff) or UNRATED for weight in weights]


def weak_and_strong(rg: RegionGraph, classes: Sequence[str]) -> dict[str, Any]:
    """Per actor its weak and strong contacts; who combines both; the region's share of them."""
    weak, strong = [0] * rg.n, [0] * rg.n
    for (a, b), kind in zip(rg.edge_pairs, classes, strict=True):
        counts = strong if kind == STRONG else weak if kind == WEAK else None
        if counts is not None:
            counts[a] += 1
            counts[b] += 1
    rated = [i for i in range(rg.n) if weak[i] + strong[i]]
    combining = [i for i in rated if weak[i] and strong[i]]
    return {
        "weak_contacts": weak,
        "strong_contacts": strong,
        "summary": {
            "actors_with_rated_contacts": len(rated),
            "combining_actors": len(combining),
            "combining_share": share(len(combining), len(rated)),
            "only_strong_actors": sum(1 for i in rated if not weak[i]),
            "only_weak_actors": sum(1 for i in rated if not strong[i]),
            "combining_actor_ids": [rg.actor_ids[i] for i in combining],
        },
    }


def trust_by_position(
    rg: RegionGraph, classes: Sequence[str], cut_edges: Sequence[int], local_edges: Sequence[int]
) -> dict[str, Any]:
    """Contacts per trust basis × position and × strength.

    A contact counts once under each trust basis among its ties (a pair coded several times may
    rest on several bases), so a row's counts may add up to more than the number of contacts; a
    contact whose ties have no trust basis counts under "not_coded". Every bridge is also a local
    bridge; "local_bridge" here means a local bridge that is not a bridge.
    """
    cut, local = set(cut_edges), set(local_edges)
    basis_of = {tie.id: tie.trust_basis or NOT_CODED for tie in rg.ties}
    table: dict[str, dict[str, int]] = {}
    for edge, pair in enumerate(rg.edge_pairs):
        position = BRIDGE if edge in cut else LOCAL_BRIDGE if edge in local else EMBEDDED
        for basis in sorted({basis_of[tie_id] for tie_id in rg.pair_ties[pair]}):
            row = table.setdefault(basis, dict.fromkeys((*POSITIONS, *STRENGTHS), 0))
            row[position] += 1
            row[classes[edge]] += 1
    return {"contacts": len(rg.edge_pairs), "rows": dict(sorted(table.items()))}


def location_brokerage(rg: RegionGraph, locations: Sequence[str]) -> dict[str, Any]:
    """Gould–Fernandez roles over inside / external: regional gatekeepers and representatives.

    With two groups only coordinator, gatekeeper, representative and itinerant can occur
    (a liaison needs three). An inside actor's gatekeeper count is how often it stands between an
    external actor and an inside one (outside → it → inside); its representative count, between an
    inside actor and an external one. An external actor between two inside actors is itinerant.
    """
    roles = brokerage_roles(rg, locations)
    gatekeepers = _ranked(rg, roles, locations, "gatekeeper")
    representatives = _ranked(rg, roles, locations, "representative")
    external_itinerants = [
        {"id": rg.actor_ids[i], "count": roles[i]["itinerant"]}
        for i in sorted(range(rg.n), key=lambda i: (-roles[i]["itinerant"], rg.actor_ids[i]))
        if locations[i] != INSIDE and roles[i]["itinerant"]
    ]
    return {
        "per_actor": [
            {role: counts[role] for role in ("gatekeeper", "representative", "itinerant")} for counts in roles
        ],
        "summary": {
            "regional_gatekeepers": gatekeepers,
            "regional_representatives": representatives,
            "external_itinerants": external_itinerants,
        },
    }


def _ranked(rg: RegionGraph, roles: Sequence[Mapping[str, int]], locations: Sequence[str], role: str) -> list:
    inside = [i for i in range(rg.n) if locations[i] == INSIDE and roles[i][role]]
    return [
        {"id": rg.actor_ids[i], "count": roles[i][role]}
        for i in sorted(inside, key=lambda i: (-roles[i][role], rg.actor_ids[i]))
    ]


def hierarchy_levels(rg: RegionGraph, per_actor: Mapping[str, Sequence[Any]], brokerage_total: Sequence[int]) -> dict:
    """Persons per hierarchy level: how many, how many interviewed, mean degree and normalised
    betweenness, and how many hold any brokerage role. Persons without a level form "not_coded"."""
    levels: dict[str, list[int]] = {}
    for i, actor in enumerate(rg.actors):
        if actor.kind != ORGANISATION:
            levels.setdefault(actor.hierarchy_level or NOT_CODED, []).append(i)
    rows = {}
    for level, members in sorted(levels.items()):
        betweenness = [value for i in members if (value := per_actor["betweenness_normalised"][i]) is not None]
        rows[level] = {
            "persons": len(members),
            "interviewed": sum(1 for i in members if rg.actors[i].interviewed),
            "mean_degree": sum(per_actor["degree"][i] for i in members) / len(members),
            "mean_betweenness_normalised": sum(betweenness) / len(betweenness) if betweenness else None,
            "brokers": sum(1 for i in members if brokerage_total[i]),
        }
    return rows
