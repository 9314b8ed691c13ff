"""Measures over a partition of the actors (docs/domain.md), written by hand because no
maintained Python package has them: Krackhardt & Stern's E-I index, Blau's heterogeneity index and
Gould & Fernandez's (1989) brokerage roles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

from coding.analysis.graph import RegionGraph

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def ei_index(external: int, internal: int) -> float | None:
    """(E − I) / (E + I): −1 all ties inside the groups, +1 all across; None without ties."""
    total = external + internal
    return (external - internal) / total if total else None


def ei_report(rg: RegionGraph, groups: Sequence[Hashable]) -> dict[str, object]:
    """E-I index of the whole layer, per group and per actor, over collapsed undirected edges.

    Tie values and parallel ties are ignored (Krackhardt & Stern 1988): a pair of actors counts
    once. Per group, E counts edges leaving the group and I edges inside it; per actor, E and I
    count the actor's contacts in other groups and in its own group.
    """
    external_edges = [index for index, (a, b) in enumerate(rg.edge_pairs) if groups[a] != groups[b]]
    internal_count = len(rg.edge_pairs) - len(external_edges)
    per_group: dict[Hashable, list[int]] = {group: [0, 0] for group in groups}
    for a, b in rg.edge_pairs:
        if groups[a] == groups[b]:
            per_group[groups[a]][1] += 1
        else:
            per_group[groups[a]][0] += 1
            per_group[groups[b]][0] += 1
    per_actor = []
    for i, contacts in enumerate(rg.neighbours):
        inside = sum(1 for j in contacts if groups[j] == groups[i])
        per_actor.append(ei_index(len(contacts) - inside, inside))
    return {
        "index": ei_index(len(external_edges), internal_count),
        "external_edges": len(external_edges),
        "internal_edges": internal_count,
        "external_edge_indices": external_edges,
        "groups": {
            str(group): {"external": e, "internal": i, "index": ei_index(e, i)}
            for group, (e, i) in sorted(per_group.items(), key=lambda item: str(item[0]))
        },
        "actors": per_actor,
    }


def blau_index(categories: Iterable[Hashable]) -> float | None:
    """Blau's heterogeneity 1 − Σ pᵢ² over the category shares; None for no members."""
    counts = Counter(categories)
    total = sum(counts.values())
    if not total:
        return None
    return 1.0 - sum((count / total) ** 2 for count in counts.values())


def category_shares(categories: Iterable[Hashable]) -> dict[str, float]:
    counts = Counter(categories)
    total = sum(counts.values())
    return {str(category): count / total for category, count in sorted(counts.items(), key=lambda item: str(item[0]))}


def brokerage_roles(rg: RegionGraph, groups: Sequence[Hashable]) -> list[dict[str, int]]:
    """Gould–Fernandez role counts of every vertex over the arc set (docs/domain.md).

    Vertex v brokers the ordered pair (a, b) when a→v→b, a ≠ b and there is no arc a→b. Mutual
    ties are arcs both ways, so an open undirected path counts twice. For a fixed broker v and
    source a the role depends only on whether g(b) is g(v), g(a) or another group, so three set
    intersections per in-arc count every open path without visiting it.
    """
    out, incoming = rg.out_neighbours, rg.in_neighbours
    empty: set[int] = set()
    roles: list[dict[str, int]] = []
    for v in range(rg.n):
        counts = dict.fromkeys(ROLES, 0)
        targets = out[v]
        by_group: dict[Hashable, set[int]] = {}
        for b in targets:
            by_group.setdefault(groups[b], set()).add(b)
        same_as_v = by_group.get(groups[v], empty)
        for a in incoming[v]:
            closed = out[a]  # never holds a itself (no self-ties), so a is taken off by hand
            open_all = len(targets) - len(targets & closed) - (a in targets)
            open_v = len(same_as_v) - len(same_as_v & closed) - (a in same_as_v)
            if groups[a] == groups[v]:
                counts["coordinator"] += open_v
                counts["representative"] += open_all - open_v
                continue
            same_as_a = by_group.get(groups[a], empty)
            open_a = len(same_as_a) - len(same_as_a & closed) - (a in same_as_a)
            counts["itinerant"] += open_a
            counts["gatekeeper"] += open_v
            counts["liaison"] += open_all - open_a - open_v
        roles.append(counts)
    return roles


def brokerage_totals(roles: Sequence[dict[str, int]]) -> dict[str, int]:
    totals = {role: sum(counts[role] for counts in roles) for role in ROLES}
    totals["total"] = sum(totals.values())
    return totals
