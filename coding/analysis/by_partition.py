"""Every figure of one partition of a region's actors, for any categorical attribute (docs/domain.md).

The groups come from the caller (an actor's organisation type, location, or one of the study's own
variables): this module only counts. Per partition it reports what UCINET and Gephi users look for:

- Krackhardt & Stern's E-I index for the whole layer, per group and per actor (``partitions``);
- Blau's heterogeneity 1 − Σ pᵢ² over the group shares (``partitions``);
- homophily two ways: Newman's (2003) nominal assortativity of the whole layer, as igraph's
  ``assortativity_nominal`` and networkx's ``attribute_assortativity_coefficient`` compute it (Gephi
  users know it from there; it is igraph's, called here, not rewritten), and Coleman's (1958) index
  per group, as R ``netseg::coleman`` computes it, which no Python package has (written here);
- Gould & Fernandez's brokerage roles per actor, summed per group and for the layer (``partitions``).

Actors without a value of the attribute are not dropped: they stay in the network (dropping them
would cut the paths they broker and change every other figure) and form the group ``NO_VALUE``,
counted like any other group and shown as such, so the reader sees how many there are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from coding.analysis.graph import RegionGraph, build_region_graph
from coding.analysis.inputs import ActorNode, Tie
from coding.analysis.layers import select_ties
from coding.analysis.message import N_
from coding.analysis.partitions import ROLES, blau_index, brokerage_roles, brokerage_totals, ei_report
from coding.analysis.strength import tie_strengths
from coding.analysis.thresholds import AnalysisSettings

# The group of actors without a value of the partition's attribute (a key of the stored groups;
# marked for the catalogue so a page can show it translated).
NO_VALUE = N_("(no value)")


def layer_graph(
    actors: Sequence[ActorNode], ties: Sequence[Tie], settings: AnalysisSettings, layer: str, wave_id: int | None
) -> RegionGraph:
    """The graph of one layer and wave, built as ``derive.derive_region`` builds it."""
    strengths = tie_strengths(list(ties), settings)
    layer_ties = select_ties(ties, layer, strengths, settings.strong_tie_cutoff, wave_id)
    return build_region_graph(actors, layer_ties, strengths)


def coleman_index(rg: RegionGraph, groups: Sequence[Hashable]) -> dict[str, float | None]:
    """Coleman's homophily index per group over the arc set (a mutual tie is an arc each way).

    For group g with n_g of the n actors, sending d_g arcs of which m_gg stay inside, the expected
    inside arcs under random choice are e_g = d_g·(n_g − 1)/(n − 1), and the index is
    (m_gg − e_g)/(d_g − e_g) when m_gg > e_g, else (m_gg − e_g)/e_g: +1 all inside, 0 as by
    chance, −1 none inside (Coleman 1958; netseg::coleman). None when g sends no arc or n < 2.
    """
    sizes = Counter(groups)
    sent: Counter[Hashable] = Counter()
    inside: Counter[Hashable] = Counter()
    for a, targets in enumerate(rg.out_neighbours):
        sent[groups[a]] += len(targets)
        inside[groups[a]] += sum(1 for b in targets if groups[b] == groups[a])
    result: dict[str, float | None] = {}
    for group, size in sizes.items():
        expected = sent[group] * (size - 1) / (rg.n - 1) if rg.n > 1 else 0.0
        excess = inside[group] - expected
        if excess > 0:
            result[str(group)] = excess / (sent[group] - expected)
        elif expected > 0:
            result[str(group)] = excess / expected
        else:  # no arcs, or a group of one: nothing to compare with chance (netseg gives NaN)
            result[str(group)] = None
    return result


def nominal_assortativity(rg: RegionGraph, groups: Sequence[Hashable]) -> float | None:
    """Newman's nominal assortativity of the undirected layer; None without edges or when undefined."""
    if not rg.graph.ecount():
        return None
    codes = {group: code for code, group in enumerate(sorted({str(group) for group in groups}))}
    value = rg.graph.assortativity_nominal([codes[str(group)] for group in groups], directed=False)
    return None if value != value else float(value)  # NaN: every edge's ends in one group, by force


def partition_report(
    rg: RegionGraph,
    groups: Sequence[Hashable],
    order: Sequence[str] = (),
    *,
    ei: Mapping[str, Any] | None = None,
    roles: list[dict[str, int]] | None = None,
) -> dict[str, Any]:
    """E-I, Blau, homophily and brokerage of one partition; groups listed in ``order``, then the rest.

    JSON-ready: ``groups`` is a list of one dict per group (its size, share, E-I with its edge
    counts, Coleman index and brokerage role totals of its members), ``actors`` one dict per actor
    (id, group, E-I, role counts). ``ei`` and ``roles``: the partition's ``ei_report`` and
    ``brokerage_roles``, when the caller has computed them already.
    """
    report: Mapping[str, Any] = ei if ei is not None else ei_report(rg, groups)
    roles = roles if roles is not None else brokerage_roles(rg, groups)
    coleman = coleman_index(rg, groups)
    sizes = Counter(str(group) for group in groups)
    names = [name for name in order if name in sizes]
    names += sorted(name for name in sizes if name not in names and name != NO_VALUE)
    names += [NO_VALUE] if NO_VALUE in sizes and NO_VALUE not in names else []
    per_group_roles: dict[str, dict[str, int]] = {name: dict.fromkeys(ROLES, 0) for name in names}
    for i, counts in enumerate(roles):
        for role in ROLES:
            per_group_roles[str(groups[i])][role] += counts[role]
    return {
        "actors_count": rg.n,
        "no_value": sizes.get(NO_VALUE, 0),
        "ei": {key: report[key] for key in ("index", "external_edges", "internal_edges")},
        "blau": blau_index(str(group) for group in groups),
        "assortativity": nominal_assortativity(rg, groups),
        "brokerage": brokerage_totals(roles),
        "groups": [
            {
                "group": name,
                "size": sizes[name],
                "share": sizes[name] / rg.n,
                "ei": report["groups"][name],
                "coleman": coleman[name],
                "brokerage": {**per_group_roles[name], "total": sum(per_group_roles[name].values())},
            }
            for name in names
        ],
        "actors": [
            {"id": rg.actor_ids[i], "group": str(groups[i]), "ei": report["actors"][i], **roles[i]} for i in range(rg.n)
        ],
    }


def default_partitions(
    rg: RegionGraph,
    actor_types: Sequence[str],
    *,
    actor_type_ei: Mapping[str, Any] | None = None,
    actor_type_roles: list[dict[str, int]] | None = None,
) -> dict[str, dict[str, Any]]:
    """The partitions every snapshot stores: actor type (a person takes the employer's; its E-I and
    roles as the layer's metrics computed them, when given) and location (inside, external and
    quasi-external apart, as the attribute reads; ``ei_location`` of the region metrics puts the
    last two together)."""
    return {
        "actor_type": partition_report(rg, actor_types, ei=actor_type_ei, roles=actor_type_roles),
        "location": partition_report(rg, [actor.location or NO_VALUE for actor in rg.actors]),
    }
